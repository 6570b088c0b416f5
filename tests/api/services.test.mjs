// The service catalogue (issue 4, first slice): the public catalogue of a region with its
// filters, one service with its Standar Pelayanan, requirements, form and workflow, and the
// admin's life cycle of a service (draft -> published -> retired) with optimistic versions,
// field-level errors, region and agency isolation, CSRF and the audit trail.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  req, postJSON, assertError, assertCommonHeaders, authReq, staff, login, uniq, makePassword, recordSecret, userOf, RFC3339,
} from './lib.mjs';

const SVC = '/api/v1/services';
const STANDARD_KEYS = [
  'persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk', 'pengaduan',
  'dasar_hukum', 'sarana', 'kompetensi', 'pengawasan', 'jumlah_pelaksana',
  'jaminan_pelayanan', 'jaminan_keamanan', 'evaluasi',
];
const SUMMARY_KEYS = ['id', 'uuid', 'region_code', 'agency_id', 'agency', 'code', 'name', 'description', 'fee', 'channels',
  'sla_minutes', 'breach_policy', 'status', 'version', 'created_at', 'updated_at'];
const DETAIL_KEYS = ['standard', 'requirements', 'form', 'workflow'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORM_TYPES = ['text', 'number', 'date', 'choice', 'nik', 'region', 'file'];
const SEEDED = {
  'pbg-mbr': ['DPMPTSP', 'PBG untuk MBR'],
  'nib-pendampingan': ['DPMPTSP', 'Pendampingan Perizinan Berusaha (NIB)'],
  'ktp-el': ['Disdukcapil', 'KTP-el'],
  kk: ['Disdukcapil', 'Kartu Keluarga'],
  'akta-kelahiran': ['Disdukcapil', 'Akta Kelahiran'],
  'sip-nakes': ['Dinkes', 'Surat Izin Praktik Tenaga Kesehatan'],
  'legalisir-ijazah': ['Disdik', 'Legalisir Ijazah'],
};

// The built-in template (domain/workflow.c, issue 4): states with kinds, actions with from, to, roles.
const DEFAULT_STATES = [
  ['submitted', 'start'], ['verification', 'normal'], ['technical_review', 'normal'], ['approval', 'normal'],
  ['returned_to_applicant', 'paused'], ['issued', 'terminal'], ['rejected', 'terminal'],
];
const DEFAULT_ACTIONS = [
  ['receive', 'submitted', 'verification', ['front_office'], false],
  ['verify', 'verification', 'technical_review', ['front_office'], false],
  ['return_to_applicant', 'verification', 'returned_to_applicant', ['front_office'], true],
  ['reject', 'verification', 'rejected', ['front_office'], true],
  ['recommend', 'technical_review', 'approval', ['back_office'], false],
  ['return_to_applicant', 'technical_review', 'returned_to_applicant', ['back_office'], true],
  ['reject', 'technical_review', 'rejected', ['back_office'], true],
  ['approve', 'approval', 'issued', ['approver'], false],
  ['reject', 'approval', 'rejected', ['approver'], true],
  ['resubmit', 'returned_to_applicant', 'verification', ['citizen'], false],
];

/** A small valid custom workflow (tests that a given workflow is kept as given). */
const smallWorkflow = () => ({
  version: 1,
  states: [
    { name: 'submitted', label_id: 'Diajukan', label_en: 'Submitted', kind: 'start', sla_minutes: 0 },
    { name: 'verification', label_id: 'Verifikasi', label_en: 'Verification', kind: 'normal', sla_minutes: 120 },
    { name: 'issued', label_id: 'Terbit', label_en: 'Issued', kind: 'terminal', sla_minutes: 0 },
    { name: 'rejected', label_id: 'Ditolak', label_en: 'Rejected', kind: 'terminal', sla_minutes: 0 },
  ],
  actions: [
    { name: 'receive', from: 'submitted', to: 'verification', label_id: 'Terima', label_en: 'Receive', roles: ['front_office'], comment_required: false },
    { name: 'approve', from: 'verification', to: 'issued', label_id: 'Setujui', label_en: 'Approve', roles: ['front_office'], comment_required: false },
    { name: 'reject', from: 'verification', to: 'rejected', label_id: 'Tolak', label_en: 'Reject', roles: ['front_office'], comment_required: true },
  ],
});

const fullStandard = (tag = '') => Object.fromEntries(STANDARD_KEYS.map((k) => [k, `Teks ${k.replace(/_/g, ' ')} ${tag}`.trim()]));

const show = (r) => `${r.status} ${String(r.text).slice(0, 600)}`;
const sortedKeys = (o) => Object.keys(o).sort();

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

function assertSummary(s, what) {
  const sj = JSON.stringify(s).slice(0, 400);
  for (const k of SUMMARY_KEYS) assert.ok(Object.hasOwn(s, k), `${what}: ${k} missing: ${sj}`);
  for (const k of DETAIL_KEYS) assert.ok(!Object.hasOwn(s, k), `${what}: a list entry is a summary, without ${k}: ${sj}`);
  assert.ok(Number.isInteger(s.id) && s.id > 0, `${what}: id ${sj}`);
  assert.match(String(s.uuid), UUID, `${what}: uuid`);
  assert.ok(Number.isInteger(s.agency_id), `${what}: agency_id`);
  assert.ok(s.agency && typeof s.agency === 'object', `${what}: agency object: ${sj}`);
  for (const k of ['id', 'name', 'short_name']) assert.ok(Object.hasOwn(s.agency, k), `${what}: agency.${k}: ${sj}`);
  assert.equal(s.agency.id, s.agency_id, `${what}: agency.id = agency_id`);
  assert.match(s.code, /^[a-z0-9-]{2,40}$/, `${what}: code`);
  assert.equal(typeof s.name, 'string');
  assert.equal(typeof s.description, 'string', `${what}: description is a string ("" when none): ${sj}`);
  assert.ok(Number.isInteger(s.fee) && s.fee >= 0, `${what}: fee ${s.fee}`);
  assert.ok(Array.isArray(s.channels) && s.channels.length > 0, `${what}: channels ${sj}`);
  for (const c of s.channels) assert.ok(['online', 'counter', 'mobile'].includes(c), `${what}: channel ${c}`);
  assert.ok(Number.isInteger(s.sla_minutes) && s.sla_minutes >= 1, `${what}: sla_minutes`);
  assert.ok(['escalate', 'deemed_approval'].includes(s.breach_policy), `${what}: breach_policy ${s.breach_policy}`);
  assert.ok(['draft', 'published', 'retired'].includes(s.status), `${what}: status ${s.status}`);
  assert.ok(Number.isInteger(s.version) && s.version >= 1, `${what}: version`);
  for (const k of ['created_at', 'updated_at']) {
    assert.match(String(s[k]), RFC3339, `${what}: ${k} ${s[k]}`);
    // 32.11 (Jawa Barat) and 18.01 (Lampung) are both WIB
    assert.ok(String(s[k]).endsWith('+07:00'), `${what}: ${k} carries the region's offset +07:00 (WIB): ${s[k]}`);
  }
}

function assertService(s, what) {
  const summary = { ...s };
  for (const k of DETAIL_KEYS) delete summary[k];
  assertSummary(summary, what);
  const sj = JSON.stringify(s).slice(0, 600);
  for (const k of DETAIL_KEYS) assert.ok(Object.hasOwn(s, k), `${what}: ${k} missing: ${sj}`);
  assert.ok(s.standard && typeof s.standard === 'object' && !Array.isArray(s.standard), `${what}: standard object`);
  assert.deepEqual(sortedKeys(s.standard), [...STANDARD_KEYS].sort(), `${what}: standard has exactly the 14 components`);
  for (const k of STANDARD_KEYS) assert.equal(typeof s.standard[k], 'string', `${what}: standard.${k} is text`);
  assert.ok(Array.isArray(s.requirements), `${what}: requirements array`);
  for (const [i, q] of s.requirements.entries()) {
    const w = `${what}: requirements[${i}] ${JSON.stringify(q)}`;
    assert.match(String(q.code), /^[a-z0-9_]+$/, w);
    assert.equal(typeof q.name, 'string', w);
    assert.ok(Array.isArray(q.formats) && q.formats.length > 0, w);
    for (const f of q.formats) assert.ok(['pdf', 'jpg', 'png'].includes(f), w);
    assert.ok(Number.isInteger(q.max_bytes) && q.max_bytes >= 1 && q.max_bytes <= 20971520, w);
    assert.equal(typeof q.mandatory, 'boolean', w);
  }
  assert.equal(new Set(s.requirements.map((q) => q.code)).size, s.requirements.length, `${what}: requirement codes unique`);
  assert.ok(Array.isArray(s.form), `${what}: form array`);
  for (const [i, f] of s.form.entries()) {
    const w = `${what}: form[${i}] ${JSON.stringify(f)}`;
    assert.match(String(f.name), /^[a-z0-9_]+$/, w);
    assert.equal(typeof f.label, 'string', w);
    assert.ok(FORM_TYPES.includes(f.type), w);
    assert.equal(typeof f.required, 'boolean', w);
    if (f.type === 'choice') {
      assert.ok(Array.isArray(f.options) && f.options.length >= 1 && f.options.length <= 50, `${w}: a choice has 1..50 options`);
      for (const o of f.options) assert.equal(typeof o, 'string', w);
    } else {
      assert.ok(f.options === undefined || f.options === null || (Array.isArray(f.options) && f.options.length === 0),
        `${w}: options belong to choice fields only`);
    }
  }
  assert.equal(new Set(s.form.map((f) => f.name)).size, s.form.length, `${what}: form names unique`);
  const wf = s.workflow;
  assert.ok(wf && typeof wf === 'object', `${what}: workflow object`);
  assert.ok(Number.isInteger(wf.version) && wf.version >= 1, `${what}: workflow.version`);
  assert.ok(Array.isArray(wf.states) && wf.states.length > 0, `${what}: workflow.states`);
  assert.ok(Array.isArray(wf.actions) && wf.actions.length > 0, `${what}: workflow.actions`);
  for (const st of wf.states) {
    for (const k of ['name', 'label_id', 'label_en', 'kind', 'sla_minutes']) assert.ok(Object.hasOwn(st, k), `${what}: state.${k}: ${JSON.stringify(st)}`);
    assert.ok(['start', 'normal', 'paused', 'terminal'].includes(st.kind), `${what}: state kind ${st.kind}`);
    assert.ok(Number.isInteger(st.sla_minutes), `${what}: state sla_minutes`);
  }
  for (const a of wf.actions) {
    for (const k of ['name', 'from', 'to', 'label_id', 'label_en', 'roles', 'comment_required']) {
      assert.ok(Object.hasOwn(a, k), `${what}: action.${k}: ${JSON.stringify(a)}`);
    }
    assert.ok(Array.isArray(a.roles) && a.roles.length > 0, `${what}: action roles ${JSON.stringify(a)}`);
    assert.equal(typeof a.comment_required, 'boolean');
  }
}

function assertDefaultWorkflow(wf, what) {
  assert.deepEqual(wf.states.map((s) => [s.name, s.kind]), DEFAULT_STATES, `${what}: the default states`);
  const got = wf.actions.map((a) => [a.name, a.from, a.to, [...a.roles].sort(), a.comment_required]);
  const want = DEFAULT_ACTIONS.map(([n, f, t, r, c]) => [n, f, t, [...r].sort(), c]);
  const key = (x) => JSON.stringify(x);
  assert.deepEqual([...got].map(key).sort(), [...want].map(key).sort(), `${what}: the default actions`);
  for (const x of [...wf.states, ...wf.actions]) {
    assert.ok(x.label_id.length > 0 && x.label_en.length > 0, `${what}: labels of ${x.name}`);
  }
}

/** The audit entries of a region, newest first, following next_cursor (at most 3000). */
async function auditOf(who, region) {
  const out = [];
  let cursor = null;
  for (let page = 0; page < 30; page++) {
    const p = `/api/v1/audit?region=${region}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const r = await authReq(who, p);
    assert.equal(r.status, 200, `${p}: ${show(r)}`);
    out.push(...r.json.data);
    cursor = r.json.next_cursor;
    if (!cursor) break;
  }
  return out;
}

const publicList = (query) => req(`${SVC}?${query}`);
async function listCodes(query) {
  const r = await publicList(query);
  assert.equal(r.status, 200, `GET ${SVC}?${query}: ${show(r)}`);
  assert.ok(Array.isArray(r.json?.data), `GET ${SVC}?${query}: {"data":[...]}: ${show(r)}`);
  return r.json.data;
}

describe('service catalogue', () => {
  let ta; let la; let pa; let tf;
  let agencies; // short_name -> agency of 32.11
  let lampungAgency;
  let body; // (over) -> a valid create body for 32.11 (DPMPTSP)

  before(async () => {
    [ta, la, pa, tf] = await Promise.all([staff('tadmin'), staff('ladmin'), staff('padmin'), staff('tfront')]);
    const a = await req('/api/v1/regions/32.11/agencies');
    assert.equal(a.status, 200, show(a));
    agencies = Object.fromEntries(a.json.data.filter((x) => x.short_name).map((x) => [x.short_name, x]));
    for (const s of ['DPMPTSP', 'Disdukcapil', 'Dinkes', 'Disdik']) assert.ok(agencies[s], `seeded agency ${s} in 32.11`);
    const l = await authReq(la, '/api/v1/regions/18.01/agencies', { method: 'POST', body: { kind: 'opd', name: `Dinas Perizinan Lampung Selatan ${uniq()}` } });
    assert.equal(l.status, 201, show(l));
    lampungAgency = l.json;
    body = (over = {}) => {
      const b = {
        agency_id: agencies.DPMPTSP.id, code: `uji-${uniq()}`, name: `Layanan Uji ${uniq()}`, description: 'Layanan untuk pengujian.',
        fee: 50000, channels: ['online', 'counter'], sla_minutes: 600, breach_policy: 'escalate', ...over,
      };
      for (const k of Object.keys(b)) if (b[k] === undefined) delete b[k];
      return b;
    };
  });

  const create = (who, b, code = '32.11', opts = {}) => authReq(who, `/api/v1/regions/${code}/services`, { method: 'POST', body: b, ...opts });
  const patch = (who, id, b, opts = {}) => authReq(who, `${SVC}/${id}`, { method: 'PATCH', body: b, ...opts });
  const publish = (who, id, version, opts = {}) => authReq(who, `${SVC}/${id}/publish`, { method: 'POST', body: { version }, ...opts });
  const retire = (who, id, version, opts = {}) => authReq(who, `${SVC}/${id}/retire`, { method: 'POST', body: { version }, ...opts });
  async function createOk(who, b, code = '32.11') {
    const r = await create(who, b, code);
    assert.equal(r.status, 201, `create ${b.code} in ${code}: ${show(r)}`);
    return r.json;
  }

  describe('the public catalogue of Kabupaten Sumedang (seed-demo)', () => {
    test('anonymous GET /services?region=32.11 lists the seeded services as summaries', async () => {
      const r = await publicList('region=32.11');
      assert.equal(r.status, 200, show(r));
      assertCommonHeaders(r.headers, 'services list');
      assert.deepEqual(Object.keys(r.json), ['data'], `{"data":[...]}: ${show(r)}`);
      const data = r.json.data;
      for (const s of data) {
        assertSummary(s, `list entry ${s.code}`);
        assert.equal(s.region_code, '32.11');
        assert.equal(s.status, 'published', `the public list holds published services only: ${s.code}`);
      }
      const byCode = Object.fromEntries(data.map((s) => [s.code, s]));
      for (const [code, [agency, name]] of Object.entries(SEEDED)) {
        assert.ok(byCode[code], `${code} (${name}) in the catalogue; have ${data.map((s) => s.code).join(', ')}`);
        assert.equal(byCode[code].name, name, code);
        assert.equal(byCode[code].agency.short_name, agency, `${code} belongs to ${agency}`);
        assert.equal(byCode[code].agency_id, agencies[agency].id, `${code} agency_id`);
      }
    });

    test('PBG untuk MBR: 180 working minutes, free, deemed approval, online and at the counter, by DPMPTSP', async () => {
      const pbg = (await listCodes('region=32.11')).find((s) => s.code === 'pbg-mbr');
      assert.ok(pbg, 'pbg-mbr listed');
      assert.equal(pbg.name, 'PBG untuk MBR');
      assert.equal(pbg.sla_minutes, 180);
      assert.equal(pbg.fee, 0);
      assert.equal(pbg.breach_policy, 'deemed_approval');
      assert.deepEqual([...pbg.channels].sort(), ['counter', 'online']);
      assert.deepEqual(pbg.agency, { id: agencies.DPMPTSP.id, name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', short_name: 'DPMPTSP' });
    });

    test('ordered by agency name, then service name', async () => {
      const data = await listCodes('region=32.11');
      const cmpBin = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
      const cmpCi = (a, b) => cmpBin(a.toLowerCase(), b.toLowerCase());
      for (let i = 1; i < data.length; i++) {
        const a = data[i - 1]; const b = data[i];
        const w = `${a.agency.name} / ${a.name}  before  ${b.agency.name} / ${b.name}`;
        const agencyOrder = cmpCi(a.agency.name, b.agency.name);
        assert.ok(agencyOrder <= 0, `agencies out of order: ${w}`);
        if (agencyOrder === 0) assert.ok(cmpCi(a.name, b.name) <= 0 || cmpBin(a.name, b.name) <= 0, `names out of order: ${w}`);
      }
      // the seeded agencies: Kependudukan < Kesehatan < Penanaman Modal < Pendidikan
      const seen = [...new Set(data.filter((s) => SEEDED[s.code]).map((s) => s.agency.short_name))];
      assert.deepEqual(seen, ['Disdukcapil', 'Dinkes', 'DPMPTSP', 'Disdik']);
    });

    test('filters: agency, q, channel', async () => {
      const dpm = await listCodes(`region=32.11&agency=${agencies.DPMPTSP.id}`);
      assert.ok(dpm.length >= 2, JSON.stringify(dpm.map((s) => s.code)));
      for (const s of dpm) assert.equal(s.agency_id, agencies.DPMPTSP.id, `agency filter let ${s.code} through`);
      for (const c of ['pbg-mbr', 'nib-pendampingan']) assert.ok(dpm.some((s) => s.code === c), `${c} under DPMPTSP`);
      const dinkes = await listCodes(`region=32.11&agency=${agencies.Dinkes.id}`);
      assert.ok(dinkes.some((s) => s.code === 'sip-nakes'), 'sip-nakes under Dinkes');
      assert.ok(dinkes.every((s) => s.agency_id === agencies.Dinkes.id));

      const q = await listCodes(`region=32.11&q=${encodeURIComponent('Kelahiran')}`);
      assert.ok(q.some((s) => s.code === 'akta-kelahiran'), `q=Kelahiran finds Akta Kelahiran: ${q.map((s) => s.code)}`);
      assert.ok(!q.some((s) => s.code === 'pbg-mbr'), 'q=Kelahiran does not find PBG');
      const qc = await listCodes(`region=32.11&q=${encodeURIComponent('PBG')}`);
      assert.ok(qc.some((s) => s.code === 'pbg-mbr'), `q=PBG finds PBG untuk MBR: ${qc.map((s) => s.code)}`);
      assert.ok(!qc.some((s) => ['ktp-el', 'legalisir-ijazah'].includes(s.code)), `q=PBG: ${qc.map((s) => s.code)}`);
      assert.deepEqual(await listCodes(`region=32.11&q=${encodeURIComponent('tidak ada layanan seperti ini')}`), [], 'q matching nothing -> empty list');

      const online = await listCodes('region=32.11&channel=online');
      assert.ok(online.some((s) => s.code === 'pbg-mbr'), 'pbg-mbr is online');
      for (const s of online) assert.ok(s.channels.includes('online'), `channel=online let ${s.code} (${s.channels}) through`);
      for (const s of await listCodes('region=32.11&channel=mobile')) {
        assert.ok(s.channels.includes('mobile'), `channel=mobile let ${s.code} (${s.channels}) through`);
        assert.notEqual(s.code, 'pbg-mbr');
      }
      const both = await listCodes(`region=32.11&agency=${agencies.DPMPTSP.id}&channel=counter&q=PBG`);
      assert.ok(both.some((s) => s.code === 'pbg-mbr'), 'filters combine');
      for (const s of both) assert.ok(s.agency_id === agencies.DPMPTSP.id && s.channels.includes('counter'), `filters combine: ${s.code}`);
      assert.deepEqual(await listCodes(`region=32.11&agency=${agencies.Disdik.id}&q=PBG`), [], 'PBG is not Disdik\'s');
    });

    test('q is text, not a pattern: P_G does not find PBG, KTP%el does not find KTP-el', async () => {
      for (const lit of ['P_G', 'KTP%el', 'Akta%Kelahiran']) {
        const got = (await listCodes(`region=32.11&q=${encodeURIComponent(lit)}`)).map((s) => s.code);
        assert.deepEqual(got, [], `q=${lit}: no service name contains it, got ${got.join(', ')}`);
      }
    });

    test('region missing or malformed -> 422 fields.region; bad channel or agency -> 422', async () => {
      assertError(await publicList(''), 422, 'validation_failed', { field: 'region', what: 'no region' });
      assertError(await req(SVC), 422, 'validation_failed', { field: 'region', what: 'no query at all' });
      for (const bad of ['3x', '32.1', '32.11.', 'abc', '']) {
        assertError(await publicList(`region=${encodeURIComponent(bad)}`), 422, 'validation_failed', { field: 'region', what: `region=${bad}` });
      }
      assertError(await publicList('region=32.11&channel=fax'), 422, 'validation_failed', { field: 'channel', what: 'channel=fax' });
      assertError(await publicList('region=32.11&channel=ONLINE'), 422, 'validation_failed', { field: 'channel', what: 'channel=ONLINE' });
      assertError(await publicList('region=32.11&agency=abc'), 422, 'validation_failed', { field: 'agency', what: 'agency=abc' });
      assertError(await publicList('region=32.11&agency=-1'), 422, 'validation_failed', { field: 'agency', what: 'agency=-1' });
    });

    test('another region does not list Sumedang\'s services', async () => {
      for (const s of await listCodes('region=18.01')) assert.equal(s.region_code, '18.01', `18.01 lists ${s.code} of ${s.region_code}`);
    });

    test('GET /services/{id} of PBG: the 14 Standar Pelayanan components, requirements, form, workflow', async () => {
      const pbg = (await listCodes('region=32.11')).find((s) => s.code === 'pbg-mbr');
      const r = await req(`${SVC}/${pbg.id}`);
      assert.equal(r.status, 200, show(r));
      assertCommonHeaders(r.headers, 'service');
      const s = r.json;
      assertService(s, 'pbg-mbr');
      for (const k of SUMMARY_KEYS) assert.deepEqual(s[k], pbg[k], `the list and the service agree on ${k}`);
      for (const k of STANDARD_KEYS) assert.ok(s.standard[k].trim().length > 0, `standard.${k} is filled for a seeded service`);
      assert.deepEqual(s.requirements.map((q) => q.code), ['ktp', 'bukti_tanah', 'gambar_rencana']);
      assert.deepEqual(s.form.map((f) => [f.name, f.type]), [
        ['luas_bangunan', 'number'], ['jumlah_lantai', 'number'], ['alamat_bangunan', 'text'], ['kelurahan', 'region'], ['fungsi_bangunan', 'choice'],
      ]);
      assert.deepEqual(s.form.find((f) => f.name === 'fungsi_bangunan').options, ['Hunian'], 'PBG untuk MBR is for dwellings');
      assertDefaultWorkflow(s.workflow, 'pbg-mbr');
    });

    test('every seeded service shows a complete Standar Pelayanan', async () => {
      const data = (await listCodes('region=32.11')).filter((s) => SEEDED[s.code]);
      assert.equal(data.length, Object.keys(SEEDED).length);
      for (const sum of data) {
        const r = await req(`${SVC}/${sum.id}`);
        assert.equal(r.status, 200, `${sum.code}: ${show(r)}`);
        assertService(r.json, sum.code);
        const empty = STANDARD_KEYS.filter((k) => r.json.standard[k].trim() === '');
        assert.deepEqual(empty, [], `${sum.code}: empty components`);
      }
    });

    test('unknown or malformed ids -> 404', async () => {
      for (const id of ['999999999', 'abc', '0', '-1', '1.5']) {
        assertError(await req(`${SVC}/${id}`), 404, 'not_found', { what: `GET ${SVC}/${id}` });
      }
    });
  });

  describe('a service\'s life: draft, edits, publish, retire (tadmin, 32.11)', () => {
    let svc; // the latest answer
    const token = `zq${uniq()}`; // appears in the name only: for q
    const name = `Izin Uji Katalog ${token}`;
    const code = `uji-siklus-${uniq()}`;

    test('create: 201 draft, version 1, with the default workflow and an empty Standar Pelayanan', async () => {
      const r = await create(ta, body({ code, name, channels: ['counter', 'mobile'], fee: 75000, sla_minutes: 2400, breach_policy: 'escalate', description: undefined }));
      assert.equal(r.status, 201, show(r));
      assertCommonHeaders(r.headers, 'create service');
      svc = r.json;
      assertService(svc, 'new draft');
      assert.equal(svc.status, 'draft');
      assert.equal(svc.version, 1);
      assert.equal(svc.code, code);
      assert.equal(svc.name, name);
      assert.equal(svc.description, '');
      assert.equal(svc.region_code, '32.11');
      assert.equal(svc.agency_id, agencies.DPMPTSP.id);
      assert.equal(svc.agency.short_name, 'DPMPTSP');
      assert.equal(svc.fee, 75000);
      assert.equal(svc.sla_minutes, 2400);
      assert.deepEqual([...svc.channels].sort(), ['counter', 'mobile']);
      assert.deepEqual(svc.requirements, []);
      assert.deepEqual(svc.form, []);
      for (const k of STANDARD_KEYS) assert.equal(svc.standard[k], '', `standard.${k} starts empty`);
      assertDefaultWorkflow(svc.workflow, 'new draft');
    });

    test('a draft is invisible to the public, the front office and other regions; visible to its admins', async () => {
      assertError(await req(`${SVC}/${svc.id}`), 404, 'not_found', { what: 'anonymous GET draft' });
      assertError(await authReq(tf, `${SVC}/${svc.id}`), 404, 'not_found', { what: 'tfront GET draft' });
      assertError(await authReq(la, `${SVC}/${svc.id}`), 404, 'not_found', { what: 'ladmin GET 32.11 draft' });
      assert.ok(!(await listCodes('region=32.11')).some((s) => s.id === svc.id), 'draft not in the public list');
      const asAdmin = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(asAdmin.status, 200, show(asAdmin));
      assert.deepEqual(asAdmin.json, svc, 'GET answers what POST answered');
      const l = await authReq(ta, `${SVC}?region=32.11`);
      assert.equal(l.status, 200, show(l));
      assert.ok(!l.json.data.some((s) => s.id === svc.id), 'the catalogue lists published services only, for admins too');
    });

    test('PATCH changes only what is sent, version + 1; a stale version -> 409 and changes nothing', async () => {
      const r = await patch(ta, svc.id, { description: 'Izin untuk pengujian katalog.', version: 1 });
      assert.equal(r.status, 200, show(r));
      assertService(r.json, 'patched');
      assert.equal(r.json.version, 2);
      assert.equal(r.json.description, 'Izin untuk pengujian katalog.');
      for (const k of ['name', 'code', 'fee', 'sla_minutes', 'channels', 'breach_policy', 'standard', 'workflow', 'status', 'created_at']) {
        assert.deepEqual(r.json[k], svc[k], `${k} unchanged`);
      }
      svc = r.json;
      const stale = await patch(ta, svc.id, { name: `${name} basi`, version: 1 });
      assertError(stale, 409, 'stale_version', { what: 'PATCH with version 1 after 2' });
      const now = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(now.json.name, name, 'unchanged after 409');
      assert.equal(now.json.version, 2);
      assertError(await patch(ta, svc.id, { name: `${name} tanpa versi` }), 422, 'validation_failed', { field: 'version', what: 'PATCH without version' });
      assertError(await patch(ta, svc.id, { name: `${name} x`, version: 'dua' }), 422, 'validation_failed', { field: 'version', what: 'PATCH version "dua"' });
    });

    test('two admins saving the same version: one wins, one gets 409', async () => {
      const v = svc.version;
      const [a, b] = await Promise.all([
        patch(ta, svc.id, { fee: 80000, version: v }),
        patch(pa, svc.id, { fee: 90000, version: v }),
      ]);
      assert.deepEqual([a.status, b.status].sort(), [200, 409], `${show(a)} / ${show(b)}`);
      const now = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(now.json.version, v + 1);
      assert.equal(now.json.fee, a.status === 200 ? 80000 : 90000, 'the winner\'s fee is stored');
      svc = now.json;
    });

    test('PATCH cannot publish by writing status', async () => {
      const r = await patch(ta, svc.id, { status: 'published', version: svc.version });
      if (r.status === 422) {
        assertError(r, 422, 'validation_failed', { field: 'status', what: 'PATCH status' });
      } else {
        assert.equal(r.status, 200, show(r));
        svc = r.json;
      }
      const now = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(now.json.status, 'draft', 'still a draft');
      svc = now.json;
    });

    test('publish with an empty Standar Pelayanan -> 422 naming every empty component', async () => {
      const r = await publish(ta, svc.id, svc.version);
      assertError(r, 422, 'validation_failed', { what: 'publish with empty standard' });
      assertFieldsNamed(r, STANDARD_KEYS.map((k) => `standard.${k}`), 'publish, all empty');
      assert.equal((await authReq(ta, `${SVC}/${svc.id}`)).json.status, 'draft');
    });

    test('publish with one component empty -> 422 naming standard.evaluasi only', async () => {
      const std = { ...fullStandard(token), evaluasi: '' };
      const p = await patch(ta, svc.id, { standard: std, version: svc.version });
      assert.equal(p.status, 200, show(p));
      assert.deepEqual(p.json.standard, std, 'the standard as sent');
      svc = p.json;
      const r = await publish(ta, svc.id, svc.version);
      assertError(r, 422, 'validation_failed', { field: 'standard.evaluasi', what: 'publish without evaluasi' });
      const named = Object.keys(r.json.error.fields).filter((k) => k.startsWith('standard.'));
      assert.deepEqual(named, ['standard.evaluasi'], `only the empty component is named: ${JSON.stringify(r.json.error.fields)}`);
      const after = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(after.json.status, 'draft');
      assert.equal(after.json.version, svc.version, 'a refused publish leaves the version alone');
    });

    test('a component of blanks only (spaces, tabs, CR LF) counts as empty', async () => {
      const other = await createOk(ta, body({ standard: { ...fullStandard(), pengaduan: ' \t\r\n ' } }));
      const r = await publish(ta, other.id, 1);
      assertError(r, 422, 'validation_failed', { field: 'standard.pengaduan', what: 'publish with pengaduan of blanks' });
    });

    test('publish: a stale version -> 409, without version -> 422', async () => {
      const p = await patch(ta, svc.id, { standard: fullStandard(token), version: svc.version });
      assert.equal(p.status, 200, show(p));
      svc = p.json;
      assertError(await publish(ta, svc.id, svc.version - 1), 409, 'stale_version', { what: 'publish stale' });
      assertError(await authReq(ta, `${SVC}/${svc.id}/publish`, { method: 'POST', body: {} }), 422, 'validation_failed', { field: 'version', what: 'publish {}' });
      assert.equal((await authReq(ta, `${SVC}/${svc.id}`)).json.status, 'draft');
    });

    test('publish -> 200 published, version + 1; now public, listed and found by the filters', async () => {
      const r = await publish(ta, svc.id, svc.version);
      assert.equal(r.status, 200, show(r));
      assertService(r.json, 'published');
      assert.equal(r.json.status, 'published');
      assert.equal(r.json.version, svc.version + 1);
      assert.deepEqual(r.json.standard, svc.standard);
      svc = r.json;
      const pub = await req(`${SVC}/${svc.id}`);
      assert.equal(pub.status, 200, `anonymous GET of the published service: ${show(pub)}`);
      assert.deepEqual(pub.json, svc);
      const all = await listCodes('region=32.11');
      const mine = all.find((s) => s.id === svc.id);
      assert.ok(mine, 'listed');
      for (const k of SUMMARY_KEYS) assert.deepEqual(mine[k], svc[k], `list entry ${k}`);
      assert.deepEqual((await listCodes(`region=32.11&q=${token}`)).map((s) => s.id), [svc.id], `q=${token}`);
      assert.deepEqual((await listCodes(`region=32.11&q=${token.toUpperCase()}`)).map((s) => s.id), [svc.id], 'q ignores case');
      assert.ok((await listCodes('region=32.11&channel=mobile')).some((s) => s.id === svc.id), 'channel=mobile');
      assert.ok(!(await listCodes('region=32.11&channel=online')).some((s) => s.id === svc.id), 'not channel=online');
      assert.ok((await listCodes(`region=32.11&agency=${agencies.DPMPTSP.id}`)).some((s) => s.id === svc.id), 'agency=DPMPTSP');
      assert.ok(!(await listCodes(`region=32.11&agency=${agencies.Dinkes.id}`)).some((s) => s.id === svc.id), 'not agency=Dinkes');
    });

    test('a published service can still be edited; the public sees the change', async () => {
      const r = await patch(ta, svc.id, { fee: 0, version: svc.version });
      assert.equal(r.status, 200, show(r));
      assert.equal(r.json.status, 'published');
      assert.equal(r.json.version, svc.version + 1);
      svc = r.json;
      assert.equal((await req(`${SVC}/${svc.id}`)).json.fee, 0);
    });

    test('a published service keeps a complete Standar Pelayanan: emptying a component -> 422', async () => {
      const r = await patch(ta, svc.id, { standard: { ...svc.standard, biaya: '' }, version: svc.version });
      const before = svc;
      if (r.status === 200) svc = r.json; // keep the later steps going with the current version
      assertError(r, 422, 'validation_failed', { field: 'standard.biaya', what: 'PATCH of a published service emptying standard.biaya' });
      const pub = await req(`${SVC}/${svc.id}`);
      assert.equal(pub.json.standard.biaya, before.standard.biaya, 'the public still sees the fee rules');
      assert.equal(pub.json.version, before.version);
    });

    test('retire: stale -> 409; current -> 200 retired, gone from the catalogue, 404 to the public', async () => {
      assertError(await retire(ta, svc.id, svc.version - 1), 409, 'stale_version', { what: 'retire stale' });
      assertError(await authReq(ta, `${SVC}/${svc.id}/retire`, { method: 'POST', body: {} }), 422, 'validation_failed', { field: 'version', what: 'retire {}' });
      const r = await retire(ta, svc.id, svc.version);
      assert.equal(r.status, 200, show(r));
      assertService(r.json, 'retired');
      assert.equal(r.json.status, 'retired');
      assert.equal(r.json.version, svc.version + 1);
      svc = r.json;
      assert.ok(!(await listCodes('region=32.11')).some((s) => s.id === svc.id), 'not listed');
      assert.deepEqual(await listCodes(`region=32.11&q=${token}`), [], 'q finds nothing');
      assertError(await req(`${SVC}/${svc.id}`), 404, 'not_found', { what: 'anonymous GET retired' });
      const admin = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(admin.status, 200, `the admin still sees it: ${show(admin)}`);
      assert.equal(admin.json.status, 'retired');
    });

    test('a retired service cannot be edited (409 retired) nor published again', async () => {
      const r = await patch(ta, svc.id, { name: `${name} lagi`, version: svc.version });
      assertError(r, 409, 'retired', { what: 'PATCH retired' });
      const p = await publish(ta, svc.id, svc.version);
      assert.ok(p.status >= 400 && p.status < 500, `publish of a retired service must be refused: ${show(p)}`);
      const now = await authReq(ta, `${SVC}/${svc.id}`);
      assert.equal(now.json.status, 'retired');
      assert.equal(now.json.name, name);
      assert.equal(now.json.version, svc.version);
    });

    test('the life is in the audit trail of 32.11: service.create, update, publish, retire', async () => {
      const mine = (await auditOf(ta, '32.11')).filter((e) => String(e.entity_id) === String(svc.id) && e.action.startsWith('service.'));
      const actions = new Set(mine.map((e) => e.action));
      for (const a of ['service.create', 'service.update', 'service.publish', 'service.retire']) {
        assert.ok(actions.has(a), `${a} of service ${svc.id} audited; have ${[...actions].join(', ')}`);
      }
      for (const e of mine) {
        assert.equal(e.region_code, '32.11', JSON.stringify(e));
        assert.match(String(e.at), RFC3339);
      }
      const creates = mine.filter((e) => e.action === 'service.create');
      assert.equal(creates.length, 1, 'one create');
      assert.equal(String(creates[0].actor_id), String(ta.user.id), 'created by tadmin');
      assert.equal(mine.filter((e) => e.action === 'service.publish').length, 1, 'one publish (refused ones are not audited as publish)');
      const order = (a) => mine.findIndex((e) => e.action === a);
      assert.ok(order('service.retire') < order('service.publish') && order('service.publish') < order('service.create'), 'newest first: retire, publish, create');
    });
  });

  describe('a custom workflow is kept as given', () => {
    test('create with a workflow -> stored and answered as sent', async () => {
      const wf = smallWorkflow();
      const r = await create(ta, body({ workflow: wf }));
      assert.equal(r.status, 201, show(r));
      assertService(r.json, 'custom workflow');
      assert.deepEqual(r.json.workflow, wf);
      const g = await authReq(ta, `${SVC}/${r.json.id}`);
      assert.deepEqual(g.json.workflow, wf);
    });

    test('requirements and form as sent', async () => {
      const requirements = [
        { code: 'ktp', name: 'KTP pemohon', formats: ['pdf', 'jpg'], max_bytes: 2097152, mandatory: true },
        { code: 'surat_kuasa', name: 'Surat kuasa', formats: ['pdf'], max_bytes: 20971520, mandatory: false },
      ];
      const form = [
        { name: 'luas', label: 'Luas (m²)', type: 'number', required: true },
        { name: 'tanggal', label: 'Tanggal', type: 'date', required: false },
        { name: 'jenis', label: 'Jenis', type: 'choice', required: true, options: ['Hunian', 'Usaha'] },
        { name: 'nik_pemilik', label: 'NIK pemilik', type: 'nik', required: true },
        { name: 'kelurahan', label: 'Kelurahan', type: 'region', required: true },
        { name: 'foto', label: 'Foto lokasi', type: 'file', required: false },
        { name: 'catatan', label: 'Catatan', type: 'text', required: false },
      ];
      const r = await create(ta, body({ requirements, form, standard: fullStandard() }));
      assert.equal(r.status, 201, show(r));
      assertService(r.json, 'with requirements and form');
      assert.deepEqual(r.json.requirements, requirements);
      const strip = (f) => Object.fromEntries(Object.entries(f).filter(([k, v]) => !(k === 'options' && (v === null || (Array.isArray(v) && v.length === 0)))));
      assert.deepEqual(r.json.form.map(strip), form);
      assert.deepEqual(r.json.standard, fullStandard());
      // complete from the start: publishes at once
      const p = await publish(ta, r.json.id, 1);
      assert.equal(p.status, 200, show(p));
      const pub = await req(`${SVC}/${r.json.id}`);
      assert.deepEqual(pub.json.requirements, requirements);
    });
  });

  describe('every wrong field is named', () => {
    const CASES = [
      ['agency_id: text', { agency_id: 'abc' }, 'agency_id'],
      ['code: one character', { code: 'a' }, 'code'],
      ['code: capitals and space', { code: 'PBG MBR' }, 'code'],
      ['code: 41 characters', { code: 'a'.repeat(41) }, 'code'],
      ['code: underscore', { code: 'pbg_mbr' }, 'code'],
      ['name: one character', { name: 'x' }, 'name'],
      ['name: 201 characters', { name: 'x'.repeat(201) }, 'name'],
      ['description: 2001 characters', { description: 'd'.repeat(2001) }, 'description'],
      ['fee < 0', { fee: -1 }, 'fee'],
      ['fee: fraction', { fee: 1.5 }, 'fee'],
      ['fee: text', { fee: '0' }, 'fee'],
      ['sla_minutes 0', { sla_minutes: 0 }, 'sla_minutes'],
      ['sla_minutes 1000001', { sla_minutes: 1000001 }, 'sla_minutes'],
      ['sla_minutes: text', { sla_minutes: '180' }, 'sla_minutes'],
      ['breach_policy', { breach_policy: 'ignore' }, 'breach_policy'],
      ['channels: empty', { channels: [] }, 'channels'],
      ['channels: fax', { channels: ['online', 'fax'] }, ['channels[1]', 'channels']],
      ['channels: not a list', { channels: 'online' }, 'channels'],
      ['standard: not an object', { standard: 'lengkap' }, 'standard'],
      ['standard.biaya: a number', { standard: { biaya: 0 } }, 'standard.biaya'],
      ['standard.biaya: 4001 characters', { standard: { biaya: 'b'.repeat(4001) } }, 'standard.biaya'],
      ['standard.foo: no such component', { standard: { foo: 'x' } }, 'standard.foo'],
      ['requirements[0].formats[1]: docx', { requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf', 'docx'], max_bytes: 1000, mandatory: true }] }, 'requirements[0].formats[1]'],
      ['requirements[0].code', { requirements: [{ code: 'KTP!', name: 'KTP', formats: ['pdf'], max_bytes: 1000, mandatory: true }] }, 'requirements[0].code'],
      ['requirements[1].code: duplicate', { requirements: [
        { code: 'ktp', name: 'KTP', formats: ['pdf'], max_bytes: 1000, mandatory: true },
        { code: 'ktp', name: 'KTP lagi', formats: ['pdf'], max_bytes: 1000, mandatory: true }] }, ['requirements[1].code', 'requirements[1]']],
      ['requirements[0].max_bytes 0', { requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf'], max_bytes: 0, mandatory: true }] }, 'requirements[0].max_bytes'],
      ['requirements[0].max_bytes 20971521', { requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf'], max_bytes: 20971521, mandatory: true }] }, 'requirements[0].max_bytes'],
      ['requirements[0].mandatory: text', { requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf'], max_bytes: 1000, mandatory: 'ya' }] }, 'requirements[0].mandatory'],
      ['requirements[0].warna: unknown', { requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf'], max_bytes: 1000, mandatory: true, warna: 'merah' }] }, 'requirements[0].warna'],
      ['requirements: 21', { requirements: Array.from({ length: 21 }, (_, i) => ({ code: `dok_${i}`, name: `Dokumen ${i}`, formats: ['pdf'], max_bytes: 1000, mandatory: false })) }, 'requirements'],
      ['form[0].type: colour', { form: [{ name: 'warna', label: 'Warna', type: 'colour', required: true }] }, 'form[0].type'],
      ['form[0].name: capitals', { form: [{ name: 'Luas Bangunan', label: 'Luas', type: 'number', required: true }] }, 'form[0].name'],
      ['form[0].options: choice without options', { form: [{ name: 'jenis', label: 'Jenis', type: 'choice', required: true }] }, 'form[0].options'],
      ['form[0].options: choice with none', { form: [{ name: 'jenis', label: 'Jenis', type: 'choice', required: true, options: [] }] }, 'form[0].options'],
      ['form[0].options: 51', { form: [{ name: 'jenis', label: 'Jenis', type: 'choice', required: true, options: Array.from({ length: 51 }, (_, i) => `P${i}`) }] }, 'form[0].options'],
      ['form[1].options: on a text field', { form: [
        { name: 'a', label: 'A', type: 'text', required: true },
        { name: 'b', label: 'B', type: 'text', required: true, options: ['x'] }] }, 'form[1].options'],
      ['form[1].name: duplicate', { form: [
        { name: 'luas', label: 'Luas', type: 'number', required: true },
        { name: 'luas', label: 'Luas lagi', type: 'number', required: false }] }, ['form[1].name', 'form[1]']],
      ['form[0].required: text', { form: [{ name: 'a', label: 'A', type: 'text', required: 'ya' }] }, 'form[0].required'],
      ['form: 51 fields', { form: Array.from({ length: 51 }, (_, i) => ({ name: `f${i}`, label: `F${i}`, type: 'text', required: false })) }, 'form'],
      ['workflow: not an object', { workflow: 'default' }, 'workflow'],
      ['workflow.actions[2].to: dangling', { workflow: (() => { const w = smallWorkflow(); w.actions[2].to = 'nowhere'; return w; })() }, 'workflow.actions[2].to'],
      ['workflow.actions[0].from: dangling', { workflow: (() => { const w = smallWorkflow(); w.actions[0].from = 'nowhere'; return w; })() }, 'workflow.actions[0].from'],
      ['workflow.states[1].kind', { workflow: (() => { const w = smallWorkflow(); w.states[1].kind = 'weird'; return w; })() }, 'workflow.states[1].kind'],
      ['workflow.version: text', { workflow: { ...smallWorkflow(), version: 'satu' } }, 'workflow.version'],
      ['workflow.version 0', { workflow: { ...smallWorkflow(), version: 0 } }, 'workflow.version'],
      ['workflow.warna: unknown', { workflow: { ...smallWorkflow(), warna: 'merah' } }, 'workflow.warna'],
      ['workflow.states[0].warna: unknown', { workflow: (() => { const w = smallWorkflow(); w.states[0].warna = 'merah'; return w; })() }, 'workflow.states[0].warna'],
      ['workflow.actions[0].warna: unknown', { workflow: (() => { const w = smallWorkflow(); w.actions[0].warna = 'merah'; return w; })() }, 'workflow.actions[0].warna'],
      ['workflow.actions[2].comment_required: text', { workflow: (() => { const w = smallWorkflow(); w.actions[2].comment_required = 'ya'; return w; })() }, 'workflow.actions[2].comment_required'],
      ['workflow.actions[1].roles: janitor', { workflow: (() => { const w = smallWorkflow(); w.actions[1].roles = ['janitor']; return w; })() }, 'workflow.actions[1].roles'],
      ['unknown top-level field', { colour: 'red' }, 'colour'],
      ['status is not writable on create', { status: 'published' }, 'status'],
    ];
    for (const [what, over, field] of CASES) {
      test(`create: ${what} -> 422 naming ${[].concat(field).join(' | ')}`, async () => {
        const r = await create(ta, body(over));
        assertError(r, 422, 'validation_failed', { what });
        assertFieldsNamed(r, [field], what);
      });
    }

    test('a workflow with two starts, no terminal or an unreachable state -> 422 under workflow', async () => {
      const two = smallWorkflow(); two.states[1].kind = 'start';
      const none = smallWorkflow(); none.states[2].kind = 'normal'; none.states[3].kind = 'normal';
      const lonely = smallWorkflow(); lonely.states.push({ name: 'lonely', label_id: 'Sendiri', label_en: 'Alone', kind: 'normal', sla_minutes: 0 });
      for (const [what, wf] of [['two starts', two], ['no terminal', none], ['unreachable state', lonely]]) {
        const r = await create(ta, body({ workflow: wf }));
        assertError(r, 422, 'validation_failed', { what });
        const keys = Object.keys(r.json.error.fields);
        assert.ok(keys.length > 0 && keys.every((k) => k === 'workflow' || k.startsWith('workflow.')), `${what}: a workflow path: ${JSON.stringify(r.json.error.fields)}`);
      }
    });

    test('missing required fields are all named at once', async () => {
      const r = await create(ta, {});
      assertError(r, 422, 'validation_failed', { what: 'empty body' });
      assertFieldsNamed(r, ['agency_id', 'code', 'name', 'fee', 'channels', 'sla_minutes', 'breach_policy'], 'empty body');
    });

    test('many faults in one body are all named at once', async () => {
      const r = await create(ta, body({
        code: 'X', fee: -5, sla_minutes: 0, breach_policy: 'nanti', channels: ['fax'],
        standard: { biaya: 7 },
        requirements: [{ code: 'ktp', name: 'KTP', formats: ['pdf', 'exe'], max_bytes: 1000, mandatory: true }],
        form: [
          { name: 'a', label: 'A', type: 'text', required: true },
          { name: 'b', label: 'B', type: 'slider', required: true },
          { name: 'c', label: 'C', type: 'choice', required: true },
        ],
        extra: 1,
      }));
      assertError(r, 422, 'validation_failed', { what: 'many faults' });
      assertFieldsNamed(r, ['code', 'fee', 'sla_minutes', 'breach_policy', ['channels[0]', 'channels'], 'standard.biaya',
        'requirements[0].formats[1]', 'form[1].type', 'form[2].options', 'extra'], 'many faults');
    });

    test('a refused create stores nothing: its code is still free', async () => {
      const b = body({ fee: -1 });
      assertError(await create(ta, b), 422, 'validation_failed', { field: 'fee' });
      const w = body({ code: b.code, workflow: (() => { const x = smallWorkflow(); x.actions[0].to = 'nowhere'; return x; })() });
      assertError(await create(ta, w), 422, 'validation_failed', { field: 'workflow.actions[0].to' });
      const ok = await create(ta, body({ code: b.code }));
      assert.equal(ok.status, 201, show(ok));
    });

    test('PATCH names wrong fields the same way and changes nothing', async () => {
      const s = await createOk(ta, body());
      for (const [what, b, field] of [
        ['form[0].type', { form: [{ name: 'a', label: 'A', type: 'colour', required: true }] }, 'form[0].type'],
        ['requirements[0].formats[0]', { requirements: [{ code: 'ktp', name: 'KTP', formats: ['gif'], max_bytes: 10, mandatory: true }] }, 'requirements[0].formats[0]'],
        ['fee', { fee: -1 }, 'fee'],
        ['unknown', { warna: 'biru' }, 'warna'],
        ['workflow', { workflow: (() => { const w = smallWorkflow(); w.actions[2].to = 'nowhere'; return w; })() }, 'workflow.actions[2].to'],
        ['region_code is not writable', { region_code: '18.01' }, 'region_code'],
      ]) {
        const r = await patch(ta, s.id, { ...b, version: 1 });
        assertError(r, 422, 'validation_failed', { what: `PATCH ${what}` });
        assertFieldsNamed(r, [field], `PATCH ${what}`);
      }
      const now = await authReq(ta, `${SVC}/${s.id}`);
      assert.equal(now.json.version, 1, 'unchanged');
      assert.deepEqual(now.json, s);
    });

    test('a body that is not JSON -> 400/415', async () => {
      assertError(await authReq(ta, '/api/v1/regions/32.11/services', { method: 'POST', body: '{"code":', headers: { 'content-type': 'application/json' } }), 400, 'malformed_json');
      assertError(await authReq(ta, '/api/v1/regions/32.11/services', { method: 'POST', body: 'code=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported_media_type');
    });
  });

  describe('codes and agencies', () => {
    test('a code used in the region -> 409 conflict fields.code, on create and on rename', async () => {
      const r = await create(ta, body({ code: 'pbg-mbr' }));
      assertError(r, 409, 'conflict', { field: 'code', allowFields: true, what: 'duplicate pbg-mbr' });
      const s = await createOk(ta, body());
      const p = await patch(ta, s.id, { code: 'pbg-mbr', version: 1 });
      assertError(p, 409, 'conflict', { field: 'code', allowFields: true, what: 'rename to pbg-mbr' });
      assert.equal((await authReq(ta, `${SVC}/${s.id}`)).json.code, s.code);
    });

    test('three admins creating the same code at once: one 201, the others 409 fields.code', async () => {
      const code = `uji-balapan-${uniq()}`;
      const rs = await Promise.all([create(ta, body({ code })), create(pa, body({ code })), create(ta, body({ code }))]);
      assert.deepEqual(rs.map((r) => r.status).sort(), [201, 409, 409], rs.map(show).join(' / '));
      for (const r of rs.filter((x) => x.status === 409)) assertError(r, 409, 'conflict', { field: 'code', allowFields: true, what: 'race' });
    });

    test('the same code in another region is fine (unique per region)', async () => {
      const mine = await createOk(ta, body());
      const s = await createOk(la, body({ agency_id: lampungAgency.id, code: mine.code }), '18.01');
      assert.equal(s.region_code, '18.01');
      assert.equal(s.code, mine.code);
    });

    test('an agency of another region, or none -> 422 fields.agency_id', async () => {
      assertError(await create(ta, body({ agency_id: lampungAgency.id })), 422, 'validation_failed', { field: 'agency_id', what: '18.01 agency in 32.11' });
      assertError(await create(ta, body({ agency_id: 999999999 })), 422, 'validation_failed', { field: 'agency_id', what: 'no such agency' });
      const s = await createOk(ta, body());
      assertError(await patch(ta, s.id, { agency_id: lampungAgency.id, version: 1 }), 422, 'validation_failed', { field: 'agency_id', what: 'PATCH to an 18.01 agency' });
      const ok = await patch(ta, s.id, { agency_id: agencies.Dinkes.id, version: 1 });
      assert.equal(ok.status, 200, show(ok));
      assert.equal(ok.json.agency_id, agencies.Dinkes.id);
      assert.equal(ok.json.agency.short_name, 'Dinkes', 'the agency object follows agency_id');
    });

    test('a malformed region in the path -> 422 fields.code', async () => {
      assertError(await create(pa, body(), '3x'), 422, 'validation_failed', { field: 'code', what: 'POST /regions/3x/services' });
    });
  });

  describe('who may write', () => {
    let lampungSvc;
    before(async () => {
      lampungSvc = await createOk(la, body({ agency_id: lampungAgency.id }), '18.01');
    });

    test('anonymous -> 401 on every write', async () => {
      const j = { 'content-type': 'application/json' };
      assertError(await postJSON('/api/v1/regions/32.11/services', body()), 401, 'unauthorized');
      assertError(await req(`${SVC}/${lampungSvc.id}`, { method: 'PATCH', headers: j, body: JSON.stringify({ name: 'x y', version: 1 }) }), 401, 'unauthorized');
      assertError(await postJSON(`${SVC}/${lampungSvc.id}/publish`, { version: 1 }), 401, 'unauthorized');
      assertError(await postJSON(`${SVC}/${lampungSvc.id}/retire`, { version: 1 }), 401, 'unauthorized');
    });

    test('front office cannot create (403)', async () => {
      assertError(await create(tf, body()), 403, 'forbidden', { what: 'tfront create' });
    });

    test('tadmin cannot create in 18.01, nor touch ladmin\'s 18.01 service (403); nothing changes', async () => {
      assertError(await create(ta, body({ agency_id: lampungAgency.id }), '18.01'), 403, 'forbidden', { what: 'tadmin create in 18.01' });
      assertError(await patch(ta, lampungSvc.id, { name: 'Diambil alih', version: 1 }), 403, 'forbidden', { what: 'tadmin PATCH 18.01' });
      assertError(await publish(ta, lampungSvc.id, 1), 403, 'forbidden', { what: 'tadmin publish 18.01' });
      assertError(await retire(ta, lampungSvc.id, 1), 403, 'forbidden', { what: 'tadmin retire 18.01' });
      assertError(await authReq(ta, `${SVC}/${lampungSvc.id}`), 404, 'not_found', { what: 'tadmin GET 18.01 draft' });
      const now = await authReq(la, `${SVC}/${lampungSvc.id}`);
      assert.equal(now.status, 200, show(now));
      assert.deepEqual(now.json, lampungSvc, 'unchanged');
    });

    test('platform_admin may create anywhere', async () => {
      const s = await createOk(pa, body());
      assert.equal(s.region_code, '32.11');
    });

    test('CSRF token required on cookie writes (403 csrf_failed, nothing written)', async () => {
      const b = body();
      assertError(await create(ta, b, '32.11', { csrf: null }), 403, 'csrf_failed', { what: 'create without csrf' });
      assertError(await create(ta, body(), '32.11', { csrf: 'x'.repeat(43) }), 403, 'csrf_failed', { what: 'create with a wrong csrf' });
      const s = await createOk(ta, body({ standard: fullStandard() }));
      assertError(await patch(ta, s.id, { name: 'Tanpa CSRF', version: 1 }, { csrf: null }), 403, 'csrf_failed', { what: 'PATCH without csrf' });
      assertError(await publish(ta, s.id, 1, { csrf: null }), 403, 'csrf_failed', { what: 'publish without csrf' });
      assertError(await retire(ta, s.id, 1, { csrf: null }), 403, 'csrf_failed', { what: 'retire without csrf' });
      const now = await authReq(ta, `${SVC}/${s.id}`);
      assert.equal(now.json.version, 1);
      assert.equal(now.json.status, 'draft');
      // the create without a token made nothing: the code is still free
      const again = await create(ta, b);
      assert.equal(again.status, 201, `the code of the refused create is free: ${show(again)}`);
    });

    test('unknown service -> 404 on PATCH, publish, retire', async () => {
      assertError(await patch(ta, 999999999, { name: 'Tidak ada', version: 1 }), 404, 'not_found');
      assertError(await publish(ta, 999999999, 1), 404, 'not_found');
      assertError(await retire(ta, 999999999, 1), 404, 'not_found');
    });

    test('32.11 audit shows nothing of 18.01\'s services', async () => {
      const t = await auditOf(ta, '32.11');
      assert.ok(!t.some((e) => e.region_code === '18.01'), 'no 18.01 entry in the 32.11 trail');
      const l = await auditOf(la, '18.01');
      assert.ok(l.some((e) => e.action === 'service.create' && String(e.entity_id) === String(lampungSvc.id) && e.region_code === '18.01'),
        'ladmin sees his service.create');
    });
  });

  describe('the admin list of a region (GET /regions/{code}/services): every status', () => {
    test('drafts, published and retired services, filtered by status; summaries', async () => {
      const d = await createOk(ta, body());
      const p = await createOk(ta, body({ standard: fullStandard() }));
      const pr = await publish(ta, p.id, 1);
      assert.equal(pr.status, 200, show(pr));
      const t = await createOk(ta, body());
      const tr = await retire(ta, t.id, 1);
      assert.equal(tr.status, 200, show(tr));
      const ids = async (q) => {
        const r = await authReq(ta, `/api/v1/regions/32.11/services${q}`);
        assert.equal(r.status, 200, `${q}: ${show(r)}`);
        for (const s of r.json.data) assertSummary(s, `admin list ${s.code}`);
        return r.json.data.map((s) => s.id);
      };
      const all = await ids('');
      for (const x of [d, p, t]) assert.ok(all.includes(x.id), `${x.code} in the admin list`);
      const drafts = await ids('?status=draft');
      assert.ok(drafts.includes(d.id) && !drafts.includes(p.id) && !drafts.includes(t.id), 'status=draft');
      const pubs = await ids('?status=published');
      assert.ok(pubs.includes(p.id) && !pubs.includes(d.id) && !pubs.includes(t.id), 'status=published');
      const rets = await ids('?status=retired');
      assert.ok(rets.includes(t.id) && !rets.includes(d.id) && !rets.includes(p.id), 'status=retired');
      assertError(await authReq(ta, '/api/v1/regions/32.11/services?status=hidden'), 422, 'validation_failed', { field: 'status' });
    });

    test('anonymous 401, front office 403, another region 403', async () => {
      assertError(await req('/api/v1/regions/32.11/services'), 401, 'unauthorized');
      assertError(await authReq(tf, '/api/v1/regions/32.11/services'), 403, 'forbidden');
      assertError(await authReq(ta, '/api/v1/regions/18.01/services'), 403, 'forbidden');
    });
  });

  describe('agency_admin: only the services of his agency', () => {
    let aa; let own; let other;
    before(async () => {
      const password = makePassword();
      recordSecret('password', password);
      const u = await authReq(ta, '/api/v1/users', { method: 'POST', body: {
        username: `adminpm${uniq()}`, name: 'Admin DPMPTSP Uji', password,
        grants: [{ role: 'agency_admin', region_code: '32.11', agency_id: agencies.DPMPTSP.id }],
      } });
      assert.equal(u.status, 201, show(u));
      aa = await login(userOf(u.json).username, password);
      assert.ok(aa.user, 'agency_admin logged in');
      other = await createOk(ta, body({ agency_id: agencies.Dinkes.id }));
    });

    test('creates a draft for his agency; sees it; edits it', async () => {
      own = await createOk(aa, body());
      assert.equal(own.agency_id, agencies.DPMPTSP.id);
      const g = await authReq(aa, `${SVC}/${own.id}`);
      assert.equal(g.status, 200, show(g));
      const p = await patch(aa, own.id, { name: `${own.name} diubah`, version: 1 });
      assert.equal(p.status, 200, show(p));
    });

    test('cannot create for another agency (403), nor see or change its drafts', async () => {
      assertError(await create(aa, body({ agency_id: agencies.Dinkes.id })), 403, 'forbidden', { what: 'agency_admin of DPMPTSP creates for Dinkes' });
      assertError(await authReq(aa, `${SVC}/${other.id}`), 404, 'not_found', { what: 'agency_admin GET Dinkes draft' });
      const p = await patch(aa, other.id, { name: 'Diambil alih', version: 1 });
      assert.ok([403, 404].includes(p.status), `agency_admin PATCH of a Dinkes draft -> ${show(p)}`);
      const move = await patch(aa, own.id, { agency_id: agencies.Dinkes.id, version: 2 });
      assert.ok([403, 422].includes(move.status), `agency_admin moves his service to Dinkes -> ${show(move)}`);
      assert.equal((await authReq(ta, `${SVC}/${own.id}`)).json.agency_id, agencies.DPMPTSP.id, 'still DPMPTSP');
      assert.equal((await authReq(ta, `${SVC}/${other.id}`)).json.version, 1, 'Dinkes draft unchanged');
    });

    test('his admin list of the region does not show other agencies\' drafts', async () => {
      const r = await authReq(aa, '/api/v1/regions/32.11/services?status=draft');
      assert.ok([200, 403].includes(r.status), show(r));
      if (r.status === 200) {
        const ids = r.json.data.map((s) => s.id);
        assert.ok(ids.includes(own.id), 'his own draft is listed');
        const foreign = r.json.data.filter((s) => s.agency_id !== agencies.DPMPTSP.id && s.status !== 'published');
        assert.deepEqual(foreign.map((s) => `${s.code} (${s.agency.short_name}, ${s.status})`), [],
          'drafts of Dinkes are shown only to its admins (GET /services/{id} of them is 404 to him)');
      }
    });
  });
});
