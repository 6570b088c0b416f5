// Region working calendars for SLA clocks: GET (public, with a default) and PUT (region admin,
// optimistic version, field-level errors, region isolation). The PUT body is the import format.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { req, assertError, assertCommonHeaders, authReq, staff, RFC3339 } from './lib.mjs';

const PERPRES = {
  mon: [['07:30', '12:00'], ['13:00', '16:00']],
  tue: [['07:30', '12:00'], ['13:00', '16:00']],
  wed: [['07:30', '12:00'], ['13:00', '16:00']],
  thu: [['07:30', '12:00'], ['13:00', '16:00']],
  fri: [['07:30', '11:30'], ['13:00', '16:30']],
  sat: [],
  sun: [],
};

describe('region calendar', () => {
  let ta;
  let padmin;
  before(async () => {
    ta = await staff('tadmin');
    padmin = await staff('padmin');
  });

  test('GET without a stored calendar: Perpres 21/2023 hours in the region zone, version 0', async () => {
    for (const [code, zone, offset] of [['18.07', 'WIB', '+07:00'], ['73.24', 'WITA', '+08:00'], ['81.01', 'WIT', '+09:00'], ['94.01', 'WIT', '+09:00']]) {
      const r = await req(`/api/v1/regions/${code}/calendar`);
      assert.equal(r.status, 200, `${code}: ${r.text}`);
      assertCommonHeaders(r.headers, `calendar ${code}`);
      assert.equal(r.json.region_code, code);
      assert.equal(r.json.time_zone, zone, code);
      assert.equal(r.json.utc_offset, offset, code);
      assert.equal(r.json.version, 0);
      assert.deepEqual(r.json.week, PERPRES, `${code}: 37.5 hours, 90-minute Friday break`);
      assert.deepEqual(r.json.holidays, []);
    }
  });

  test('GET of a malformed or unknown region: 422 / 404', async () => {
    assertError(await req('/api/v1/regions/3x/calendar'), 422, 'validation_failed', { field: 'code' });
    assertError(await req('/api/v1/regions/99.99/calendar'), 404, 'not_found');
  });

  test('PUT needs a session, the CSRF token and the region', async () => {
    const body = { time_zone: 'WIB', week: PERPRES, version: 0 };
    assertError(await req('/api/v1/regions/32.11/calendar', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), 401, 'unauthorized');
    assertError(await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body, csrf: null }), 403, 'csrf_failed');
    assertError(await authReq(ta, '/api/v1/regions/18.01/calendar', { method: 'PUT', body }), 403, 'forbidden');
  });

  test('PUT names every wrong field', async () => {
    const r = await authReq(ta, '/api/v1/regions/32.11/calendar', {
      method: 'PUT',
      body: {
        time_zone: 'CET',
        week: { mon: [['07:30', '12:00'], ['7:30', '16:00']], fun: [] },
        holidays: [{ first: '2026-02-30' }, { first: '2026-12-25', colour: 'red' }],
        extra: true,
      },
    });
    assertError(r, 422, 'validation_failed', { what: 'bad calendar' });
    const f = r.json.error.fields;
    for (const k of ['time_zone', 'week.mon[1]', 'week.fun', 'holidays[0].first', 'holidays[1].colour', 'extra', 'version']) {
      assert.ok(k in f, `${k} not named: ${JSON.stringify(f)}`);
    }
  });

  test('PUT refuses overlapping intervals and reversed ranges, naming where', async () => {
    let r = await authReq(ta, '/api/v1/regions/32.11/calendar', {
      method: 'PUT', body: { time_zone: 'WIB', week: { mon: [['07:30', '12:00'], ['11:00', '16:00']] }, version: 0 },
    });
    assertError(r, 422, 'validation_failed', { field: 'week.mon[1]' });
    r = await authReq(ta, '/api/v1/regions/32.11/calendar', {
      method: 'PUT', body: { time_zone: 'WIB', week: PERPRES, holidays: [{ first: '2026-12-26', last: '2026-12-24' }], version: 0 },
    });
    assertError(r, 422, 'validation_failed', { field: 'holidays[0]' });
    r = await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body: { time_zone: 'WIB', week: {}, version: 0 } });
    assertError(r, 422, 'validation_failed', { field: 'week' });
  });

  let stored;
  test('PUT stores the calendar (holidays, cuti bersama, a Ramadan exception) at version 1', async () => {
    const body = {
      time_zone: 'WIB',
      week: PERPRES,
      holidays: [
        { first: '2026-12-25', name: 'Hari Raya Natal' },
        { first: '2026-12-24', last: '2026-12-24', name: 'Cuti bersama Natal' },
      ],
      exceptions: [{
        first: '2027-02-08', last: '2027-03-09', name: 'Ramadan',
        week: { mon: [['08:00', '12:00'], ['12:30', '15:00']], fri: [['08:00', '11:30'], ['12:30', '15:30']] },
      }],
      version: 0,
    };
    const r = await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body });
    assert.equal(r.status, 200, r.text);
    stored = r.json;
    assert.equal(stored.version, 1);
    assert.match(stored.updated_at, RFC3339);
    assert.equal(stored.holidays.length, 2);
    assert.deepEqual(stored.holidays[0], { first: '2026-12-25', last: '2026-12-25', name: 'Hari Raya Natal' }, 'a one-day holiday gets last = first');
    assert.deepEqual(stored.exceptions[0].week.mon, [['08:00', '12:00'], ['12:30', '15:00']]);
    assert.deepEqual(stored.exceptions[0].week.tue, [], 'days missing from an exception are closed');
    const g = await req('/api/v1/regions/32.11/calendar');
    assert.equal(g.status, 200);
    assert.deepEqual(g.json, stored, 'GET answers what PUT stored');
  });

  test('a stale version is 409 and changes nothing; the current one succeeds', async () => {
    const body = { time_zone: 'WIB', week: PERPRES, holidays: [], version: 0 };
    assertError(await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body }), 409, 'stale_version');
    assert.equal((await req('/api/v1/regions/32.11/calendar')).json.holidays.length, 2, 'unchanged');
    const r = await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body: { ...body, version: stored.version } });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.version, stored.version + 1);
    assert.deepEqual(r.json.holidays, []);
  });

  test('two admins saving the same version: one wins, one gets 409', async () => {
    const cur = (await req('/api/v1/regions/32.11/calendar')).json;
    const body = (name) => ({ time_zone: 'WIB', week: PERPRES, holidays: [{ first: '2027-01-01', name }], version: cur.version });
    const [a, b] = await Promise.all([
      authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body: body('Tahun Baru A') }),
      authReq(padmin, '/api/v1/regions/32.11/calendar', { method: 'PUT', body: body('Tahun Baru B') }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409], `${a.status} ${b.status}`);
  });

  test('what GET answers can be PUT back as it is (export, edit, import)', async () => {
    const cur = (await req('/api/v1/regions/32.11/calendar')).json;
    const r = await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body: cur });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.version, cur.version + 1);
    assert.deepEqual(r.json.week, cur.week);
    assert.deepEqual(r.json.holidays, cur.holidays);
    const other = await authReq(ta, '/api/v1/regions/32.11/calendar', { method: 'PUT', body: { ...r.json, region_code: '18.01' } });
    assertError(other, 422, 'validation_failed', { field: 'region_code' });
  });

  test('the change is in the audit trail of the region', async () => {
    const r = await authReq(ta, '/api/v1/audit?region=32.11&limit=200');
    assert.equal(r.status, 200, r.text);
    assert.ok(r.json.data.some((e) => e.action === 'calendar.update' && e.region_code === '32.11'), 'calendar.update audited');
  });
});
