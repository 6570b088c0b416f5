// GET /api/v1/regions?q=... search, filters, pagination, validation, hostile input.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { req, getJSON, assertError, assertCommonHeaders } from './lib.mjs';

const LEVEL_RANK = { province: 0, regency: 1, district: 2, village: 3 };
const search = (params) => getJSON(`/api/v1/regions?${new URLSearchParams(params)}`);

// Every name containing "sumed" (case-insensitive) in idn-area-data 4.0.1, by level then code.
const SUMED = [
  { code: '32.11', name: 'Kabupaten Sumedang', level: 'regency', parent_code: '32' },
  { code: '32.11.17', name: 'Sumedang Selatan', level: 'district', parent_code: '32.11' },
  { code: '32.11.18', name: 'Sumedang Utara', level: 'district', parent_code: '32.11' },
  { code: '16.08.12.2016', name: 'Sumedang Sari', level: 'village', parent_code: '16.08.12' },
  { code: '19.02.02.2010', name: 'Pulau Sumedang', level: 'village', parent_code: '19.02.02' },
  { code: '32.04.28.2011', name: 'Tegal Sumedang', level: 'village', parent_code: '32.04.28' },
  { code: '35.28.02.2016', name: 'Sumedangan', level: 'village', parent_code: '35.28.02' },
];

function assertOrdered(data, what) {
  for (let i = 1; i < data.length; i++) {
    const a = data[i - 1];
    const b = data[i];
    const ka = [LEVEL_RANK[a.level], a.code];
    const kb = [LEVEL_RANK[b.level], b.code];
    assert.ok(ka[0] < kb[0] || (ka[0] === kb[0] && ka[1] < kb[1]),
      `${what}: not ordered by level then code at ${i}: ${a.code}(${a.level}) before ${b.code}(${b.level})`);
  }
}

async function walk(params, limit, maxPages = 1000) {
  const all = [];
  let cursor = null;
  let pages = 0;
  do {
    const p = { ...params, limit: String(limit) };
    if (cursor !== null) p.cursor = cursor;
    const b = (await search(p)).json;
    assert.ok(Array.isArray(b.data), 'data array');
    assert.ok(b.data.length <= limit, `page larger than limit ${limit}: ${b.data.length}`);
    assert.ok(b.next_cursor === null || typeof b.next_cursor === 'string', `next_cursor: ${JSON.stringify(b.next_cursor)}`);
    if (b.next_cursor !== null) assert.equal(b.data.length, limit, 'a page followed by more is full');
    all.push(...b.data);
    cursor = b.next_cursor;
    pages++;
    assert.ok(pages <= maxPages, `more than ${maxPages} pages: cursor never ends`);
  } while (cursor !== null);
  return { all, pages };
}

describe('search', () => {
  test('q=sumed finds 32.11 Kabupaten Sumedang (regency) and exactly the matching names', async () => {
    const r = await search({ q: 'sumed' });
    assertCommonHeaders(r.headers, 'search');
    const b = r.json;
    assert.ok(Array.isArray(b.data));
    assert.deepEqual(b.data.find((x) => x.code === '32.11'), SUMED[0]);
    assert.deepEqual(b.data, SUMED);
    assert.equal(b.next_cursor, null);
    assertOrdered(b.data, 'q=sumed');
  });

  test('search is case-insensitive', async () => {
    assert.deepEqual((await search({ q: 'SUMED' })).json.data, SUMED);
    assert.deepEqual((await search({ q: 'SuMeDaNg' })).json.data, SUMED);
  });

  test('level filter', async () => {
    assert.deepEqual((await search({ q: 'sumed', level: 'regency' })).json.data, [SUMED[0]]);
    assert.deepEqual((await search({ q: 'sumed', level: 'district' })).json.data, SUMED.slice(1, 3));
    assert.deepEqual((await search({ q: 'sumed', level: 'village' })).json.data, SUMED.slice(3));
    assert.deepEqual((await search({ q: 'sumed', level: 'province' })).json.data, []);
    const jb = (await search({ q: 'jawa', level: 'province' })).json.data;
    assert.deepEqual(jb.map((x) => x.code), ['32', '33', '35'], JSON.stringify(jb));
    for (const x of jb) assert.equal(x.parent_code, null, 'province parent_code is null');
  });

  test('pagination limit=2 walks all results without duplicates, same as one limit=200 page', async () => {
    const single = (await search({ q: 'sumed', limit: '200' })).json;
    assert.equal(single.next_cursor, null);
    const { all, pages } = await walk({ q: 'sumed' }, 2);
    assert.equal(pages, Math.ceil(SUMED.length / 2));
    const codes = all.map((x) => x.code);
    assert.equal(new Set(codes).size, codes.length, `duplicates in walk: ${codes}`);
    assert.deepEqual(all, single.data);
  });

  test('pagination over a larger result set (q=sumber): limit 37 walk == limit 200 walk', async () => {
    const a = await walk({ q: 'sumber' }, 37);
    const b = await walk({ q: 'sumber' }, 200);
    assert.ok(a.all.length > 200, `expected > 200 results for sumber, got ${a.all.length}`);
    const codes = a.all.map((x) => x.code);
    assert.equal(new Set(codes).size, codes.length, 'no duplicates');
    assert.deepEqual(a.all, b.all);
    assertOrdered(a.all, 'q=sumber');
    for (const x of a.all) assert.match(x.name.toLowerCase(), /sumber/);
    assert.equal(a.pages, Math.ceil(a.all.length / 37));
  });

  test('default limit is 50', async () => {
    const b = (await search({ q: 'sumber' })).json;
    assert.equal(b.data.length, 50);
    assert.equal(typeof b.next_cursor, 'string');
  });

  test('level filter combined with pagination', async () => {
    const { all } = await walk({ q: 'sumber', level: 'district' }, 5);
    assert.ok(all.length > 5);
    for (const x of all) assert.equal(x.level, 'district');
  });

  for (const q of ['a', ' a ', '  ', '', 'é']) {
    test(`q=${JSON.stringify(q)} (shorter than 2 after trimming) -> 422 fields.q`, async (t) => {
      const r = await req(`/api/v1/regions?q=${encodeURIComponent(q)}`);
      assertError(r, 422, 'validation_failed', { field: 'q', what: `q=${JSON.stringify(q)}` });
    });
  }

  for (const limit of ['0', '201', 'x', '-1', '1.5', '', '99999999999999999999']) {
    test(`limit=${JSON.stringify(limit)} -> 422 fields.limit`, async () => {
      const r = await req(`/api/v1/regions?q=sumed&limit=${encodeURIComponent(limit)}`);
      assertError(r, 422, 'validation_failed', { field: 'limit', what: `limit=${limit}` });
    });
  }

  for (const level of ['city', 'kota', 'provinces', '1']) {
    test(`level=${level} -> 422 fields.level`, async () => {
      const r = await req(`/api/v1/regions?q=sumed&level=${encodeURIComponent(level)}`);
      assertError(r, 422, 'validation_failed', { field: 'level', what: `level=${level}` });
    });
  }

  for (const cursor of ['garbage', '!!!!', 'eyJ4IjoxfQ', "' OR 1=1 --", 'A'.repeat(300)]) {
    test(`cursor=${JSON.stringify(cursor.slice(0, 20))} -> 422 fields.cursor`, async () => {
      const r = await req(`/api/v1/regions?q=sumed&cursor=${encodeURIComponent(cursor)}`);
      assertError(r, 422, 'validation_failed', { field: 'cursor', what: `cursor=${cursor.slice(0, 20)}` });
    });
  }

  test('boundary limits 1 and 200 are accepted', async () => {
    assert.equal((await search({ q: 'sumber', limit: '1' })).json.data.length, 1);
    assert.equal((await search({ q: 'sumber', limit: '200' })).json.data.length, 200);
  });
});

describe('hostile search input', () => {
  const cases = [
    ["' OR 1=1 --", 0],
    ["' OR '1'='1", 0],
    ['"; DROP TABLE regions; --', 0],
    ['%%', 0],
    ['%a', 0],
    ['a%', 0],
    ['__', 0],
    ['_a', 0],
    ['\\\\', 0],
    ['\\%', 0],
    ['\\_', 0],
    ['*)', 0],
    ["ma'u", null],
  ];
  for (const [q, expect] of cases) {
    test(`q=${JSON.stringify(q)} -> 200 with only names that literally contain it`, async () => {
      const b = (await search({ q, limit: '200' })).json;
      assert.ok(Array.isArray(b.data));
      for (const x of b.data) {
        assert.ok(x.name.toLowerCase().includes(q.toLowerCase()),
          `q=${JSON.stringify(q)} returned ${x.code} ${JSON.stringify(x.name)} which does not contain it`);
      }
      if (expect !== null) assert.equal(b.data.length, expect, `q=${JSON.stringify(q)}: ${JSON.stringify(b.data.slice(0, 3))}`);
    });
  }

  test("q=ma'u finds 12.04.28 Ma'u (quotes are data, not SQL)", async () => {
    const b = (await search({ q: "ma'u" })).json;
    assert.ok(b.data.some((x) => x.code === '12.04.28' && x.name === "Ma'u"), JSON.stringify(b.data));
  });

  test('non-ASCII and control characters in q do not break the server', async () => {
    for (const q of ['éé', 'Ñandú', '日本', 'ab\u0001cd', 'a\tb']) {
      const r = await req(`/api/v1/regions?q=${encodeURIComponent(q)}`);
      assert.ok(r.status === 200 || r.status === 422, `q=${JSON.stringify(q)} -> ${r.status} ${r.text.slice(0, 200)}`);
      assert.notEqual(r.json, undefined, 'JSON body');
    }
    const r = await req('/api/v1/regions?q=%FF%FE');
    assert.ok(r.status >= 200 && r.status < 500, `invalid UTF-8 in q -> ${r.status}`);
  });

  test('NUL bytes in query values are not silently cut off', async () => {
    // q: either refused, or searched literally (no name contains a NUL)
    const r = await req('/api/v1/regions?q=sumed%00zzz');
    assert.ok(r.status === 200 || r.status === 400 || r.status === 422, `q with NUL -> ${r.status}`);
    if (r.status === 200) assert.deepEqual(r.json.data, [], `q="sumed\\0zzz" must not match "sumed": ${r.text.slice(0, 200)}`);
    else assertError(r, r.status, null, { what: 'q with NUL' });
    // Any other NUL in the URL is refused as a whole: 400 bad_request, never a truncated value.
    assertError(await req('/api/v1/regions?q=sumed&level=regency%00x'), 400, 'bad_request', { what: 'level with NUL' });
    assertError(await req('/api/v1/regions?q=sumed&limit=2%00x'), 400, 'bad_request', { what: 'limit with NUL' });
    const first = (await search({ q: 'sumed', limit: '2' })).json;
    assert.equal(typeof first.next_cursor, 'string');
    assertError(await req(`/api/v1/regions?q=sumed&limit=2&cursor=${encodeURIComponent(first.next_cursor)}%00`), 400,
      'bad_request', { what: 'cursor with NUL' });
  });

  test('a very long q is handled', async () => {
    const r = await req(`/api/v1/regions?q=${'x'.repeat(4000)}`);
    assert.ok([200, 414, 422, 431].includes(r.status), `long q -> ${r.status}`);
  });

  test('server is still up and data intact after hostile queries', async () => {
    assert.deepEqual((await getJSON('/healthz')).json, { status: 'ok' });
    assert.equal((await getJSON('/readyz')).json.status, 'ready');
    assert.equal((await getJSON('/api/v1/regions')).json.data.length, 38);
    assert.equal((await getJSON('/api/v1/regions/32')).json.children.length, 27);
  });
});
