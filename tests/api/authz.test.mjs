// Who may do what: the route table walk (401 without credentials, 403 for the wrong role),
// CSRF on cookie-authenticated writes, region isolation between region admins.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  req, assertError, authReq, bearerReq, staff, registerCitizen, login, routeTable, fillPath, isWrite,
  uniq, makeEmail, makePhone, makePassword, recordSecret, recordPhone, userOf,
} from './lib.mjs';

const ROUTES = routeTable();
const PROTECTED = ROUTES.filter((r) => r.public === false);
const SCOPES = ['none', 'path_region', 'query_region', 'record'];

/** Request a route as `who` (or anonymously), '{}' JSON on writes; query_region routes get ?region=. */
function hit(route, who, { code = '32.11', csrf } = {}) {
  let p = fillPath(route.path, { code });
  if (route.scope === 'query_region') p += `?region=${code}`;
  const opts = { method: route.method, csrf };
  if (isWrite(route.method) && route.method !== 'DELETE') opts.body = '{}';
  return who ? authReq(who, p, opts) : req(p, {
    method: route.method,
    headers: opts.body ? { 'content-type': 'application/json' } : {},
    body: opts.body,
  });
}

describe('route table', () => {
  test('every route says public, and protected routes say roles and scope', () => {
    for (const r of ROUTES) {
      assert.equal(typeof r.public, 'boolean', `public flag: ${JSON.stringify(r)}`);
      if (r.public) continue;
      assert.ok(Array.isArray(r.roles), `roles array: ${JSON.stringify(r)}`);
      for (const role of r.roles) assert.equal(typeof role, 'string', JSON.stringify(r));
      assert.ok(SCOPES.includes(r.scope), `scope one of ${SCOPES}: ${JSON.stringify(r)}`);
    }
  });

  test('the contract routes are there, public or protected as the contract says', () => {
    const find = (m, p) => ROUTES.find((r) => r.method === m && r.path === p);
    const want = [
      ['POST', '/api/v1/auth/register', true], ['POST', '/api/v1/auth/login', true],
      ['POST', '/api/v1/auth/logout', null], ['GET', '/api/v1/auth/me', null],
      ['GET', '/api/v1/regions/{code}/agencies', true], ['POST', '/api/v1/regions/{code}/agencies', false],
      ['GET', '/api/v1/agencies/{id}', true], ['PATCH', '/api/v1/agencies/{id}', false],
      ['GET', '/api/v1/users', false], ['POST', '/api/v1/users', false],
      ['GET', '/api/v1/users/{id}', false], ['PATCH', '/api/v1/users/{id}', false],
      ['POST', '/api/v1/users/{id}/grants', false], ['DELETE', '/api/v1/users/{id}/grants/{grant_id}', false],
      ['GET', '/api/v1/tokens', false], ['POST', '/api/v1/tokens', false], ['DELETE', '/api/v1/tokens/{id}', false],
      ['GET', '/api/v1/audit', false],
    ];
    const missing = [];
    for (const [m, p, pub] of want) {
      const r = find(m, p);
      if (!r) { missing.push(`${m} ${p}`); continue; }
      if (pub !== null) assert.equal(r.public, pub, `${m} ${p} public should be ${pub}: ${JSON.stringify(r)}`);
    }
    assert.deepEqual(missing, [], `routes missing: ${missing.join(', ')}`);
    for (const [m, p] of [['POST', '/api/v1/regions/{code}/agencies'], ['GET', '/api/v1/users'], ['POST', '/api/v1/users'],
      ['GET', '/api/v1/tokens'], ['POST', '/api/v1/tokens'], ['GET', '/api/v1/audit']]) {
      const r = find(m, p);
      for (const role of ['region_admin', 'platform_admin']) {
        assert.ok(r.roles.includes(role), `${m} ${p} should allow ${role}: ${JSON.stringify(r)}`);
      }
      for (const role of ['citizen', 'front_office']) {
        assert.ok(!r.roles.includes(role), `${m} ${p} should not allow ${role}: ${JSON.stringify(r)}`);
      }
    }
    assert.ok(find('PATCH', '/api/v1/agencies/{id}').roles.includes('agency_admin'), 'PATCH agency allows agency_admin');
  });
});

describe('no credentials -> 401 unauthorized on every protected route', () => {
  assert.ok(PROTECTED.length > 0, 'no protected routes in `satupintu routes`');
  for (const route of PROTECTED) {
    test(`${route.method} ${route.path}`, async () => {
      const r = await hit(route, null);
      assertError(r, 401, 'unauthorized', { what: `${route.method} ${fillPath(route.path)} anonymous` });
    });
  }
});

describe('bad credentials -> 401 on a protected route', () => {
  const p = '/api/v1/users?region=32.11';
  const cases = [
    ['made-up session cookie', { cookie: `sp_session=${'A'.repeat(43)}` }],
    ['made-up bearer token', { authorization: `Bearer sp_${'A'.repeat(43)}` }],
    ['bearer without sp_ prefix', { authorization: `Bearer ${'B'.repeat(46)}` }],
    ['empty bearer', { authorization: 'Bearer ' }],
    ['basic auth', { authorization: `Basic ${Buffer.from('tadmin:x').toString('base64')}` }],
  ];
  for (const [name, headers] of cases) {
    test(name, async () => {
      assertError(await req(p, { headers }), 401, 'unauthorized', { what: name });
    });
  }
});

// Routes a user with `roles` must be refused: the route names roles and none of them is the user's.
const refusedFor = (roles) => PROTECTED.filter((r) => Array.isArray(r.roles) && r.roles.length > 0
  && !r.roles.some((x) => roles.includes(x)));

describe('a citizen -> 403 forbidden on every route that does not name the citizen role', () => {
  let cit;
  before(async () => {
    const c = await registerCitizen();
    cit = await login(c.email, c.password);
  });
  test('a citizen cannot read another user (GET /users/{id} names no roles: self or admin only)', async () => {
    const r = await authReq(cit, '/api/v1/users/1');
    assert.ok([403, 404].includes(r.status), `citizen reads user 1 -> ${r.status} ${r.text}`);
    const me = await authReq(cit, `/api/v1/users/${cit.user.id}`);
    assert.equal(me.status, 200, `a citizen reads himself: ${me.text}`);
  });
  for (const route of refusedFor(['citizen'])) {
    test(`${route.method} ${route.path}`, async () => {
      const r = await hit(route, cit);
      assertError(r, 403, 'forbidden', { what: `${route.method} ${fillPath(route.path)} as citizen` });
    });
  }
});

describe('front office (tfront, 32.11) -> 403 forbidden on admin routes', () => {
  let fo;
  before(async () => { fo = await staff('tfront'); });
  const routes = refusedFor(['front_office']);
  test('there are admin routes front_office may not use', () => {
    assert.ok(routes.some((r) => r.path === '/api/v1/users'), 'GET/POST /api/v1/users refused to front_office');
  });
  for (const route of routes) {
    test(`${route.method} ${route.path}`, async () => {
      const r = await hit(route, fo);
      assertError(r, 403, 'forbidden', { what: `${route.method} ${fillPath(route.path)} as tfront` });
    });
  }
});

describe('region admin of 32.11 -> 403 on every region-scoped route for 18.01', () => {
  let ta;
  before(async () => { ta = await staff('tadmin'); });
  const scoped = PROTECTED.filter((r) => ['path_region', 'query_region'].includes(r.scope) && r.roles?.includes('region_admin'));
  test('there are region-scoped admin routes', () => assert.ok(scoped.length >= 3, JSON.stringify(scoped)));
  for (const route of scoped) {
    for (const code of ['18.01', '32', '18.01.06']) {
      test(`${route.method} ${route.path} with ${code}`, async () => {
        const r = await hit(route, ta, { code });
        assertError(r, 403, 'forbidden', { what: `${route.method} ${route.path} region ${code} as tadmin` });
      });
    }
  }
});

describe('CSRF on cookie-authenticated writes', () => {
  let ta;
  let agency;
  before(async () => { ta = await staff('tadmin'); });

  const agencyBody = () => ({ kind: 'opd', name: `Dinas Uji CSRF ${uniq()}` });
  const listNames = async () => (await req('/api/v1/regions/32.11/agencies')).json.data.map((a) => a.name);

  test('POST without X-CSRF-Token -> 403 csrf_failed, nothing created', async () => {
    const body = agencyBody();
    const r = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body, csrf: null });
    assertError(r, 403, 'csrf_failed', { what: 'POST without csrf' });
    assert.ok(!(await listNames()).includes(body.name), 'agency must not exist');
  });

  test('POST with a wrong token, or another session\'s token -> 403 csrf_failed', async () => {
    const other = await staff('tadmin');
    for (const [name, csrf] of [['wrong', 'x'.repeat(43)], ['other session', other.csrf], ['empty', ' ']]) {
      const body = agencyBody();
      const r = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body, csrf });
      assertError(r, 403, 'csrf_failed', { what: `POST with ${name} csrf` });
      assert.ok(!(await listNames()).includes(body.name), `agency must not exist (${name})`);
    }
  });

  test('POST with the token -> 201', async () => {
    const r = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body: agencyBody() });
    assert.equal(r.status, 201, r.text);
    agency = r.json;
  });

  test('the token from GET /auth/me works as well', async () => {
    const me = await authReq(ta, '/api/v1/auth/me');
    assert.equal(me.status, 200, me.text);
    const r = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body: agencyBody(), csrf: me.json.csrf_token });
    assert.equal(r.status, 201, r.text);
  });

  test('PATCH without -> 403 csrf_failed and unchanged; with -> 200', async () => {
    const p = `/api/v1/agencies/${agency.id}`;
    const bad = await authReq(ta, p, { method: 'PATCH', body: { name: `${agency.name} X`, version: agency.version }, csrf: null });
    assertError(bad, 403, 'csrf_failed', { what: 'PATCH without csrf' });
    const now = (await req(p)).json;
    assert.equal(now.name, agency.name);
    assert.equal(now.version, agency.version);
    const ok = await authReq(ta, p, { method: 'PATCH', body: { name: `${agency.name} X`, version: agency.version } });
    assert.equal(ok.status, 200, ok.text);
    assert.equal(ok.json.version, agency.version + 1);
  });

  test('DELETE without -> 403 csrf_failed and the token still works; with -> 204', async () => {
    const c = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `csrf ${uniq()}`, roles: ['region_admin'], region_code: '32.11' } });
    assert.equal(c.status, 201, c.text);
    recordSecret('api_token', c.json.token);
    const bad = await authReq(ta, `/api/v1/tokens/${c.json.id}`, { method: 'DELETE', csrf: null });
    assertError(bad, 403, 'csrf_failed', { what: 'DELETE without csrf' });
    assert.equal((await bearerReq(c.json.token, '/api/v1/users?region=32.11')).status, 200, 'token not revoked');
    const ok = await authReq(ta, `/api/v1/tokens/${c.json.id}`, { method: 'DELETE' });
    assert.equal(ok.status, 204, ok.text);
  });

  test('GET with the cookie needs no token', async () => {
    const r = await authReq(ta, '/api/v1/users?region=32.11');
    assert.equal(r.status, 200, r.text);
  });
});

describe('region isolation: tadmin (32.11) vs ladmin (18.01)', () => {
  let ta;
  let la;
  let pa;
  let lAgency;
  let lUser;
  let lUser2;
  before(async () => {
    [ta, la, pa] = [await staff('tadmin'), await staff('ladmin'), await staff('padmin')];
    const a = await authReq(la, '/api/v1/regions/18.01/agencies', { method: 'POST', body: { kind: 'opd', name: `Dinas Lampung ${uniq()}` } });
    assert.equal(a.status, 201, `ladmin creates an agency in 18.01: ${a.text}`);
    lAgency = a.json;
    const u = await authReq(la, '/api/v1/users', { method: 'POST', body: officer('18.01') });
    assert.equal(u.status, 201, `ladmin creates a user in 18.01: ${u.text}`);
    lUser = userOf(u.json);
    const u2 = await authReq(la, '/api/v1/users', { method: 'POST', body: officer('18.01') });
    assert.equal(u2.status, 201, `ladmin creates a second user in 18.01: ${u2.text}`);
    lUser2 = userOf(u2.json);
  });

  function officer(region, role = 'front_office') {
    const ph = makePhone();
    const b = { username: `petugas${uniq()}`, name: 'Petugas Uji', password: makePassword(), email: makeEmail('petugas'),
      phone: ph.local, grants: [{ role, region_code: region }] };
    recordSecret('password', b.password); recordSecret('email', b.email); recordPhone(b.phone);
    return b;
  }

  test('agencies: tadmin creates in 32.11 (201), not in 18.01 (403)', async () => {
    const ok = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body: { kind: 'opd', name: `Dinas Sumedang ${uniq()}` } });
    assert.equal(ok.status, 201, ok.text);
    const no = await authReq(ta, '/api/v1/regions/18.01/agencies', { method: 'POST', body: { kind: 'opd', name: `Dinas Curang ${uniq()}` } });
    assertError(no, 403, 'forbidden', { what: 'tadmin creates agency in 18.01' });
  });

  test('agencies: tadmin cannot PATCH ladmin\'s agency of 18.01; it stays unchanged', async () => {
    const p = `/api/v1/agencies/${lAgency.id}`;
    const r = await authReq(ta, p, { method: 'PATCH', body: { name: 'Diambil alih', active: false, version: lAgency.version } });
    assertError(r, 403, 'forbidden', { what: 'tadmin PATCH 18.01 agency' });
    const now = (await req(p)).json;
    assert.equal(now.name, lAgency.name);
    assert.equal(now.active, true);
    assert.equal(now.version, lAgency.version);
  });

  test('users: tadmin lists 32.11 (and 32.11.01 below it) but not 18.01 nor 32 above it', async () => {
    assert.equal((await authReq(ta, '/api/v1/users?region=32.11')).status, 200);
    assert.equal((await authReq(ta, '/api/v1/users?region=32.11.01')).status, 200);
    assertError(await authReq(ta, '/api/v1/users?region=18.01'), 403, 'forbidden', { what: 'tadmin lists users 18.01' });
    assertError(await authReq(ta, '/api/v1/users?region=32'), 403, 'forbidden', { what: 'tadmin lists users 32' });
  });

  test('users: region_admin without ?region -> 422 fields.region', async () => {
    assertError(await authReq(ta, '/api/v1/users'), 422, 'validation_failed', { field: 'region' });
  });

  test('users: tadmin creates in 32.11 (201), not with a grant in 18.01 or in 32 (403)', async () => {
    const ok = await authReq(ta, '/api/v1/users', { method: 'POST', body: officer('32.11') });
    assert.equal(ok.status, 201, ok.text);
    for (const region of ['18.01', '32']) {
      const b = officer(region);
      const r = await authReq(ta, '/api/v1/users', { method: 'POST', body: b });
      assertError(r, 403, 'forbidden', { what: `tadmin creates user with grant in ${region}` });
      const list = await authReq(pa, `/api/v1/users?region=${region}&q=${b.username}`);
      assert.ok(!list.text.includes(b.username), `user ${b.username} must not exist`);
    }
  });

  test('users: tadmin cannot make a platform_admin', async () => {
    const b = officer('32.11');
    b.grants = [{ role: 'platform_admin', region_code: null }];
    const r = await authReq(ta, '/api/v1/users', { method: 'POST', body: b });
    assert.ok([403, 422].includes(r.status), `tadmin creates a platform_admin -> ${r.status} ${r.text}`);
    const b2 = officer('32.11', 'platform_admin');
    const r2 = await authReq(ta, '/api/v1/users', { method: 'POST', body: b2 });
    assert.ok([403, 422].includes(r2.status), `tadmin creates a platform_admin@32.11 -> ${r2.status} ${r2.text}`);
  });

  test('users: tadmin cannot read a user of 18.01 (403/404), nor grant himself 18.01', async () => {
    const r = await authReq(ta, `/api/v1/users/${lUser.id}`);
    assert.ok([403, 404].includes(r.status), `tadmin reads 18.01 user -> ${r.status} ${r.text}`);
    assertError(r, r.status, r.status === 403 ? 'forbidden' : 'not_found');
    assert.ok(!r.text.includes(lUser.username), 'nothing of the user shown');
    const g = await authReq(ta, `/api/v1/users/${ta.user.id}/grants`, { method: 'POST', body: { role: 'region_admin', region_code: '18.01' } });
    assertError(g, 403, 'forbidden', { what: 'tadmin grants himself 18.01' });
  });

  test('users: tadmin cannot PATCH (disable, rename) a user of 18.01', async () => {
    for (const body of [{ disabled: true, version: lUser2.version }, { name: 'Diganti', version: lUser2.version }]) {
      const r = await authReq(ta, `/api/v1/users/${lUser2.id}`, { method: 'PATCH', body });
      assert.ok([403, 404].includes(r.status), `tadmin PATCH ${JSON.stringify(body)} on an 18.01 user -> ${r.status} ${r.text}`);
    }
    const now = await authReq(la, `/api/v1/users/${lUser2.id}`);
    assert.equal(now.status, 200, now.text);
    assert.equal(userOf(now.json).disabled, false);
    assert.equal(userOf(now.json).name, lUser2.name);
  });

  test('users: tadmin cannot attach a 32.11 grant to a user of 18.01 he may not even read (and so take him over)', async () => {
    const g = await authReq(ta, `/api/v1/users/${lUser.id}/grants`, { method: 'POST', body: { role: 'front_office', region_code: '32.11' } });
    assert.ok([403, 404].includes(g.status), `tadmin adds a grant to an 18.01 user -> ${g.status} ${g.text}`);
  });

  test('tokens: tadmin lists and creates in 32.11, not in 18.01', async () => {
    assert.equal((await authReq(ta, '/api/v1/tokens?region=32.11')).status, 200);
    assertError(await authReq(ta, '/api/v1/tokens?region=18.01'), 403, 'forbidden', { what: 'tadmin lists tokens 18.01' });
    const ok = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `t ${uniq()}`, roles: ['front_office'], region_code: '32.11' } });
    assert.equal(ok.status, 201, ok.text);
    recordSecret('api_token', ok.json.token);
    const no = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `t ${uniq()}`, roles: ['front_office'], region_code: '18.01' } });
    assertError(no, 403, 'forbidden', { what: 'tadmin creates token 18.01' });
  });

  test('tokens: tadmin cannot revoke a token of 18.01', async () => {
    const lt = await authReq(la, '/api/v1/tokens', { method: 'POST', body: { name: `l ${uniq()}`, roles: ['front_office'], region_code: '18.01' } });
    assert.equal(lt.status, 201, lt.text);
    recordSecret('api_token', lt.json.token);
    const r = await authReq(ta, `/api/v1/tokens/${lt.json.id}`, { method: 'DELETE' });
    assert.ok([403, 404].includes(r.status), `tadmin revokes 18.01 token -> ${r.status} ${r.text}`);
    const list = await authReq(la, '/api/v1/tokens?region=18.01');
    const t = list.json.data.find((x) => x.id === lt.json.id);
    assert.ok(t, 'token still listed');
    assert.equal(t.revoked_at, null, 'token not revoked');
  });

  test('audit: tadmin reads 32.11, not 18.01', async () => {
    assert.equal((await authReq(ta, '/api/v1/audit?region=32.11')).status, 200);
    assertError(await authReq(ta, '/api/v1/audit?region=18.01'), 403, 'forbidden', { what: 'tadmin reads audit 18.01' });
  });

  test('ladmin is likewise kept out of 32.11', async () => {
    assertError(await authReq(la, '/api/v1/users?region=32.11'), 403, 'forbidden');
    assertError(await authReq(la, '/api/v1/audit?region=32.11'), 403, 'forbidden');
    assertError(await authReq(la, '/api/v1/tokens?region=32.11'), 403, 'forbidden');
    assertError(await authReq(la, '/api/v1/regions/32.11/agencies', { method: 'POST', body: { kind: 'opd', name: `X ${uniq()}` } }), 403, 'forbidden');
  });

  test('padmin can do all of it, in both regions', async () => {
    for (const region of ['32.11', '18.01']) {
      assert.equal((await authReq(pa, `/api/v1/users?region=${region}`)).status, 200, `users ${region}`);
      assert.equal((await authReq(pa, `/api/v1/tokens?region=${region}`)).status, 200, `tokens ${region}`);
      assert.equal((await authReq(pa, `/api/v1/audit?region=${region}`)).status, 200, `audit ${region}`);
      const a = await authReq(pa, `/api/v1/regions/${region}/agencies`, { method: 'POST', body: { kind: 'vertical', name: `Kantor Pusat ${uniq()}` } });
      assert.equal(a.status, 201, a.text);
      const u = await authReq(pa, '/api/v1/users', { method: 'POST', body: officer(region, 'region_admin') });
      assert.equal(u.status, 201, u.text);
      const t = await authReq(pa, '/api/v1/tokens', { method: 'POST', body: { name: `p ${uniq()}`, roles: ['front_office'], region_code: region } });
      assert.equal(t.status, 201, t.text);
      recordSecret('api_token', t.json.token);
    }
    assert.equal((await authReq(pa, '/api/v1/audit')).status, 200, 'platform_admin may omit region');
    const r = await authReq(pa, `/api/v1/agencies/${lAgency.id}`, { method: 'PATCH', body: { short_name: 'DL', version: lAgency.version } });
    assert.equal(r.status, 200, r.text);
    assert.equal((await authReq(pa, `/api/v1/users/${lUser.id}`)).status, 200);
  });

  test('a token bound to 32.11 is refused for 18.01', async () => {
    const t = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `r ${uniq()}`, roles: ['region_admin'], region_code: '32.11' } });
    assert.equal(t.status, 201, t.text);
    recordSecret('api_token', t.json.token);
    assert.equal((await bearerReq(t.json.token, '/api/v1/users?region=32.11')).status, 200);
    assertError(await bearerReq(t.json.token, '/api/v1/users?region=18.01'), 403, 'forbidden', { what: 'token 32.11 on 18.01' });
    assertError(await bearerReq(t.json.token, '/api/v1/regions/18.01/agencies', { method: 'POST', body: { kind: 'opd', name: `Y ${uniq()}` } }),
      403, 'forbidden', { what: 'token 32.11 creates agency in 18.01' });
  });
});
