// Applications (issue 4, second slice; /tmp/contract5.md): a citizen files "PBG untuk MBR" in
// Kabupaten Sumedang and gets a tracking number and a PIN; answers are checked against the
// service's form; Idempotency-Key; the front office files at the counter for an applicant;
// documents (type by the bytes, formats and size of the requirement); the workflow
// verification -> technical_review -> returned_to_applicant (clock paused) -> verification ->
// technical_review -> approval -> issued, one role per step, optimistic versions and races;
// the inbox; public tracking by number + PIN or NIK; region isolation; the audit trail.
// Accounts: tfront (front_office 32.11), tback (back_office 32.11), tappr (approver 32.11),
// tadmin / ladmin / padmin (run.sh).
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import {
  randomTracking,
  req, raw, assertError, authReq, staff, login, registerCitizen, makeNik, maskNik, recordSecret, uniq,
  RFC3339, HOST, PORT,
} from './lib.mjs';

const APPS = '/api/v1/applications';
const APP_KEYS = ['id', 'uuid', 'tracking_no', 'service', 'region_code', 'channel', 'applicant', 'answers', 'state',
  'state_label', 'version', 'sla', 'actions', 'events', 'documents', 'submitted_at', 'updated_at'];
const SUMMARY_KEYS = APP_KEYS.filter((k) => k !== 'events' && k !== 'documents');
const SLA_KEYS = ['budget_minutes', 'used_minutes', 'remaining_minutes', 'due_at', 'paused', 'breached'];
const EVENT_KEYS = ['at', 'actor_name', 'role', 'action', 'action_label', 'from', 'from_label', 'to', 'to_label', 'comment'];
const DOC_KEYS = ['requirement', 'sha256', 'size', 'type', 'uploaded_at'];
const TRACK_KEYS = ['tracking_no', 'service', 'state', 'state_label', 'sla'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SYM = '0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U';
const TRACKING = /^([A-Z]{2,6})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z]{4})-([0-9A-HJKMNP-TV-Z])$/;
const VILLAGE = '32.11.01.2001'; // Cimungkal, Wado, Sumedang

const show = (r) => `${r.status} ${String(r.text).slice(0, 700)}`;
const sortedKeys = (o) => Object.keys(o).sort();

/** The Crockford mod-37 check symbol of a tracking number's 8 data symbols. */
function checkSymbol(tn) {
  const m = TRACKING.exec(tn);
  assert.ok(m, `tracking number shape: ${tn}`);
  let v = 0n;
  for (const c of m[2] + m[3]) v = v * 32n + BigInt(SYM.indexOf(c));
  return SYM[Number(v % 37n)];
}

/** Each wanted key (or one of its alternatives, given as an array) is named in error.fields. */
function assertFieldsNamed(r, wanted, what) {
  const f = r.json?.error?.fields || {};
  const missing = [];
  for (const w of wanted) {
    const alts = Array.isArray(w) ? w : [w];
    if (!alts.some((k) => typeof f[k] === 'string' && f[k].length > 0)) missing.push(alts.join(' | '));
  }
  assert.deepEqual(missing, [], `${what}: not named in fields ${JSON.stringify(f)}`);
}

function assertSla(s, what, { budget, paused = false } = {}) {
  const sj = JSON.stringify(s);
  assert.ok(s && typeof s === 'object', `${what}: sla object: ${sj}`);
  for (const k of SLA_KEYS) assert.ok(Object.hasOwn(s, k), `${what}: sla.${k} missing: ${sj}`);
  if (budget !== undefined) assert.equal(s.budget_minutes, budget, `${what}: sla.budget_minutes: ${sj}`);
  for (const k of ['budget_minutes', 'used_minutes', 'remaining_minutes']) {
    assert.ok(Number.isInteger(s[k]), `${what}: sla.${k} integer: ${sj}`);
  }
  assert.ok(s.used_minutes >= 0, `${what}: used_minutes >= 0: ${sj}`);
  assert.equal(s.remaining_minutes, s.budget_minutes - s.used_minutes, `${what}: remaining = budget - used: ${sj}`);
  assert.equal(typeof s.breached, 'boolean', `${what}: sla.breached boolean: ${sj}`);
  assert.equal(typeof s.paused, 'boolean', `${what}: sla.paused boolean: ${sj}`);
  if (paused === null) { // finished (issued, rejected): the contract leaves the stopped clock's flags open
    assert.ok(s.due_at === null || RFC3339.test(String(s.due_at)), `${what}: due_at null or RFC 3339: ${sj}`);
    return;
  }
  assert.equal(s.paused, paused, `${what}: sla.paused ${paused}: ${sj}`);
  if (paused) {
    assert.equal(s.due_at, null, `${what}: due_at null while paused: ${sj}`);
  } else {
    assert.match(String(s.due_at), RFC3339, `${what}: due_at RFC 3339: ${sj}`);
    assert.ok(String(s.due_at).endsWith('+07:00'), `${what}: due_at in WIB (+07:00): ${sj}`);
    assert.ok(Date.parse(s.due_at) > Date.now() - 60000, `${what}: due_at is in the future: ${sj} (now ${new Date().toISOString()})`);
  }
}

function assertAppShape(a, what, { summary = false } = {}) {
  const aj = JSON.stringify(a).slice(0, 800);
  assert.ok(a && typeof a === 'object' && !Array.isArray(a), `${what}: object: ${aj}`);
  for (const k of summary ? SUMMARY_KEYS : APP_KEYS) assert.ok(Object.hasOwn(a, k), `${what}: ${k} missing: ${aj}`);
  if (summary) {
    for (const k of ['events', 'documents']) assert.ok(!Object.hasOwn(a, k), `${what}: a summary has no ${k}: ${aj}`);
  }
  assert.ok(Number.isInteger(a.id) && a.id > 0, `${what}: id: ${aj}`);
  assert.match(String(a.uuid), UUID, `${what}: uuid`);
  assert.match(String(a.tracking_no), TRACKING, `${what}: tracking_no`);
  assert.equal(a.tracking_no.slice(-1), checkSymbol(a.tracking_no), `${what}: check symbol of ${a.tracking_no}`);
  assert.ok(a.service && typeof a.service === 'object', `${what}: service object: ${aj}`);
  for (const k of ['id', 'code', 'name', 'agency']) assert.ok(Object.hasOwn(a.service, k), `${what}: service.${k}: ${aj}`);
  assert.ok(a.service.agency && typeof a.service.agency === 'object', `${what}: service.agency object: ${aj}`);
  assert.ok(['online', 'counter', 'mobile'].includes(a.channel), `${what}: channel ${a.channel}`);
  assert.ok(a.applicant && typeof a.applicant === 'object', `${what}: applicant: ${aj}`);
  for (const k of ['id', 'name', 'nik']) assert.ok(Object.hasOwn(a.applicant, k), `${what}: applicant.${k}: ${aj}`);
  assert.match(String(a.applicant.nik), /^\d{4}\*{8}\d{4}$/, `${what}: applicant.nik masked: ${aj}`);
  assert.ok(a.answers && typeof a.answers === 'object' && !Array.isArray(a.answers), `${what}: answers object`);
  assert.equal(typeof a.state, 'string');
  assert.ok(typeof a.state_label === 'string' && a.state_label.length > 0, `${what}: state_label: ${aj}`);
  assert.ok(Number.isInteger(a.version) && a.version >= 1, `${what}: version`);
  assert.ok(Array.isArray(a.actions), `${what}: actions array: ${aj}`);
  for (const x of a.actions) {
    assert.equal(typeof x.name, 'string', `${what}: action name: ${JSON.stringify(x)}`);
    assert.ok(typeof x.label === 'string' && x.label.length > 0, `${what}: action label: ${JSON.stringify(x)}`);
  }
  if (!summary) {
    assert.ok(Array.isArray(a.events), `${what}: events array`);
    for (const e of a.events) {
      for (const k of EVENT_KEYS) assert.ok(Object.hasOwn(e, k), `${what}: event.${k}: ${JSON.stringify(e)}`);
      assert.match(String(e.at), RFC3339, `${what}: event.at: ${JSON.stringify(e)}`);
      assert.ok(String(e.at).endsWith('+07:00'), `${what}: event.at in WIB: ${JSON.stringify(e)}`);
    }
    assert.ok(Array.isArray(a.documents), `${what}: documents array`);
    for (const d of a.documents) assert.deepEqual(sortedKeys(d), [...DOC_KEYS].sort(), `${what}: document keys: ${JSON.stringify(d)}`);
  }
  for (const k of ['submitted_at', 'updated_at']) {
    assert.match(String(a[k]), RFC3339, `${what}: ${k} ${a[k]}`);
    assert.ok(String(a[k]).endsWith('+07:00'), `${what}: ${k} in WIB (+07:00): ${a[k]}`);
  }
  assertSla(a.sla, what, { paused: ['issued', 'rejected'].includes(a.state) ? null : a.state === 'returned_to_applicant' });
}

const actionNames = (a) => a.actions.map((x) => x.name).sort();

/** A small real PDF, a PNG and a JPEG (headers and a little body). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n'
  + 'trailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex'), crypto.randomBytes(64)]);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0', 'latin1'), crypto.randomBytes(200),
  Buffer.from([0xff, 0xd9])]);
const sha256 = (b) => crypto.createHash('sha256').update(b).digest('hex');
/** A PDF of exactly n bytes. */
const pdfOfSize = (n) => Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), Buffer.alloc(n - 9, 0x20)]);

describe('applications', () => {
  let tf; let tb; let tp; let ta; let la; let pa;
  let cit; let citS; // the citizen who files, and his session
  let other; let otherS; // another citizen
  let pbg; // the seeded service "pbg-mbr" of 32.11
  let custom; // a published service of 32.11 with every answer type
  let draft; // a draft service of 32.11
  let agencies;

  const validAnswers = (over = {}) => {
    const a = { luas_bangunan: 36, jumlah_lantai: 1, alamat_bangunan: 'Jl. Prabu Geusan Ulun No. 7, RT 01 RW 02', kelurahan: VILLAGE, fungsi_bangunan: 'Hunian', ...over };
    for (const k of Object.keys(a)) if (a[k] === undefined) delete a[k];
    return a;
  };
  const file = (who, body, headers = {}) => authReq(who, APPS, { method: 'POST', body, headers });
  const get = (who, id) => authReq(who, `${APPS}/${id}`);
  const act = (who, id, action, version, comment) => authReq(who, `${APPS}/${id}/actions`, {
    method: 'POST', body: { action, version, ...(comment !== undefined ? { comment } : {}) },
  });
  /** PUT a raw document body (Buffer) as `who` (session). */
  const upload = (who, id, requirement, bytes, { contentType = 'application/octet-stream', csrf } = {}) => {
    const headers = { 'content-type': contentType };
    if (who?.cookie) headers.cookie = who.cookie;
    const tok = csrf === undefined ? who?.csrf : csrf;
    if (tok) headers['x-csrf-token'] = tok;
    return req(`${APPS}/${id}/documents/${encodeURIComponent(requirement)}`, { method: 'PUT', headers, body: bytes });
  };
  /** The same over a raw socket (for large bodies the server may answer before reading). */
  const uploadRaw = (who, id, requirement, bytes) => raw(
    `PUT ${APPS}/${id}/documents/${requirement} HTTP/1.1\r\nHost: ${HOST}:${PORT}\r\nCookie: ${who.cookie}\r\n`
    + `X-CSRF-Token: ${who.csrf}\r\nContent-Type: application/pdf\r\nContent-Length: ${bytes.length}`,
    { body: bytes, timeout: 30000 },
  );
  /** File a valid PBG application as `who`; returns the 201 body. */
  async function fileOk(who = citS, body = { service_id: pbg.id, answers: validAnswers() }, headers = {}) {
    const r = await file(who, body, headers);
    assert.equal(r.status, 201, `file ${JSON.stringify(body).slice(0, 200)}: ${show(r)}`);
    return r.json;
  }
  async function getOk(who, id, what = `GET ${id}`) {
    const r = await get(who, id);
    assert.equal(r.status, 200, `${what}: ${show(r)}`);
    assertAppShape(r.json, what);
    return r.json;
  }
  /** Every page of ?mine=true, following next_cursor. */
  async function mine(who) {
    const all = [];
    let cursor = null;
    for (let page = 0; page < 50; page++) {
      const r = await authReq(who, `${APPS}?mine=true&limit=20${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, `GET ?mine=true: ${show(r)}`);
      assert.ok(Array.isArray(r.json?.data), `?mine=true data array: ${show(r)}`);
      all.push(...r.json.data);
      cursor = r.json.next_cursor;
      if (!cursor) return all;
      assert.ok(r.json.data.length === 20, 'a page before the last is full');
    }
    assert.fail('more than 50 pages');
  }
  async function inbox(who, query = 'region=32.11') {
    const r = await authReq(who, `/api/v1/inbox?${query}`);
    assert.equal(r.status, 200, `GET /inbox?${query}: ${show(r)}`);
    assert.ok(Array.isArray(r.json?.data), `inbox data array: ${show(r)}`);
    return r.json.data;
  }
  /**
   * The application as tfront sees it, in verification. The contract files straight into
   * verification (asserted by the filing tests); should the server leave it in a start state
   * first, tfront takes that step here so that the later tests still test what they name.
   */
  async function inVerification(id) {
    let a = await getOk(tf, id, 'tfront GET');
    if (a.state !== 'verification' && a.actions.some((x) => x.name === 'receive')) {
      const r = await act(tf, id, 'receive', a.version);
      assert.equal(r.status, 200, `receive: ${show(r)}`);
      a = await getOk(tf, id, 'tfront GET after receive');
    }
    assert.equal(a.state, 'verification', `in verification: ${JSON.stringify(a).slice(0, 300)}`);
    return a;
  }
  async function actOk(who, app, action, comment) {
    const r = await act(who, app.id, action, app.version, comment);
    assert.equal(r.status, 200, `${action} by ${who.user?.username ?? who.user?.name} (version ${app.version}): ${show(r)}`);
    assertAppShape(r.json, action);
    assert.equal(r.json.version, app.version + 1, `${action}: version + 1`);
    return r.json;
  }

  before(async () => {
    [tf, tb, tp, ta, la, pa] = await Promise.all(['tfront', 'tback', 'tappr', 'tadmin', 'ladmin', 'padmin'].map((u) => staff(u)));
    cit = await registerCitizen({ name: 'Siti Pemohon' });
    citS = await login(cit.email, cit.password);
    other = await registerCitizen({ name: 'Budi Lain' });
    otherS = await login(other.email, other.password);
    const l = await req('/api/v1/services?region=32.11');
    assert.equal(l.status, 200, show(l));
    pbg = l.json.data.find((s) => s.code === 'pbg-mbr');
    assert.ok(pbg, `pbg-mbr in the catalogue of 32.11: ${show(l)}`);
    const a = await req('/api/v1/regions/32.11/agencies');
    agencies = Object.fromEntries(a.json.data.filter((x) => x.short_name).map((x) => [x.short_name, x]));
    // a service of 32.11 with every kind of answer, published; and a draft
    const standard = Object.fromEntries(['persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk', 'pengaduan', 'dasar_hukum',
      'sarana', 'kompetensi', 'pengawasan', 'jumlah_pelaksana', 'jaminan_pelayanan', 'jaminan_keamanan', 'evaluasi'].map((k) => [k, `Teks ${k}`]));
    const body = (over) => ({
      agency_id: agencies.DPMPTSP.id, code: `uji-${uniq()}`, name: `Layanan Uji Permohonan ${uniq()}`, description: 'Untuk pengujian permohonan.',
      fee: 0, channels: ['online', 'counter'], sla_minutes: 600, breach_policy: 'escalate', standard,
      requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf', 'jpg'], max_bytes: 1048576, mandatory: true }],
      form: [
        { name: 'luas', label: 'Luas', type: 'number', required: true },
        { name: 'tanggal', label: 'Tanggal', type: 'date', required: true },
        { name: 'jenis', label: 'Jenis', type: 'choice', required: true, options: ['Hunian', 'Usaha'] },
        { name: 'nik_pemilik', label: 'NIK pemilik', type: 'nik', required: true },
        { name: 'kelurahan', label: 'Kelurahan', type: 'region', required: true },
        { name: 'catatan', label: 'Catatan', type: 'text', required: false },
      ],
      ...over,
    });
    const c = await authReq(ta, '/api/v1/regions/32.11/services', { method: 'POST', body: body({}) });
    assert.equal(c.status, 201, `create the test service: ${show(c)}`);
    const p = await authReq(ta, `/api/v1/services/${c.json.id}/publish`, { method: 'POST', body: { version: c.json.version } });
    assert.equal(p.status, 200, `publish the test service: ${show(p)}`);
    custom = p.json;
    const d = await authReq(ta, '/api/v1/regions/32.11/services', { method: 'POST', body: body({}) });
    assert.equal(d.status, 201, `create the draft service: ${show(d)}`);
    draft = d.json;
  });

  const customAnswers = (over = {}) => {
    const a = { luas: 12.5, tanggal: '2026-03-01', jenis: 'Usaha', nik_pemilik: cit.nik, kelurahan: VILLAGE, catatan: 'Mohon diproses.', ...over };
    for (const k of Object.keys(a)) if (a[k] === undefined) delete a[k];
    return a;
  };

  describe('a citizen files PBG untuk MBR', () => {
    let filed;
    test('valid answers -> 201 with tracking number, 6-digit PIN, verification, version 1, the SLA clock running', async () => {
      const r = await file(citS, { service_id: pbg.id, answers: validAnswers() });
      assert.equal(r.status, 201, show(r));
      filed = r.json;
      const b = r.json;
      for (const k of ['id', 'tracking_no', 'pin', 'state', 'version', 'sla']) assert.ok(Object.hasOwn(b, k), `201 has ${k}: ${show(r)}`);
      assert.ok(Number.isInteger(b.id) && b.id > 0, `id: ${show(r)}`);
      assert.match(b.tracking_no, TRACKING, `tracking number shape: ${b.tracking_no}`);
      assert.match(b.tracking_no, /^PBG/, `prefix from the service code pbg-mbr: ${b.tracking_no}`);
      assert.equal(b.tracking_no.slice(-1), checkSymbol(b.tracking_no), `check symbol of ${b.tracking_no}`);
      assert.equal(typeof b.pin, 'string', `pin is a string (leading zeros kept): ${show(r)}`);
      assert.match(b.pin, /^\d{6}$/, `pin 6 digits: ${b.pin}`);
      assert.equal(b.version, 1);
      assertSla(b.sla, '201', { budget: 180 });
      assert.ok(b.sla.used_minutes <= 5, `just filed: used_minutes small: ${JSON.stringify(b.sla)}`);
      assert.equal(b.sla.breached, false);
      assert.equal(b.state, 'submitted', 'filed into the start state; the front office receives it');
    });

    test('GET /applications/{id} as the citizen: the whole application, NIK masked, PIN not shown again', async () => {
      const a = await getOk(citS, filed.id, 'citizen GET');
      assert.equal(a.tracking_no, filed.tracking_no);
      assert.equal(a.version, 1);
      assert.equal(a.region_code, '32.11');
      assert.equal(a.channel, 'online', 'a citizen files online');
      assert.equal(a.service.id, pbg.id);
      assert.equal(a.service.code, 'pbg-mbr');
      assert.equal(a.service.name, 'PBG untuk MBR');
      assert.equal(a.service.agency.id, agencies.DPMPTSP.id);
      assert.equal(a.applicant.id, cit.user.id, 'applicant is the citizen');
      assert.equal(a.applicant.name, 'Siti Pemohon');
      assert.equal(a.applicant.nik, maskNik(cit.nik));
      assert.deepEqual(a.answers, validAnswers());
      assert.deepEqual(a.documents, []);
      assert.deepEqual(a.actions, [], `the citizen has nothing to do while it is verified: ${JSON.stringify(a.actions)}`);
      assertSla(a.sla, 'GET', { budget: 180 });
      assert.ok(!JSON.stringify(a).includes(cit.nik), 'the full NIK never appears');
      assert.equal(a.state, 'submitted', 'filed into the start state; the front office receives it');
    });

    test('GET ?mine=true lists it first, as a summary', async () => {
      const list = await mine(citS);
      assert.ok(list.length >= 1);
      assert.equal(list[0].id, filed.id, `newest first: ${JSON.stringify(list.map((x) => x.id))}`);
      assert.ok(!(await mine(otherS)).some((x) => x.id === filed.id), 'not in another citizen\'s list');
      assertAppShape(list[0], '?mine=true entry', { summary: true });
    });

    test('?mine=true is newest first', async () => {
      const second = await fileOk();
      const list = await mine(citS);
      assert.deepEqual(list.slice(0, 2).map((x) => x.id), [second.id, filed.id], 'the newer one first');
      for (let i = 1; i < list.length; i++) {
        assert.ok(Date.parse(list[i - 1].submitted_at) >= Date.parse(list[i].submitted_at), `order at ${i}: ${list[i - 1].submitted_at} ${list[i].submitted_at}`);
      }
    });
    test('?mine=true pages with limit and next_cursor, without gaps or repeats', async () => {
      const all = await mine(citS);
      assert.ok(all.length >= 2, 'at least two applications');
      const p1 = await authReq(citS, `${APPS}?mine=true&limit=1`);
      assert.equal(p1.status, 200, show(p1));
      assert.equal(p1.json.data.length, 1);
      assert.equal(typeof p1.json.next_cursor, 'string', 'another page follows');
      const p2 = await authReq(citS, `${APPS}?mine=true&limit=1&cursor=${p1.json.next_cursor}`);
      assert.equal(p2.status, 200, show(p2));
      assert.deepEqual([p1.json.data[0].id, p2.json.data[0].id], all.slice(0, 2).map((x) => x.id), 'page 2 continues page 1');
      for (const q of ['limit=0', 'limit=201', 'limit=x', 'cursor=abc', 'cursor=-1']) {
        assertError(await authReq(citS, `${APPS}?mine=true&${q}`), 422, 'validation_failed', { field: q.split('=')[0], what: q });
      }
    });

    test('without CSRF token -> 403 csrf_failed, nothing filed', async () => {
      const before = (await mine(citS)).length;
      const r = await authReq(citS, APPS, { method: 'POST', body: { service_id: pbg.id, answers: validAnswers() }, csrf: null });
      assertError(r, 403, 'csrf_failed', { what: 'file without csrf' });
      assert.equal((await mine(citS)).length, before);
    });

    test('anonymous -> 401', async () => {
      const r = await req(APPS, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service_id: pbg.id, answers: validAnswers() }) });
      assertError(r, 401, 'unauthorized', { what: 'anonymous file' });
    });
  });

  describe('wrong answers -> 422 naming every one', () => {
    const bad = async (body, fields, what) => {
      const r = await file(citS, body);
      assertError(r, 422, 'validation_failed', { what });
      assertFieldsNamed(r, fields, what);
      return r;
    };
    test('a required answer missing', () => bad({ service_id: pbg.id, answers: validAnswers({ alamat_bangunan: undefined }) }, ['answers.alamat_bangunan'], 'missing alamat'));
    test('a number that is text', () => bad({ service_id: pbg.id, answers: validAnswers({ luas_bangunan: 'tiga puluh enam' }) }, ['answers.luas_bangunan'], 'luas text'));
    test('a choice outside the options', () => bad({ service_id: pbg.id, answers: validAnswers({ fungsi_bangunan: 'Usaha' }) }, ['answers.fungsi_bangunan'], 'fungsi Usaha'));
    test('a region code that does not exist', () => bad({ service_id: pbg.id, answers: validAnswers({ kelurahan: '32.11.99.9999' }) }, ['answers.kelurahan'], 'kelurahan unknown'));
    test('an unknown answer name', () => bad({ service_id: pbg.id, answers: validAnswers({ warna_atap: 'merah' }) }, ['answers.warna_atap'], 'unknown answer'));
    test('text over 2000 characters', () => bad({ service_id: pbg.id, answers: validAnswers({ alamat_bangunan: 'a'.repeat(2001) }) }, ['answers.alamat_bangunan'], 'alamat 2001'));
    test('a nik answer that is no NIK, a date that is no date (custom service)', () => bad(
      { service_id: custom.id, answers: customAnswers({ nik_pemilik: '1234567890', tanggal: '2026-13-45' }) },
      ['answers.nik_pemilik', 'answers.tanggal'], 'nik + date',
    ));
    test('all at once: every wrong answer named in one 422', async () => {
      const r = await bad({
        service_id: pbg.id,
        answers: { luas_bangunan: 'banyak', jumlah_lantai: 1, kelurahan: '99.99', fungsi_bangunan: 'Gudang', warna_atap: 'merah' },
      }, ['answers.luas_bangunan', 'answers.alamat_bangunan', 'answers.kelurahan', 'answers.fungsi_bangunan', 'answers.warna_atap'], 'all wrong');
      assert.ok(!Object.hasOwn(r.json.error.fields, 'answers.jumlah_lantai'), `a right answer is not named: ${show(r)}`);
    });
    test('the custom service accepts valid answers of every type', async () => {
      const b = await fileOk(citS, { service_id: custom.id, answers: customAnswers() });
      const a = await getOk(citS, b.id);
      assert.deepEqual(a.answers, customAnswers());
      assertSla(a.sla, 'custom', { budget: 600 });
    });
    test('none of the refused requests created an application', async () => {
      // the two filed above plus the custom one; the refused ones are not there
      const list = await mine(citS);
      assert.equal(list.length, 3, `three filed so far: ${list.map((x) => x.tracking_no)}`);
    });
    test('a number sent as text is stored as the number; hex, inf, nan or out of range are refused', async () => {
      const b = await fileOk(citS, { service_id: pbg.id, answers: validAnswers({ luas_bangunan: '36.5', jumlah_lantai: '2' }) });
      const a = await getOk(citS, b.id);
      assert.strictEqual(a.answers.luas_bangunan, 36.5, JSON.stringify(a.answers));
      assert.strictEqual(a.answers.jumlah_lantai, 2, JSON.stringify(a.answers));
      for (const v of ['0x1A', 'inf', 'nan', '1e999', '', ' 36', '36 m2']) {
        const r = await file(citS, { service_id: pbg.id, answers: validAnswers({ luas_bangunan: v }) });
        const named = v === '' ? 'answers.luas_bangunan (required)' : 'answers.luas_bangunan';
        assertError(r, 422, 'validation_failed', { field: 'answers.luas_bangunan', what: `${named}: ${JSON.stringify(v)}` });
      }
    });
  });

  describe('the service must be published', () => {
    test('a draft service -> 422 service_id', async () => {
      const r = await file(citS, { service_id: draft.id, answers: customAnswers() });
      assertError(r, 422, 'validation_failed', { field: 'service_id', what: 'draft service' });
    });
    test('an unknown service -> 422 service_id', async () => {
      const r = await file(citS, { service_id: 987654321, answers: validAnswers() });
      assertError(r, 422, 'validation_failed', { field: 'service_id', what: 'unknown service' });
    });
    test('no service_id -> 422 service_id', async () => {
      const r = await file(citS, { answers: validAnswers() });
      assertError(r, 422, 'validation_failed', { field: 'service_id', what: 'no service_id' });
    });
    test('a retired service -> 422 service_id', async () => {
      const g = await authReq(ta, `/api/v1/services/${custom.id}`);
      // retire a copy: make, publish, retire
      const c = await authReq(ta, '/api/v1/regions/32.11/services', {
        method: 'POST',
        body: { ...Object.fromEntries(Object.entries(g.json).filter(([k]) => ['agency_id', 'description', 'fee', 'channels', 'sla_minutes', 'breach_policy', 'standard', 'requirements', 'form'].includes(k))), code: `uji-${uniq()}`, name: `Layanan Pensiun ${uniq()}` },
      });
      assert.equal(c.status, 201, show(c));
      const p = await authReq(ta, `/api/v1/services/${c.json.id}/publish`, { method: 'POST', body: { version: c.json.version } });
      assert.equal(p.status, 200, show(p));
      const t = await authReq(ta, `/api/v1/services/${c.json.id}/retire`, { method: 'POST', body: { version: p.json.version } });
      assert.equal(t.status, 200, show(t));
      const r = await file(citS, { service_id: c.json.id, answers: customAnswers() });
      assertError(r, 422, 'validation_failed', { field: 'service_id', what: 'retired service' });
    });
  });

  describe('Idempotency-Key', () => {
    let c; let s;
    before(async () => {
      c = await registerCitizen();
      s = await login(c.email, c.password);
    });
    test('a retry with the same key answers the first 201 (PIN included) and files nothing new', async () => {
      const key = `kirim-${uniq()}`;
      const body = { service_id: pbg.id, answers: validAnswers({ luas_bangunan: 45 }) };
      const r1 = await file(s, body, { 'idempotency-key': key });
      assert.equal(r1.status, 201, show(r1));
      const r2 = await file(s, body, { 'idempotency-key': key });
      assert.equal(r2.status, 201, `retry: ${show(r2)}`);
      assert.deepEqual(r2.json, r1.json, 'the same body');
      assert.equal(r2.json.pin, r1.json.pin);
      const list = await mine(s);
      assert.equal(list.length, 1, `one application: ${JSON.stringify(list.map((x) => x.id))}`);
      // a third time, in parallel with a fourth
      const [r3, r4] = await Promise.all([file(s, body, { 'idempotency-key': key }), file(s, body, { 'idempotency-key': key })]);
      assert.deepEqual([r3.status, r4.status], [201, 201], `${show(r3)} / ${show(r4)}`);
      assert.equal(r3.json.id, r1.json.id);
      assert.equal(r4.json.id, r1.json.id);
      assert.equal((await mine(s)).length, 1);
    });
    test('a retry that spells the same JSON differently (key order, spaces) is the same request', async () => {
      const key = `ulang-${uniq()}`;
      const answers = validAnswers({ luas_bangunan: 40 });
      const r1 = await file(s, JSON.stringify({ service_id: pbg.id, answers }), { 'idempotency-key': key });
      assert.equal(r1.status, 201, show(r1));
      const reordered = Object.fromEntries(Object.entries(answers).reverse());
      const spaced = JSON.stringify({ answers: reordered, service_id: pbg.id }, null, 2);
      const r2 = await file(s, spaced, { 'idempotency-key': key });
      assert.equal(r2.status, 201, `retry spelled differently: ${show(r2)}`);
      assert.equal(r2.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(r2.json, r1.json, 'the first answer, PIN included');
    });
    test('the same key with a different body -> 409 idempotency_conflict, nothing filed', async () => {
      const key = `kirim-${uniq()}`;
      const r1 = await file(s, { service_id: pbg.id, answers: validAnswers() }, { 'idempotency-key': key });
      assert.equal(r1.status, 201, show(r1));
      const n = (await mine(s)).length;
      const r2 = await file(s, { service_id: pbg.id, answers: validAnswers({ jumlah_lantai: 2 }) }, { 'idempotency-key': key });
      assertError(r2, 409, 'idempotency_conflict', { what: 'same key, other body' });
      assert.equal((await mine(s)).length, n);
    });
    test('keys are per caller: another citizen\'s same key files his own', async () => {
      const key = `kirim-${uniq()}`;
      const body = { service_id: pbg.id, answers: validAnswers() };
      const r1 = await file(s, body, { 'idempotency-key': key });
      const r2 = await file(otherS, body, { 'idempotency-key': key });
      assert.equal(r1.status, 201, show(r1));
      assert.equal(r2.status, 201, show(r2));
      assert.notEqual(r2.json.id, r1.json.id);
      assert.notEqual(r2.json.tracking_no, r1.json.tracking_no);
      const o = await getOk(otherS, r2.json.id);
      assert.equal(o.applicant.id, other.user.id);
    });
    test('without a key two posts file two applications', async () => {
      const n = (await mine(s)).length;
      const body = { service_id: pbg.id, answers: validAnswers() };
      const a = await fileOk(s, body);
      const b = await fileOk(s, body);
      assert.notEqual(a.id, b.id);
      assert.equal((await mine(s)).length, n + 2);
    });
    test('a key over 100 characters is refused, nothing filed', async () => {
      const n = (await mine(s)).length;
      const r = await file(s, { service_id: pbg.id, answers: validAnswers() }, { 'idempotency-key': 'k'.repeat(101) });
      assert.ok([400, 422].includes(r.status), `101-character key: ${show(r)}`);
      assert.equal((await mine(s)).length, n);
    });
  });

  describe('the front office files at the counter', () => {
    test('with applicant name + NIK -> 201; the applicant is named, no user', async () => {
      const nik = makeNik({ district: '321105' });
      recordSecret('nik', nik);
      const b = await fileOk(tf, { service_id: pbg.id, answers: validAnswers(), applicant: { name: 'Asep Loket', nik }, channel: 'counter' });
      assert.match(b.pin, /^\d{6}$/);
      const a = await getOk(tf, b.id, 'tfront GET');
      assert.equal(a.applicant.id, null);
      assert.equal(a.applicant.name, 'Asep Loket');
      assert.equal(a.applicant.nik, maskNik(nik));
      assert.equal(a.channel, 'counter');
      // tracked by number + the applicant's NIK
      const t = await req(`/api/v1/track/${b.tracking_no}?nik=${nik}`);
      assert.equal(t.status, 200, show(t));
      assert.equal(t.json.state, a.state);
      // the front office uploads his documents
      const u = await upload(tf, b.id, 'ktp', JPEG, { contentType: 'image/jpeg' });
      assert.equal(u.status, 201, show(u));
      assert.equal(u.json.type, 'jpg');
      assert.equal(b.state, 'submitted', 'filed into the start state; the front office receives it');
      assert.ok(actionNames(a).includes('receive'), `tfront may receive it: ${JSON.stringify(a.actions)}`);
    });
    test('the counter applicant\'s NIK is not stored in clear (database dump)', async () => {
      assert.ok(process.env.SATUPINTU_TEST_SQLITE_PATH || process.env.SATUPINTU_TEST_PG_URL, 'run.sh must say where the database is (SATUPINTU_TEST_SQLITE_PATH or SATUPINTU_TEST_PG_URL)');
      const nik = makeNik({ district: '321107' });
      recordSecret('nik', nik);
      await fileOk(tf, { service_id: pbg.id, answers: validAnswers(), applicant: { name: 'Ujang Loket', nik }, channel: 'counter' });
      const SQLITE = process.env.SATUPINTU_TEST_SQLITE_PATH;
      const dump = SQLITE
        ? execFileSync('sqlite3', [SQLITE, '.dump'], { encoding: 'utf8', timeout: 60000, maxBuffer: 512 << 20 })
        : execFileSync('pg_dump', ['--data-only', '--no-owner', '-d', process.env.SATUPINTU_TEST_PG_URL], { encoding: 'utf8', timeout: 60000, maxBuffer: 512 << 20 });
      assert.ok(dump.includes('Ujang Loket'), 'the dump holds the application');
      assert.ok(!dump.includes(nik), 'the applicant\'s NIK is in the database in clear');
    });

    test('without applicant -> 422 naming the applicant', async () => {
      const r = await file(tf, { service_id: pbg.id, answers: validAnswers(), channel: 'counter' });
      assertError(r, 422, 'validation_failed', { what: 'counter without applicant' });
      assertFieldsNamed(r, [['applicant', 'applicant.name', 'applicant.nik']], 'counter without applicant');
    });
    test('applicant without NIK, or with a NIK that is none -> 422 applicant.nik', async () => {
      const r = await file(tf, { service_id: pbg.id, answers: validAnswers(), applicant: { name: 'Asep Loket' }, channel: 'counter' });
      assertError(r, 422, 'validation_failed', { field: 'applicant.nik', what: 'no applicant.nik' });
      const r2 = await file(tf, { service_id: pbg.id, answers: validAnswers(), applicant: { name: 'Asep Loket', nik: '3211000000000000' }, channel: 'counter' });
      assertError(r2, 422, 'validation_failed', { field: 'applicant.nik', what: 'bad applicant.nik' });
    });
    test('applicant without name -> 422 applicant.name', async () => {
      const nik = makeNik();
      recordSecret('nik', nik);
      const r = await file(tf, { service_id: pbg.id, answers: validAnswers(), applicant: { nik }, channel: 'counter' });
      assertError(r, 422, 'validation_failed', { field: 'applicant.name', what: 'no applicant.name' });
    });
    test('staff who are neither citizen nor front office cannot file (tback -> 403)', async () => {
      const nik = makeNik();
      recordSecret('nik', nik);
      const r = await file(tb, { service_id: pbg.id, answers: validAnswers(), applicant: { name: 'X', nik }, channel: 'counter' });
      assert.equal(r.status, 403, show(r));
    });
  });

  describe('documents', () => {
    let app;
    before(async () => { app = await fileOk(); });

    test('a small real PDF to bukti_tanah (sent as text/plain: the bytes decide) -> 201', async () => {
      const r = await upload(citS, app.id, 'bukti_tanah', PDF, { contentType: 'text/plain' });
      assert.equal(r.status, 201, show(r));
      assert.deepEqual(sortedKeys(r.json), [...DOC_KEYS].sort(), show(r));
      assert.equal(r.json.requirement, 'bukti_tanah');
      assert.equal(r.json.type, 'pdf');
      assert.equal(r.json.size, PDF.length);
      assert.equal(r.json.sha256, sha256(PDF));
      assert.match(String(r.json.uploaded_at), RFC3339);
      assert.ok(String(r.json.uploaded_at).endsWith('+07:00'), `uploaded_at in WIB: ${r.json.uploaded_at}`);
    });
    test('a PNG to gambar_rencana, a JPEG to ktp -> 201 png / jpg', async () => {
      const p = await upload(citS, app.id, 'gambar_rencana', PNG, { contentType: 'application/pdf' });
      assert.equal(p.status, 201, show(p));
      assert.equal(p.json.type, 'png');
      assert.equal(p.json.sha256, sha256(PNG));
      const j = await upload(citS, app.id, 'ktp', JPEG);
      assert.equal(j.status, 201, show(j));
      assert.equal(j.json.type, 'jpg');
      assert.equal(j.json.size, JPEG.length);
    });
    test('the application lists its documents', async () => {
      const a = await getOk(citS, app.id);
      const byReq = Object.fromEntries(a.documents.map((d) => [d.requirement, d]));
      assert.deepEqual(Object.keys(byReq).sort(), ['bukti_tanah', 'gambar_rencana', 'ktp'], JSON.stringify(a.documents));
      assert.equal(byReq.bukti_tanah.sha256, sha256(PDF));
      assert.equal(byReq.gambar_rencana.type, 'png');
      assert.equal(byReq.ktp.size, JPEG.length);
    });
    test('uploading again replaces the document', async () => {
      const pdf2 = Buffer.concat([PDF, Buffer.from(`% versi kedua ${uniq()}\n`)]);
      const r = await upload(citS, app.id, 'ktp', pdf2);
      assert.equal(r.status, 201, show(r));
      assert.equal(r.json.type, 'pdf');
      const a = await getOk(citS, app.id);
      const ktp = a.documents.filter((d) => d.requirement === 'ktp');
      assert.equal(ktp.length, 1, `one ktp: ${JSON.stringify(a.documents)}`);
      assert.equal(ktp[0].sha256, sha256(pdf2));
      assert.equal(ktp[0].type, 'pdf');
    });
    test('a PNG to bukti_tanah (pdf only) -> 415 unsupported_document_type', async () => {
      const r = await upload(citS, app.id, 'bukti_tanah', PNG, { contentType: 'application/pdf' });
      assertError(r, 415, 'unsupported_document_type', { what: 'png to bukti_tanah' });
      const a = await getOk(citS, app.id);
      assert.equal(a.documents.find((d) => d.requirement === 'bukti_tanah').sha256, sha256(PDF), 'the PDF stays');
    });
    test('bytes that are none of pdf/jpg/png (a GIF, text) -> 415', async () => {
      assertError(await upload(citS, app.id, 'ktp', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), { contentType: 'image/gif' }), 415, 'unsupported_document_type', { what: 'gif' });
      assertError(await upload(citS, app.id, 'ktp', Buffer.from('ini bukan dokumen')), 415, 'unsupported_document_type', { what: 'text' });
    });
    test('an unknown requirement -> 404', async () => {
      const r = await upload(citS, app.id, 'surat_sakti', PDF);
      assertError(r, 404, undefined, { what: 'unknown requirement' });
    });
    test('an empty body -> 422', async () => {
      const r = await upload(citS, app.id, 'ktp', Buffer.alloc(0));
      assertError(r, 422, undefined, { what: 'empty document' });
    });
    test('bukti_tanah of exactly 5 MiB -> 201; 5 MiB + 1 byte -> 413', async () => {
      const ok = await uploadRaw(citS, app.id, 'bukti_tanah', pdfOfSize(5242880));
      assert.equal(ok.status, 201, `5 MiB: ${ok.status} ${ok.text.slice(0, 300)}`);
      assert.equal(ok.json?.size, 5242880);
      const big = await uploadRaw(citS, app.id, 'bukti_tanah', pdfOfSize(5242881));
      assert.equal(big.status, 413, `5 MiB + 1: ${big.status} ${big.text.slice(0, 300)}`);
      assert.equal(typeof big.json?.error?.code, 'string', `413 is a JSON error: ${big.text.slice(0, 300)}`);
      const a = await getOk(citS, app.id);
      assert.equal(a.documents.find((d) => d.requirement === 'bukti_tanah').size, 5242880, 'the 5 MiB one stays');
    });
    test('without CSRF token -> 403 csrf_failed', async () => {
      assertError(await upload(citS, app.id, 'ktp', PDF, { csrf: null }), 403, 'csrf_failed', { what: 'upload without csrf' });
    });
    test('who may upload: another citizen -> 404, ladmin -> 403/404, tback -> 403, tfront -> 201, anonymous -> 401', async () => {
      assertError(await upload(otherS, app.id, 'ktp', PDF), 404, undefined, { what: 'other citizen upload' });
      const l = await upload(la, app.id, 'ktp', PDF);
      assert.ok([403, 404].includes(l.status), `ladmin upload: ${show(l)}`);
      assert.equal((await upload(tb, app.id, 'ktp', PDF)).status, 403, 'back office does not upload');
      const f = await upload(tf, app.id, 'ktp', JPEG);
      assert.equal(f.status, 201, `tfront upload: ${show(f)}`);
      assertError(await upload(null, app.id, 'ktp', PDF), 401, 'unauthorized', { what: 'anonymous upload' });
      assertError(await upload(citS, 987654321, 'ktp', PDF), 404, undefined, { what: 'upload to no application' });
    });
  });

  describe('the workflow: verify, return, resubmit, verify, recommend, approve', () => {
    let app; // the latest Application
    let pin;
    let v0; // the version in verification
    before(async () => {
      const b = await fileOk();
      pin = b.pin;
      app = await inVerification(b.id);
      v0 = app.version;
    });

    test('in verification: tfront may verify, return or reject; tback, tappr and the citizen may do nothing', async () => {
      assert.deepEqual(actionNames(app), ['reject', 'return_to_applicant', 'verify'], `tfront's actions: ${JSON.stringify(app.actions)}`);
      for (const [who, name] of [[tb, 'tback'], [tp, 'tappr'], [citS, 'citizen']]) {
        const a = await getOk(who, app.id, `${name} GET`);
        assert.deepEqual(a.actions, [], `${name} has no action in verification: ${JSON.stringify(a.actions)}`);
      }
    });

    test('tfront\'s inbox holds it while it is in verification; tback\'s does not', async () => {
      const fo = await inbox(tf);
      assert.ok(fo.some((x) => x.id === app.id), `tfront inbox has ${app.id}: ${fo.map((x) => x.id)}`);
      assert.ok(!(await inbox(tb)).some((x) => x.id === app.id), 'not yet in tback\'s inbox');
      assert.ok((await inbox(tf, `region=32.11&agency=${agencies.DPMPTSP.id}`)).some((x) => x.id === app.id), 'agency=DPMPTSP');
      assert.ok(!(await inbox(tf, `region=32.11&agency=${agencies.Dinkes.id}`)).some((x) => x.id === app.id), 'not under agency=Dinkes');
      assertAppShape(fo.find((x) => x.id === app.id), 'inbox entry', { summary: true });
    });

    test('the inbox is sorted by remaining minutes, paused ones last', async () => {
      for (const who of [tf, tb, tp]) {
        const list = await inbox(who);
        let seenPaused = false;
        for (let i = 0; i < list.length; i++) {
          const s = list[i].sla;
          if (s.paused) { seenPaused = true; continue; }
          assert.ok(!seenPaused, `a running one after a paused one at ${i}`);
          if (i > 0 && !list[i - 1].sla.paused) {
            assert.ok(list[i - 1].sla.remaining_minutes <= s.remaining_minutes, `ascending at ${i}: ${list[i - 1].sla.remaining_minutes} > ${s.remaining_minutes}`);
          }
        }
      }
    });

    test('the inbox: citizens, officers of another region and unknown regions are refused', async () => {
      assert.equal((await authReq(citS, '/api/v1/inbox?region=32.11')).status, 403, 'citizen');
      assert.equal((await authReq(la, '/api/v1/inbox?region=32.11')).status, 403, 'ladmin for 32.11');
      assert.ok([401].includes((await req('/api/v1/inbox?region=32.11')).status), 'anonymous');
      const mineL = await authReq(tf, '/api/v1/inbox?region=18.01');
      assert.equal(mineL.status, 403, `tfront for 18.01: ${show(mineL)}`);
    });

    test('the wrong role -> 403 action_not_allowed; an unknown action -> 422 action', async () => {
      assertError(await act(tb, app.id, 'verify', app.version), 403, 'action_not_allowed', { what: 'tback verify' });
      assertError(await act(tp, app.id, 'approve', app.version), 403, 'action_not_allowed', { what: 'tappr approve in verification' });
      assertError(await act(tb, app.id, 'recommend', app.version), 403, 'action_not_allowed', { what: 'recommend in verification' });
      assertError(await act(citS, app.id, 'verify', app.version), 403, 'action_not_allowed', { what: 'citizen verify' });
      assertError(await act(citS, app.id, 'resubmit', app.version), 403, 'action_not_allowed', { what: 'resubmit in verification' });
      assertError(await act(tf, app.id, 'terbang', app.version), 422, 'validation_failed', { field: 'action', what: 'unknown action' });
      assertError(await authReq(tf, `${APPS}/${app.id}/actions`, { method: 'POST', body: { version: app.version } }), 422, 'validation_failed', { field: 'action', what: 'no action' });
      const a = await getOk(tf, app.id);
      assert.equal(a.state, 'verification');
      assert.equal(a.version, app.version, 'refused actions leave the version alone');
    });

    test('a version that is not the current one -> 409 stale_version; no version -> 422', async () => {
      assertError(await act(tf, app.id, 'verify', app.version + 5), 409, 'stale_version', { what: 'future version' });
      assertError(await authReq(tf, `${APPS}/${app.id}/actions`, { method: 'POST', body: { action: 'verify' } }), 422, 'validation_failed', { field: 'version', what: 'no version' });
      assert.equal((await getOk(tf, app.id)).state, 'verification');
    });

    test('without CSRF token -> 403 csrf_failed', async () => {
      assertError(await authReq(tf, `${APPS}/${app.id}/actions`, { method: 'POST', body: { action: 'verify', version: app.version }, csrf: null }), 403, 'csrf_failed', { what: 'act without csrf' });
    });

    test('tfront verifies -> 200 technical_review, version 2, an event with actor and time', async () => {
      const t0 = Date.now();
      const a = await actOk(tf, app, 'verify');
      assert.equal(a.state, 'technical_review');
      assert.equal(a.version, v0 + 1);
      assertSla(a.sla, 'after verify', { budget: 180 });
      const e = a.events.filter((x) => x.action === 'verify');
      assert.equal(e.length, 1, JSON.stringify(a.events));
      assert.equal(e[0].actor_name, tf.user.name);
      assert.equal(e[0].role, 'front_office');
      assert.equal(e[0].from, 'verification');
      assert.equal(e[0].to, 'technical_review');
      assert.ok(Math.abs(Date.parse(e[0].at) - t0) < 120000, `event time is now: ${e[0].at}`);
      assert.deepEqual(a.actions, [], `tfront has nothing to do in technical_review: ${JSON.stringify(a.actions)}`);
      app = a;
    });

    test('now in tback\'s inbox and no longer in tfront\'s', async () => {
      assert.ok(!(await inbox(tf)).some((x) => x.id === app.id), 'gone from tfront\'s inbox');
      assert.ok((await inbox(tb)).some((x) => x.id === app.id), 'in tback\'s inbox');
      const b = await getOk(tb, app.id);
      assert.deepEqual(actionNames(b), ['recommend', 'reject', 'return_to_applicant'], JSON.stringify(b.actions));
      assertError(await act(tf, app.id, 'verify', app.version), 403, 'action_not_allowed', { what: 'verify twice' });
    });

    test('a stale version -> 409 stale_version, also when the step it was meant for is done (tfront\'s verify retried)', async () => {
      // tback read version v0 + 1; an old version is stale whatever the action
      assertError(await act(tb, app.id, 'recommend', app.version - 1), 409, 'stale_version', { what: 'recommend with the version before verify' });
      // tfront's second click on verify, with the version it read before its first one went through
      assertError(await act(tf, app.id, 'verify', app.version - 1), 409, 'stale_version', { what: 'verify retried with the old version' });
      const a = await getOk(tb, app.id);
      assert.equal(a.version, app.version);
      assert.equal(a.state, 'technical_review');
    });

    test('return_to_applicant needs a comment -> 422 comment (blank too)', async () => {
      assertError(await act(tb, app.id, 'return_to_applicant', app.version), 422, 'validation_failed', { field: 'comment', what: 'no comment' });
      assertError(await act(tb, app.id, 'return_to_applicant', app.version, '   '), 422, 'validation_failed', { field: 'comment', what: 'blank comment' });
      assert.equal((await getOk(tb, app.id)).state, 'technical_review');
    });

    test('tback returns it with a comment -> returned_to_applicant, the clock paused (due_at null)', async () => {
      const a = await actOk(tb, app, 'return_to_applicant', 'Gambar rencana kurang jelas, mohon unggah ulang.');
      assert.equal(a.state, 'returned_to_applicant');
      assertSla(a.sla, 'returned', { budget: 180, paused: true });
      const e = a.events.find((x) => x.action === 'return_to_applicant');
      assert.ok(e, JSON.stringify(a.events));
      assert.equal(e.actor_name, tb.user.name);
      assert.equal(e.role, 'back_office');
      assert.equal(e.from, 'technical_review');
      assert.equal(e.to, 'returned_to_applicant');
      assert.equal(e.comment, 'Gambar rencana kurang jelas, mohon unggah ulang.');
      app = a;
    });

    test('while returned: the citizen sees it paused and may resubmit; the officers may not act', async () => {
      const c = await getOk(citS, app.id);
      assertSla(c.sla, 'citizen sees returned', { paused: true });
      assert.deepEqual(actionNames(c), ['resubmit'], JSON.stringify(c.actions));
      const t = await req(`/api/v1/track/${app.tracking_no}?pin=${pin}`);
      assert.equal(t.status, 200, show(t));
      assert.equal(t.json.state, 'returned_to_applicant');
      assertSla(t.json.sla, 'track returned', { paused: true });
      for (const [who, action] of [[tf, 'verify'], [tb, 'recommend'], [tp, 'approve'], [tb, 'resubmit']]) {
        assertError(await act(who, app.id, action, app.version), 403, 'action_not_allowed', { what: `${action} while returned` });
      }
      assertError(await act(otherS, app.id, 'resubmit', app.version), 404, undefined, { what: 'another citizen resubmits' });
      assert.ok(!(await inbox(tb)).some((x) => x.id === app.id), 'not in tback\'s inbox while returned');
      assert.ok(!(await inbox(tf)).some((x) => x.id === app.id), 'not in tfront\'s inbox while returned');
    });

    test('the citizen uploads a new drawing and resubmits -> verification, the clock runs again', async () => {
      const u = await upload(citS, app.id, 'gambar_rencana', PDF);
      assert.equal(u.status, 201, show(u));
      const before = await getOk(citS, app.id);
      const a = await actOk(citS, before, 'resubmit');
      assert.equal(a.state, 'verification');
      assertSla(a.sla, 'resubmitted', { budget: 180, paused: false });
      const e = a.events.find((x) => x.action === 'resubmit');
      assert.ok(e, JSON.stringify(a.events));
      assert.equal(e.actor_name, 'Siti Pemohon');
      assert.equal(e.role, 'citizen');
      assert.equal(e.from, 'returned_to_applicant');
      assert.equal(e.to, 'verification');
      assert.ok((await inbox(tf)).some((x) => x.id === app.id), 'back in tfront\'s inbox');
      app = a;
    });

    test('tfront verifies again, tback recommends, tappr approves -> issued', async () => {
      app = await actOk(tf, await getOk(tf, app.id), 'verify');
      assert.equal(app.state, 'technical_review');
      assertError(await act(tb, app.id, 'recommend', app.version - 1), 409, 'stale_version', { what: 'recommend stale' });
      app = await actOk(tb, app, 'recommend');
      assert.equal(app.state, 'approval');
      assert.ok((await inbox(tp)).some((x) => x.id === app.id), 'in tappr\'s inbox');
      assert.ok(!(await inbox(tb)).some((x) => x.id === app.id), 'no longer in tback\'s inbox');
      const ap = await getOk(tp, app.id);
      assert.deepEqual(actionNames(ap), ['approve', 'reject'], JSON.stringify(ap.actions));
      app = await actOk(tp, ap, 'approve');
      assert.equal(app.state, 'issued');
      assert.deepEqual(app.actions, []);
    });

    test('issued is final: nothing more to do, for anyone', async () => {
      for (const [who, action] of [[tp, 'approve'], [tp, 'reject'], [tf, 'verify'], [tb, 'recommend'], [citS, 'resubmit']]) {
        const r = await act(who, app.id, action, app.version, 'coba');
        assertError(r, 403, 'action_not_allowed', { what: `${action} after issued` });
      }
      for (const who of [tf, tb, tp]) assert.ok(!(await inbox(who)).some((x) => x.id === app.id), 'in nobody\'s inbox');
      const c = await getOk(citS, app.id);
      assert.equal(c.state, 'issued');
      assert.deepEqual(c.actions, []);
    });

    test('every step is an event with actor, role and time, in order', async () => {
      const a = await getOk(citS, app.id);
      const steps = a.events.filter((e) => ['verify', 'return_to_applicant', 'resubmit', 'recommend', 'approve'].includes(e.action));
      const want = [
        ['verify', tf.user.name, 'front_office', 'verification', 'technical_review'],
        ['return_to_applicant', tb.user.name, 'back_office', 'technical_review', 'returned_to_applicant'],
        ['resubmit', 'Siti Pemohon', 'citizen', 'returned_to_applicant', 'verification'],
        ['verify', tf.user.name, 'front_office', 'verification', 'technical_review'],
        ['recommend', tb.user.name, 'back_office', 'technical_review', 'approval'],
        ['approve', tp.user.name, 'approver', 'approval', 'issued'],
      ];
      let got = steps.map((e) => [e.action, e.actor_name, e.role, e.from, e.to]);
      const times = steps.map((e) => Date.parse(e.at));
      if (times.length > 1 && times[0] > times[times.length - 1]) got = got.reverse(); // newest first is fine too
      assert.deepEqual(got, want, `events: ${JSON.stringify(a.events)}`);
      const sorted = [...times].sort((x, y) => x - y);
      assert.ok(JSON.stringify(times) === JSON.stringify(sorted) || JSON.stringify(times) === JSON.stringify([...sorted].reverse()), `events in time order: ${steps.map((e) => e.at)}`);
      assert.equal(a.version, v0 + 6, `six actions after verification began: version ${v0 + 6}`);
      assert.ok(!JSON.stringify(a.events).includes(cit.nik), 'no NIK in the events');
    });

    test('events carry what a person reads: the workflow\'s labels in the caller\'s language', async () => {
      const label = (events, action) => events.find((e) => e.action === action);
      const id = (await getOk(citS, app.id)).events;
      assert.equal(label(id, 'submit').action_label, 'Diajukan', JSON.stringify(id));
      assert.equal(label(id, 'submit').from_label, null);
      const verifyId = label(id, 'verify');
      assert.deepEqual([verifyId.action_label, verifyId.from_label, verifyId.to_label],
        ['Verifikasi', 'Verifikasi berkas', 'Pemeriksaan teknis'], JSON.stringify(verifyId));
      const r = await authReq(citS, `${APPS}/${app.id}`, { headers: { 'accept-language': 'en' } });
      assert.equal(r.status, 200, show(r));
      const verifyEn = label(r.json.events, 'verify');
      assert.deepEqual([verifyEn.action, verifyEn.from, verifyEn.to], [verifyId.action, verifyId.from, verifyId.to], 'names do not change with the language');
      assert.notEqual(verifyEn.action_label, verifyId.action_label, `an English label: ${JSON.stringify(verifyEn)}`);
      assert.equal(label(r.json.events, 'submit').action_label, 'Submitted');
    });

    test('the audit trail of 32.11 has application.create, every action and document.upload', async () => {
      const out = [];
      let cursor = null;
      for (let page = 0; page < 40; page++) {
        const r = await authReq(ta, `/api/v1/audit?region=32.11&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        assert.equal(r.status, 200, show(r));
        out.push(...r.json.data);
        cursor = r.json.next_cursor;
        if (!cursor) break;
      }
      const ids = new Set([String(app.id), String(app.uuid), app.tracking_no]);
      const mineE = out.filter((e) => ids.has(String(e.entity_id)) && /^(application|document)\./.test(e.action));
      const count = (x) => mineE.filter((e) => e.action === x).length;
      assert.equal(count('application.create'), 1, `application.create of ${app.id}: ${JSON.stringify(mineE.map((e) => e.action))}`);
      assert.equal(count('application.verify'), 2, 'two verify');
      for (const x of ['application.return_to_applicant', 'application.resubmit', 'application.recommend', 'application.approve']) {
        assert.equal(count(x), 1, `${x}: ${JSON.stringify(mineE.map((e) => e.action))}`);
      }
      const docs = out.filter((e) => e.action === 'document.upload');
      assert.ok(docs.length >= 1, `document.upload audited: ${JSON.stringify([...new Set(out.map((e) => e.action))])}`);
      const actors = Object.fromEntries(mineE.map((e) => [e.action, e.actor_name]));
      assert.equal(actors['application.approve'], tp.user.name);
      assert.equal(actors['application.recommend'], tb.user.name);
      for (const e of mineE) {
        assert.equal(e.region_code, '32.11', JSON.stringify(e));
        assert.match(String(e.at), RFC3339);
      }
      const txt = JSON.stringify(mineE);
      assert.ok(!txt.includes(cit.nik), 'no NIK in the audit');
      assert.ok(!txt.includes(`"${pin}"`), 'no PIN in the audit');
      // refused actions are not audited as actions
      assert.equal(count('application.reject'), 0);
    });
  });

  describe('reject needs a comment and is final', () => {
    test('tfront rejects without a comment -> 422; with one -> rejected', async () => {
      const b = await fileOk();
      const a = await inVerification(b.id);
      assertError(await act(tf, a.id, 'reject', a.version), 422, 'validation_failed', { field: 'comment', what: 'reject without comment' });
      const r = await actOk(tf, a, 'reject', 'Lokasi bukan di Kabupaten Sumedang.');
      assert.equal(r.state, 'rejected');
      assert.deepEqual(r.actions, []);
      const e = r.events.find((x) => x.action === 'reject');
      assert.equal(e?.comment, 'Lokasi bukan di Kabupaten Sumedang.');
      assert.equal(e?.to, 'rejected');
      assertError(await act(tf, a.id, 'verify', r.version), 403, 'action_not_allowed', { what: 'verify after reject' });
    });
  });

  describe('two actions at once with the same version: exactly one wins', () => {
    let tf2; // a second session of the front office
    before(async () => { tf2 = await staff('tfront'); });
    for (let round = 1; round <= 4; round++) {
      test(`round ${round}: ${round % 2 ? 'verify + verify' : 'verify + return_to_applicant'} -> one 200, one 409 stale_version`, async () => {
        const b = await inVerification((await fileOk()).id);
        const v = b.version;
        const second = round % 2 ? act(tf2, b.id, 'verify', v) : act(tf2, b.id, 'return_to_applicant', v, 'Mohon lengkapi.');
        const [r1, r2] = await Promise.all([act(tf, b.id, 'verify', v), second]);
        const statuses = [r1.status, r2.status].sort();
        assert.deepEqual(statuses, [200, 409], `${show(r1)} / ${show(r2)}`);
        const lost = r1.status === 409 ? r1 : r2;
        assertError(lost, 409, 'stale_version', { what: 'the loser' });
        const won = r1.status === 200 ? r1 : r2;
        const a = await getOk(tf, b.id);
        assert.equal(a.version, v + 1, 'one step taken');
        assert.equal(a.state, won.json.state);
        const steps = a.events.filter((e) => ['verify', 'return_to_applicant'].includes(e.action));
        assert.equal(steps.length, 1, `one event: ${JSON.stringify(a.events)}`);
      });
    }
  });

  describe('tracking by number + PIN or NIK (public)', () => {
    let b;
    before(async () => { b = await fileOk(); });

    test('number + PIN -> state and SLA, nothing personal', async () => {
      const r = await req(`/api/v1/track/${b.tracking_no}?pin=${b.pin}`);
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(sortedKeys(r.json), [...TRACK_KEYS].sort(), show(r));
      assert.equal(r.json.tracking_no, b.tracking_no);
      const a = await getOk(citS, b.id);
      assert.equal(r.json.state, a.state, 'the state the applicant sees');
      assert.equal(r.json.state_label, a.state_label);
      assert.ok(typeof r.json.state_label === 'string' && r.json.state_label.length > 0);
      assertSla(r.json.sla, 'track', { budget: 180 });
      const svc = r.json.service;
      assert.ok(svc === 'PBG untuk MBR' || svc?.name === 'PBG untuk MBR', `service named: ${show(r)}`);
      for (const s of [cit.nik, maskNik(cit.nik), 'Siti Pemohon', cit.email]) assert.ok(!r.text.includes(s), `nothing personal: ${s}`);
    });
    test('number + the applicant\'s NIK -> the same', async () => {
      const r = await req(`/api/v1/track/${b.tracking_no}?nik=${cit.nik}`);
      assert.equal(r.status, 200, show(r));
      assert.deepEqual(sortedKeys(r.json), [...TRACK_KEYS].sort(), show(r));
      assert.equal(r.json.tracking_no, b.tracking_no);
    });
    test('typed as people type it (lower case, no hyphens) -> found', async () => {
      const typed = b.tracking_no.toLowerCase().replace(/-/g, '');
      const r = await req(`/api/v1/track/${typed}?pin=${b.pin}`);
      assert.equal(r.status, 200, `${typed}: ${show(r)}`);
      assert.equal(r.json.tracking_no, b.tracking_no, 'answered in the canonical form');
    });
    test('a wrong PIN, a wrong NIK, none, or a number that does not exist -> the same 404', async () => {
      const wrongPin = String((Number(b.pin) + 1) % 1000000).padStart(6, '0');
      const wrongNik = makeNik();
      recordSecret('nik', wrongNik);
      const cases = [
        [`/api/v1/track/${b.tracking_no}?pin=${wrongPin}`, 'wrong pin'],
        [`/api/v1/track/${b.tracking_no}?nik=${wrongNik}`, 'wrong nik'],
        [`/api/v1/track/${b.tracking_no}?nik=${other.nik}`, 'another citizen\'s nik'],
        [`/api/v1/track/${b.tracking_no}`, 'neither'],
        [`/api/v1/track/${b.tracking_no}?pin=`, 'empty pin'],
        [`/api/v1/track/${randomTracking(b.tracking_no.split('-')[0])}?pin=${b.pin}`, 'no such number'],
      ];
      const errs = [];
      for (const [p, what] of cases) {
        const r = await req(p);
        errs.push(assertError(r, 404, undefined, { what }));
      }
      const first = JSON.stringify(errs[0]);
      for (const [i, e] of errs.entries()) assert.equal(JSON.stringify(e), first, `never say which (${cases[i][1]}): ${JSON.stringify(e)} vs ${first}`);
    });
    test('a malformed tracking number (check symbol, length, characters) -> 422 tracking_no', async () => {
      const tn = b.tracking_no;
      const right = tn.slice(-1);
      const wrongCheck = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'.split('').find((c) => c !== right);
      const body = tn.split('-');
      const swapped = `${body[0]}-${body[1][1]}${body[1][0]}${body[1].slice(2)}-${body[2]}-${body[3]}`;
      const cases = [
        [`${tn.slice(0, -1)}${wrongCheck}`, 'wrong check symbol'],
        [`${body[0]}-${body[1]}-${body[2].slice(0, 3)}-${right}`, 'one symbol missing'],
        ['PBG-!!!!-????-A', 'odd characters'],
        ['X', 'far too short'],
      ];
      if (body[1][0] !== body[1][1]) cases.push([swapped, 'two neighbours swapped']);
      for (const [t, what] of cases) {
        const r = await req(`/api/v1/track/${encodeURIComponent(t)}?pin=${b.pin}`);
        assertError(r, 422, 'validation_failed', { field: 'tracking_no', what: `${what}: ${t}` });
      }
    });
  });

  describe('guessing a PIN is throttled', () => {
    test('10 wrong PINs for one number, then 429 with Retry-After even for the right PIN', async () => {
      const b = await fileOk();
      const wrong = b.pin === '000000' ? '111111' : '000000';
      for (let i = 0; i < 10; i++) {
        const r = await req(`/api/v1/track/${b.tracking_no}?pin=${wrong}`);
        assert.equal(r.status, 404, `try ${i + 1}: ${show(r)}`);
      }
      const r = await req(`/api/v1/track/${b.tracking_no}?pin=${b.pin}`);
      assertError(r, 429, 'too_many_attempts', { what: 'after 10 wrong PINs' });
      assert.ok(Number(r.headers.get('retry-after')) > 0, 'Retry-After');
      const other = await fileOk();
      assert.equal((await req(`/api/v1/track/${other.tracking_no}?pin=${other.pin}`)).status, 200, 'another number is not affected');
    });
  });

  describe('the inbox holds everything the officer can act on, however many are open', () => {
    test('205 more applications filed; the newest, sent on to technical review, is in tback\'s inbox', async () => {
      const c = await registerCitizen();
      const s = await login(c.email, c.password);
      let last;
      for (let i = 0; i < 205; i += 15) {
        const batch = await Promise.all(Array.from({ length: Math.min(15, 205 - i) }, () => file(s, { service_id: pbg.id, answers: validAnswers() })));
        for (const r of batch) assert.equal(r.status, 201, show(r));
        last = batch[batch.length - 1].json;
      }
      const newest = await fileOk(s);
      assert.ok(newest.id > last.id);
      const a = await actOk(tf, await inVerification(newest.id), 'verify');
      assert.equal(a.state, 'technical_review');
      const list = await inbox(tb);
      assert.ok(list.some((x) => x.id === newest.id), `the application tback can act on is in his inbox (${list.length} entries)`);
      const fo = await inbox(tf);
      assert.ok(fo.length >= 205, `tfront can act on at least the 205 just filed; his inbox has ${fo.length}`);
    });
  });

  describe('who may see an application', () => {
    let b;
    before(async () => { b = await fileOk(); });

    test('officers of 32.11 and the platform admin -> 200', async () => {
      for (const [who, name] of [[tf, 'tfront'], [tb, 'tback'], [tp, 'tappr'], [ta, 'tadmin'], [pa, 'padmin']]) {
        const a = await getOk(who, b.id, `${name} GET`);
        assert.ok(!Object.hasOwn(a, 'pin'), `${name}: the PIN is not shown to officers`);
        assert.equal(a.applicant.nik, maskNik(cit.nik), `${name} sees the masked NIK`);
        assert.ok(!JSON.stringify(a).includes(cit.nik), `${name}: no full NIK`);
      }
    });
    test('the region admin of 18.01 -> 404, and cannot act (403/404)', async () => {
      assertError(await get(la, b.id), 404, undefined, { what: 'ladmin GET' });
      for (const action of ['verify', 'reject']) {
        const r = await act(la, b.id, action, 1, 'x');
        assert.ok([403, 404].includes(r.status), `ladmin ${action}: ${show(r)}`);
      }
      assert.equal((await getOk(tf, b.id)).version, 1, 'untouched');
    });
    test('another citizen -> 404 (GET and act)', async () => {
      assertError(await get(otherS, b.id), 404, undefined, { what: 'other citizen GET' });
      assertError(await act(otherS, b.id, 'resubmit', 1), 404, undefined, { what: 'other citizen act' });
    });
    test('anonymous -> 401; an unknown id -> 404', async () => {
      assertError(await req(`${APPS}/${b.id}`), 401, 'unauthorized', { what: 'anonymous GET' });
      assertError(await get(pa, 987654321), 404, undefined, { what: 'no such application' });
    });
  });
});
