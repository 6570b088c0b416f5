// The audit trail as an auditor sees it: every write leaves an entry, newest first, per region,
// paged, and no entry carries personal data.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  req, assertError, authReq, staff, login, registerCitizen, uniq, makeEmail, makePhone, makePassword,
  recordSecret, recordPhone, userOf, RFC3339,
} from './lib.mjs';

const KEYS = ['id', 'at', 'actor_id', 'actor_name', 'role', 'region_code', 'action', 'entity', 'entity_id', 'ip', 'digest', 'hash'];

/** All entries of a query, following next_cursor (at most `max`). */
async function readAll(who, query, max = 5000) {
  const out = [];
  let cursor = null;
  for (let page = 0; page < 200 && out.length < max; page++) {
    const p = `/api/v1/audit?${query}${query ? '&' : ''}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await authReq(who, p);
    assert.equal(r.status, 200, `${p}: ${r.text.slice(0, 300)}`);
    out.push(...r.json.data);
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  return out;
}

describe('audit trail', () => {
  let ta;
  let pa;
  let la;
  let citizen;
  let officer;
  let officerUser;
  let agency;
  let token;
  let grantId;
  const secrets = [];

  before(async () => {
    ta = await staff('tadmin');
    pa = await staff('padmin');
    la = await staff('ladmin');
    // a citizen of Sumedang registers, logs in and out
    citizen = await registerCitizen();
    secrets.push(citizen.nik, citizen.email, citizen.phone, citizen.phoneE164, citizen.phoneE164.slice(1), citizen.password);
    const cs = await login(citizen.email, citizen.password);
    secrets.push(cs.token, cs.csrf);
    assert.equal((await authReq(cs, '/api/v1/auth/logout', { method: 'POST' })).status, 204);
    // tadmin: agency create + update, user create + update, grant add + remove, token create + revoke
    const a = await authReq(ta, '/api/v1/regions/32.11/agencies', { method: 'POST', body: { kind: 'opd', name: `Dinas Audit ${uniq()}` } });
    assert.equal(a.status, 201, a.text);
    const a2 = await authReq(ta, `/api/v1/agencies/${a.json.id}`, { method: 'PATCH', body: { short_name: 'DA', version: a.json.version } });
    assert.equal(a2.status, 200, a2.text);
    agency = a2.json;
    const ph = makePhone();
    officer = { username: `auditee${uniq()}`, name: 'Petugas Diaudit', password: makePassword(), email: makeEmail('auditee'), phone: ph.local,
      grants: [{ role: 'front_office', region_code: '32.11' }] };
    recordSecret('password', officer.password); recordSecret('email', officer.email); recordPhone(officer.phone);
    secrets.push(officer.password, officer.email, officer.phone, ph.e164, ph.intl);
    const u = await authReq(ta, '/api/v1/users', { method: 'POST', body: officer });
    assert.equal(u.status, 201, u.text);
    const u2 = await authReq(ta, `/api/v1/users/${userOf(u.json).id}`, { method: 'PATCH', body: { name: 'Petugas Diaudit Dua', version: userOf(u.json).version } });
    assert.equal(u2.status, 200, u2.text);
    officerUser = userOf(u2.json);
    const g = await authReq(ta, `/api/v1/users/${officerUser.id}/grants`, { method: 'POST', body: { role: 'back_office', region_code: '32.11' } });
    assert.equal(g.status, 201, g.text);
    grantId = g.json.id;
    assert.equal((await authReq(ta, `/api/v1/users/${officerUser.id}/grants/${grantId}`, { method: 'DELETE' })).status, 204);
    const t = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `audit ${uniq()}`, roles: ['front_office'], region_code: '32.11' } });
    assert.equal(t.status, 201, t.text);
    token = t.json;
    recordSecret('api_token', token.token);
    secrets.push(token.token);
    assert.equal((await authReq(ta, `/api/v1/tokens/${token.id}`, { method: 'DELETE' })).status, 204);
    // ladmin writes in 18.01 (must not show up in 32.11)
    const l = await authReq(la, '/api/v1/regions/18.01/agencies', { method: 'POST', body: { kind: 'opd', name: `Dinas Lampung Audit ${uniq()}` } });
    assert.equal(l.status, 201, l.text);
    secrets.push(ta.token, ta.csrf, pa.token, la.token);
  });

  test('GET /audit?region=32.11 -> entries with the contract fields, newest first', async () => {
    const r = await authReq(ta, '/api/v1/audit?region=32.11');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.ok(Array.isArray(r.json.data) && r.json.data.length > 0, r.text.slice(0, 300));
    assert.ok('next_cursor' in r.json, 'next_cursor present');
    for (const e of r.json.data) {
      for (const k of KEYS) assert.ok(Object.hasOwn(e, k), `entry.${k} missing: ${JSON.stringify(e)}`);
      assert.match(String(e.at), RFC3339, `entry.at: ${JSON.stringify(e)}`);
      assert.equal(typeof e.action, 'string');
      assert.equal(typeof e.hash, 'string');
      assert.ok(e.hash.length >= 32, `hash: ${e.hash}`);
      assert.equal(typeof e.digest, 'string');
    }
    const ids = r.json.data.map((e) => Number(e.id));
    for (let i = 1; i < ids.length; i++) assert.ok(ids[i] < ids[i - 1], `newest first: ids ${ids.slice(0, 20)}`);
    const ats = r.json.data.map((e) => Date.parse(e.at));
    for (let i = 1; i < ats.length; i++) assert.ok(ats[i] <= ats[i - 1], 'times newest first');
    assert.equal(new Set(r.json.data.map((e) => e.hash)).size, r.json.data.length, 'hashes differ');
  });

  test('the writes of this test are there, by tadmin, with their entity ids', async () => {
    const all = await readAll(ta, 'region=32.11');
    const find = (action, entityId) => all.find((e) => e.action === action && (entityId === undefined || String(e.entity_id) === String(entityId)));
    const want = [
      ['agency.create', agency.id], ['agency.update', agency.id],
      ['user.create', officerUser.id], ['user.update', officerUser.id],
      ['grant.create', undefined], ['grant.delete', undefined],
      ['token.create', token.id], ['token.revoke', token.id],
    ];
    const missing = want.filter(([a, id]) => !find(a, id)).map(([a, id]) => `${a}#${id ?? '*'}`);
    assert.deepEqual(missing, [], `missing actions in /audit?region=32.11; have: ${[...new Set(all.map((e) => e.action))].join(', ')}`);
    for (const [a, id] of want) {
      const e = find(a, id);
      assert.equal(String(e.actor_id), String(ta.user.id), `${a} actor_id is tadmin: ${JSON.stringify(e)}`);
      assert.equal(e.region_code, '32.11', `${a} region_code: ${JSON.stringify(e)}`);
      assert.equal(typeof e.actor_name, 'string');
      assert.ok(e.ip === null || /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/.test(e.ip), `${a} ip: ${e.ip}`);
    }
    // order among this test's own writes: agency.create before agency.update, create before revoke
    const idx = (a, id) => all.indexOf(find(a, id));
    assert.ok(idx('agency.update', agency.id) < idx('agency.create', agency.id), 'update is newer than create');
    assert.ok(idx('token.revoke', token.id) < idx('token.create', token.id), 'revoke is newer than create');
  });

  test('logins, logouts and registrations are audited (platform-wide view)', async () => {
    const all = await readAll(pa, '');
    const actions = new Set(all.map((e) => e.action));
    for (const a of ['auth.register', 'auth.login', 'auth.logout']) assert.ok(actions.has(a), `${a} in the trail; have ${[...actions].join(', ')}`);
    assert.ok(all.some((e) => e.action === 'auth.register' && String(e.entity_id) === String(citizen.user.id)), 'the citizen\'s registration');
    const his = (e) => String(e.actor_id) === String(citizen.user.id) || String(e.entity_id) === String(citizen.user.id);
    assert.ok(all.some((e) => e.action === 'auth.login' && his(e)), 'the citizen\'s login');
    assert.ok(all.some((e) => e.action === 'auth.logout' && his(e)), 'the citizen\'s logout');
  });

  test('no personal data or secret in any entry', async () => {
    const text = JSON.stringify(await readAll(pa, ''));
    for (const s of secrets.filter((x) => typeof x === 'string' && x.length >= 6)) {
      assert.ok(!text.includes(s), `the audit trail contains ${s.slice(0, 4)}…`);
    }
    assert.ok(!text.includes(citizen.nik.slice(0, 12)), 'not even most of the NIK');
  });

  test('region isolation: 32.11 shows nothing of 18.01; region 32 is refused to tadmin', async () => {
    const all = await readAll(ta, 'region=32.11');
    for (const e of all) {
      assert.ok(e.region_code === '32.11' || String(e.region_code).startsWith('32.11.'), `entry of another region: ${JSON.stringify(e)}`);
    }
    assertError(await authReq(ta, '/api/v1/audit?region=32'), 403, 'forbidden');
    const l = await readAll(la, 'region=18.01');
    assert.ok(l.some((e) => e.action === 'agency.create'), 'ladmin sees his agency.create');
    assert.ok(!l.some((e) => String(e.actor_id) === String(ta.user.id) && e.region_code === '32.11'), 'no 32.11 entries for ladmin');
  });

  test('paging: limit and next_cursor walk back without gaps or repeats', async () => {
    const first = await authReq(ta, '/api/v1/audit?region=32.11&limit=3');
    assert.equal(first.status, 200, first.text);
    assert.equal(first.json.data.length, 3);
    assert.equal(typeof first.json.next_cursor, 'string', `next_cursor: ${first.text.slice(0, 300)}`);
    const second = await authReq(ta, `/api/v1/audit?region=32.11&limit=3&cursor=${encodeURIComponent(first.json.next_cursor)}`);
    assert.equal(second.status, 200, second.text);
    const big = await authReq(ta, '/api/v1/audit?region=32.11&limit=6');
    assert.deepEqual([...first.json.data, ...second.json.data].map((e) => e.id), big.json.data.map((e) => e.id));
  });

  test('bad paging input -> 422 naming the field; region_admin without region refused', async () => {
    assertError(await authReq(ta, '/api/v1/audit?region=32.11&limit=0'), 422, 'validation_failed', { field: 'limit' });
    assertError(await authReq(ta, '/api/v1/audit?region=32.11&limit=abc'), 422, 'validation_failed', { field: 'limit' });
    assertError(await authReq(ta, '/api/v1/audit?region=32.11&cursor=%21%21not-a-cursor'), 422, 'validation_failed', { field: 'cursor' });
    const r = await authReq(ta, '/api/v1/audit');
    assert.ok([403, 422].includes(r.status), `region_admin without ?region -> ${r.status} ${r.text}`);
  });

  test('the audit trail cannot be written to', async () => {
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const r = await authReq(pa, '/api/v1/audit', { method: m, body: m === 'DELETE' ? undefined : '{}' });
      assert.ok([404, 405].includes(r.status), `${m} /api/v1/audit -> ${r.status}`);
    }
    assert.ok([404, 405].includes((await authReq(pa, '/api/v1/audit/1', { method: 'DELETE' })).status));
  });

  test('anonymous and citizens get nothing', async () => {
    assertError(await req('/api/v1/audit?region=32.11'), 401, 'unauthorized');
    const c = await login(citizen.email, citizen.password);
    assertError(await authReq(c, '/api/v1/audit?region=32.11'), 403, 'forbidden');
  });
});
