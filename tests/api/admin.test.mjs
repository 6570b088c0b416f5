// Administration: agencies (with optimistic versions), staff users and their grants, API tokens.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  req, assertError, assertCommonHeaders, authReq, bearerReq, staff, login, tryLogin, uniq, makeEmail, makePhone,
  makePassword, recordSecret, recordPhone, sessionCookie, userOf, RFC3339,
} from './lib.mjs';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_RE = /^sp_[A-Za-z0-9_-]{43}$/;

function assertAgency(a, what) {
  const show = `${what}: ${JSON.stringify(a)}`;
  for (const k of ['id', 'uuid', 'region_code', 'kind', 'name', 'short_name', 'active', 'version', 'created_at']) {
    assert.ok(Object.hasOwn(a, k), `agency.${k} missing: ${show}`);
  }
  assert.match(String(a.uuid), UUID, `agency.uuid: ${show}`);
  assert.ok(['opd', 'vertical', 'bumn', 'other'].includes(a.kind), `agency.kind: ${show}`);
  assert.equal(typeof a.active, 'boolean', `agency.active: ${show}`);
  assert.ok(Number.isInteger(a.version), `agency.version: ${show}`);
  assert.match(String(a.created_at), RFC3339, `agency.created_at: ${show}`);
}

function officerBody(over = {}) {
  const ph = makePhone();
  const b = {
    username: `petugas${uniq()}`, name: 'Petugas Loket Uji', password: makePassword(),
    email: makeEmail('petugas'), phone: ph.local, grants: [{ role: 'front_office', region_code: '32.11' }], ...over,
  };
  for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
  recordSecret('password', b.password);
  recordSecret('email', b.email);
  recordPhone(b.phone);
  return b;
}

describe('agencies', () => {
  let ta;
  let a;
  const name = `Dinas Penanaman Modal Uji ${uniq()}`;
  before(async () => { ta = await staff('tadmin'); });

  test('POST /regions/32.11/agencies -> 201 Agency, version 1, active', async () => {
    const r = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body: { kind: 'opd', name, short_name: 'DPMU' } });
    assert.equal(r.status, 201, r.text);
    assertCommonHeaders(r.headers, 'POST agency');
    a = r.json;
    assertAgency(a, 'created');
    assert.equal(a.region_code, '32.11');
    assert.equal(a.name, name);
    assert.equal(a.short_name, 'DPMU');
    assert.equal(a.kind, 'opd');
    assert.equal(a.active, true);
    assert.equal(a.version, 1);
  });

  test('GET /agencies/{id} is public and equals what was created', async () => {
    const r = await req(`/api/v1/agencies/${a.id}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, a);
  });

  test('GET /regions/32.11/agencies lists it (and the seeded ones); 18.01 does not', async () => {
    const r = await req('/api/v1/regions/32.11/agencies');
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.data));
    assert.ok(r.json.data.some((x) => x.id === a.id), 'new agency listed');
    assert.ok(r.json.data.length >= 2, 'seed-demo agencies listed too');
    for (const x of r.json.data) { assertAgency(x, 'list'); assert.equal(x.region_code, '32.11'); }
    const l = await req('/api/v1/regions/18.01/agencies');
    assert.equal(l.status, 200, l.text);
    assert.ok(!l.json.data.some((x) => x.id === a.id));
  });

  test('unknown id -> 404; malformed id -> 4xx', async () => {
    assertError(await req('/api/v1/agencies/987654321'), 404, 'not_found');
    const r = await req('/api/v1/agencies/abc');
    assert.ok([404, 422].includes(r.status), `GET /agencies/abc -> ${r.status}`);
  });

  test('duplicate name in the region -> 409; the same name in another region is fine', async () => {
    const r = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body: { kind: 'opd', name } });
    assertError(r, 409, 'conflict', { allowFields: true, what: 'duplicate agency name' });
    const la = await staff('ladmin');
    const o = await authReq(la, '/api/v1/regions/18.01/agencies', { method: 'POST', body: { kind: 'opd', name } });
    assert.equal(o.status, 201, o.text);
  });

  test('bad input -> 422 naming the field', async () => {
    const P = '/api/v1/regions/32.11/agencies';
    const cases = [
      [{ kind: 'ministry', name: `X ${uniq()}` }, 'kind'],
      [{ name: `X ${uniq()}` }, 'kind'],
      [{ kind: 'opd' }, 'name'],
      [{ kind: 'opd', name: '' }, 'name'],
      [{ kind: 'opd', name: `X ${uniq()}`, colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const r = await authReq(ta, P, { method: 'POST', body });
      assertError(r, 422, 'validation_failed', { field, what: `POST agency ${JSON.stringify(body)}` });
    }
  });

  test('PATCH with the version -> 200, version + 1', async () => {
    const r = await authReq(ta, `/api/v1/agencies/${a.id}`, { method: 'PATCH', body: { short_name: 'DPMU2', version: 1 } });
    assert.equal(r.status, 200, r.text);
    assertAgency(r.json, 'patched');
    assert.equal(r.json.short_name, 'DPMU2');
    assert.equal(r.json.name, name, 'fields not sent stay');
    assert.equal(r.json.version, 2);
    assert.equal((await req(`/api/v1/agencies/${a.id}`)).json.version, 2);
  });

  test('PATCH with a stale version -> 409 stale_version, nothing lost', async () => {
    const r = await authReq(ta, `/api/v1/agencies/${a.id}`, { method: 'PATCH', body: { short_name: 'LOST', version: 1 } });
    assertError(r, 409, 'stale_version', { what: 'stale PATCH' });
    const now = (await req(`/api/v1/agencies/${a.id}`)).json;
    assert.equal(now.short_name, 'DPMU2');
    assert.equal(now.version, 2);
  });

  test('PATCH without version -> 422 fields.version', async () => {
    const r = await authReq(ta, `/api/v1/agencies/${a.id}`, { method: 'PATCH', body: { short_name: 'NOVER' } });
    assertError(r, 422, 'validation_failed', { field: 'version' });
  });

  test('PATCH an unknown agency -> 404', async () => {
    const r = await authReq(ta, '/api/v1/agencies/987654321', { method: 'PATCH', body: { short_name: 'X', version: 1 } });
    assertError(r, 404, 'not_found');
  });

  test('two concurrent PATCHes with the same version: one wins, the other gets 409', async () => {
    const cur = (await req(`/api/v1/agencies/${a.id}`)).json;
    const rs = await Promise.all(['A', 'B'].map((s) =>
      authReq(ta, `/api/v1/agencies/${a.id}`, { method: 'PATCH', body: { short_name: `R${s}`, version: cur.version } })));
    const st = rs.map((r) => r.status).sort();
    assert.deepEqual(st, [200, 409], `statuses ${st}: ${rs.map((r) => r.text).join(' | ')}`);
    assert.equal((await req(`/api/v1/agencies/${a.id}`)).json.version, cur.version + 1);
  });

  test('deactivate: listed without a filter, not with ?active=true', async () => {
    const cur = (await req(`/api/v1/agencies/${a.id}`)).json;
    const r = await authReq(ta, `/api/v1/agencies/${a.id}`, { method: 'PATCH', body: { active: false, version: cur.version } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.active, false);
    const all = (await req('/api/v1/regions/32.11/agencies')).json.data;
    assert.ok(all.some((x) => x.id === a.id && x.active === false), 'inactive listed');
    const act = await req('/api/v1/regions/32.11/agencies?active=true');
    assert.equal(act.status, 200, act.text);
    assert.ok(!act.json.data.some((x) => x.id === a.id), 'inactive filtered out by ?active=true');
    assert.ok(act.json.data.every((x) => x.active === true));
  });
});

describe('users and grants', () => {
  let ta;
  let body;
  let u;
  before(async () => { ta = await staff('tadmin'); });

  test('POST /users (officer with a grant) -> 201 User', async () => {
    body = officerBody();
    const r = await authReq(ta, '/api/v1/users', { method: 'POST', body });
    assert.equal(r.status, 201, r.text);
    u = userOf(r.json);
    assert.equal(u.kind, 'staff');
    assert.equal(u.username, body.username);
    assert.equal(u.name, body.name);
    assert.equal(u.disabled, false);
    assert.ok(Number.isInteger(u.version));
    assert.equal(u.grants.length, 1);
    const g = u.grants[0];
    assert.ok(g.id !== undefined && g.id !== null, JSON.stringify(g));
    assert.equal(g.role, 'front_office');
    assert.equal(g.region_code, '32.11');
    assert.equal(g.agency_id ?? null, null);
    assert.deepEqual(u.roles, ['front_office']);
    assert.ok(!r.text.includes(body.password), 'password not echoed');
    for (const k of Object.keys(u)) assert.doesNotMatch(k, /pass|hash|_enc|bidx/i, `user carries ${k}`);
  });

  test('the new officer logs in by username and sees himself in full', async () => {
    const s = await login(body.username, body.password);
    assert.equal(s.user.id, u.id);
    assert.equal(s.user.email, body.email);
    assert.equal(s.user.phone, `+62${body.phone.slice(1)}`);
    const me = await authReq(s, `/api/v1/users/${u.id}`);
    assert.equal(me.status, 200, `a user reads himself: ${me.text}`);
  });

  test('username taken -> 409', async () => {
    const r = await authReq(ta, '/api/v1/users', { method: 'POST', body: officerBody({ username: body.username }) });
    assertError(r, 409, 'conflict', { allowFields: true, what: 'username taken' });
  });

  test('bad input -> 422 naming the field', async () => {
    const cases = [
      [officerBody({ grants: [{ role: 'janitor', region_code: '32.11' }] }), 'grants[0].role'],
      [officerBody({ grants: [{ role: 'front_office', region_code: '32.11' }, { role: 'back_office', region_code: '3x' }] }), 'grants[1].region_code'],
      [officerBody({ grants: [] }), 'grants'],
      [officerBody({ grants: Array.from({ length: 11 }, (_, i) => ({ role: 'front_office', region_code: `32.11.${String(i + 1).padStart(2, '0')}` })) }), 'grants'],
      [officerBody({ grants: undefined }), 'grants'],
      [officerBody({ password: 'short' }), 'password'],
      [officerBody({ password: 'password123' }), 'password'],
      [officerBody({ username: undefined }), 'username'],
      [officerBody({ name: undefined }), 'name'],
      [officerBody({ email: 'nope' }), 'email'],
      [officerBody({ phone: '12' }), 'phone'],
      [{ ...officerBody(), admin: true }, 'admin'],
    ];
    for (const [b, field] of cases) {
      const r = await authReq(ta, '/api/v1/users', { method: 'POST', body: b });
      assertError(r, 422, 'validation_failed', { field, what: `POST /users ${field}` });
    }
  });

  test('GET /users?region=32.11 lists him with e-mail and phone masked', async () => {
    const r = await authReq(ta, '/api/v1/users?region=32.11&limit=200');
    assert.equal(r.status, 200, r.text);
    assert.ok(Array.isArray(r.json.data), r.text.slice(0, 200));
    const x = r.json.data.find((y) => y.id === u.id);
    assert.ok(x, 'officer listed');
    assert.notEqual(x.email, body.email, 'e-mail masked in lists');
    assert.match(x.email, /\*/, `masked e-mail: ${x.email}`);
    assert.ok(x.email.startsWith(body.email[0]) && x.email.endsWith('@example.com'), `masked like a***@example.com: ${x.email}`);
    const e164 = `+62${body.phone.slice(1)}`;
    assert.notEqual(x.phone, e164, 'phone masked in lists');
    assert.match(x.phone, /\*/, `masked phone: ${x.phone}`);
    assert.ok(x.phone.endsWith(e164.slice(-4)), `masked like +62812****7890: ${x.phone}`);
    for (const secret of [body.email, e164, body.phone, body.email.split('@')[0]]) {
      assert.ok(!r.text.includes(secret), `the list shows ${secret}`);
    }
    const t = await authReq(ta, '/api/v1/users?region=32.11&q=tadmin');
    assert.ok(t.json.data.some((y) => y.username === 'tadmin'), 'tadmin himself is a user of 32.11');
  });

  test('?role= and ?q= narrow the list', async () => {
    const r = await authReq(ta, `/api/v1/users?region=32.11&role=front_office&q=${encodeURIComponent(body.username)}`);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.data.map((x) => x.id), [u.id]);
    const n = await authReq(ta, `/api/v1/users?region=32.11&role=region_admin&q=${encodeURIComponent(body.username)}`);
    assert.equal(n.status, 200, n.text);
    assert.deepEqual(n.json.data, []);
  });

  test('GET /users/{id} by the admin -> 200; unknown -> 404', async () => {
    const r = await authReq(ta, `/api/v1/users/${u.id}`);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.id, u.id);
    assert.equal(r.json.username, body.username);
    const un = await authReq(ta, '/api/v1/users/987654321');
    assert.ok([403, 404].includes(un.status), `tadmin reads an unknown user -> ${un.status} ${un.text}`);
    const pa = await staff('padmin');
    assertError(await authReq(pa, '/api/v1/users/987654321'), 404, 'not_found', { what: 'padmin reads an unknown user' });
  });

  test('a user cannot read another user (403/404)', async () => {
    const other = officerBody();
    assert.equal((await authReq(ta, '/api/v1/users', { method: 'POST', body: other })).status, 201);
    const s = await login(other.username, other.password);
    const r = await authReq(s, `/api/v1/users/${u.id}`);
    assert.ok([403, 404].includes(r.status), `officer reads another officer -> ${r.status} ${r.text}`);
  });

  test('PATCH /users/{id} name with version -> 200 version+1; stale -> 409', async () => {
    const r = await authReq(ta, `/api/v1/users/${u.id}`, { method: 'PATCH', body: { name: 'Petugas Loket Baru', version: u.version } });
    assert.equal(r.status, 200, r.text);
    assert.equal(userOf(r.json).name, 'Petugas Loket Baru');
    assert.equal(userOf(r.json).version, u.version + 1);
    const stale = await authReq(ta, `/api/v1/users/${u.id}`, { method: 'PATCH', body: { name: 'Hilang', version: u.version } });
    assertError(stale, 409, 'stale_version', { what: 'stale user PATCH' });
    const nov = await authReq(ta, `/api/v1/users/${u.id}`, { method: 'PATCH', body: { name: 'Hilang' } });
    assertError(nov, 422, 'validation_failed', { field: 'version' });
    u = userOf(r.json);
  });

  test('POST /users and PATCH /users/{id} answer the User itself, like GET /users/{id} (contract: "-> 201 User", "-> 200 User")', async () => {
    const b = officerBody();
    const c = await authReq(ta, '/api/v1/users', { method: 'POST', body: b });
    assert.equal(c.status, 201, c.text);
    assert.equal(c.json.username, b.username, `POST /users body should be the User: ${c.text.slice(0, 200)}`);
    const p = await authReq(ta, `/api/v1/users/${userOf(c.json).id}`, { method: 'PATCH', body: { name: 'Nama Baru', version: userOf(c.json).version } });
    assert.equal(p.status, 200, p.text);
    assert.equal(p.json.name, 'Nama Baru', `PATCH /users/{id} body should be the User: ${p.text.slice(0, 200)}`);
    const g = await authReq(ta, `/api/v1/users/${userOf(c.json).id}`);
    assert.deepEqual(Object.keys(g.json).sort(), Object.keys(p.json).sort(), 'GET and PATCH answer the same shape');
  });

  let grant;
  test('POST /users/{id}/grants -> 201 Grant; the user now has two', async () => {
    const r = await authReq(ta, `/api/v1/users/${u.id}/grants`, { method: 'POST', body: { role: 'back_office', region_code: '32.11.01' } });
    assert.equal(r.status, 201, r.text);
    grant = r.json;
    assert.ok(grant.id !== undefined && grant.id !== null, r.text);
    assert.equal(grant.role, 'back_office');
    assert.equal(grant.region_code, '32.11.01');
    const now = (await authReq(ta, `/api/v1/users/${u.id}`)).json;
    assert.equal(now.grants.length, 2, JSON.stringify(now.grants));
    assert.deepEqual([...now.roles].sort(), ['back_office', 'front_office']);
  });

  test('grant with a bad role or outside the admin\'s region is refused', async () => {
    const bad = await authReq(ta, `/api/v1/users/${u.id}/grants`, { method: 'POST', body: { role: 'janitor', region_code: '32.11' } });
    assertError(bad, 422, 'validation_failed', { field: 'role' });
    const out = await authReq(ta, `/api/v1/users/${u.id}/grants`, { method: 'POST', body: { role: 'back_office', region_code: '18.01' } });
    assertError(out, 403, 'forbidden', { what: 'grant in 18.01 by tadmin' });
  });

  test('DELETE /users/{id}/grants/{grant_id} -> 204; the user has one again', async () => {
    const r = await authReq(ta, `/api/v1/users/${u.id}/grants/${grant.id}`, { method: 'DELETE' });
    assert.equal(r.status, 204, r.text);
    const now = (await authReq(ta, `/api/v1/users/${u.id}`)).json;
    assert.deepEqual(now.grants.map((g) => g.role), ['front_office']);
    const again = await authReq(ta, `/api/v1/users/${u.id}/grants/${grant.id}`, { method: 'DELETE' });
    assertError(again, 404, 'not_found', { what: 'delete the grant twice' });
  });

  let open;
  test('a disabled user cannot log in', async () => {
    open = await login(body.username, body.password);
    const cur = (await authReq(ta, `/api/v1/users/${u.id}`)).json;
    const r = await authReq(ta, `/api/v1/users/${u.id}`, { method: 'PATCH', body: { disabled: true, version: cur.version } });
    assert.equal(r.status, 200, r.text);
    assert.equal(userOf(r.json).disabled, true);
    const l = await tryLogin(body.username, body.password);
    assert.ok([401, 403].includes(l.status), `disabled user logs in -> ${l.status} ${l.text}`);
    assert.equal(sessionCookie(l.headers), null, 'no session for a disabled user');
  });

  test('the session he had open before being disabled stops working', async () => {
    assertError(await authReq(open, '/api/v1/auth/me'), 401, 'unauthorized', { what: 'session of a disabled user' });
  });
});

describe('API tokens', () => {
  let ta;
  let adminTok;
  let foTok;
  before(async () => { ta = await staff('tadmin'); });

  test('POST /tokens -> 201 Token with the secret shown once', async () => {
    const r = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `integrasi ${uniq()}`, roles: ['region_admin'], region_code: '32.11' } });
    assert.equal(r.status, 201, r.text);
    adminTok = r.json;
    recordSecret('api_token', adminTok.token);
    assert.match(adminTok.token, TOKEN_RE, `token shape: ${adminTok.token}`);
    for (const k of ['id', 'name', 'roles', 'region_code', 'created_at', 'last_used_at', 'revoked_at']) {
      assert.ok(Object.hasOwn(adminTok, k), `token.${k}: ${r.text}`);
    }
    assert.deepEqual(adminTok.roles, ['region_admin']);
    assert.equal(adminTok.region_code, '32.11');
    assert.equal(adminTok.revoked_at, null);
    assert.match(adminTok.created_at, RFC3339);
    const f = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `loket ${uniq()}`, roles: ['front_office'], region_code: '32.11' } });
    assert.equal(f.status, 201, f.text);
    foTok = f.json;
    recordSecret('api_token', foTok.token);
    assert.notEqual(foTok.token, adminTok.token);
  });

  test('GET /tokens lists them without the secret', async () => {
    const r = await authReq(ta, '/api/v1/tokens?region=32.11');
    assert.equal(r.status, 200, r.text);
    const t = r.json.data.find((x) => x.id === adminTok.id);
    assert.ok(t, 'listed');
    assert.ok(!('token' in t), `no token field in the list: ${JSON.stringify(t)}`);
    assert.ok(!r.text.includes(adminTok.token) && !r.text.includes(adminTok.token.slice(3)), 'secret never listed');
    assert.ok(!r.text.includes(foTok.token.slice(3)), 'secret never listed');
    for (const x of r.json.data) for (const k of Object.keys(x)) assert.doesNotMatch(k, /hash|secret/i, `token carries ${k}`);
  });

  test('the token works as Bearer without CSRF for a route its roles allow', async () => {
    const g = await bearerReq(adminTok.token, '/api/v1/users?region=32.11');
    assert.equal(g.status, 200, g.text);
    const p = await bearerReq(adminTok.token, '/api/v1/regions/32.11/agencies', { method: 'POST', body: { kind: 'other', name: `Lewat Token ${uniq()}` } });
    assert.equal(p.status, 201, `POST with Bearer and no CSRF: ${p.text}`);
    const l = (await authReq(ta, '/api/v1/tokens?region=32.11')).json.data.find((x) => x.id === adminTok.id);
    assert.ok(l.last_used_at !== null, `last_used_at set after use: ${JSON.stringify(l)}`);
    assert.match(l.last_used_at, RFC3339);
  });

  test('a token gets 403 on a route its roles do not allow', async () => {
    assertError(await bearerReq(foTok.token, '/api/v1/users?region=32.11'), 403, 'forbidden', { what: 'front_office token lists users' });
    assertError(await bearerReq(foTok.token, '/api/v1/tokens', { method: 'POST', body: { name: 'x', roles: ['region_admin'], region_code: '32.11' } }),
      403, 'forbidden', { what: 'front_office token mints a token' });
  });

  test('bad token requests -> 422 naming the field; platform_admin tokens only for platform admins', async () => {
    for (const [body, field] of [
      [{ name: 'x', roles: ['janitor'], region_code: '32.11' }, 'roles'],
      [{ name: 'x', roles: [], region_code: '32.11' }, 'roles'],
      [{ roles: ['front_office'], region_code: '32.11' }, 'name'],
      [{ name: 'x', roles: ['front_office'], region_code: 'abc' }, 'region_code'],
    ]) {
      const r = await authReq(ta, '/api/v1/tokens', { method: 'POST', body });
      assert.equal(r.status, 422, `${JSON.stringify(body)} -> ${r.status} ${r.text}`);
      assertError(r, 422, 'validation_failed');
      assert.ok(Object.keys(r.json.error.fields).some((k) => k === field || k.startsWith(`${field}[`)), `fields name ${field}: ${r.text}`);
    }
    const pa = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: 'x', roles: ['platform_admin'], region_code: '32.11' } });
    assert.ok([403, 422].includes(pa.status), `region admin mints a platform_admin token -> ${pa.status} ${pa.text}`);
  });

  test('DELETE /tokens/{id} -> 204; the token then gets 401; the list shows it revoked', async () => {
    const r = await authReq(ta, `/api/v1/tokens/${adminTok.id}`, { method: 'DELETE' });
    assert.equal(r.status, 204, r.text);
    assertError(await bearerReq(adminTok.token, '/api/v1/users?region=32.11'), 401, 'unauthorized', { what: 'revoked token' });
    const l = (await authReq(ta, '/api/v1/tokens?region=32.11')).json.data.find((x) => x.id === adminTok.id);
    assert.ok(l, 'revoked token still listed');
    assert.match(String(l.revoked_at), RFC3339, `revoked_at: ${JSON.stringify(l)}`);
    assertError(await bearerReq(foTok.token, '/api/v1/users?region=32.11'), 403, 'forbidden',
      { what: 'the other token still authenticates (403 for its role, not 401)' });
  });

  test('a token cannot be used as a session cookie, nor a cookie as a token', async () => {
    assertError(await req('/api/v1/users?region=32.11', { headers: { cookie: `sp_session=${foTok.token}` } }), 401, 'unauthorized');
    assertError(await bearerReq(ta.token, '/api/v1/users?region=32.11'), 401, 'unauthorized');
  });
});
