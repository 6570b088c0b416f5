// Shared helpers for the black-box API suite (node:test + global fetch, no deps).
//
// SATUPINTU_BASE_URL  base URL of a running server (default http://127.0.0.1:8080)
// SATUPINTU_BIN       path of the satupintu binary (default build/satupintu in the repo)
import assert from 'node:assert/strict';
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
 */
export function assertError(r, status, code, { field, what = '' } = {}) {
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
