// Crash test helper (node 20, global fetch, no deps). Driven by tests/crash/run.sh.
//
//   node load.mjs setup  --base URL --state FILE --citizens N --tag TAG
//        registers and logs in N fresh citizens, looks up the service "pbg-mbr" of 32.11,
//        and adds them to the state file (created when missing).
//   node load.mjs load   --base URL --state FILE --cycle C --pid PID --kill-after MS [--clients N]
//        N clients (one per citizen of cycle C) submit PBG MBR applications in a loop, each with
//        a unique Idempotency-Key; after MS ms the server PID gets SIGKILL while requests are in
//        flight; every request sent is recorded in the state file's ledger (key, citizen, exact
//        body, 201 answer or the failure).
//   node load.mjs verify --base URL --state FILE --cycle C --db DBURL
//        after the restart: (a) every application answered 201 in cycle C is there and whole;
//        (b) every key of cycle C retried with the same body gives the stored answer (same id)
//        or creates the application once (a second retry replays it), every citizen's
//        ?mine=true list holds exactly the applications of its keys, and the database holds
//        one application, one submit event, one idempotency key and one application.create
//        audit entry per key ever sent.
//        Prints "RESULT a ok|fail MESSAGE" and "RESULT b ok|fail MESSAGE" on stdout.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';

const [cmd, ...argv] = process.argv.slice(2);
const opt = {};
for (let i = 0; i < argv.length; i += 2) {
  if (!argv[i].startsWith('--') || argv[i + 1] === undefined) die(`bad argument ${argv[i]}`);
  opt[argv[i].slice(2)] = argv[i + 1];
}
const BASE = (opt.base || '').replace(/\/+$/, '');
const STATE = opt.state;
if (!BASE || !STATE) die('--base and --state are required');

function die(msg) {
  console.error(`crash/load: ${msg}`);
  process.exit(2);
}
const log = (msg) => console.error(`crash/load[${cmd}${opt.cycle ? ' ' + opt.cycle : ''}]: ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function loadState() {
  if (!fs.existsSync(STATE)) return { serviceId: null, citizens: [], ledger: [] };
  return JSON.parse(fs.readFileSync(STATE, 'utf8'));
}
function saveState(s) {
  fs.writeFileSync(STATE + '.tmp', JSON.stringify(s));
  fs.renameSync(STATE + '.tmp', STATE);
}

async function req(path, { method = 'GET', body, headers = {}, who, signal } = {}) {
  const h = { ...headers };
  if (who) {
    h.cookie = who.cookie;
    if (method !== 'GET') h['x-csrf-token'] = who.csrf;
  }
  if (body !== undefined) h['content-type'] = 'application/json';
  const res = await fetch(BASE + path, { method, headers: h, body, redirect: 'manual', signal });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, headers: res.headers, text, json };
}

/** Run fn over items with at most n at a time. */
async function pool(items, n, fn) {
  let next = 0;
  const out = new Array(items.length);
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  }));
  return out;
}

const two = (n) => String(n).padStart(2, '0');
function makeNik() {
  const d = 1 + crypto.randomInt(28), m = 1 + crypto.randomInt(12), y = 60 + crypto.randomInt(40);
  return `321101${two(d)}${two(m)}${two(y % 100)}${String(1 + crypto.randomInt(9999)).padStart(4, '0')}`;
}
const digits = (n) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');
const errText = (e) => {
  const c = e?.cause;
  return [e?.name, e?.message, c?.code, c?.message].filter(Boolean).join(' / ').slice(0, 200);
};

// ---------------------------------------------------------------------------------------

async function setup() {
  const s = loadState();
  const n = Number(opt.citizens || 8);
  const tag = opt.tag || 'x';
  if (!s.serviceId) {
    const r = await req('/api/v1/services?region=32.11');
    assert.equal(r.status, 200, `GET /api/v1/services?region=32.11: ${r.status} ${r.text.slice(0, 300)}`);
    const svc = (r.json?.data || []).find((x) => x.code === 'pbg-mbr');
    assert.ok(svc && Number.isInteger(svc.id), `no service "pbg-mbr" in ${r.text.slice(0, 300)}`);
    s.serviceId = svc.id;
    log(`service pbg-mbr has id ${svc.id}`);
  }
  const made = await pool(Array.from({ length: n }, (_, i) => i), 4, async (i) => {
    const run = crypto.randomBytes(3).toString('hex');
    const body = {
      name: `Warga Crash ${tag} ${i + 1}`, nik: makeNik(), phone: `0812${digits(8)}`,
      email: `crash.${tag}.${i}.${run}@example.com`, password: `Uji-${crypto.randomBytes(9).toString('base64url')}`,
    };
    const r = await req('/api/v1/auth/register', { method: 'POST', body: JSON.stringify(body) });
    assert.equal(r.status, 201, `register ${body.email}: ${r.status} ${r.text.slice(0, 300)}`);
    const l = await req('/api/v1/auth/login', { method: 'POST', body: JSON.stringify({ login: body.email, password: body.password }) });
    assert.equal(l.status, 200, `login ${body.email}: ${l.status} ${l.text.slice(0, 300)}`);
    const set = l.headers.getSetCookie().find((c) => /^\s*sp_session=/.test(c));
    assert.ok(set, `login ${body.email}: no sp_session cookie`);
    assert.equal(typeof l.json?.csrf_token, 'string', `login ${body.email}: no csrf_token`);
    return { tag, email: body.email, userId: l.json.user?.id ?? r.json.user.id, cookie: set.split(';')[0].trim(), csrf: l.json.csrf_token };
  });
  s.citizens.push(...made);
  saveState(s);
  log(`${n} citizens registered and logged in (tag ${tag}; ${s.citizens.length} in all)`);
}

// ---------------------------------------------------------------------------------------

function answersFor(cycle, worker, seq) {
  return {
    luas_bangunan: 36,
    jumlah_lantai: 1,
    alamat_bangunan: `Jl. Uji Crash ${cycle}-${worker}-${seq}, Dusun Sukamaju RT 01/02`,
    kelurahan: '32.11.01.2001',
    fungsi_bangunan: 'Hunian',
  };
}

async function load() {
  const s = loadState();
  const cycle = String(opt.cycle);
  const pid = Number(opt.pid);
  const killAfter = Number(opt['kill-after'] || 2000);
  if (!(pid > 1)) die('--pid is required');
  const citizens = s.citizens.map((c, i) => ({ ...c, idx: i })).filter((c) => c.tag === `c${cycle}`);
  const nClients = Number(opt.clients || citizens.length);
  if (citizens.length < nClients || nClients < 1) die(`cycle ${cycle}: ${citizens.length} citizens for ${nClients} clients`);
  const run = crypto.randomBytes(4).toString('hex');
  const records = [];
  const inflight = new Set();
  let killed = false, killedAt = 0, inflightAtKill = [];
  let firstErrorBeforeKill = null;

  const worker = async (w) => {
    const who = citizens[w];
    for (let seq = 1; !killed; seq++) {
      const key = `crash-${run}-c${cycle}-w${w}-${seq}`;
      const body = JSON.stringify({ service_id: s.serviceId, answers: answersFor(cycle, w, seq) });
      const rec = { key, citizen: who.idx, cycle: Number(cycle), body, sentAt: Date.now() };
      records.push(rec);
      inflight.add(rec);
      try {
        const r = await req('/api/v1/applications', {
          method: 'POST', body, who, headers: { 'idempotency-key': key }, signal: AbortSignal.timeout(15000),
        });
        rec.status = r.status;
        if (r.status === 201 && Number.isInteger(r.json?.id) && typeof r.json?.tracking_no === 'string') {
          rec.id = r.json.id;
          rec.tracking_no = r.json.tracking_no;
          rec.answer = r.text;
        } else {
          rec.error = `HTTP ${r.status}: ${r.text.slice(0, 200)}`;
        }
      } catch (e) {
        rec.error = errText(e);
      }
      rec.ms = Date.now() - rec.sentAt;
      rec.afterKill = killed;
      inflight.delete(rec);
      if (rec.error && !killed) {
        if (!firstErrorBeforeKill) firstErrorBeforeKill = `${key}: ${rec.error}`;
        await sleep(20);
      }
    }
  };
  const t0 = Date.now();
  const timer = setTimeout(() => {
    inflightAtKill = [...inflight].map((r) => r.key);
    killed = true;
    killedAt = Date.now();
    try { process.kill(pid, 'SIGKILL'); } catch (e) { log(`kill ${pid}: ${e.message}`); }
  }, killAfter);
  await Promise.all(Array.from({ length: nClients }, (_, w) => worker(w)));
  clearTimeout(timer);

  const ok = records.filter((r) => r.id);
  const failed = records.filter((r) => !r.id);
  const ok201AfterKill = ok.filter((r) => r.afterKill).length;
  const errs = {};
  for (const r of failed) {
    const k = (r.error || '?').replace(/crash-\S+/g, '').slice(0, 80);
    errs[k] = (errs[k] || 0) + 1;
  }
  for (const r of records) r.inflightAtKill = inflightAtKill.includes(r.key);
  s.ledger.push(...records);
  saveState(s);
  const lat = ok.filter((r) => !r.afterKill).map((r) => r.ms).sort((a, b) => a - b);
  const pct = (q) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(q * lat.length))] : null);
  const perClient = Array.from({ length: nClients }, (_, w) => records.filter((r) => r.key.includes(`-w${w}-`)).length);
  const summary = {
    cycle: Number(cycle), clients: nClients, sent: records.length, answered201: ok.length,
    answered201AfterKillSignal: ok201AfterKill, failed: failed.length, inflightAtKill: inflightAtKill.length,
    killedAfterMs: killedAt - t0, rate: Math.round(ok.length / ((killedAt - t0) / 1000)),
    latencyMs: { p50: pct(0.5), p99: pct(0.99), max: lat.length ? lat[lat.length - 1] : null }, perClient, firstErrorBeforeKill, failures: errs,
  };
  console.log(JSON.stringify(summary));
}

// ---------------------------------------------------------------------------------------

function dbQuery(dburl, sql) {
  const out = dburl.startsWith('sqlite:')
    ? execFileSync('sqlite3', ['-batch', '-noheader', '-separator', '|', dburl.slice('sqlite:'.length), sql], { encoding: 'utf8' })
    : execFileSync('psql', ['-X', '-q', '-A', '-t', '-F', '|', '-v', 'ON_ERROR_STOP=1', '-d', dburl, '-c', sql], { encoding: 'utf8' });
  return out.trim().split('|').map((x) => x.trim());
}

async function verify() {
  const s = loadState();
  const cycle = Number(opt.cycle);
  const dburl = opt.db;
  const who = (rec) => s.citizens[rec.citizen];
  const mine = s.ledger.filter((r) => r.cycle === cycle);
  const problemsA = [], problemsB = [];
  const note = (list, msg) => { if (list.length < 1000) list.push(msg); };

  // (a) every application answered 201 is there, whole.
  const answered = mine.filter((r) => r.id);
  const checkWhole = async (r, id, tracking, list, what) => {
    let g;
    try { g = await req(`/api/v1/applications/${id}`, { who: who(r) }); } catch (e) { note(list, `${what} ${r.key}: GET /api/v1/applications/${id}: ${errText(e)}`); return; }
    if (g.status !== 200 || !g.json) { note(list, `${what} ${r.key}: GET /api/v1/applications/${id} -> ${g.status} ${g.text.slice(0, 200)}`); return; }
    const a = g.json;
    const sent = JSON.parse(r.body).answers;
    const bad = [];
    if (a.id !== id) bad.push(`id ${a.id}`);
    if (a.tracking_no !== tracking) bad.push(`tracking_no ${a.tracking_no} (answered ${tracking})`);
    if (a.state !== 'submitted') bad.push(`state ${a.state}`);
    if (a.version !== 1) bad.push(`version ${a.version}`);
    if (a.applicant?.id !== who(r).userId) bad.push(`applicant ${JSON.stringify(a.applicant?.id)} (expected ${who(r).userId})`);
    if (a.service?.code !== 'pbg-mbr') bad.push(`service ${JSON.stringify(a.service?.code)}`);
    try { assert.deepStrictEqual(a.answers, sent); } catch { bad.push(`answers ${JSON.stringify(a.answers)} (sent ${JSON.stringify(sent)})`); }
    const ev = Array.isArray(a.events) ? a.events : [];
    const submits = ev.filter((e) => e.action === 'submit');
    if (submits.length !== 1 || ev.length !== 1) bad.push(`events ${JSON.stringify(ev.map((e) => e.action))} (expected one "submit")`);
    else if (submits[0].to !== 'submitted') bad.push(`submit event to ${submits[0].to}`);
    if (bad.length) note(list, `${what} ${r.key} id ${id}: ${bad.join('; ')}`);
  };
  await pool(answered, 8, (r) => checkWhole(r, r.id, r.tracking_no, problemsA, 'answered 201'));

  // (b) retries: the stored answer when committed, created once when not.
  let replayed = 0, createdOnRetry = 0, inflightCommitted = 0, inflightNotCommitted = 0;
  const post = (r) => req('/api/v1/applications', {
    method: 'POST', body: r.body, who: who(r), headers: { 'idempotency-key': r.key }, signal: AbortSignal.timeout(15000),
  });
  await pool(mine, 8, async (r) => {
    let x;
    try { x = await post(r); } catch (e) { note(problemsB, `retry ${r.key}: ${errText(e)}`); return; }
    const rid = x.json?.id, rtn = x.json?.tracking_no;
    const wasReplay = x.headers.get('idempotent-replayed') === 'true';
    if (x.status !== 201 || !Number.isInteger(rid)) { note(problemsB, `retry ${r.key}: ${x.status} ${x.text.slice(0, 200)}`); return; }
    r.retry = { status: x.status, id: rid, tracking_no: rtn, replayed: wasReplay };
    if (r.id) {
      // answered 201 before: the stored answer, byte for byte
      if (rid !== r.id || rtn !== r.tracking_no) note(problemsB, `retry ${r.key}: id ${rid} ${rtn}, first answered id ${r.id} ${r.tracking_no} -> DOUBLED`);
      else if (x.text !== r.answer) note(problemsB, `retry ${r.key}: body differs from the first answer: ${x.text.slice(0, 200)} vs ${r.answer.slice(0, 200)}`);
      replayed++;
      return;
    }
    // not answered before: committed (replay) or not (created now; the server's
    // Idempotent-Replayed header tells which, for the report); a second retry must replay
    if (wasReplay) { replayed++; if (r.inflightAtKill) inflightCommitted++; } else { createdOnRetry++; if (r.inflightAtKill) inflightNotCommitted++; }
    let y;
    try { y = await post(r); } catch (e) { note(problemsB, `second retry ${r.key}: ${errText(e)}`); return; }
    if (y.status !== 201 || y.json?.id !== rid || y.text !== x.text) {
      note(problemsB, `second retry ${r.key}: ${y.status} replayed=${y.headers.get('idempotent-replayed')} ${y.text.slice(0, 200)} (first retry id ${rid})`);
    }
    r.id = rid;
    r.tracking_no = rtn;
    r.answer = x.text;
    r.idFromRetry = true;
    await checkWhole(r, rid, rtn, problemsB, wasReplay ? 'committed before the kill, unanswered' : 'created on retry');
  });
  saveState(s);

  // every citizen's list: exactly one application per key, nothing else, no duplicates
  const expectByCitizen = new Map();
  for (const r of s.ledger) {
    if (!r.id) { note(problemsB, `key ${r.key} (cycle ${r.cycle}) has no application after its retry`); continue; }
    if (!expectByCitizen.has(r.citizen)) expectByCitizen.set(r.citizen, []);
    expectByCitizen.get(r.citizen).push(r);
  }
  let listed = 0;
  await pool(s.citizens.map((c, i) => i), 8, async (ci) => {
    const exp = expectByCitizen.get(ci) || [];
    // Every page of the list, following next_cursor.
    const all = [];
    let cursor = null;
    for (let page = 0; page < 100; page++) {
      let l;
      const url = `/api/v1/applications?mine=true&limit=200${cursor ? `&cursor=${cursor}` : ''}`;
      try { l = await req(url, { who: s.citizens[ci] }); } catch (e) { note(problemsB, `list of citizen ${ci}: ${errText(e)}`); return; }
      if (l.status !== 200 || !Array.isArray(l.json?.data)) { note(problemsB, `list of citizen ${ci}: ${l.status} ${l.text.slice(0, 200)}`); return; }
      all.push(...l.json.data);
      cursor = l.json.next_cursor;
      if (!cursor) break;
    }
    const l = { json: { data: all, next_cursor: null } };
    const ids = l.json.data.map((a) => a.id);
    listed += ids.length;
    if (cursor) note(problemsB, `list of citizen ${ci}: ${ids.length} entries and still a next_cursor after 100 pages (truncated?)`);
    const seen = new Map();
    for (const a of l.json.data) seen.set(a.id, (seen.get(a.id) || 0) + 1);
    const dupIds = [...seen].filter(([, n]) => n > 1).map(([id]) => id);
    if (dupIds.length) note(problemsB, `list of citizen ${ci}: ids listed twice: ${dupIds.join(',')}`);
    const dupTracking = l.json.data.map((a) => a.tracking_no).filter((t, i, arr) => arr.indexOf(t) !== i);
    if (dupTracking.length) note(problemsB, `list of citizen ${ci}: tracking numbers listed twice: ${dupTracking.join(',')}`);
    const expIds = new Set(exp.map((r) => r.id));
    if (expIds.size !== exp.length) note(problemsB, `citizen ${ci}: two keys share an application id: ${exp.map((r) => `${r.key}=${r.id}`).join(' ').slice(0, 400)}`);
    const extra = ids.filter((id) => !expIds.has(id));
    const missing = [...expIds].filter((id) => !seen.has(id));
    if (extra.length) {
      const ex = l.json.data.filter((a) => !expIds.has(a.id)).slice(0, 5).map((a) => `${a.id} ${a.tracking_no} ${JSON.stringify(a.answers?.alamat_bangunan)}`);
      note(problemsB, `list of citizen ${ci}: ${extra.length} applications no key accounts for (DOUBLED?): ${ex.join(' | ')}`);
    }
    if (missing.length) note(problemsB, `list of citizen ${ci}: ${missing.length} applications of its keys missing: ids ${missing.slice(0, 10).join(',')}`);
    if (ids.length !== exp.length) note(problemsB, `list of citizen ${ci}: ${ids.length} applications for ${exp.length} keys`);
  });

  // the database agrees: one application, one submit event, one key, one audit entry per key
  const nKeys = s.ledger.length;
  if (dburl) {
    try {
      const [apps, tracks, keys, audits, auditIds, submits, appsWithout1] = dbQuery(dburl,
        "SELECT (SELECT COUNT(*) FROM applications), (SELECT COUNT(DISTINCT tracking_no) FROM applications), " +
        "(SELECT COUNT(*) FROM idempotency_keys), (SELECT COUNT(*) FROM audit_log WHERE action = 'application.create'), " +
        "(SELECT COUNT(DISTINCT entity_id) FROM audit_log WHERE action = 'application.create'), " +
        "(SELECT COUNT(*) FROM application_events WHERE action = 'submit'), " +
        '(SELECT COUNT(*) FROM applications a WHERE (SELECT COUNT(*) FROM application_events e WHERE e.application_id = a.id) <> 1)').map(Number);
      const want = { applications: nKeys, 'distinct tracking_no': nKeys, idempotency_keys: nKeys, 'application.create audit entries': nKeys, 'audited application ids': nKeys, 'submit events': nKeys, 'applications without exactly one event': 0 };
      const got = { applications: apps, 'distinct tracking_no': tracks, idempotency_keys: keys, 'application.create audit entries': audits, 'audited application ids': auditIds, 'submit events': submits, 'applications without exactly one event': appsWithout1 };
      for (const k of Object.keys(want)) if (want[k] !== got[k]) note(problemsB, `database: ${got[k]} ${k}, expected ${want[k]}`);
      log(`database: ${JSON.stringify(got)} for ${nKeys} keys`);
    } catch (e) {
      note(problemsB, `database query failed: ${String(e.message).slice(0, 300)}`);
    }
  }

  const inflight = mine.filter((r) => r.inflightAtKill).length;
  const sum = `cycle ${cycle}: ${answered.length} answered 201 checked whole; ${mine.length} keys retried: ${replayed} replayed the stored answer, ${createdOnRetry} created on retry; ` +
    `in flight at the kill ${inflight}: ${inflightCommitted} had been committed, ${inflightNotCommitted} had not; ${listed} applications listed for ${nKeys} keys of ${s.citizens.length} citizens`;
  log(sum);
  for (const p of problemsA.slice(0, 20)) log(`(a) ${p}`);
  for (const p of problemsB.slice(0, 20)) log(`(b) ${p}`);
  console.log(problemsA.length ? `RESULT a fail ${problemsA.length} problems, first: ${problemsA[0]}` : `RESULT a ok ${answered.length} applications answered 201 are there, whole`);
  console.log(problemsB.length ? `RESULT b fail ${problemsB.length} problems, first: ${problemsB[0]}` : `RESULT b ok ${sum}`);
}

const cmds = { setup, load, verify };
if (!cmds[cmd]) die(`unknown command ${cmd} (setup|load|verify)`);
cmds[cmd]().catch((e) => { console.error(`crash/load ${cmd}: ${e.stack || e}`); process.exit(1); });
