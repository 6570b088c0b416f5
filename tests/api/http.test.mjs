// Routing errors, path traversal, common headers, request ids, languages.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { req, raw, rawGet, HOST, PORT, getJSON, assertError, assertCommonHeaders } from './lib.mjs';

describe('routing errors', () => {
  for (const p of ['/api/v1/nope', '/api/v2/regions', '/api/v1/regions/32/extra', '/api', '/nope.txt']) {
    test(`GET ${p} -> 404 JSON not_found`, async () => {
      const r = await req(p);
      assertError(r, 404, 'not_found', { what: `GET ${p}` });
      assertCommonHeaders(r.headers, p);
    });
  }

  // Outside /api, an extension-less path is a page of the browser app: the
  // server answers index.html and the app shows its own "not found".
  test('GET /nope -> the web app shell (index.html), never a file', async () => {
    const r = await req('/nope');
    assert.equal(r.status, 200, `/nope -> ${r.status}`);
    assert.match(r.headers.get('content-type') || '', /^text\/html/);
    assert.match(r.text, /<div id="app">/);
    assert.equal(r.headers.get('cache-control'), 'no-cache');
    assertCommonHeaders(r.headers, '/nope');
  });

  for (const [method, p, allow] of [
    ['DELETE', '/api/v1/regions', 'GET'],
    ['POST', '/api/v1/regions', 'GET'],
    ['PUT', '/api/v1/regions/32', 'GET'],
    ['DELETE', '/api/v1/regions/32.11', 'GET'],
    ['POST', '/healthz', 'GET'],
    ['PATCH', '/readyz', 'GET'],
    ['POST', '/metrics', 'GET'],
    ['PUT', '/api/v1/openapi.json', 'GET'],
  ]) {
    test(`${method} ${p} -> 405 with Allow: ${allow}`, async () => {
      const r = await req(p, { method, headers: method === 'POST' || method === 'PUT' || method === 'PATCH' ? { 'content-type': 'application/json' } : {}, body: method === 'DELETE' ? undefined : '{}' });
      assertError(r, 405, 'method_not_allowed', { what: `${method} ${p}` });
      const allowH = r.headers.get('allow');
      assert.ok(allowH, `${method} ${p}: Allow header missing`);
      const methods = allowH.split(',').map((s) => s.trim().toUpperCase());
      assert.ok(methods.includes(allow), `Allow should include ${allow}: ${allowH}`);
      assert.ok(!methods.includes(method), `Allow should not include ${method}: ${allowH}`);
      assertCommonHeaders(r.headers, `${method} ${p}`);
    });
  }

  test('GET /api/v1/regions/resolve is not a POST-only success', async () => {
    const r = await req('/api/v1/regions/resolve');
    assert.ok(r.status >= 400 && r.status < 500, `GET resolve -> ${r.status}`);
    assertError(r, r.status, null, { what: 'GET resolve' });
  });
});

describe('path traversal and odd request targets', () => {
  const targets = [
    '/../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E/%2E%2E/etc/passwd',
    '/api/v1/regions/..%2f..%2fetc',
    '/api/v1/regions/../../../etc/passwd',
    '/api/v1/../../etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/%252e%252e/%252e%252e/etc/passwd',
    '/..\\..\\etc\\passwd',
    '/static/../../etc/passwd',
    '/web/../src/main.c',
    '/api/v1/regions/32%00',
    '/api/v1/regions/32%00.11',
    '/%00',
    '/etc/passwd',
    '//etc/passwd',
    '/./././etc/passwd',
    '/.git/config',
    '/Makefile',
    '/src/main.c',
  ];
  for (const t of targets) {
    test(`GET ${t} -> 4xx JSON or the app shell, no file contents`, async () => {
      const r = await rawGet(t);
      const ctype = (typeof r.headers.get === 'function' ? r.headers.get('content-type') : r.headers['content-type']) || '';
      const shell = r.status === 200 && /^text\/html/.test(ctype) && /<div id="app">/.test(r.text);
      assert.ok(shell || (r.status >= 400 && r.status < 500), `${t} -> ${r.status} ${r.text.slice(0, 200)}`);
      if (!shell) assertError(r, r.status, null, { what: t });
      assertCommonHeaders(r.headers, t);
      assert.doesNotMatch(r.text, /root:.*:0:0:/, 'contents of /etc/passwd leaked');
      assert.doesNotMatch(r.text, /\[core\]|repositoryformatversion/, 'git config leaked');
      assert.doesNotMatch(r.text, /#include|int main\(/, 'source leaked');
    });
  }

  test('absolute-form and garbage request lines get a 4xx, server survives', async () => {
    for (const line of [
      'GET http://evil.example/../../etc/passwd HTTP/1.1',
      'GET ../../etc/passwd HTTP/1.1',
      'GET * HTTP/1.1',
      'BREW /api/v1/regions HTTP/1.1',
    ]) {
      let r;
      try { r = await raw(`${line}\r\nHost: ${HOST}:${PORT}`); } catch { r = null; }
      if (r) {
        assert.ok(r.status >= 400 && r.status < 500, `${line} -> ${r.status}`);
        assert.doesNotMatch(r.text, /root:.*:0:0:/);
      }
    }
    assert.equal((await getJSON('/healthz')).status, 200);
  });
});

describe('common headers', () => {
  const cases = [
    ['GET', '/healthz'],
    ['GET', '/readyz'],
    ['GET', '/metrics'],
    ['GET', '/api/v1/openapi.json'],
    ['GET', '/api/v1/regions'],
    ['GET', '/api/v1/regions/32.11'],
    ['GET', '/api/v1/regions/99'],
    ['GET', '/api/v1/regions/3'],
    ['GET', '/api/v1/regions?q=x'],
    ['GET', '/no/such/route'],
    ['DELETE', '/api/v1/regions'],
  ];
  for (const [m, p] of cases) {
    test(`${m} ${p} carries X-Request-Id and the security headers`, async () => {
      const r = await req(p, { method: m });
      assertCommonHeaders(r.headers, `${m} ${p}`);
    });
  }

  test('request ids differ between requests', async () => {
    const a = (await req('/healthz')).headers.get('x-request-id');
    const b = (await req('/healthz')).headers.get('x-request-id');
    assert.ok(a && b);
    assert.notEqual(a, b);
  });

  test('a sane client X-Request-Id is echoed', async () => {
    for (const id of ['test-req-1234', 'abc_DEF.789', '0f8fad5b-d9cb-469f-a165-70867728950e']) {
      const r = await req('/healthz', { headers: { 'x-request-id': id } });
      assert.equal(r.headers.get('x-request-id'), id);
      const e = await req('/api/v1/regions/99', { headers: { 'x-request-id': id } });
      assert.equal(e.headers.get('x-request-id'), id, 'echoed on errors too');
    }
  });

  test('an insane client X-Request-Id is replaced by a generated one', async () => {
    for (const id of ['<script>alert(1)</script>', 'a b c', 'x'.repeat(1000), 'evil"quote']) {
      const r = await req('/healthz', { headers: { 'x-request-id': id } });
      const got = r.headers.get('x-request-id');
      assert.ok(got && got.length > 0, 'generated id present');
      assert.notEqual(got, id, `should not echo ${id.slice(0, 30)}`);
      assert.ok(got.length <= 200, 'generated id is short');
      assert.doesNotMatch(got, /[<>"\s]/, 'generated id is clean');
    }
  });

  test('CRLF in X-Request-Id cannot inject headers', async () => {
    const r = await raw(`GET /healthz HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\nX-Request-Id: abc%0d%0aSet-Cookie: x=1`);
    assert.equal(r.status, 200);
    assert.equal(r.headers['set-cookie'], undefined);
  });

  test('JSON answers are UTF-8 application/json', async () => {
    const r = await req('/api/v1/regions');
    assert.match(r.headers.get('content-type'), /^application\/json\b/);
  });
});

describe('languages', () => {
  async function msg(p, lang) {
    const r = await req(p, lang ? { headers: { 'accept-language': lang } } : {});
    return r;
  }
  test('Accept-Language: en gives an English message different from the default Indonesian one', async () => {
    for (const [p, status, code] of [
      ['/api/v1/regions/99', 404, 'not_found'],
      ['/api/v1/regions/3', 422, 'validation_failed'],
      ['/api/v1/nope', 404, 'not_found'],
    ]) {
      const id = await msg(p);
      const en = await msg(p, 'en');
      assertError(id, status, code, { what: p });
      assertError(en, status, code, { what: `${p} en` });
      assert.notEqual(en.json.error.message, id.json.error.message, `${p}: English message should differ from default`);
      // explicit Indonesian = default
      const explicitId = await msg(p, 'id');
      assert.equal(explicitId.json.error.message, id.json.error.message, `${p}: Accept-Language: id = default`);
      // English variants and q-values
      for (const l of ['en-US', 'en-GB,en;q=0.9', 'en-US,en;q=0.9,id;q=0.5']) {
        const r = await msg(p, l);
        assert.equal(r.json.error.message, en.json.error.message, `${p}: Accept-Language: ${l}`);
      }
      // Indonesian preferred over English
      const idPref = await msg(p, 'id-ID,id;q=0.9,en;q=0.5');
      assert.equal(idPref.json.error.message, id.json.error.message, `${p}: id preferred`);
      // unsupported language falls back to the default
      const fr = await msg(p, 'fr');
      assert.equal(fr.json.error.message, id.json.error.message, `${p}: fr falls back to Indonesian`);
    }
  });

  test('422 field reasons follow the language too', async () => {
    const id = await msg('/api/v1/regions/3');
    const en = await msg('/api/v1/regions/3', 'en');
    assert.equal(typeof en.json.error.fields.code, 'string');
    assert.notEqual(en.json.error.fields.code, id.json.error.fields.code, 'fields.code reason localized');
  });
});

describe('concurrency', () => {
  test('50 concurrent requests all answer correctly', async () => {
    const rs = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      req(i % 2 ? '/api/v1/regions/32.11' : '/api/v1/regions?q=sumed', { headers: { 'x-request-id': `conc-${i}` } })));
    rs.forEach((r, i) => {
      assert.equal(r.status, 200, `request ${i}: ${r.status} ${r.text.slice(0, 200)}`);
      assert.equal(r.headers.get('x-request-id'), `conc-${i}`, 'each answer carries its own request id');
      if (i % 2) assert.equal(r.json.name, 'Kabupaten Sumedang');
      else assert.equal(r.json.data[0].code, '32.11');
    });
  });
});
