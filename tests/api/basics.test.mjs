// healthz, readyz, metrics, openapi.json and the route table vs the OpenAPI document.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { BIN, req, getJSON, assertCommonHeaders } from './lib.mjs';

describe('health', () => {
  test('GET /healthz -> 200 {"status":"ok"}', async () => {
    const r = await getJSON('/healthz');
    assert.deepEqual(r.json, { status: 'ok' });
    assertCommonHeaders(r.headers, '/healthz');
  });

  test('GET /readyz -> 200 ready with an integer schema_version', async () => {
    const r = await getJSON('/readyz');
    assert.equal(r.json.status, 'ready');
    assert.ok(Number.isInteger(r.json.schema_version), `schema_version: ${r.text}`);
    assert.ok(r.json.schema_version >= 1, `schema_version: ${r.text}`);
  });
});

// Sum of satupintu_http_requests_total samples whose labels satisfy pred.
function requestsTotal(text, pred) {
  let sum = 0;
  for (const line of text.split('\n')) {
    const m = /^satupintu_http_requests_total\{((?:[^"}]|"[^"]*")*)\}\s+([0-9.eE+-]+)/.exec(line);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (pred(labels)) sum += Number(m[2]);
  }
  return sum;
}

describe('metrics', () => {
  test('GET /metrics is Prometheus text with the documented series', async () => {
    const r = await req('/metrics');
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.match(r.headers.get('content-type') || '', /^text\/plain;\s*version=0\.0\.4/);
    assertCommonHeaders(r.headers, '/metrics');
    const t = r.text;
    for (const name of [
      'satupintu_http_requests_total',
      'satupintu_http_request_duration_seconds_bucket',
      'satupintu_http_request_duration_seconds_sum',
      'satupintu_http_request_duration_seconds_count',
      'satupintu_db_errors_total',
      'satupintu_http_open_connections',
      'satupintu_writer_batches_total',
      'satupintu_writer_jobs_total',
    ]) {
      assert.match(t, new RegExp(`^${name}(\\{(?:[^"}]|"[^"]*")*\\})?\\s+[0-9]`, 'm'), `metric ${name} missing from /metrics`);
    }
    assert.match(t, /^# TYPE satupintu_http_request_duration_seconds histogram$/m, 'histogram TYPE line');
    assert.match(t, /^# TYPE satupintu_http_requests_total counter$/m, 'counter TYPE line');
    assert.match(t, /^satupintu_http_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\}\s+[0-9]/m, 'histogram +Inf bucket');
    // requests_total carries method, route and status labels
    assert.match(t, /^satupintu_http_requests_total\{(?=[^}]*method=")(?=[^}]*route=")(?=[^}]*status=")[^}]*\}/m,
      'requests_total labels method, route, status');
    // every sample line parses as "name{labels} number"
    for (const line of t.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{(?:[^"}]|"[^"]*")*\})?\s+[-+]?([0-9.]+([eE][-+]?[0-9]+)?|NaN|\+Inf|-Inf)(\s+\d+)?$/,
        `bad sample line: ${line}`);
    }
  });

  test('counters grow after requests', async () => {
    const isHealthz = (l) => /healthz/.test(l.route || '') && l.method === 'GET' && l.status === '200';
    const isNotFound = (l) => l.status === '404';
    const before = (await req('/metrics')).text;
    const hz0 = requestsTotal(before, isHealthz);
    const nf0 = requestsTotal(before, isNotFound);
    const all0 = requestsTotal(before, () => true);
    for (let i = 0; i < 3; i++) assert.equal((await req('/healthz')).status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await req('/api/v1/no-such-route-for-metrics')).status, 404);
    // A request is counted when libmicrohttpd reports it complete, just after its answer went
    // out, so the last ones may be counted a moment after the client has them: read again a while.
    let after = '';
    for (const deadline = Date.now() + 2000; Date.now() < deadline;) {
      after = (await req('/metrics')).text;
      if (requestsTotal(after, isNotFound) >= nf0 + 2 && requestsTotal(after, isHealthz) >= hz0 + 3) break;
    }
    assert.ok(requestsTotal(after, isHealthz) >= hz0 + 3,
      `GET /healthz 200 counter should grow by >= 3: ${hz0} -> ${requestsTotal(after, isHealthz)}`);
    assert.ok(requestsTotal(after, isNotFound) >= nf0 + 2, 'status="404" counter should grow by >= 2');
    assert.ok(requestsTotal(after, () => true) >= all0 + 6, 'total requests should grow by >= 6');
    // histogram counts (summed over all label sets) grow too
    const histCount = (t) => [...t.matchAll(/^satupintu_http_request_duration_seconds_count(?:\{(?:[^"}]|"[^"]*")*\})?\s+([0-9.eE+]+)$/gm)]
      .reduce((a, m) => a + Number(m[1]), 0);
    assert.ok(histCount(after) >= histCount(before) + 5, 'histogram _count should grow');
  });
});

describe('openapi', () => {
  let doc;
  test('GET /api/v1/openapi.json is an OpenAPI 3.1 JSON document', async () => {
    const r = await getJSON('/api/v1/openapi.json');
    doc = r.json;
    assert.match(String(doc.openapi), /^3\.1\.\d+$/, `openapi version: ${doc.openapi}`);
    assert.equal(typeof doc.info?.title, 'string');
    assert.equal(typeof doc.info?.version, 'string');
    assert.ok(doc.paths && typeof doc.paths === 'object', 'paths object');
    assertCommonHeaders(r.headers, 'openapi.json');
  });

  test('served document equals docs/openapi.json when the repo has it', async (t) => {
    const f = new URL('../../docs/openapi.json', import.meta.url);
    if (!fs.existsSync(f)) return t.skip('docs/openapi.json not in this checkout');
    const onDisk = JSON.parse(fs.readFileSync(f, 'utf8'));
    const served = (await getJSON('/api/v1/openapi.json')).json;
    assert.deepEqual(served, onDisk, 'embedded OpenAPI document differs from docs/openapi.json (rebuild?)');
  });

  test('every route of `satupintu routes` is documented in openapi.json', async (t) => {
    assert.ok(fs.existsSync(BIN), `binary ${BIN} not found (set SATUPINTU_BIN)`);
    const out = execFileSync(BIN, ['routes'], { encoding: 'utf8', timeout: 10000 });
    const routes = out.split('\n').filter((l) => l.trim() !== '').map((l) => {
      try { return JSON.parse(l); } catch { assert.fail(`routes printed a non-JSON line: ${l}`); }
    });
    assert.ok(routes.length >= 6, `expected the route table, got ${routes.length} lines`);
    const docu = doc || (await getJSON('/api/v1/openapi.json')).json;
    const missing = [];
    for (const r of routes) {
      assert.equal(typeof r.method, 'string', JSON.stringify(r));
      assert.equal(typeof r.path, 'string', JSON.stringify(r));
      const item = docu.paths?.[r.path.replace(/\{(\w+)\.\.\.\}/g, '{$1}')];
      if (!item || !item[r.method.toLowerCase()]) missing.push(`${r.method} ${r.path}`);
    }
    assert.deepEqual(missing, [], `routes missing from openapi.json paths: ${missing.join(', ')}`);
    // and the contract's own routes are in the table
    const have = new Set(routes.map((r) => `${r.method} ${r.path}`));
    for (const want of ['GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /api/v1/openapi.json',
      'GET /api/v1/regions', 'GET /api/v1/regions/{code}', 'POST /api/v1/regions/resolve']) {
      assert.ok(have.has(want), `route table lacks ${want}`);
    }
  });
});
