// POST /api/v1/regions/resolve
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { req, postJSON, raw, HOST, PORT, getJSON, assertError, assertCommonHeaders, assertJSONType } from './lib.mjs';

const P = '/api/v1/regions/resolve';

describe('resolve: happy path', () => {
  test('known codes in request order, unknown listed', async () => {
    const r = await postJSON(P, { codes: ['32.11.01', '99.99', '32', '32.11.01.2001', '32.11'] });
    assert.equal(r.status, 200, r.text);
    assertJSONType(r.headers, 'resolve');
    assertCommonHeaders(r.headers, 'resolve');
    assert.deepEqual(r.json, {
      data: [
        { code: '32.11.01', name: 'Wado', level: 'district', parent_code: '32.11' },
        { code: '32', name: 'Jawa Barat', level: 'province', parent_code: null },
        { code: '32.11.01.2001', name: 'Cimungkal', level: 'village', parent_code: '32.11.01' },
        { code: '32.11', name: 'Kabupaten Sumedang', level: 'regency', parent_code: '32' },
      ],
      unknown: ['99.99'],
    });
  });

  test('all unknown -> data [] and every code in unknown, in order', async () => {
    const r = await postJSON(P, { codes: ['99', '32.99', '32.11.01.9999'] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json, { data: [], unknown: ['99', '32.99', '32.11.01.9999'] });
  });

  test('all known -> unknown []', async () => {
    const r = await postJSON(P, { codes: ['18.01'] });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.unknown, []);
    assert.equal(r.json.data[0].name, 'Kabupaten Lampung Selatan');
  });

  test('Content-Type with charset is accepted', async () => {
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"codes":["32"]}' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.data[0].code, '32');
  });

  test('exactly 500 codes are accepted', async () => {
    // 500 distinct codes: 32.11.01..26 known, the rest well-formed but unknown
    const two = (n) => String(n).padStart(2, '0');
    const codes = Array.from({ length: 500 }, (_, i) => (i < 26 ? `32.11.${two(i + 1)}` : `99.${two(Math.floor(i / 100))}.${two(i % 100)}`));
    assert.equal(new Set(codes).size, 500);
    const r = await postJSON(P, { codes });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.deepEqual(r.json.data.map((x) => x.code), codes.slice(0, 26));
    assert.deepEqual(r.json.unknown, codes.slice(26));
  });

  test('whitespace and key order in JSON do not matter', async () => {
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body: ' \n { "codes" : [ "32.11" ] } \n' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.data[0].code, '32.11');
  });

  test('JSON string escapes in codes are decoded (\\u0033\\u0032 is "32")', async () => {
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"codes":["\\u0033\\u0032"]}' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.data[0]?.code, '32', r.text);
  });
});

describe('resolve: bad requests', () => {
  test('text/plain -> 415 unsupported_media_type', async () => {
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"codes":["32"]}' });
    assertError(r, 415, 'unsupported_media_type', { what: 'text/plain' });
    assertCommonHeaders(r.headers, '415');
  });

  test('application/x-www-form-urlencoded -> 415', async () => {
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'codes=32' });
    assertError(r, 415, 'unsupported_media_type', { what: 'form' });
  });

  const malformed = [
    ['truncated JSON', '{"codes":["32"'],
    ['invalid JSON', '{codes:["32"]}'],
    ['trailing garbage', '{"codes":["32"]} x'],
    ['single quotes', "{'codes':['32']}"],
    ['trailing comma', '{"codes":["32",]}'],
    ['empty body', ''],
    ['bare word', 'null x'],
  ];
  for (const [name, body] of malformed) {
    test(`${name} -> 400 malformed_json`, async () => {
      const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assertError(r, 400, 'malformed_json', { what: `${name}: ${body}` });
      assertCommonHeaders(r.headers, '400');
    });
  }

  test('invalid UTF-8 bytes (0xff 0xfe) -> 400 malformed_json', async () => {
    const body = Buffer.concat([Buffer.from('{"codes":["'), Buffer.from([0xff, 0xfe]), Buffer.from('"]}')]);
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
    assertError(r, 400, 'malformed_json', { what: 'invalid UTF-8' });
  });

  test('overlong UTF-8 encoding of "/" (0xc0 0xaf) -> 400 malformed_json', async () => {
    const body = Buffer.concat([Buffer.from('{"codes":["32'), Buffer.from([0xc0, 0xaf]), Buffer.from('"]}')]);
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body: new Uint8Array(body) });
    assertError(r, 400, 'malformed_json', { what: 'overlong UTF-8' });
  });

  test('unknown top-level field -> 422 naming it', async () => {
    const r = await postJSON(P, { codes: ['32'], extra: 1 });
    assertError(r, 422, 'validation_failed', { field: 'extra', what: 'extra field' });
  });

  const codesCases = [
    ['codes missing', {}],
    ['codes not an array (string)', { codes: '32' }],
    ['codes not an array (object)', { codes: { a: '32' } }],
    ['codes null', { codes: null }],
    ['codes empty', { codes: [] }],
    ['codes > 500', { codes: Array.from({ length: 501 }, () => '32') }],
  ];
  for (const [name, body] of codesCases) {
    test(`${name} -> 422 fields.codes`, async () => {
      const r = await postJSON(P, body);
      assertError(r, 422, 'validation_failed', { field: 'codes', what: name });
    });
  }

  for (const [name, body, field] of [
    ['malformed element codes[1]', { codes: ['32', '3'] }, 'codes[1]'],
    ['malformed element codes[3]', { codes: ['32', '32.11', '32.11.01', '32..11'] }, 'codes[3]'],
    ['number element codes[1]', { codes: ['32', 32] }, 'codes[1]'],
    ['null element codes[0]', { codes: [null] }, 'codes[0]'],
    ['nested array codes[2]', { codes: ['32', '33', ['34']] }, 'codes[2]'],
  ]) {
    test(`${name} -> 422 fields["${field}"]`, async () => {
      const r = await postJSON(P, body);
      assertError(r, 422, 'validation_failed', { field, what: name });
    });
  }

  test('valid JSON with a NUL inside an element (\\u0000) -> 422 fields["codes[0]"]', async () => {
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"codes":["32\\u0000x"]}' });
    assertError(r, 422, 'validation_failed', { field: 'codes[0]', what: 'NUL in element' });
  });

  test('top-level JSON that is not an object -> 4xx JSON error', async () => {
    for (const body of ['[]', '"codes"', '42', 'null']) {
      const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      assert.ok(r.status === 400 || r.status === 422, `${body} -> ${r.status} ${r.text}`);
      assertError(r, r.status, null, { what: body });
    }
  });

  test('deeply nested JSON -> 4xx, server survives', async () => {
    const body = `{"codes":${'['.repeat(100000)}${']'.repeat(100000)}}`;
    const r = await req(P, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.ok(r.status >= 400 && r.status < 500, `deep nesting -> ${r.status}`);
    assert.equal((await getJSON('/healthz')).status, 200);
  });

  test('body over 1 MiB (~2 MiB) -> 413 payload_too_large, server still answers', async () => {
    const size = 2 * 1024 * 1024;
    const r = await raw(
      `POST ${P} HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\nContent-Type: application/json\r\nContent-Length: ${size}`,
      { bodySize: size, timeout: 30000 },
    );
    assertError(r, 413, 'payload_too_large', { what: '2 MiB body' });
    assertCommonHeaders(r.headers, '413');
    assert.deepEqual((await getJSON('/healthz')).json, { status: 'ok' });
    const again = await postJSON(P, { codes: ['32'] });
    assert.equal(again.status, 200, again.text);
  });

  test('413 is answered from Content-Length alone, before the body is sent', async () => {
    const r = await raw(
      `POST ${P} HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}`,
      { timeout: 10000 },
    );
    assertError(r, 413, 'payload_too_large', { what: 'head only, Content-Length 2 MiB' });
  });

  test('a body of exactly 1 MiB is read (not 413), 1 MiB + 1 is 413', async () => {
    const max = 1024 * 1024;
    const mk = (n) => {
      const prefix = '{"codes":["32"],"pad":"';
      const suffix = '"}';
      return prefix + 'x'.repeat(n - prefix.length - suffix.length) + suffix;
    };
    const at = await postJSON(P, mk(max));
    assert.notEqual(at.status, 413, `exactly ${max} bytes must not be 413`);
    assertError(at, 422, 'validation_failed', { field: 'pad', what: '1 MiB body with unknown field pad' });
    let over;
    try { over = await postJSON(P, mk(max + 1)); } catch { over = null; }
    if (over) assertError(over, 413, 'payload_too_large', { what: '1 MiB + 1' });
    assert.equal((await getJSON('/healthz')).status, 200);
  });

  test('413 also through fetch with a real 2 MiB JSON body', async () => {
    const codes = JSON.stringify({ codes: ['32'], pad: 'x'.repeat(2 * 1024 * 1024) });
    let r;
    try {
      r = await postJSON(P, codes);
    } catch (e) {
      // a client may see the connection closed while still sending; that is
      // acceptable only if the server is fine afterwards (checked below)
      r = null;
    }
    if (r) assertError(r, 413, 'payload_too_large', { what: 'fetch 2 MiB' });
    assert.equal((await getJSON('/healthz')).status, 200);
  });

  test('errors are Indonesian by default and English with Accept-Language: en', async () => {
    const id = await req(P, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    const en = await req(P, { method: 'POST', headers: { 'content-type': 'text/plain', 'accept-language': 'en' }, body: 'x' });
    assertError(id, 415, 'unsupported_media_type');
    assertError(en, 415, 'unsupported_media_type');
    assert.notEqual(en.json.error.message, id.json.error.message, 'English message should differ');
  });
});
