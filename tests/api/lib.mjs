// Shared helpers for the black-box API suite (node:test + global fetch, no deps).
//
// SATUPINTU_BASE_URL  base URL of a running server (default http://127.0.0.1:8080)
// SATUPINTU_BIN       path of the satupintu binary (default build/satupintu in the repo)
// Accounts (issue 3; set by run.sh, see README.md):
// SATUPINTU_TEST_PASSWORD      password of the staff accounts tadmin, ladmin, padmin, tfront
// SATUPINTU_TEST_SECRETS_FILE  file the tests append "kind<TAB>value" lines to: every NIK, phone,
//                              e-mail, password, session and API token used (run.sh greps the logs)
// SATUPINTU_TEST_SQLITE_PATH / SATUPINTU_TEST_PG_URL   the database, for the stored-data checks
// SATUPINTU_TEST_RUN_ID        suffix that keeps names of this run unique
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE_URL = (process.env.SATUPINTU_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const BIN = path.resolve(REPO_ROOT, process.env.SATUPINTU_BIN || 'build/satupintu');
const base = new URL(BASE_URL);
export const HOST = base.hostname;
export const PORT = Number(base.port || 80);

export const url = (p) => BASE_URL + p;

/** fetch + body text + parsed JSON (json is undefined when the body is not JSON). */
export async function req(p, opts = {}) {
  const res = await fetch(url(p), { redirect: 'manual', ...opts });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { res, status: res.status, headers: res.headers, text, json };
}

/** GET expecting a JSON body; fails with the body shown when status or JSON is off. */
export async function getJSON(p, opts = {}, expectStatus = 200) {
  const r = await req(p, opts);
  assert.equal(r.status, expectStatus, `GET ${p}: expected ${expectStatus}, got ${r.status}: ${r.text.slice(0, 500)}`);
  assertJSONType(r.headers, `GET ${p}`);
  assert.notEqual(r.json, undefined, `GET ${p}: body is not JSON: ${r.text.slice(0, 500)}`);
  return r;
}

export function postJSON(p, body, opts = {}) {
  return req(p, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(opts.headers || {}) },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

export function assertJSONType(headers, what = '') {
  const ct = getHeader(headers, 'content-type') || '';
  assert.match(ct, /^application\/json\b/i, `${what}: content-type should be application/json, got ${JSON.stringify(ct)}`);
}

function getHeader(headers, name) {
  if (!headers) return undefined;
  if (typeof headers.get === 'function') return headers.get(name) ?? undefined;
  return headers[name.toLowerCase()];
}

/**
 * Assert an error answer: status, {"error":{"code","message"[,"fields"]}}, "fields" only on 422,
 * and, when `field` is given, fields[field] is a non-empty string.
 * `r` is a result of req()/raw() ({status, headers, text, json}).
 * allowFields: "fields" may (and, with `field`, must) appear on a non-422 answer too.
 */
export function assertError(r, status, code, { field, what = '', allowFields = false } = {}) {
  const show = `${what} -> ${r.status} ${String(r.text).slice(0, 500)}`;
  assert.equal(r.status, status, `expected status ${status}: ${show}`);
  assertJSONType(r.headers, what);
  const b = r.json;
  assert.ok(b && typeof b === 'object' && !Array.isArray(b), `error body should be a JSON object: ${show}`);
  assert.deepEqual(Object.keys(b), ['error'], `error body should have only "error": ${show}`);
  const e = b.error;
  assert.ok(e && typeof e === 'object', `error should be an object: ${show}`);
  for (const k of Object.keys(e)) {
    assert.ok(['code', 'message', 'fields'].includes(k), `unexpected key error.${k}: ${show}`);
  }
  if (code) assert.equal(e.code, code, `error.code: ${show}`);
  else assert.equal(typeof e.code, 'string', `error.code: ${show}`);
  assert.equal(typeof e.message, 'string', `error.message: ${show}`);
  assert.ok(e.message.length > 0, `error.message empty: ${show}`);
  if (status === 422) {
    assert.ok(e.fields && typeof e.fields === 'object' && !Array.isArray(e.fields), `422 needs error.fields: ${show}`);
    if (field !== undefined) {
      assert.ok(Object.hasOwn(e.fields, field), `error.fields should name ${JSON.stringify(field)}: ${show}`);
      assert.equal(typeof e.fields[field], 'string', `error.fields[${field}] should be a string: ${show}`);
      assert.ok(e.fields[field].length > 0, `error.fields[${field}] empty: ${show}`);
    }
  } else if (allowFields) {
    // e.g. 409 conflict naming the duplicate field (issue-3 contract)
    if (field !== undefined) {
      assert.ok(e.fields && typeof e.fields === 'object' && Object.hasOwn(e.fields, field),
        `error.fields should name ${JSON.stringify(field)}: ${show}`);
      assert.equal(typeof e.fields[field], 'string', `error.fields[${field}] should be a string: ${show}`);
    }
  } else {
    assert.ok(!('fields' in e), `"fields" only belongs on 422: ${show}`);
  }
  return e;
}

/** The headers every answer must carry. */
export function assertCommonHeaders(headers, what = '') {
  const h = (n) => getHeader(headers, n);
  const rid = h('x-request-id');
  assert.ok(rid && rid.trim().length > 0, `${what}: missing X-Request-Id`);
  const csp = h('content-security-policy');
  assert.ok(csp, `${what}: missing Content-Security-Policy`);
  assert.ok(!/unsafe-inline/i.test(csp), `${what}: CSP must not allow 'unsafe-inline': ${csp}`);
  assert.match(csp, /frame-ancestors\s+'none'/i, `${what}: CSP needs frame-ancestors 'none': ${csp}`);
  assert.equal((h('x-content-type-options') || '').toLowerCase(), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.equal((h('referrer-policy') || '').toLowerCase(), 'no-referrer', `${what}: Referrer-Policy`);
  assert.equal((h('x-frame-options') || '').toUpperCase(), 'DENY', `${what}: X-Frame-Options`);
}

// ---------------------------------------------------------------------------
// Raw HTTP over node:net, for requests fetch refuses or rewrites (".." paths,
// odd bytes, huge bodies the server cuts short).

function parseResponse(buf) {
  const sep = buf.indexOf('\r\n\r\n');
  if (sep < 0) return null;
  const head = buf.subarray(0, sep).toString('latin1');
  const lines = head.split('\r\n');
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
  if (!m) throw new Error(`bad status line: ${JSON.stringify(lines[0])}`);
  const headers = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) {
      const k = line.slice(0, i).trim().toLowerCase();
      const v = line.slice(i + 1).trim();
      headers[k] = k in headers ? `${headers[k]}, ${v}` : v;
    }
  }
  let rest = buf.subarray(sep + 4);
  let body;
  let complete = false;
  if (/chunked/i.test(headers['transfer-encoding'] || '')) {
    const parts = [];
    let off = 0;
    for (;;) {
      const eol = rest.indexOf('\r\n', off);
      if (eol < 0) break;
      const size = parseInt(rest.subarray(off, eol).toString('latin1'), 16);
      if (Number.isNaN(size)) break;
      if (size === 0) { complete = true; break; }
      if (rest.length < eol + 2 + size + 2) break;
      parts.push(rest.subarray(eol + 2, eol + 2 + size));
      off = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    const n = Number(headers['content-length']);
    complete = rest.length >= n;
    body = rest.subarray(0, n);
  } else {
    body = rest;
  }
  const text = body.toString('utf8');
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: Number(m[1]), headers, body, text, json, complete };
}

/**
 * Send `head` (request line + headers, without the final blank line) and an
 * optional body; return {status, headers (lower-case keys), body, text, json}.
 * A Connection: close header is added. With bodySize, that many bytes of 'x'
 * are streamed after the head in chunks, and writing stops as soon as the
 * server answers (so a server that cuts an oversized body short is fine).
 */
export function raw(head, { body, bodySize, timeout = 15000 } = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ host: HOST, port: PORT });
    const chunks = [];
    let got = 0;
    let done = false;
    const finish = (err) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const buf = Buffer.concat(chunks);
      let r = null;
      try { r = parseResponse(buf); } catch (e) { return reject(e); }
      if (r) return resolve(r);
      reject(err || new Error(`no HTTP response (got ${buf.length} bytes: ${JSON.stringify(buf.toString('latin1').slice(0, 200))})`));
    };
    const timer = setTimeout(() => finish(new Error(`timeout after ${timeout} ms`)), timeout);
    sock.on('data', (d) => {
      chunks.push(d);
      got += d.length;
      const r = (() => { try { return parseResponse(Buffer.concat(chunks)); } catch { return null; } })();
      if (r && r.complete) finish();
    });
    sock.on('end', () => finish());
    sock.on('close', () => finish());
    sock.on('error', (e) => {
      // EPIPE / ECONNRESET after the answer arrived is expected when the server
      // refuses a body; only an error with no answer at all is a failure.
      if (got > 0) finish(); else finish(e);
    });
    sock.on('connect', async () => {
      let h = head.replace(/\r?\n/g, '\r\n').replace(/(\r\n)+$/, '');
      if (!/\r\nconnection:/i.test(h)) h += '\r\nConnection: close';
      sock.write(h + '\r\n\r\n');
      if (body !== undefined) sock.write(body);
      if (bodySize) {
        // give a server that judges by Content-Length a moment to answer first
        await new Promise((res) => setTimeout(res, 100));
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        while (sent < bodySize && got === 0 && !done && !sock.destroyed) {
          const n = Math.min(chunk.length, bodySize - sent);
          const ok = sock.write(n === chunk.length ? chunk : chunk.subarray(0, n));
          sent += n;
          if (!ok) {
            await new Promise((res) => {
              const t = setTimeout(res, 200);
              sock.once('drain', () => { clearTimeout(t); res(); });
            });
          }
        }
      }
    });
  });
}

/** Raw GET of an exact request-target (sent byte for byte, no normalisation). */
export function rawGet(target, extraHeaders = '') {
  const hostHeader = `${HOST}:${PORT}`;
  return raw(`GET ${target} HTTP/1.1\r\nHost: ${hostHeader}${extraHeaders ? '\r\n' + extraHeaders : ''}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------
// Accounts, sessions, tokens (issue-3 contract).

export const TEST_PASSWORD = process.env.SATUPINTU_TEST_PASSWORD || '';
export const RUN_ID = (process.env.SATUPINTU_TEST_RUN_ID || crypto.randomBytes(3).toString('hex')).toLowerCase();
const SECRETS_FILE = process.env.SATUPINTU_TEST_SECRETS_FILE || '';

/** The staff accounts run.sh creates: username -> {role, region}. */
export const STAFF = {
  tadmin: { role: 'region_admin', region: '32.11' },
  ladmin: { role: 'region_admin', region: '18.01' },
  padmin: { role: 'platform_admin', region: null },
  tfront: { role: 'front_office', region: '32.11' },
  tback: { role: 'back_office', region: '32.11' },
  tappr: { role: 'approver', region: '32.11' },
};

/**
 * Note a secret the server must never log (kinds: nik, phone, email, password, session,
 * api_token). run.sh greps the server's stdout and stderr for every value noted.
 */
export function recordSecret(kind, value) {
  if (!SECRETS_FILE || value === undefined || value === null) return;
  const v = String(value);
  if (v.length < 6 || /[\t\r\n]/.test(v)) return;
  fs.appendFileSync(SECRETS_FILE, `${kind}\t${v}\n`);
}

let seq = 0;
/** A short name part unique to this run and call: [a-z0-9]. */
export function uniq() {
  seq += 1;
  return `${RUN_ID}${process.pid.toString(36)}${seq.toString(36)}${crypto.randomBytes(2).toString('hex')}`;
}

/** A well-formed tracking number with the given prefix (its check symbol right) that
 * (almost surely) does not exist. */
export function randomTracking(prefix) {
  const SYM = '0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U';
  for (;;) {
    let v = 0n;
    let s = '';
    for (let i = 0; i < 8; i++) {
      const d = crypto.randomInt(32);
      v = v * 32n + BigInt(d);
      s += SYM[d];
    }
    if (v % 37n >= 32n) continue;
    return `${prefix}-${s.slice(0, 4)}-${s.slice(4)}-${SYM[Number(v % 37n)]}`;
  }
}

export const randomDigits = (n) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
const two = (n) => String(n).padStart(2, '0');

/**
 * A well-formed NIK: district (6 digits, default 321101 = Wado, Sumedang) + DDMMYY
 * (day + 40 when female) + serial. Unset parts are random and valid.
 */
export function makeNik({ district = '321101', day, month, yy, female = false, serial } = {}) {
  const d = day ?? 1 + crypto.randomInt(28);
  const m = month ?? 1 + crypto.randomInt(12);
  const y = yy ?? 60 + crypto.randomInt(40);
  const s = serial ?? 1 + crypto.randomInt(9999);
  return `${district}${two(female ? d + 40 : d)}${two(m)}${two(y % 100)}${String(s).padStart(4, '0')}`;
}

/** The contract's masked NIK: first four, eight stars, last four. */
export const maskNik = (nik) => `${nik.slice(0, 4)}********${nik.slice(12)}`;

/** A fresh Indonesian mobile number: {local: "0812xxxxxxxx", e164: "+62812xxxxxxxx"}. */
export function makePhone() {
  const local = `0812${randomDigits(8)}`;
  return { local, e164: `+62${local.slice(1)}`, intl: `62${local.slice(1)}` };
}

export function recordPhone(p) {
  if (typeof p !== 'string') return;
  const digits = p.replace(/\D/g, '');
  recordSecret('phone', p);
  if (digits.startsWith('62')) { recordSecret('phone', digits); recordSecret('phone', `+${digits}`); recordSecret('phone', `0${digits.slice(2)}`); }
  if (digits.startsWith('0')) { recordSecret('phone', `62${digits.slice(1)}`); recordSecret('phone', `+62${digits.slice(1)}`); }
}

export const makeEmail = (prefix = 'warga') => `${prefix}.${uniq()}@example.com`;
export const makePassword = () => `Uji-${crypto.randomBytes(9).toString('base64url')}`;

/** Send a request as a session ({cookie, csrf}) or a token ({bearer}), JSON body when given.
 *  csrf: undefined -> the session's token on writes; null -> none; a string -> that one. */
export function authReq(who, p, { method = 'GET', body, csrf, headers = {} } = {}) {
  const h = { ...headers };
  if (who?.cookie) h.cookie = who.cookie;
  if (who?.bearer) h.authorization = `Bearer ${who.bearer}`;
  const token = csrf === undefined ? who?.csrf : csrf;
  if (method !== 'GET' && method !== 'HEAD' && token) h['x-csrf-token'] = token;
  let b;
  if (body !== undefined) {
    b = typeof body === 'string' ? body : JSON.stringify(body);
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type')) h['content-type'] = 'application/json';
  }
  return req(p, { method, headers: h, body: b });
}

/** Request with a bearer API token (no cookie, no CSRF). */
export const bearerReq = (token, p, opts = {}) => authReq({ bearer: token }, p, opts);

/** The sp_session Set-Cookie of an answer ({value, raw, attrs: lower-cased attribute names -> value}) or null. */
export function sessionCookie(headers) {
  const all = typeof headers.getSetCookie === 'function' ? headers.getSetCookie() : [headers.get('set-cookie')].filter(Boolean);
  const c = all.find((x) => /^\s*sp_session=/.test(x));
  if (!c) return null;
  const [pair, ...attrs] = c.split(';').map((x) => x.trim());
  const value = pair.slice(pair.indexOf('=') + 1);
  const a = {};
  for (const x of attrs) {
    const i = x.indexOf('=');
    if (i < 0) a[x.toLowerCase()] = true; else a[x.slice(0, i).toLowerCase()] = x.slice(i + 1);
  }
  return { value, raw: c, attrs: a };
}

/** POST /api/v1/auth/login without asserting anything; returns the req() result. */
export function tryLogin(login, password, headers = {}) {
  return postJSON('/api/v1/auth/login', { login, password }, { headers });
}

/**
 * Log in and return {cookie: "sp_session=...", csrf, user, token, setCookie}.
 * Fails the test with the answer shown unless the server says 200 with a cookie.
 */
export async function login(loginName, password = TEST_PASSWORD) {
  assert.ok(password, 'no password: set SATUPINTU_TEST_PASSWORD (run.sh does)');
  const r = await tryLogin(loginName, password);
  assert.equal(r.status, 200, `login ${loginName}: expected 200, got ${r.status}: ${r.text.slice(0, 500)}`);
  const c = sessionCookie(r.headers);
  assert.ok(c && c.value, `login ${loginName}: no sp_session cookie in ${JSON.stringify(r.headers.getSetCookie?.())}`);
  assert.equal(typeof r.json?.csrf_token, 'string', `login ${loginName}: csrf_token missing: ${r.text.slice(0, 300)}`);
  recordSecret('session', c.value);
  return { cookie: `sp_session=${c.value}`, csrf: r.json.csrf_token, user: r.json.user, token: c.value, setCookie: c };
}

/** Log in as one of the STAFF accounts. */
export const staff = (name) => login(name, TEST_PASSWORD);

/**
 * Register a citizen with fresh valid data (overridable); asserts 201 and returns
 * {name, nik, phone, email, password, user, phoneE164}.
 */
export async function registerCitizen(over = {}) {
  const ph = makePhone();
  const body = { name: 'Warga Uji Coba', nik: makeNik(), phone: ph.local, email: makeEmail(), password: makePassword(), ...over };
  for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k];
  recordSecret('nik', body.nik);
  recordPhone(body.phone);
  recordSecret('email', body.email);
  recordSecret('password', body.password);
  const r = await postJSON('/api/v1/auth/register', body);
  assert.equal(r.status, 201, `register: expected 201, got ${r.status}: ${r.text.slice(0, 500)}`);
  assert.ok(r.json?.user, `register: no "user" in ${r.text.slice(0, 300)}`);
  let phoneE164 = null;
  if (typeof body.phone === 'string') {
    const d = body.phone.replace(/\D/g, '');
    phoneE164 = d.startsWith('62') ? `+${d}` : `+62${d.slice(1)}`;
  }
  return { ...body, user: r.json.user, phoneE164, res: r };
}

/** The route table of `satupintu routes` (JSON lines), parsed. */
export function routeTable() {
  const out = execFileSync(BIN, ['routes'], { encoding: 'utf8', timeout: 10000 });
  return out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}

/** A route path with its parameters filled: {code} -> 32.11, {id} -> 1, {grant_id} -> 1 unless given. */
export function fillPath(p, params = {}) {
  const vals = { code: '32.11', id: '1', grant_id: '1', ...params };
  return p.replace(/\{([a-z_]+)\}/g, (_, k) => encodeURIComponent(vals[k] ?? '1'));
}

export const isWrite = (m) => !['GET', 'HEAD', 'OPTIONS'].includes(m);

/** RFC 3339 date-time with an offset or Z. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The User in an answer of POST /users or PATCH /users/{id}. The contract says the body IS the
 * User; a body {"user": User} is unwrapped here so that the tests that only need the user go on,
 * and admin.test.mjs holds the shape itself in tests of its own.
 */
export const userOf = (json) => (json && typeof json === 'object' && json.user && typeof json.user === 'object' && !('id' in json) ? json.user : json);
