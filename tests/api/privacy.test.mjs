// Personal data protection (UU 27/2022): what the database holds and what answers show.
// The stored-data checks read the database behind the server's back:
//   SATUPINTU_TEST_SQLITE_PATH  (sqlite3 CLI)   or   SATUPINTU_TEST_PG_URL  (psql, pg_dump)
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  postJSON, assertError, authReq, staff, login, registerCitizen, makeNik, makePhone, makeEmail, makePassword,
  recordSecret, recordPhone, uniq,
} from './lib.mjs';

const SQLITE = process.env.SATUPINTU_TEST_SQLITE_PATH || '';
const PG = process.env.SATUPINTU_TEST_PG_URL || '';

function sql(query) {
  if (SQLITE) return execFileSync('sqlite3', ['-header', SQLITE, query], { encoding: 'utf8', timeout: 30000, maxBuffer: 256 << 20 });
  return execFileSync('psql', ['-X', '-A', '-v', 'ON_ERROR_STOP=1', '-d', PG, '-c', query], { encoding: 'utf8', timeout: 30000, maxBuffer: 256 << 20 });
}

function dumpAll() {
  if (SQLITE) return execFileSync('sqlite3', [SQLITE, '.dump'], { encoding: 'utf8', timeout: 60000, maxBuffer: 512 << 20 });
  return execFileSync('pg_dump', ['--data-only', '--no-owner', '-d', PG], { encoding: 'utf8', timeout: 60000, maxBuffer: 512 << 20 });
}

const where = SQLITE ? `SQLite ${SQLITE}` : `PostgreSQL ${PG}`;
const noDb = !SQLITE && !PG ? 'set SATUPINTU_TEST_SQLITE_PATH or SATUPINTU_TEST_PG_URL (run.sh does)' : false;

/** Every written form of a citizen's personal data that must not be stored in clear. */
function forms(c) {
  const d = c.phoneE164.slice(3); // 812xxxxxxxx
  return [
    ['NIK', c.nik],
    ['phone as typed', c.phone], ['phone +62', c.phoneE164], ['phone 62', `62${d}`], ['phone 0', `0${d}`], ['phone digits', d],
    ['e-mail', c.email], ['e-mail upper', c.email.toUpperCase()], ['e-mail local part', c.email.split('@')[0]],
    ['password', c.password],
  ];
}

/** Unkeyed hashes an attacker with the dump could brute-force (the NIK space is small). */
function unkeyedHashes(v) {
  const out = [];
  for (const alg of ['md5', 'sha1', 'sha256', 'sha512', 'blake2b512', 'blake2s256']) {
    const h = crypto.createHash(alg).update(v).digest();
    out.push([`${alg} hex`, h.toString('hex')], [`${alg} base64`, h.toString('base64').replace(/=+$/, '')],
      [`${alg} base64url`, h.toString('base64url')]);
  }
  return out;
}

describe(`stored personal data (${where})`, () => {
  test('run.sh says where the database is (never skipped in silence)', () => {
    assert.ok(!noDb, 'SATUPINTU_TEST_SQLITE_PATH or SATUPINTU_TEST_PG_URL must be set by tests/api/run.sh');
  });
  let c;
  let sess;
  before(async () => {
    c = await registerCitizen();
    sess = await login(c.email, c.password);
  });

  test('the users table holds no NIK, phone, e-mail or password in clear', () => {
    const t = sql('SELECT * FROM users');
    assert.ok(t.includes(c.user.name) || t.includes('Warga Uji Coba'), `the citizen's row is in the dump (${t.length} bytes)`);
    for (const [what, v] of forms(c)) assert.ok(!t.includes(v), `users table contains the ${what} in clear`);
  });

  test('nor anywhere else in the database (full dump)', () => {
    const t = dumpAll();
    for (const [what, v] of forms(c)) assert.ok(!t.includes(v), `database dump contains the ${what} in clear`);
  });

  test('nor an unkeyed hash of them that could be brute-forced', () => {
    const t = dumpAll().toLowerCase();
    for (const [what, v] of [['NIK', c.nik], ['e-mail', c.email], ['phone', c.phoneE164], ['phone 0', c.phone]]) {
      for (const [alg, h] of unkeyedHashes(v)) {
        assert.ok(!t.includes(h.toLowerCase()), `database holds ${alg}(${what}): use a keyed blind index`);
      }
    }
  });

  test('the password is stored as an argon2id hash', () => {
    const t = sql(`SELECT password_hash FROM users WHERE id = ${Number(c.user.id)}`);
    assert.match(t, /\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/, `password_hash: ${t.slice(0, 120)}`);
    assert.ok(!t.includes(c.password));
  });

  test('session and API tokens are stored only as hashes', async () => {
    const ta = await staff('tadmin');
    const tk = await authReq(ta, '/api/v1/tokens', { method: 'POST', body: { name: `priv ${uniq()}`, roles: ['front_office'], region_code: '32.11' } });
    assert.equal(tk.status, 201, tk.text);
    recordSecret('api_token', tk.json.token);
    const t = dumpAll();
    for (const [what, v] of [['session token', sess.token], ['session token (decoded)', decodeURIComponent(sess.token)],
      ['tadmin session token', ta.token], ['API token', tk.json.token], ['API token without prefix', tk.json.token.slice(3)]]) {
      assert.ok(!t.includes(v), `database holds the ${what} in clear`);
    }
  });

  test('two citizens with the same birth date and district get unrelated ciphertexts', async (t) => {
    // AEAD with a fresh nonce: equal prefixes must not show through as equal stored prefixes
    const base = { day: 17, month: 8, yy: 45 };
    const a = await registerCitizen({ nik: makeNik({ ...base, serial: 1000 + (Date.now() % 4000) }) });
    const b = await registerCitizen({ nik: makeNik({ ...base, serial: 6000 + (Date.now() % 3000) }) });
    const col = 'nik_enc'; // the column of the 0001 migration
    let rows;
    try {
      rows = sql(`SELECT ${col} FROM users WHERE id IN (${Number(a.user.id)}, ${Number(b.user.id)}) ORDER BY id`);
    } catch (e) {
      return t.skip(`no users.${col} column to compare (${String(e.message).split('\n')[0]})`);
    }
    const [x, y] = rows.split('\n').filter((l) => l && l !== col && !/^\(\d+ rows?\)$/.test(l));
    assert.ok(x && y, `two ciphertexts: ${rows}`);
    assert.notEqual(x.slice(0, 24), y.slice(0, 24), 'ciphertexts share a prefix: deterministic encryption?');
  });
});

describe('answers do not leak other people\'s data', () => {
  test('a duplicate registration names the field, not the other account\'s data', async () => {
    const a = await registerCitizen();
    const ph = makePhone();
    const b = { name: 'Warga Kedua', nik: makeNik(), phone: ph.local, email: a.email, password: makePassword() };
    recordSecret('nik', b.nik); recordPhone(b.phone); recordSecret('password', b.password);
    const r = await postJSON('/api/v1/auth/register', b);
    assertError(r, 409, 'conflict', { field: 'email', allowFields: true });
    for (const v of [a.nik, a.phone, a.phoneE164, a.nik.slice(0, 12)]) assert.ok(!r.text.includes(v), `409 shows ${v}`);
    const n = await postJSON('/api/v1/auth/register', { ...b, email: makeEmail(), nik: a.nik });
    assertError(n, 409, 'conflict', { field: 'nik', allowFields: true });
    for (const v of [a.email, a.phone, a.phoneE164]) assert.ok(!n.text.includes(v), `409 shows ${v}`);
  });

  test('a wrong password says nothing about whether the account exists', async () => {
    const a = await registerCitizen();
    const wrong = await postJSON('/api/v1/auth/login', { login: a.email, password: `${a.password}?` });
    const none = await postJSON('/api/v1/auth/login', { login: makeEmail('tidakada'), password: a.password });
    assertError(wrong, 401, 'invalid_credentials');
    assertError(none, 401, 'invalid_credentials');
    assert.equal(wrong.json.error.message, none.json.error.message, 'same message for unknown account and wrong password');
    assert.ok(!wrong.text.includes(a.email), 'login answer does not echo the login');
  });

  test('admins see citizens\' NIK masked only', async () => {
    const a = await registerCitizen();
    const pa = await staff('padmin');
    const r = await authReq(pa, `/api/v1/users/${a.user.id}`);
    if (r.status === 200) {
      assert.ok(!r.text.includes(a.nik), 'admin view shows the full NIK');
      assert.match(r.json.nik, /^\d{4}\*{8}\d{4}$/, `nik: ${r.json.nik}`);
    } else {
      assert.ok([403, 404].includes(r.status), `padmin reads a citizen -> ${r.status} ${r.text}`);
    }
  });
});
