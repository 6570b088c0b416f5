// Paging of the admin lists: GET /users, /tokens and /notifications answer
// {data, next_cursor}, newest first; following next_cursor walks every row exactly once,
// the filters (region, role, q, kind, status) hold on every page, and a bad limit or
// cursor is 422 naming the field.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  req, assertError, authReq, staff, login, registerCitizen, uniq, makeEmail, makePhone, makePassword, randomDigits,
  recordSecret, recordPhone, userOf,
} from './lib.mjs';

const show = (r) => `${r.status} ${String(r.text).slice(0, 400)}`;

/**
 * Every page of `path` (a query string already on it) with ?limit=limit, following next_cursor
 * to the end. Checks each page: 200, {data, next_cursor} only, a page followed by more is full,
 * the last one says null. Returns {rows, pages} (pages: the sizes of the pages).
 */
async function walk(who, path, limit, maxPages = 500) {
  const rows = [];
  const pages = [];
  let cursor = null;
  for (;;) {
    const p = `${path}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await authReq(who, p);
    assert.equal(r.status, 200, `${p}: ${show(r)}`);
    assert.deepEqual(Object.keys(r.json).sort(), ['data', 'next_cursor'], `${p}: answer keys: ${show(r)}`);
    assert.ok(Array.isArray(r.json.data), `${p}: data`);
    assert.ok(r.json.data.length <= limit, `${p}: ${r.json.data.length} rows on a page of ${limit}`);
    rows.push(...r.json.data);
    pages.push(r.json.data.length);
    const next = r.json.next_cursor;
    if (next === null) return { rows, pages };
    assert.equal(typeof next, 'string', `${p}: next_cursor is a string or null: ${show(r)}`);
    assert.match(next, /^[1-9][0-9]*$/, `${p}: next_cursor`);
    assert.equal(r.json.data.length, limit, `${p}: a page followed by another is full`);
    assert.equal(next, String(r.json.data[r.json.data.length - 1].id), `${p}: next_cursor is the last row's id`);
    assert.ok(pages.length < maxPages, `${path}: more than ${maxPages} pages, the cursor never ends`);
    cursor = next;
  }
}

/** Ids strictly falling (newest first), so no row twice. */
function assertNewestFirst(rows, what) {
  for (let i = 1; i < rows.length; i++) {
    assert.ok(rows[i - 1].id > rows[i].id, `${what}: order at ${i}: ${rows[i - 1].id} then ${rows[i].id}`);
  }
}

/** limit=0, limit=201, limit=x, cursor=abc, cursor=0, cursor=-1: 422 naming the field. */
async function assertBadPaging(who, path) {
  for (const q of ['limit=0', 'limit=201', 'limit=x', 'cursor=abc', 'cursor=0', 'cursor=-1']) {
    assertError(await authReq(who, `${path}&${q}`), 422, 'validation_failed', { field: q.split('=')[0], what: `${path}&${q}` });
  }
  const both = await authReq(who, `${path}&limit=0&cursor=abc`);
  assertError(both, 422, 'validation_failed', { field: 'limit', what: 'both bad' });
  assert.ok(both.json.error.fields.cursor, `both fields named: ${show(both)}`);
}

describe('paging: GET /users', () => {
  let ta;
  const tag = `halaman${uniq()}`;
  const made = []; // {id, role, region}
  // Seven staff accounts with the tag in their names: five front_office (two of them on
  // the kecamatan 32.11.01), two back_office, created one after another.
  const plan = [
    ['front_office', '32.11'], ['back_office', '32.11'], ['front_office', '32.11.01'], ['front_office', '32.11'],
    ['back_office', '32.11'], ['front_office', '32.11.01'], ['front_office', '32.11'],
  ];
  before(async () => {
    ta = await staff('tadmin');
    for (const [i, [role, region]] of plan.entries()) {
      const ph = makePhone();
      const body = {
        username: `hal${uniq()}`, name: `Petugas ${tag} ${i}`, password: makePassword(), email: makeEmail('hal'),
        phone: ph.local, grants: [{ role, region_code: region }],
      };
      recordSecret('password', body.password);
      recordSecret('email', body.email);
      recordPhone(body.phone);
      const r = await authReq(ta, '/api/v1/users', { method: 'POST', body });
      assert.equal(r.status, 201, show(r));
      made.push({ id: userOf(r.json).id, role, region });
    }
  });

  test('?q= with limit=3: every account once, newest first, pages 3+3+1, the last next_cursor null', async () => {
    const { rows, pages } = await walk(ta, `/api/v1/users?region=32.11&q=${tag}`, 3);
    assert.deepEqual(pages, [3, 3, 1]);
    assert.deepEqual(rows.map((x) => x.id), made.map((x) => x.id).reverse(), 'each account once, newest first');
    for (const x of rows) assert.ok(x.name.includes(tag), `q holds on every page: ${x.name}`);
  });

  test('a page size that divides the rows: no empty last page', async () => {
    const seven = await walk(ta, `/api/v1/users?region=32.11&q=${tag}`, 7);
    assert.deepEqual(seven.pages, [7]);
    const six = await walk(ta, `/api/v1/users?region=32.11&q=${tag}`, 6);
    assert.deepEqual(six.pages, [6, 1]);
    assert.deepEqual(six.rows.map((x) => x.id), seven.rows.map((x) => x.id));
  });

  test('?role= and ?region= hold across pages', async () => {
    const back = await walk(ta, `/api/v1/users?region=32.11&role=back_office&q=${tag}`, 1);
    assert.deepEqual(back.rows.map((x) => x.id), made.filter((x) => x.role === 'back_office').map((x) => x.id).reverse());
    assert.deepEqual(back.pages, [1, 1]);
    const kec = await walk(ta, `/api/v1/users?region=32.11.01&q=${tag}`, 1);
    assert.deepEqual(kec.rows.map((x) => x.id), made.filter((x) => x.region === '32.11.01').map((x) => x.id).reverse());
    for (const u of kec.rows) assert.ok(u.grants.every((g) => g.region_code === '32.11.01'), JSON.stringify(u.grants));
    const fo = await walk(ta, `/api/v1/users?region=32.11&role=front_office&q=${tag}`, 2);
    assert.deepEqual(fo.rows.map((x) => x.id), made.filter((x) => x.role === 'front_office').map((x) => x.id).reverse());
    assert.deepEqual(fo.pages, [2, 2, 1]);
  });

  test('?kind=citizen does not list staff on any page', async () => {
    const c = await walk(ta, `/api/v1/users?region=32.11&kind=citizen&q=${tag}`, 2);
    assert.deepEqual(c.rows, []);
    assert.deepEqual(c.pages, [0]);
  });

  test('a cursor from one query goes on in another: it only says "ids below"', async () => {
    const first = await authReq(ta, `/api/v1/users?region=32.11&q=${tag}&limit=2`);
    assert.equal(first.status, 200, show(first));
    const rest = await authReq(ta, `/api/v1/users?region=32.11&q=${tag}&limit=200&cursor=${first.json.next_cursor}`);
    assert.equal(rest.status, 200, show(rest));
    assert.deepEqual(rest.json.data.map((x) => x.id), made.map((x) => x.id).reverse().slice(2));
    assert.equal(rest.json.next_cursor, null);
  });

  test('default page is 50 at most; limit=200 is allowed', async () => {
    const d = await authReq(ta, '/api/v1/users?region=32.11');
    assert.equal(d.status, 200, show(d));
    assert.ok(d.json.data.length <= 50, `default page: ${d.json.data.length}`);
    assert.ok(d.json.next_cursor === null || d.json.data.length === 50, 'a page followed by more is full');
    const m = await authReq(ta, '/api/v1/users?region=32.11&limit=200');
    assert.equal(m.status, 200, show(m));
  });

  test('bad limit or cursor -> 422 naming the field', async () => {
    await assertBadPaging(ta, '/api/v1/users?region=32.11');
  });
});

describe('paging: GET /tokens', () => {
  let ta;
  // A kecamatan no other test gives tokens to, so the walk sees only these.
  const region = '32.11.07';
  const made = [];
  before(async () => {
    ta = await staff('tadmin');
    for (let i = 0; i < 7; i++) {
      const r = await authReq(ta, '/api/v1/tokens', {
        method: 'POST', body: { name: `halaman ${uniq()} ${i}`, roles: ['front_office'], region_code: region },
      });
      assert.equal(r.status, 201, show(r));
      recordSecret('api_token', r.json.token);
      made.push(r.json.id);
    }
    // one revoked: still listed
    assert.equal((await authReq(ta, `/api/v1/tokens/${made[2]}`, { method: 'DELETE' })).status, 204);
  });

  test('limit=3: every token once, newest first, the last next_cursor null', async () => {
    const { rows, pages } = await walk(ta, `/api/v1/tokens?region=${region}`, 3);
    assertNewestFirst(rows, 'tokens');
    const ids = rows.map((x) => x.id);
    for (const id of made) assert.equal(ids.filter((x) => x === id).length, 1, `token ${id} exactly once`);
    assert.deepEqual(ids.filter((x) => made.includes(x)), [...made].reverse(), 'newest first');
    assert.equal(pages.reduce((a, b) => a + b, 0), rows.length);
    assert.ok(pages.length >= 3, `pages: ${pages}`);
    for (const t of rows) {
      assert.ok(t.region_code === region || t.region_code.startsWith(`${region}.`), `region holds on every page: ${t.region_code}`);
      assert.ok(!('token' in t), 'no secret');
    }
    assert.ok(rows.find((x) => x.id === made[2]).revoked_at, 'the revoked one is listed as revoked');
    // the same rows as one big page
    const all = await authReq(ta, `/api/v1/tokens?region=${region}&limit=200`);
    assert.equal(all.status, 200, show(all));
    assert.deepEqual(all.json.data.map((x) => x.id), ids);
    assert.equal(all.json.next_cursor, null);
  });

  test('the region filter holds across pages of the district', async () => {
    const { rows } = await walk(ta, '/api/v1/tokens?region=32.11', 50);
    assertNewestFirst(rows, 'tokens 32.11');
    for (const t of rows) assert.ok(t.region_code === '32.11' || t.region_code.startsWith('32.11.'), t.region_code);
    for (const id of made) assert.equal(rows.filter((x) => x.id === id).length, 1, `token ${id} once in 32.11`);
    const la = await staff('ladmin');
    const l = await walk(la, '/api/v1/tokens?region=18.01', 2);
    assert.ok(!l.rows.some((x) => made.includes(x.id)), '18.01 lists none of 32.11.07');
  });

  test('default page is 50 at most; answers next_cursor', async () => {
    const d = await authReq(ta, '/api/v1/tokens?region=32.11');
    assert.equal(d.status, 200, show(d));
    assert.ok('next_cursor' in d.json, 'next_cursor present');
    assert.ok(d.json.data.length <= 50, `default page: ${d.json.data.length}`);
  });

  test('bad limit or cursor -> 422 naming the field', async () => {
    await assertBadPaging(ta, `/api/v1/tokens?region=${region}`);
  });
});

describe('paging: GET /notifications', () => {
  let ta;
  const apps = [];
  const answers = { luas_bangunan: 36, jumlah_lantai: 1, alamat_bangunan: 'Jl. Halaman 7', kelurahan: '32.11.01.2001', fungsi_bangunan: 'Hunian' };
  before(async () => {
    ta = await staff('tadmin');
    const pbg = (await req('/api/v1/services?region=32.11')).json.data.find((s) => s.code === 'pbg-mbr');
    assert.ok(pbg, 'PBG untuk MBR is seeded');
    // No e-mail and a number the gateway refuses (tests/api/sinks.mjs): each filing leaves
    // one message that stays pending (retried in 30 s, then later) for the whole run.
    const c = await registerCitizen({ phone: `0812${randomDigits(4)}0000`, email: undefined });
    const s = await login(c.phone, c.password);
    for (let i = 0; i < 7; i++) {
      const f = await authReq(s, '/api/v1/applications', { method: 'POST', body: { service_id: pbg.id, answers } });
      assert.equal(f.status, 201, show(f));
      apps.push(f.json.id);
    }
  });

  test('status=pending with limit=3: each message once, newest first, every row pending, the last next_cursor null', async () => {
    const { rows, pages } = await walk(ta, '/api/v1/notifications?region=32.11&status=pending', 3);
    assertNewestFirst(rows, 'notifications');
    for (const n of rows) assert.equal(n.status, 'pending', `status holds on every page: ${JSON.stringify(n)}`);
    const mine = rows.filter((n) => apps.includes(n.application_id));
    assert.deepEqual(mine.map((n) => n.application_id), [...apps].reverse(), 'one message per filing, newest first');
    for (const n of mine) assert.equal(n.channel, 'webhook');
    assert.ok(pages.length >= 3, `pages: ${pages}`);
  });

  test('without status, limit=2: the same messages once each; status=sent and another region list none of them', async () => {
    const { rows } = await walk(ta, '/api/v1/notifications?region=32.11', 2, 5000);
    assertNewestFirst(rows, 'notifications');
    const mine = rows.filter((n) => apps.includes(n.application_id));
    assert.deepEqual(mine.map((n) => n.application_id), [...apps].reverse());
    const sent = await walk(ta, '/api/v1/notifications?region=32.11&status=sent', 50, 5000);
    for (const n of sent.rows) assert.equal(n.status, 'sent');
    assert.ok(!sent.rows.some((n) => apps.includes(n.application_id)), 'refused messages are not sent');
    const la = await staff('ladmin');
    const other = await walk(la, '/api/v1/notifications?region=18.01', 3);
    assert.ok(!other.rows.some((n) => apps.includes(n.application_id)), '18.01 lists none of 32.11');
  });

  test('default page is 50 at most; answers next_cursor', async () => {
    const d = await authReq(ta, '/api/v1/notifications?region=32.11');
    assert.equal(d.status, 200, show(d));
    assert.ok('next_cursor' in d.json, 'next_cursor present');
    assert.ok(d.json.data.length <= 50, `default page: ${d.json.data.length}`);
  });

  test('bad limit or cursor -> 422 naming the field (with a bad status too)', async () => {
    await assertBadPaging(ta, '/api/v1/notifications?region=32.11');
    const r = await authReq(ta, '/api/v1/notifications?region=32.11&status=lost&limit=0');
    assertError(r, 422, 'validation_failed', { field: 'status' });
    assert.ok(r.json.error.fields.limit, `limit named too: ${show(r)}`);
  });
});
