// Filing through the group-commit writer, and the per-thread caches behind it.
//
// POST /api/v1/applications is checked in the request's thread, parked, written by one writer
// thread (many filings to a transaction) and answered 201 only after the commit. Every worker
// thread keeps its own copy of who a cookie or token is, of a service with its form and workflow,
// and of a region's calendar; any write committed through the API makes all of them stale.
// What a user notices, and what this file holds:
//   - a change made through the API counts on the very next request: a disabled citizen, a
//     logged-out cookie, a retired or edited service, a new calendar, a revoked token, a grant
//     taken away;
//   - many filings at once each get their own application, and nothing else; one Idempotency-Key
//     files once however many times it is sent at once; one bad filing does not spoil the others;
//   - the 201 is exactly the documented answer, and the application can be read at once.
//
// "Every thread": the server runs a pool of worker threads and a connection stays on one of them,
// so each check sends WIDE requests at once (WIDE connections spread over the threads): the
// requests before a change warm every thread's cache, the ones after it must all see the change.
// No sleeping anywhere: the caches live 2-5 s, so a change seen at once is a change the write made
// stale, not one that aged out.
//
// Isolation: everything happens in Kabupaten Bandung (32.04), which no other test file uses, with
// a region admin, a front-office officer, an agency and services made here; this file owns that
// region's calendar. Accounts: padmin (run.sh) makes the region admin.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import os from 'node:os';
import {
  req, assertError, assertJSONType, authReq, bearerReq, staff, login, registerCitizen, makeNik, makePassword,
  recordSecret, uniq, userOf, RFC3339,
} from './lib.mjs';

const APPS = '/api/v1/applications';
const REGION = '32.04'; // Kabupaten Bandung (WIB)
const WIB = 7 * 60 * 60 * 1000;
// requests sent at once to reach every worker thread (serve runs one per core by default)
const WIDE = Math.min(64, Math.max(12, 2 * os.availableParallelism()));
const SLA = 137; // the working minutes of the main test service
const CREATED_KEYS = ['id', 'tracking_no', 'pin', 'state', 'version', 'sla'];
const SLA_KEYS = ['budget_minutes', 'used_minutes', 'remaining_minutes', 'due_at', 'paused', 'breached'];
const TRACKING = /^[A-Z]{2,6}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z*~$=U]$/;
const ALL_DAY = { mon: [['00:00', '24:00']], tue: [['00:00', '24:00']], wed: [['00:00', '24:00']], thu: [['00:00', '24:00']],
  fri: [['00:00', '24:00']], sat: [['00:00', '24:00']], sun: [['00:00', '24:00']] };
const STANDARD = Object.fromEntries(['persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk', 'pengaduan', 'dasar_hukum',
  'sarana', 'kompetensi', 'pengawasan', 'jumlah_pelaksana', 'jaminan_pelayanan', 'jaminan_keamanan', 'evaluasi']
  .map((k) => [k, `Teks ${k.replace(/_/g, ' ')}`]));

const show = (r) => `${r.status} ${String(r.text).slice(0, 600)}`;
const times = (n, fn) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));
const sortedKeys = (o) => Object.keys(o).sort();
const ids = (list) => list.map((x) => x.id).sort((a, b) => a - b);

/** The calendar date (YYYY-MM-DD) in WIB of an instant, moved by `days`. */
const wibDate = (ms, days = 0) => new Date(ms + WIB + days * 86400000).toISOString().slice(0, 10);

/** Each answer has the status; the 4xx ones are the documented error (code, and field on a 422). */
function assertAll(rs, status, code, { field, what }) {
  const bad = rs.filter((r) => r.status !== status);
  assert.deepEqual(bad.map(show), [], `${what}: all ${rs.length} should answer ${status}`);
  if (status >= 400) for (const r of rs) assertError(r, status, code, { field, what });
}

/** The 201 of a filing made at [t0, t1] against a calendar open round the clock: due = submitted + budget. */
function assertDueRoundTheClock(r, t0, t1, budget, what) {
  const due = Date.parse(r.json.sla.due_at);
  const lo = t0 + budget * 60000 - 1000; // due_at is given to the second
  const hi = t1 + budget * 60000;
  assert.ok(due >= lo && due <= hi, `${what}: due_at ${r.json.sla.due_at} should be ${budget} minutes after filing `
    + `(${new Date(lo + WIB).toISOString()}..${new Date(hi + WIB).toISOString()} in WIB)`);
}

/** When `budget` working minutes counted from `start` run out, every day open from..to (minutes, WIB). */
function dueInDailyWindow(start, budget, from, to) {
  let left = budget * 60000;
  let day = Math.floor((start + WIB) / 86400000) * 86400000 - WIB; // 00:00 WIB of the start's day
  for (;; day += 86400000) {
    const s = Math.max(day + from * 60000, start);
    const e = day + to * 60000;
    if (e <= s) continue;
    if (left <= e - s) return s + left;
    left -= e - s;
  }
}

describe('filing through the writer; caches see every change at once', () => {
  let pa; // platform admin (run.sh)
  let ra; // region admin of 32.04, made here
  let rf; // front office of 32.04, made here
  let agency;
  let svc; // the main published service: sla SLA, a text and a number answer
  let calVersion; // the calendar's current version

  const answers = (over = {}) => {
    const a = { keperluan: 'Izin usaha mikro di rumah', jumlah: 3, ...over };
    for (const k of Object.keys(a)) if (a[k] === undefined) delete a[k];
    return a;
  };
  const good = (service = svc, over = {}) => ({ service_id: service.id, answers: answers(over) });
  const file = (who, body, headers = {}) => authReq(who, APPS, { method: 'POST', body, headers });
  const counterBody = (service = svc) => {
    const nik = makeNik({ district: '320401' });
    recordSecret('nik', nik);
    return { ...good(service), applicant: { name: 'Pemohon Loket Bandung', nik }, channel: 'counter' };
  };

  async function newStaff(who, grants, name) {
    const password = makePassword();
    recordSecret('password', password);
    const username = `filing${uniq()}`;
    const r = await authReq(who, '/api/v1/users', { method: 'POST', body: { username, name, password, grants } });
    assert.equal(r.status, 201, `create ${name}: ${show(r)}`);
    const s = await login(username, password);
    return { ...s, id: userOf(r.json).id, grant: userOf(r.json).grants[0] };
  }

  /** A published service of 32.04 (the agency made here), created and published by the region admin. */
  async function publishedService(over = {}) {
    const body = {
      agency_id: agency.id, code: `filing-${uniq()}`, name: `Layanan Uji Antrean ${uniq()}`, description: 'Untuk menguji pengajuan.',
      fee: 0, channels: ['online', 'counter'], sla_minutes: SLA, breach_policy: 'escalate', standard: STANDARD,
      requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf', 'jpg'], max_bytes: 1048576, mandatory: true }],
      form: [
        { name: 'keperluan', label: 'Keperluan', type: 'text', required: true },
        { name: 'jumlah', label: 'Jumlah', type: 'number', required: true },
      ],
      ...over,
    };
    const c = await authReq(ra, `/api/v1/regions/${REGION}/services`, { method: 'POST', body });
    assert.equal(c.status, 201, `create a service in ${REGION}: ${show(c)}`);
    const p = await authReq(ra, `/api/v1/services/${c.json.id}/publish`, { method: 'POST', body: { version: c.json.version } });
    assert.equal(p.status, 200, `publish it: ${show(p)}`);
    assert.equal(p.json.status, 'published');
    return p.json;
  }

  /**
   * Opens n keep-alive connections (n requests at once), so that the next n requests at once go out
   * together on open connections instead of trickling in behind n TCP handshakes.
   */
  async function openConnections(who, n) {
    assertAll(await times(n, () => authReq(who, '/api/v1/auth/me')), 200, undefined, { what: 'GET /auth/me' });
  }

  /** A citizen of his own, signed in. */
  async function citizen() {
    const c = await registerCitizen({ name: 'Warga Uji Antrean' });
    return { ...c, s: await login(c.email, c.password) };
  }

  /** Every page of ?mine=true, following next_cursor. */
  async function mine(who) {
    const all = [];
    let cursor = null;
    for (let page = 0; page < 30; page++) {
      const r = await authReq(who, `${APPS}?mine=true&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      assert.equal(r.status, 200, `GET ?mine=true: ${show(r)}`);
      all.push(...r.json.data);
      cursor = r.json.next_cursor;
      if (!cursor) return all;
    }
    return assert.fail('more than 30 pages');
  }

  /** The applications of a service waiting for the front office of 32.04 (every open one is in his inbox). */
  async function waiting(service) {
    const r = await authReq(rf, `/api/v1/inbox?region=${REGION}`);
    assert.equal(r.status, 200, `inbox of ${REGION}: ${show(r)}`);
    return r.json.data.filter((a) => a.service?.id === service.id);
  }

  /** PUT the calendar of 32.04 (the current version); returns what was stored. */
  async function putCalendar(holidays) {
    const r = await authReq(ra, `/api/v1/regions/${REGION}/calendar`, {
      method: 'PUT', body: { time_zone: 'WIB', week: ALL_DAY, holidays, version: calVersion },
    });
    assert.equal(r.status, 200, `PUT calendar of ${REGION}: ${show(r)}`);
    calVersion = r.json.version;
    return r.json;
  }

  before(async () => {
    pa = await staff('padmin');
    const reg = await req(`/api/v1/regions/${REGION}`);
    assert.equal(reg.status, 200, `region ${REGION} imported: ${show(reg)}`);
    ra = await newStaff(pa, [{ role: 'region_admin', region_code: REGION }], 'Admin Wilayah Bandung Uji');
    rf = await newStaff(ra, [{ role: 'front_office', region_code: REGION }], 'Petugas Loket Bandung Uji');
    const a = await authReq(ra, `/api/v1/regions/${REGION}/agencies`, {
      method: 'POST', body: { kind: 'opd', name: `DPMPTSP Bandung Uji ${uniq()}`, short_name: 'DPMPTSPU' },
    });
    assert.equal(a.status, 201, `agency: ${show(a)}`);
    agency = a.json;
    svc = await publishedService();
    // open round the clock: a filing is due exactly SLA minutes after it was made, whenever the suite runs
    calVersion = (await req(`/api/v1/regions/${REGION}/calendar`)).json.version;
    await putCalendar([]);
  });

  describe('the 201 and what can be read right after it', () => {
    test('201 is exactly {id, tracking_no, pin, state, version, sla}; GET at once shows the same number, state and SLA', async () => {
      const c = await citizen();
      const t0 = Date.now();
      const r = await file(c.s, good());
      const t1 = Date.now();
      assert.equal(r.status, 201, show(r));
      assertJSONType(r.headers, 'POST /applications');
      const b = r.json;
      assert.deepEqual(sortedKeys(b), [...CREATED_KEYS].sort(), `201 keys: ${show(r)}`);
      assert.deepEqual(sortedKeys(b.sla), [...SLA_KEYS].sort(), `201 sla keys: ${show(r)}`);
      assert.ok(Number.isInteger(b.id) && b.id > 0, `id: ${show(r)}`);
      assert.match(b.tracking_no, TRACKING, `tracking_no: ${show(r)}`);
      assert.match(b.pin, /^\d{6}$/, `pin: ${show(r)}`);
      assert.equal(b.state, 'submitted', 'the start state of the default workflow');
      assert.equal(b.version, 1);
      assert.equal(b.sla.budget_minutes, SLA, 'the budget is the service\'s sla_minutes');
      assert.ok(Number.isInteger(b.sla.used_minutes) && b.sla.used_minutes >= 0 && b.sla.used_minutes <= 1, `used: ${show(r)}`);
      assert.equal(b.sla.remaining_minutes, b.sla.budget_minutes - b.sla.used_minutes);
      assert.equal(b.sla.paused, false);
      assert.equal(b.sla.breached, false);
      assert.match(b.sla.due_at, RFC3339);
      assert.ok(b.sla.due_at.endsWith('+07:00'), `due_at in WIB: ${b.sla.due_at}`);
      assertDueRoundTheClock(r, t0, t1, SLA, '201');

      const g = await authReq(c.s, `${APPS}/${b.id}`);
      assert.equal(g.status, 200, `GET right after the 201: ${show(g)}`);
      assert.equal(g.json.id, b.id);
      assert.equal(g.json.tracking_no, b.tracking_no);
      assert.equal(g.json.state, b.state);
      assert.equal(g.json.version, 1);
      assert.equal(g.json.service.id, svc.id);
      assert.equal(g.json.applicant.id, c.user.id);
      assert.deepEqual(g.json.answers, answers());
      assert.equal(g.json.sla.budget_minutes, svc.sla_minutes, 'GET: the budget is the service\'s sla_minutes');
      assert.equal(g.json.sla.due_at, b.sla.due_at, 'GET gives the due time the 201 promised');
      assert.equal(g.json.sla.paused, false);

      const t = await req(`/api/v1/track/${b.tracking_no}?pin=${b.pin}`);
      assert.equal(t.status, 200, `track with the new PIN right away: ${show(t)}`);
      assert.equal(t.json.tracking_no, b.tracking_no);
      assert.equal(t.json.state, b.state);
      assert.equal(t.json.sla.budget_minutes, SLA);
    });

    test('a counter filing by the front office: the same 201 shape, channel counter, in his inbox at once', async () => {
      const r = await file(rf, counterBody());
      assert.equal(r.status, 201, show(r));
      assert.deepEqual(sortedKeys(r.json), [...CREATED_KEYS].sort(), `201 keys: ${show(r)}`);
      assert.deepEqual(sortedKeys(r.json.sla), [...SLA_KEYS].sort(), `201 sla keys: ${show(r)}`);
      const g = await authReq(rf, `${APPS}/${r.json.id}`);
      assert.equal(g.status, 200, show(g));
      assert.equal(g.json.channel, 'counter');
      assert.equal(g.json.applicant.name, 'Pemohon Loket Bandung');
      assert.equal(g.json.tracking_no, r.json.tracking_no);
      assert.ok((await waiting(svc)).some((a) => a.id === r.json.id), 'in the front office\'s inbox');
    });
  });

  describe('many filings at once', () => {
    test('50 filings by one citizen at once: 50 x 201, distinct ids and numbers; his list holds exactly those', async () => {
      const c = await citizen();
      const rs = await times(50, (i) => file(c.s, good(svc, { jumlah: i + 1 })));
      assertAll(rs, 201, undefined, { what: '50 at once' });
      const bodies = rs.map((r) => r.json);
      assert.equal(new Set(bodies.map((b) => b.id)).size, 50, `distinct ids: ${bodies.map((b) => b.id)}`);
      assert.equal(new Set(bodies.map((b) => b.tracking_no)).size, 50, 'distinct tracking numbers');
      for (const b of bodies) {
        assert.deepEqual(sortedKeys(b), [...CREATED_KEYS].sort(), JSON.stringify(b));
        assert.equal(b.state, 'submitted');
        assert.equal(b.version, 1);
      }
      const list = await mine(c.s);
      assert.deepEqual(ids(list), ids(bodies), 'the list holds exactly the 50 filed, each once');
      // each answer belongs to the request that made it
      const byId = Object.fromEntries(list.map((a) => [a.id, a]));
      rs.forEach((r, i) => {
        const a = byId[r.json.id];
        assert.equal(a.tracking_no, r.json.tracking_no, `application ${r.json.id}: tracking number of its own 201`);
        assert.equal(a.answers.jumlah, i + 1, `application ${r.json.id}: the answers of the request it answered`);
      });
    });

    test('one wrong filing among good ones at once: the good ones 201, the wrong one 422 naming its answer', async () => {
      const c = await citizen();
      const bodies = Array.from({ length: 15 }, (_, i) => (i === 7 ? good(svc, { jumlah: 'tiga' }) : good(svc, { jumlah: i + 1 })));
      const rs = await Promise.all(bodies.map((b) => file(c.s, b)));
      const bad = rs[7];
      assertError(bad, 422, 'validation_failed', { field: 'answers.jumlah', what: 'the wrong one' });
      assert.deepEqual(Object.keys(bad.json.error.fields), ['answers.jumlah'], `only the wrong answer is named: ${show(bad)}`);
      const okRs = rs.filter((_, i) => i !== 7);
      assertAll(okRs, 201, undefined, { what: 'the good ones' });
      const list = await mine(c.s);
      assert.deepEqual(ids(list), ids(okRs.map((r) => r.json)), 'exactly the 14 good ones were filed');
    });

    test('filings at the same time as other writes (the region admin adding agencies) all answer 201', async () => {
      const c = await citizen();
      for (let round = 1; round <= 10; round++) {
        const rs = await Promise.all(Array.from({ length: 120 }, (_, i) => (i % 2
          ? authReq(ra, `/api/v1/regions/${REGION}/agencies`, { method: 'POST', body: { kind: 'other', name: `Kantor Uji ${uniq()}` } })
          : file(c.s, good(svc, { jumlah: i })))));
        assertAll(rs.filter((_, i) => i % 2), 201, undefined, { what: `round ${round}: agencies added` });
        assertAll(rs.filter((_, i) => i % 2 === 0), 201, undefined, { what: `round ${round}: filings while agencies are added` });
      }
    });
  });

  // Each race runs in ROUNDS rounds: whether two requests with one key meet inside the writer (the
  // same batch) rather than in the request's thread (the key already stored) is a matter of timing.
  describe('Idempotency-Key under concurrency', () => {
    const ROUNDS = 3;

    test('20 at once with one key and one body (and 10 without a key): the 20 answer one 201, one of them not a replay; 11 applications', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const what = `round ${round}`;
        const c = await citizen();
        const key = `serentak-${uniq()}`;
        const body = good(svc, { jumlah: 20 });
        await openConnections(c.s, 30);
        const all = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 3 === 2
          ? file(c.s, good(svc, { jumlah: 100 + i }))
          : file(c.s, body, { 'idempotency-key': key }))));
        const rs = all.filter((_, i) => i % 3 !== 2);
        const keyless = all.filter((_, i) => i % 3 === 2);
        assertAll(rs, 201, undefined, { what: `${what}: 20 with one key` });
        assertAll(keyless, 201, undefined, { what: `${what}: 10 without a key at the same time` });
        for (const r of rs) assert.deepEqual(r.json, rs[0].json, `${what}: every answer is the first one: ${show(r)} vs ${show(rs[0])}`);
        assert.deepEqual(sortedKeys(rs[0].json), [...CREATED_KEYS].sort(), `${what}: the replayed 201 is the 201, PIN included`);
        const fresh = rs.filter((r) => r.headers.get('idempotent-replayed') !== 'true');
        assert.equal(fresh.length, 1, `${what}: exactly one answer is the original (no Idempotent-Replayed: true): ${rs.map((r) => r.headers.get('idempotent-replayed'))}`);
        const filed = [rs[0].json.id, ...keyless.map((r) => r.json.id)].sort((x, y) => x - y);
        assert.equal(new Set(filed).size, 11, `${what}: 11 distinct applications: ${filed}`);
        assert.deepEqual(ids(await mine(c.s)), filed, `${what}: one application for the key, one for each request without`);

        // the same key with another body, 20 at once: 409 for every one, nothing more filed
        const other = await times(20, () => file(c.s, good(svc, { jumlah: 21 }), { 'idempotency-key': key }));
        assertAll(other, 409, 'idempotency_conflict', { what: `${what}: same key, other body` });
        assert.deepEqual(ids(await mine(c.s)), filed, `${what}: nothing more filed`);
        // and the first body again: still the first answer
        const again = await file(c.s, body, { 'idempotency-key': key });
        assert.equal(again.status, 201, `${what}: ${show(again)}`);
        assert.deepEqual(again.json, rs[0].json, `${what}: the first answer again`);
        assert.equal(again.headers.get('idempotent-replayed'), 'true', `${what}: marked replayed`);
      }
    });

    test('one new key sent at once with two bodies (and 10 without a key): one body files once, the other gets 409, the rest file', async () => {
      for (let round = 1; round <= ROUNDS; round++) {
        const what = `round ${round}`;
        const c = await citizen();
        const key = `dua-isi-${uniq()}`;
        const a = good(svc, { jumlah: 1 });
        const b = good(svc, { jumlah: 2 });
        const sent = Array.from({ length: 30 }, (_, i) => [a, b, null][i % 3]);
        await openConnections(c.s, 30);
        const all = await Promise.all(sent.map((x, i) => (x ? file(c.s, x, { 'idempotency-key': key }) : file(c.s, good(svc, { jumlah: 100 + i })))));
        const won = all.find((r, i) => sent[i] && r.status === 201);
        assert.ok(won, `${what}: one body files: ${all.map(show).join(' | ')}`);
        const winner = sent[all.indexOf(won)];
        all.forEach((r, i) => {
          if (sent[i] === null) {
            assert.equal(r.status, 201, `${what}: request ${i} (no key): ${show(r)}`);
          } else if (sent[i] === winner) {
            assert.equal(r.status, 201, `${what}: request ${i} (the body that filed): ${show(r)}`);
            assert.deepEqual(r.json, won.json, `${what}: request ${i}: the same answer`);
          } else {
            assertError(r, 409, 'idempotency_conflict', { what: `${what}: request ${i} (the other body)` });
          }
        });
        const keyless = all.filter((_, i) => sent[i] === null).map((r) => r.json.id);
        const list = await mine(c.s);
        assert.deepEqual(ids(list), [won.json.id, ...keyless].sort((x, y) => x - y), `${what}: one application for the key, one for each request without`);
        assert.equal(list.find((x) => x.id === won.json.id).answers.jumlah, winner.answers.jumlah, `${what}: filed with the body of the answer`);
      }
    });
  });

  describe('a change made through the API counts on the very next request, on every thread', () => {
    test('a citizen disabled by the platform admin: his next filings with the same cookie -> 401, nothing filed', async () => {
      const c = await citizen();
      const warm = await times(WIDE, () => file(c.s, good()));
      assertAll(warm, 201, undefined, { what: 'before' });
      const u = await authReq(pa, `/api/v1/users/${c.user.id}`);
      assert.equal(u.status, 200, show(u));
      const d = await authReq(pa, `/api/v1/users/${c.user.id}`, { method: 'PATCH', body: { disabled: true, version: u.json.version } });
      assert.equal(d.status, 200, `disable: ${show(d)}`);
      assert.equal(userOf(d.json).disabled, true);

      const after = await times(WIDE, () => file(c.s, good()));
      assertAll(after, 401, 'unauthorized', { what: 'filing after being disabled' });
      assertError(await authReq(c.s, `${APPS}?mine=true`), 401, 'unauthorized', { what: 'list after being disabled' });

      // enabled again and signed in anew: exactly what he filed before
      const e = await authReq(pa, `/api/v1/users/${c.user.id}`, { method: 'PATCH', body: { disabled: false, version: userOf(d.json).version } });
      assert.equal(e.status, 200, `enable: ${show(e)}`);
      const s2 = await login(c.email, c.password);
      assert.deepEqual(ids(await mine(s2)), ids(warm.map((r) => r.json)), 'nothing was filed while disabled');
      assertError(await file(c.s, good()), 401, 'unauthorized', { what: 'the old cookie stays dead after re-enabling' });
    });

    test('logout: the old cookie -> 401 on the next filing, nothing filed', async () => {
      const c = await citizen();
      const warm = await times(WIDE, () => file(c.s, good()));
      assertAll(warm, 201, undefined, { what: 'before' });
      const out = await authReq(c.s, '/api/v1/auth/logout', { method: 'POST' });
      assert.equal(out.status, 204, `logout: ${show(out)}`);
      const after = await times(WIDE, () => file(c.s, good()));
      assertAll(after, 401, 'unauthorized', { what: 'filing with the cookie of a logged-out session' });
      const s2 = await login(c.email, c.password);
      assert.deepEqual(ids(await mine(s2)), ids(warm.map((r) => r.json)), 'nothing was filed after logout');
    });

    test('a service retired by the region admin: the next filings -> 422 service_id, nothing filed', async () => {
      const c = await citizen();
      const t = await publishedService();
      const warm = await times(WIDE, () => file(c.s, good(t)));
      assertAll(warm, 201, undefined, { what: 'before' });
      const r = await authReq(ra, `/api/v1/services/${t.id}/retire`, { method: 'POST', body: { version: t.version } });
      assert.equal(r.status, 200, `retire: ${show(r)}`);
      assert.equal(r.json.status, 'retired');
      const after = await times(WIDE, () => file(c.s, good(t)));
      assertAll(after, 422, 'validation_failed', { field: 'service_id', what: 'filing for a retired service' });
      const counter = await times(WIDE, () => file(rf, counterBody(t)));
      assertAll(counter, 422, 'validation_failed', { field: 'service_id', what: 'counter filing for a retired service' });
      assert.deepEqual(ids(await mine(c.s)), ids(warm.map((r2) => r2.json)), 'nothing filed after the retirement');
    });

    test('a published service edited (sla_minutes, a new required answer): the next filings follow the new version', async () => {
      const c = await citizen();
      const t = await publishedService();
      const warm = await times(WIDE, () => file(c.s, good(t)));
      assertAll(warm, 201, undefined, { what: 'before' });
      for (const r of warm) assert.equal(r.json.sla.budget_minutes, SLA);
      const form = [...t.form, { name: 'alamat_usaha', label: 'Alamat usaha', type: 'text', required: true }];
      const p = await authReq(ra, `/api/v1/services/${t.id}`, { method: 'PATCH', body: { sla_minutes: 45, form, version: t.version } });
      assert.equal(p.status, 200, `edit: ${show(p)}`);
      assert.equal(p.json.sla_minutes, 45);

      const missing = await times(WIDE, () => file(c.s, good(t)));
      assertAll(missing, 422, 'validation_failed', { field: 'answers.alamat_usaha', what: 'the new required answer missing' });
      const t0 = Date.now();
      const after = await times(WIDE, () => file(c.s, good(t, { alamat_usaha: 'Jl. Raya Soreang No. 1' })));
      const t1 = Date.now();
      assertAll(after, 201, undefined, { what: 'with the new answer' });
      for (const r of after) {
        assert.equal(r.json.sla.budget_minutes, 45, `the new sla_minutes: ${show(r)}`);
        assertDueRoundTheClock(r, t0, t1, 45, 'after the edit');
      }
      const g = await authReq(c.s, `${APPS}/${after[0].json.id}`);
      assert.equal(g.json.sla.budget_minutes, 45, show(g));
      assert.equal(g.json.answers.alamat_usaha, 'Jl. Raya Soreang No. 1');
    });

    test('the region\'s calendar changed (holidays from yesterday to the day after tomorrow): the next filings are due after them', async () => {
      const c = await citizen();
      // open round the clock, no holidays: due SLA minutes after filing
      let t0 = Date.now();
      const before1 = await times(WIDE, () => file(c.s, good()));
      let t1 = Date.now();
      assertAll(before1, 201, undefined, { what: 'before the change' });
      for (const r of before1) assertDueRoundTheClock(r, t0, t1, SLA, 'before the change');

      // holidays around today (WIB): the clock starts when they end, at 00:00 three days on
      const now = Date.now();
      const first = wibDate(now, -1);
      const last = wibDate(now, 2);
      const stored = await putCalendar([{ first, last, name: 'Libur uji antrean' }]);
      assert.deepEqual(stored.holidays.map((h) => [h.first, h.last]), [[first, last]], JSON.stringify(stored));
      const due = `${wibDate(now, 3)}T${String(Math.floor(SLA / 60)).padStart(2, '0')}:${String(SLA % 60).padStart(2, '0')}:00+07:00`;
      const during = await times(WIDE, () => file(c.s, good()));
      assertAll(during, 201, undefined, { what: 'after the holidays were set' });
      for (const r of during) assert.equal(r.json.sla.due_at, due, `due after the holidays ${first}..${last}: ${show(r)}`);
      const g = await authReq(c.s, `${APPS}/${during[0].json.id}`);
      assert.equal(g.json.sla.due_at, due, `GET agrees: ${show(g)}`);
      const counter = await times(WIDE, () => file(rf, counterBody()));
      assertAll(counter, 201, undefined, { what: 'counter filings after the holidays were set' });
      for (const r of counter) assert.equal(r.json.sla.due_at, due, `counter: ${show(r)}`);

      // the holidays taken away again: back to SLA minutes after filing
      await putCalendar([]);
      t0 = Date.now();
      const after = await times(WIDE, () => file(c.s, good()));
      t1 = Date.now();
      assertAll(after, 201, undefined, { what: 'after the holidays were removed' });
      for (const r of after) assertDueRoundTheClock(r, t0, t1, SLA, 'after the holidays were removed');
    });

    test('office hours changed (03:00-03:30 only, then round the clock again): the due time follows each change', async () => {
      const c = await citizen();
      const week = Object.fromEntries(Object.keys(ALL_DAY).map((d) => [d, [['03:00', '03:30']]]));
      const r1 = await authReq(ra, `/api/v1/regions/${REGION}/calendar`, { method: 'PUT', body: { time_zone: 'WIB', week, version: calVersion } });
      assert.equal(r1.status, 200, show(r1));
      calVersion = r1.json.version;
      let t0 = Date.now();
      const rs = await times(WIDE, () => file(c.s, good()));
      let t1 = Date.now();
      assertAll(rs, 201, undefined, { what: 'with half an hour a day' });
      // 137 minutes at 30 a day: four or five days on, at 03:17 or later
      const lo = Math.floor(dueInDailyWindow(t0, SLA, 180, 210) / 1000) * 1000;
      const hi = dueInDailyWindow(t1, SLA, 180, 210);
      for (const r of rs) {
        const due = Date.parse(r.json.sla.due_at);
        assert.ok(due >= lo && due <= hi, `due ${r.json.sla.due_at}, expected ${new Date(lo + WIB).toISOString()}..${new Date(hi + WIB).toISOString()} (WIB)`);
      }
      await putCalendar([]);
      t0 = Date.now();
      const back = await times(WIDE, () => file(c.s, good()));
      t1 = Date.now();
      assertAll(back, 201, undefined, { what: 'round the clock again' });
      for (const r of back) assertDueRoundTheClock(r, t0, t1, SLA, 'round the clock again');
    });

    test('an API token revoked by the region admin: its next requests -> 401, nothing filed', async () => {
      const m = await authReq(ra, '/api/v1/tokens', { method: 'POST', body: { name: `loket ${uniq()}`, roles: ['front_office'], region_code: REGION } });
      assert.equal(m.status, 201, `make a token: ${show(m)}`);
      recordSecret('api_token', m.json.token);
      const tok = m.json.token;
      const warm = await times(WIDE, () => bearerReq(tok, APPS, { method: 'POST', body: counterBody() }));
      assertAll(warm, 201, undefined, { what: 'counter filings with the token' });
      const n = (await waiting(svc)).length;
      const d = await authReq(ra, `/api/v1/tokens/${m.json.id}`, { method: 'DELETE' });
      assert.equal(d.status, 204, `revoke: ${show(d)}`);
      const after = await times(WIDE, () => bearerReq(tok, APPS, { method: 'POST', body: counterBody() }));
      assertAll(after, 401, 'unauthorized', { what: 'filing with a revoked token' });
      assertError(await bearerReq(tok, `/api/v1/inbox?region=${REGION}`), 401, 'unauthorized', { what: 'inbox with a revoked token' });
      assert.equal((await waiting(svc)).length, n, 'nothing filed with the revoked token');
    });

    test('a front-office grant taken away: the officer\'s next counter filings -> 403, nothing filed', async () => {
      const fo = await newStaff(ra, [{ role: 'front_office', region_code: REGION }], 'Petugas Loket Sementara');
      const warm = await times(WIDE, () => file(fo, counterBody()));
      assertAll(warm, 201, undefined, { what: 'before' });
      const n = (await waiting(svc)).length;
      const d = await authReq(ra, `/api/v1/users/${fo.id}/grants/${fo.grant.id}`, { method: 'DELETE' });
      assert.equal(d.status, 204, `take the grant: ${show(d)}`);
      const after = await times(WIDE, () => file(fo, counterBody()));
      assertAll(after, 403, undefined, { what: 'counter filing without the grant' });
      assert.equal((await waiting(svc)).length, n, 'nothing filed without the grant');
    });
  });
});
