// GET /api/v1/regions and /api/v1/regions/{code}
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { req, getJSON, assertError, assertCommonHeaders } from './lib.mjs';

const LEVELS = ['province', 'regency', 'district', 'village'];

describe('province list', () => {
  test('GET /api/v1/regions lists the 38 provinces', async () => {
    const r = await getJSON('/api/v1/regions');
    assertCommonHeaders(r.headers, '/api/v1/regions');
    const { data, next_cursor } = r.json;
    assert.ok(Array.isArray(data), 'data array');
    assert.equal(data.length, 38, `38 provinces, got ${data.length}`);
    assert.equal(next_cursor, null, 'next_cursor null');
    const { code, name, level } = data[0];
    assert.deepEqual({ code, name, level }, { code: '11', name: 'Aceh', level: 'province' });
    for (const p of data) {
      assert.match(p.code, /^\d{2}$/, JSON.stringify(p));
      assert.equal(p.level, 'province', JSON.stringify(p));
      assert.equal(typeof p.name, 'string');
      assert.ok(p.name.length > 0);
    }
    const codes = data.map((p) => p.code);
    assert.equal(new Set(codes).size, 38, 'codes unique');
    assert.deepEqual(codes, [...codes].sort(), 'ordered by code');
    assert.ok(data.some((p) => p.code === '32' && p.name === 'Jawa Barat'), 'has 32 Jawa Barat');
  });
});

describe('region detail', () => {
  test('province 32 Jawa Barat: parent null, 27 regencies incl. 32.11 Kabupaten Sumedang', async () => {
    const r = await getJSON('/api/v1/regions/32');
    assertCommonHeaders(r.headers, '/api/v1/regions/32');
    const b = r.json;
    assert.equal(b.code, '32');
    assert.equal(b.name, 'Jawa Barat');
    assert.equal(b.level, 'province');
    assert.equal(b.parent, null);
    assert.ok(Array.isArray(b.children));
    assert.equal(b.children.length, 27, `27 regencies, got ${b.children.length}`);
    assert.deepEqual(b.children.find((c) => c.code === '32.11'),
      { code: '32.11', name: 'Kabupaten Sumedang', level: 'regency' });
    for (const c of b.children) {
      assert.match(c.code, /^32\.\d{2}$/, JSON.stringify(c));
      assert.equal(c.level, 'regency');
    }
    assert.equal(new Set(b.children.map((c) => c.code)).size, 27, 'children unique');
  });

  test('regency 32.11: parent 32, 26 districts incl. 32.11.01 Wado', async () => {
    const b = (await getJSON('/api/v1/regions/32.11')).json;
    assert.equal(b.code, '32.11');
    assert.equal(b.name, 'Kabupaten Sumedang');
    assert.equal(b.level, 'regency');
    assert.deepEqual(b.parent, { code: '32', name: 'Jawa Barat', level: 'province' });
    assert.equal(b.children.length, 26, `26 districts, got ${b.children.length}`);
    assert.deepEqual(b.children.find((c) => c.code === '32.11.01'), { code: '32.11.01', name: 'Wado', level: 'district' });
    for (const c of b.children) {
      assert.match(c.code, /^32\.11\.\d{2}$/);
      assert.equal(c.level, 'district');
    }
  });

  test('another regency: 18.01 Kabupaten Lampung Selatan', async () => {
    const b = (await getJSON('/api/v1/regions/18.01')).json;
    assert.equal(b.name, 'Kabupaten Lampung Selatan');
    assert.equal(b.level, 'regency');
    assert.equal(b.parent?.code, '18');
  });

  test('district 32.11.01 Wado: villages incl. 32.11.01.2001 Cimungkal', async () => {
    const b = (await getJSON('/api/v1/regions/32.11.01')).json;
    assert.equal(b.code, '32.11.01');
    assert.equal(b.name, 'Wado');
    assert.equal(b.level, 'district');
    assert.deepEqual(b.parent, { code: '32.11', name: 'Kabupaten Sumedang', level: 'regency' });
    assert.ok(b.children.length >= 1);
    assert.deepEqual(b.children.find((c) => c.code === '32.11.01.2001'),
      { code: '32.11.01.2001', name: 'Cimungkal', level: 'village' });
    for (const c of b.children) {
      assert.match(c.code, /^32\.11\.01\.\d{4}$/);
      assert.equal(c.level, 'village');
    }
  });

  test('village 32.11.01.2001 Cimungkal has children []', async () => {
    const b = (await getJSON('/api/v1/regions/32.11.01.2001')).json;
    assert.equal(b.code, '32.11.01.2001');
    assert.equal(b.name, 'Cimungkal');
    assert.equal(b.level, 'village');
    assert.deepEqual(b.parent, { code: '32.11.01', name: 'Wado', level: 'district' });
    assert.deepEqual(b.children, []);
  });

  test('names with an apostrophe come back intact (12.04.28 Ma\'u)', async () => {
    const b = (await getJSON('/api/v1/regions/12.04.28')).json;
    assert.equal(b.name, "Ma'u");
  });

  for (const code of ['3', '32.1', '32.11.1', 'ab', '32.11.01.20011', '32..11', '32.', '.32', '123',
    '32.11.01.2001.1', '32-11', ' 32', '32 ', '３２', 'a2', '32.11.0a', '-1']) {
    test(`malformed code ${JSON.stringify(code)} -> 422 fields.code`, async () => {
      const r = await req(`/api/v1/regions/${encodeURIComponent(code)}`);
      assertError(r, 422, 'validation_failed', { field: 'code', what: `GET /api/v1/regions/${code}` });
      assertCommonHeaders(r.headers);
    });
  }

  for (const code of ['99', '32.99', '32.11.99', '32.11.01.9999', '00']) {
    test(`unknown well-formed code ${code} -> 404 not_found`, async () => {
      const r = await req(`/api/v1/regions/${code}`);
      assertError(r, 404, 'not_found', { what: `GET /api/v1/regions/${code}` });
      assertCommonHeaders(r.headers);
    });
  }

  test('every level answers with the documented shape', async () => {
    for (const code of ['32', '32.11', '32.11.01', '32.11.01.2001']) {
      const b = (await getJSON(`/api/v1/regions/${code}`)).json;
      assert.deepEqual(Object.keys(b).sort(), ['children', 'code', 'level', 'name', 'parent'], `${code}: ${JSON.stringify(Object.keys(b))}`);
      assert.ok(LEVELS.includes(b.level));
    }
  });
});
