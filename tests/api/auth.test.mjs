// Accounts: register, login (e-mail, phone, username), throttling, me, logout, the session cookie.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  req, postJSON, assertError, assertCommonHeaders, assertJSONType, authReq, login, tryLogin, staff,
  registerCitizen, makeNik, makePhone, makeEmail, makePassword, maskNik, recordSecret, recordPhone,
  sessionCookie, RFC3339, TEST_PASSWORD,
} from './lib.mjs';

const REGISTER = '/api/v1/auth/register';
const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';
const LOGOUT = '/api/v1/auth/logout';

const USER_KEYS = ['id', 'kind', 'username', 'name', 'email', 'phone', 'nik', 'grants', 'roles', 'disabled', 'created_at', 'version'];

/** The User object of the contract; no secret or stored-form field may leak. */
function assertUser(u, what) {
  const show = `${what}: ${JSON.stringify(u)}`;
  assert.ok(u && typeof u === 'object' && !Array.isArray(u), `user object: ${show}`);
  for (const k of USER_KEYS) assert.ok(Object.hasOwn(u, k), `user.${k} missing: ${show}`);
  for (const k of Object.keys(u)) {
    assert.doesNotMatch(k, /pass|hash|_enc|bidx|secret|token|salt/i, `user carries ${k}: ${show}`);
  }
  assert.ok(Number.isInteger(u.id) || (typeof u.id === 'string' && u.id !== ''), `user.id: ${show}`);
  assert.ok(['citizen', 'staff'].includes(u.kind), `user.kind: ${show}`);
  assert.ok(Array.isArray(u.grants), `user.grants: ${show}`);
  assert.ok(Array.isArray(u.roles), `user.roles: ${show}`);
  assert.equal(u.disabled, false, `user.disabled: ${show}`);
  assert.match(String(u.created_at), RFC3339, `user.created_at: ${show}`);
  assert.ok(Number.isInteger(u.version), `user.version: ${show}`);
}

/** A register body with fresh valid data; the caller overrides what the case is about. */
function fresh(over = {}) {
  const ph = makePhone();
  const b = { name: 'Warga Uji Coba', nik: makeNik(), phone: ph.local, email: makeEmail(), password: makePassword(), ...over };
  for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
  if (typeof b.nik === 'string' && b.nik.length >= 15) recordSecret('nik', b.nik);
  recordPhone(b.phone);
  recordSecret('email', b.email);
  recordSecret('password', b.password);
  return b;
}

describe('register: happy path', () => {
  test('201 {"user"} with the NIK masked as 3211********NNNN, kind citizen, no session', async () => {
    const nik = makeNik({ serial: 1 });
    const c = await registerCitizen({ nik });
    assert.equal(c.res.status, 201);
    assertJSONType(c.res.headers, 'register');
    assertCommonHeaders(c.res.headers, 'register');
    assertUser(c.user, 'register');
    assert.equal(c.user.nik, maskNik(nik));
    assert.match(c.user.nik, /^3211\*{8}0001$/);
    assert.equal(c.user.kind, 'citizen');
    assert.equal(c.user.username, null, 'citizens have no username');
    assert.equal(c.user.name, 'Warga Uji Coba');
    assert.ok(!c.res.text.includes(nik), 'the full NIK is not echoed');
    assert.equal(sessionCookie(c.res.headers), null, 'register does not log in (no sp_session cookie)');
    for (const r of c.user.roles) {
      assert.ok(!['region_admin', 'platform_admin', 'agency_admin', 'front_office', 'back_office'].includes(r),
        `a citizen got staff role ${r}`);
    }
  });

  test('women: day + 40 is accepted (41 = 1st, 71 = 31st of the month)', async () => {
    for (const [day, month] of [[1, 1], [31, 12], [31, 1]]) {
      const nik = makeNik({ female: true, day, month });
      assert.ok(Number(nik.slice(6, 8)) > 40, nik);
      const c = await registerCitizen({ nik });
      assert.equal(c.user.nik, maskNik(nik));
    }
  });

  test('29 February of a leap year (04) is a real date', async () => {
    const nik = makeNik({ day: 29, month: 2, yy: 4 });
    const c = await registerCitizen({ nik });
    assert.equal(c.user.nik, maskNik(nik));
  });

  test('a NIK of another regency in the reference data (18.01.06 Kalianda, Lampung Selatan) is accepted', async () => {
    const nik = makeNik({ district: '180106' });
    const c = await registerCitizen({ nik });
    assert.equal(c.user.nik, maskNik(nik));
  });

  test('phone alone, e-mail alone, and the 628 / +628 forms are accepted', async () => {
    await registerCitizen({ email: undefined });
    await registerCitizen({ phone: undefined });
    await registerCitizen({ phone: makePhone().intl });
    await registerCitizen({ phone: makePhone().e164 });
  });
});

describe('register: NIK rules -> 422 fields.nik with a reason', () => {
  const bad = [
    ['15 digits', '321101010190001', 'length'],
    ['17 digits', '32110101019000011', 'length'],
    ['empty', '', 'length'],
    ['a letter', '32110101019A0001', 'length'],
    ['a space', '3211 01010190001', 'length'],
    ['district 99.99.99 does not exist', '9999990101900001', 'district'],
    ['district 32.11.99 does not exist', '3211990101900001', 'district'],
    ['district 00.00.00', '0000000101900001', 'district'],
    ['31 February', '3211013102900001', 'date'],
    ['month 13', '3211010113900001', 'date'],
    ['month 00', '3211010100900001', 'date'],
    ['day 00', '3211010001900001', 'date'],
    ['day 32', '3211013201900001', 'date'],
    ['female day 72 (32nd)', '3211017201900001', 'date'],
    ['female day 40 (0th)', '3211014001900001', 'date'],
    ['female 31 April (71-04)', '3211017104900001', 'date'],
    ['29 February 01 (not a leap year)', '3211012902010001', 'date'],
    ['serial 0000', '3211010101900000', 'serial'],
  ];
  const reasons = {};
  for (const [name, nik, kind] of bad) {
    test(`${name}: ${JSON.stringify(nik)}`, async () => {
      const r = await postJSON(REGISTER, fresh({ nik }));
      const e = assertError(r, 422, 'validation_failed', { field: 'nik', what: `register nik ${name}` });
      (reasons[kind] ||= new Set()).add(e.fields.nik);
      assert.deepEqual(Object.keys(e.fields), ['nik'], `only nik is wrong: ${r.text}`);
    });
  }

  test('a number instead of a string -> 422 fields.nik', async () => {
    const r = await postJSON(REGISTER, fresh({ nik: 3211010101900001 }));
    assertError(r, 422, 'validation_failed', { field: 'nik', what: 'nik as a JSON number' });
  });

  test('missing nik -> 422 fields.nik', async () => {
    const r = await postJSON(REGISTER, fresh({ nik: undefined }));
    assertError(r, 422, 'validation_failed', { field: 'nik', what: 'nik missing' });
  });

  test('the reason says what is wrong: length, district, date and serial get different reasons', () => {
    const pick = (k) => [...(reasons[k] || [])][0];
    const got = ['length', 'district', 'date', 'serial'].map(pick);
    assert.ok(got.every((x) => typeof x === 'string'), `reasons collected: ${JSON.stringify(got)}`);
    assert.equal(new Set(got).size, 4, `expected four different reasons, got ${JSON.stringify(got)}`);
  });

  test('the reason follows Accept-Language', async () => {
    const id = await postJSON(REGISTER, fresh({ nik: '3211013102900001' }));
    const en = await postJSON(REGISTER, fresh({ nik: '3211013102900001' }), { headers: { 'accept-language': 'en' } });
    assertError(id, 422, 'validation_failed', { field: 'nik' });
    assertError(en, 422, 'validation_failed', { field: 'nik' });
    assert.notEqual(en.json.error.fields.nik, id.json.error.fields.nik, 'English reason differs from Indonesian');
  });
});

describe('register: other fields', () => {
  test('neither phone nor e-mail -> 422 naming both', async () => {
    const r = await postJSON(REGISTER, fresh({ phone: undefined, email: undefined }));
    const e = assertError(r, 422, 'validation_failed', { field: 'phone', what: 'no phone, no email' });
    assert.equal(typeof e.fields.email, 'string', `fields.email too: ${r.text}`);
  });

  for (const phone of ['12345', '0812345', '0212345678', '+15551234567', '0812-abc-4567', '08123456789012345']) {
    test(`phone ${JSON.stringify(phone)} -> 422 fields.phone`, async () => {
      const r = await postJSON(REGISTER, fresh({ phone }));
      assertError(r, 422, 'validation_failed', { field: 'phone', what: `phone ${phone}` });
    });
  }

  for (const email of ['not-an-email', 'a@b', '@example.com', 'warga@', 'a b@example.com']) {
    test(`e-mail ${JSON.stringify(email)} -> 422 fields.email`, async () => {
      const r = await postJSON(REGISTER, fresh({ email }));
      assertError(r, 422, 'validation_failed', { field: 'email', what: `email ${email}` });
    });
  }

  for (const [why, password] of [['9 characters', 'Abc-12345'], ['common', 'password123'], ['common', '1234567890'], ['missing', undefined]]) {
    test(`password ${why} ${JSON.stringify(password)} -> 422 fields.password`, async () => {
      const r = await postJSON(REGISTER, fresh({ password }));
      assertError(r, 422, 'validation_failed', { field: 'password', what: `password ${why}` });
    });
  }

  for (const [why, name] of [['1 char', 'A'], ['101 chars', 'N'.repeat(101)], ['missing', undefined], ['empty', '']]) {
    test(`name ${why} -> 422 fields.name`, async () => {
      const r = await postJSON(REGISTER, fresh({ name }));
      assertError(r, 422, 'validation_failed', { field: 'name', what: `name ${why}` });
    });
  }

  test('unknown fields -> 422 naming them (a citizen cannot ask for a role)', async () => {
    for (const extra of ['role', 'is_admin', 'favourite_colour']) {
      const r = await postJSON(REGISTER, { ...fresh(), [extra]: 'platform_admin' });
      assertError(r, 422, 'validation_failed', { field: extra, what: `unknown field ${extra}` });
    }
  });

  test('malformed JSON -> 400, wrong content type -> 415', async () => {
    assertError(await postJSON(REGISTER, '{"name":'), 400, 'malformed_json');
    const r = await req(REGISTER, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(fresh()) });
    assertError(r, 415, 'unsupported_media_type');
  });
});

describe('register: duplicates -> 409 conflict naming the field', () => {
  let first;
  before(async () => { first = await registerCitizen(); });

  test('same NIK', async () => {
    const r = await postJSON(REGISTER, fresh({ nik: first.nik }));
    assertError(r, 409, 'conflict', { field: 'nik', allowFields: true, what: 'duplicate nik' });
  });

  test('same e-mail', async () => {
    const r = await postJSON(REGISTER, fresh({ email: first.email }));
    assertError(r, 409, 'conflict', { field: 'email', allowFields: true, what: 'duplicate email' });
  });

  test('same phone, written as +62 instead of 0', async () => {
    const r = await postJSON(REGISTER, fresh({ phone: first.phoneE164 }));
    assertError(r, 409, 'conflict', { field: 'phone', allowFields: true, what: 'duplicate phone' });
  });

  test('same phone, as typed the first time', async () => {
    const r = await postJSON(REGISTER, fresh({ phone: first.phone }));
    assertError(r, 409, 'conflict', { field: 'phone', allowFields: true, what: 'duplicate phone' });
  });
});

describe('login', () => {
  let c;
  before(async () => { c = await registerCitizen(); });

  test('by e-mail -> 200 {user, csrf_token} + sp_session cookie', async () => {
    const r = await tryLogin(c.email, c.password);
    assert.equal(r.status, 200, r.text);
    assertJSONType(r.headers, 'login');
    assertCommonHeaders(r.headers, 'login');
    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(r.json.csrf_token.length >= 16, `csrf_token too short: ${r.json.csrf_token}`);
    assertUser(r.json.user, 'login');
    assert.equal(r.json.user.id, c.user.id);
    assert.equal(r.json.user.email, c.email, 'full e-mail for the user himself');
    assert.equal(r.json.user.phone, c.phoneE164, 'full phone, normalised to +62, for the user himself');
    assert.equal(r.json.user.nik, maskNik(c.nik), 'the NIK stays masked even for himself');
    const ck = sessionCookie(r.headers);
    assert.ok(ck && ck.value.length >= 20, `session cookie: ${ck && ck.raw}`);
    recordSecret('session', ck.value);
  });

  test('by phone as registered (08...) and as +62...', async () => {
    for (const p of [c.phone, c.phoneE164]) {
      const s = await login(p, c.password);
      assert.equal(s.user.id, c.user.id, `login by ${p}`);
    }
  });

  test('by username (staff)', async () => {
    const s = await staff('tadmin');
    assertUser(s.user, 'login tadmin');
    assert.equal(s.user.kind, 'staff');
    assert.equal(s.user.username, 'tadmin');
    assert.ok(s.user.roles.includes('region_admin'), JSON.stringify(s.user));
    assert.ok(s.user.grants.some((g) => g.role === 'region_admin' && g.region_code === '32.11'), JSON.stringify(s.user.grants));
    assert.equal(s.user.nik, null, 'staff without NIK');
    const p = await staff('padmin');
    assert.ok(p.user.grants.some((g) => g.role === 'platform_admin' && g.region_code === null), JSON.stringify(p.user.grants));
  });

  test('wrong password -> 401 invalid_credentials, no cookie', async () => {
    const r = await tryLogin(c.email, `${c.password}x`);
    assertError(r, 401, 'invalid_credentials', { what: 'wrong password' });
    assert.equal(sessionCookie(r.headers), null);
  });

  test('unknown login -> the same 401 invalid_credentials', async () => {
    const r = await tryLogin(makeEmail('nobody'), makePassword());
    assertError(r, 401, 'invalid_credentials', { what: 'unknown login' });
  });

  test('GET on the login route -> 405 Allow: POST', async () => {
    const r = await req(LOGIN);
    assertError(r, 405, 'method_not_allowed');
    assert.match(r.headers.get('allow') || '', /POST/);
  });

  test('two logins get two different session tokens', async () => {
    const a = await login(c.email, c.password);
    const b = await login(c.email, c.password);
    assert.notEqual(a.token, b.token);
  });
});

describe('login throttling', () => {
  let c;
  test('5 wrong passwords for one account -> 429 too_many_attempts + Retry-After; the right password is refused too', async () => {
    c = await registerCitizen();
    const seen = [];
    for (let i = 1; i <= 5; i++) {
      const r = await tryLogin(c.email, `wrong-${i}-${c.password}`);
      recordSecret('password', `wrong-${i}-${c.password}`);
      seen.push(r.status);
      if (i < 5) assertError(r, 401, 'invalid_credentials', { what: `wrong password #${i}` });
      else assert.ok([401, 429].includes(r.status), `attempt 5 -> ${r.status} ${r.text}`);
    }
    const r = await tryLogin(c.email, c.password);
    seen.push(r.status);
    assertError(r, 429, 'too_many_attempts', { what: `right password after 5 failures (statuses ${seen})` });
    const ra = r.headers.get('retry-after');
    assert.match(ra || '', /^\d+$/, `Retry-After should be seconds: ${ra}`);
    assert.ok(Number(ra) >= 1 && Number(ra) <= 15 * 60, `Retry-After ${ra} within the 15-minute window`);
    assert.equal(sessionCookie(r.headers), null, 'no session on 429');
  });

  test('the lock is on the account: logging in to it by phone (either form) is refused too', async () => {
    assert.ok(c, 'account from the previous test');
    for (const p of [c.phone, c.phoneE164]) {
      const r = await tryLogin(p, c.password);
      assertError(r, 429, 'too_many_attempts', { what: `locked account (locked by e-mail) logged in by phone ${p}` });
    }
  });

  test('the throttle is per account: another account still logs in', async () => {
    const s = await staff('tfront');
    assert.equal(s.user.username, 'tfront');
  });
});

describe('me', () => {
  test('without a cookie -> 401 unauthorized', async () => {
    const r = await req(ME);
    assertError(r, 401, 'unauthorized', { what: 'me without cookie' });
    assertCommonHeaders(r.headers, 'me 401');
  });

  test('with a made-up or malformed cookie -> 401', async () => {
    for (const cookie of ['sp_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'sp_session=', 'sp_session=%00%ff', 'other=1']) {
      const r = await req(ME, { headers: { cookie } });
      assertError(r, 401, 'unauthorized', { what: `me with ${cookie}` });
    }
  });

  test('with the cookie -> 200 {user, csrf_token}', async () => {
    const c = await registerCitizen();
    const s = await login(c.email, c.password);
    const r = await authReq(s, ME);
    assert.equal(r.status, 200, r.text);
    assertUser(r.json.user, 'me');
    assert.equal(r.json.user.id, c.user.id);
    assert.equal(r.json.user.email, c.email);
    assert.equal(r.json.user.phone, c.phoneE164);
    assert.equal(r.json.user.nik, maskNik(c.nik));
    assert.equal(typeof r.json.csrf_token, 'string');
    assert.ok(!r.text.includes(c.nik), 'me never shows the full NIK');
  });

  test('401 messages follow Accept-Language', async () => {
    const id = await req(ME);
    const en = await req(ME, { headers: { 'accept-language': 'en' } });
    assert.notEqual(en.json.error.message, id.json.error.message);
  });
});

describe('session cookie', () => {
  test('sp_session is HttpOnly, SameSite=Lax, Path=/, not Secure without --secure-cookies', async () => {
    const r = await tryLogin('tadmin', TEST_PASSWORD);
    assert.equal(r.status, 200, r.text);
    const c = sessionCookie(r.headers);
    assert.ok(c, 'sp_session cookie set');
    recordSecret('session', c.value);
    assert.equal(c.attrs.httponly, true, `HttpOnly: ${c.raw}`);
    assert.equal(String(c.attrs.samesite).toLowerCase(), 'lax', `SameSite=Lax: ${c.raw}`);
    assert.equal(c.attrs.path, '/', `Path=/: ${c.raw}`);
    assert.ok(!('secure' in c.attrs), `Secure only with --secure-cookies (this server serves http): ${c.raw}`);
    assert.ok(!('domain' in c.attrs), `no Domain attribute: ${c.raw}`);
    assert.match(c.value, /^[A-Za-z0-9_\-.~%]+$/, `cookie value is a plain token: ${c.raw}`);
    if ('max-age' in c.attrs) {
      const ma = Number(c.attrs['max-age']);
      assert.ok(ma > 0 && ma <= 12 * 3600, `Max-Age within the 12 h absolute expiry: ${c.raw}`);
    }
    if (c.attrs.expires) {
      const ms = Date.parse(c.attrs.expires) - Date.now();
      assert.ok(ms > 0 && ms <= 12 * 3600 * 1000 + 60000, `Expires within the 12 h absolute expiry: ${c.raw}`);
    }
  });
});

describe('logout', () => {
  test('without CSRF -> 403 csrf_failed and the session survives', async () => {
    const s = await staff('tfront');
    const r = await authReq(s, LOGOUT, { method: 'POST', csrf: null });
    assertError(r, 403, 'csrf_failed', { what: 'logout without csrf' });
    assert.equal((await authReq(s, ME)).status, 200, 'still logged in');
  });

  test('204, cookie cleared, the old cookie no longer works', async () => {
    const s = await staff('tfront');
    assert.equal((await authReq(s, ME)).status, 200);
    const r = await authReq(s, LOGOUT, { method: 'POST' });
    assert.equal(r.status, 204, r.text);
    assert.equal(r.text, '', '204 has no body');
    const c = sessionCookie(r.headers);
    assert.ok(c, 'logout sends a Set-Cookie for sp_session');
    const expired = c.value === '' || c.attrs['max-age'] === '0' || (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
    assert.ok(expired, `cookie cleared: ${c.raw}`);
    assertError(await authReq(s, ME), 401, 'unauthorized', { what: 'me after logout' });
    const again = await authReq(s, LOGOUT, { method: 'POST' });
    assertError(again, 401, 'unauthorized', { what: 'logout twice' });
  });

  test('logging out one session leaves the other devices logged in', async () => {
    const a = await staff('tfront');
    const b = await staff('tfront');
    assert.equal((await authReq(a, LOGOUT, { method: 'POST' })).status, 204);
    assert.equal((await authReq(a, ME)).status, 401);
    assert.equal((await authReq(b, ME)).status, 200);
  });
});
