// Static checks of web/ that need no browser: both languages have the same keys and no
// empty string (the main files and every part lang/<part>.<lang>.js), every literal t('key') used by the app exists, no inline script or style
// (the server's CSP forbids them), index.html has the placeholders the server fills in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from './lib.mjs';

const WEB = path.join(REPO_ROOT, 'web');

function files(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]);
}

async function loadLang(name) {
  const src = fs.readFileSync(path.join(WEB, 'lang', `${name}.js`), 'utf8');
  return (await import(`data:text/javascript,${encodeURIComponent(src)}`)).default;
}

// Parts: lang/<part>.<lang>.js, strings that only some pages load (i18n.js loadStrings).
const PARTS = fs.readdirSync(path.join(WEB, 'lang')).map((f) => /^([a-z-]+)\.id\.js$/.exec(f)).filter(Boolean).map((m) => m[1]);

/** The main dictionary of a language with every part merged in; a key defined twice is an error. */
async function loadAll(lang) {
  const all = { ...(await loadLang(lang)) };
  for (const part of PARTS) {
    const d = await loadLang(`${part}.${lang}`);
    const twice = Object.keys(d).filter((k) => k in all);
    assert.deepEqual(twice, [], `${lang}: keys of part ${part} already defined elsewhere`);
    Object.assign(all, d);
  }
  return all;
}

test('every string part exists in both languages', () => {
  assert.ok(PARTS.includes('services'), `parts found: ${PARTS.join(', ')}`);
  for (const part of PARTS) {
    assert.ok(fs.existsSync(path.join(WEB, 'lang', `${part}.en.js`)), `lang/${part}.en.js missing`);
  }
  for (const f of fs.readdirSync(path.join(WEB, 'lang'))) {
    assert.match(f, /^(id|en|[a-z-]+\.(id|en))\.js$/, `unexpected file lang/${f}`);
  }
});

test('id and en have the same keys, none empty, every literal t() key exists', async () => {
  const id = await loadAll('id');
  const en = await loadAll('en');
  const ik = Object.keys(id).sort();
  const ek = Object.keys(en).sort();
  assert.deepEqual(ik.filter((k) => !en[k]), [], 'keys missing in English');
  assert.deepEqual(ek.filter((k) => !id[k]), [], 'keys missing in Bahasa Indonesia');
  for (const [lang, d] of [['id', id], ['en', en]]) {
    for (const [k, v] of Object.entries(d)) assert.ok(typeof v === 'string' && v.trim() !== '', `${lang}: ${k} is empty`);
  }
  const used = new Set();
  for (const f of files(WEB).filter((x) => x.endsWith('.js') && !x.includes(`${path.sep}lang${path.sep}`))) {
    const src = fs.readFileSync(f, 'utf8');
    for (const m of src.matchAll(/\bt\(\s*'([a-z_]+(?:\.[a-z_]+)+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 100, `found only ${used.size} t() keys`);
  assert.deepEqual([...used].filter((k) => !(k in id)).sort(), [], 'keys used but not defined');
  // Keys built at run time from server values: every role, level, agency kind is translated.
  for (const role of ['citizen', 'front_office', 'back_office', 'approver', 'agency_admin', 'region_admin',
    'data_producer', 'data_steward', 'cooperation_officer', 'executive', 'platform_admin']) {
    assert.ok(id[`role.${role}`] && en[`role.${role}`], `role.${role}`);
  }
  for (const k of ['province', 'regency', 'district', 'village']) assert.ok(id[`level.${k}`] && en[`level.${k}`], k);
  for (const k of ['opd', 'vertical', 'bumn', 'other']) assert.ok(id[`kind.${k}`] && en[`kind.${k}`], k);
  // Services: the 14 components of Standar Pelayanan, channels, form field types, statuses, breach policies.
  const dynamic = [
    ...['persyaratan', 'prosedur', 'jangka_waktu', 'biaya', 'produk', 'pengaduan', 'dasar_hukum', 'sarana', 'kompetensi',
      'pengawasan', 'jumlah_pelaksana', 'jaminan_pelayanan', 'jaminan_keamanan', 'evaluasi'].map((k) => `std.${k}`),
    ...['online', 'counter', 'mobile'].map((k) => `svc.ch_${k}`),
    ...['text', 'number', 'date', 'choice', 'nik', 'region', 'file'].map((k) => `svc.type_${k}`),
    ...['draft', 'published', 'retired'].map((k) => `svc.status_${k}`),
    ...['escalate', 'deemed_approval'].flatMap((k) => [`svc.policy_${k}`, `sa.policy_${k}`]),
    ...['service.create', 'service.update', 'service.publish', 'service.retire'].map((k) => `action.${k}`),
  ];
  assert.deepEqual(dynamic.filter((k) => !id[k] || !en[k]), [], 'service keys built at run time');
});

test('no inline script or style anywhere in web/ (strict CSP)', () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    assert.match(m[0], /\ssrc="/, `inline <script> in index.html: ${m[0].slice(0, 80)}`);
    assert.equal(m[1].trim(), '', 'script with content');
  }
  assert.doesNotMatch(html, /<style\b/, 'no <style> element');
  for (const f of files(WEB).filter((x) => /\.(js|html)$/.test(x))) {
    const src = fs.readFileSync(f, 'utf8');
    assert.doesNotMatch(src, /\sstyle="/, `${path.relative(REPO_ROOT, f)}: style="" attribute`);
    assert.doesNotMatch(src, /\son[a-z]+="/, `${path.relative(REPO_ROOT, f)}: inline event handler attribute`);
    assert.doesNotMatch(src, /\beval\(|new Function\(/, `${path.relative(REPO_ROOT, f)}: eval`);
  }
});

test('index.html: placeholders, lang, noscript, module entry', () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  assert.match(html, /<html lang="id">/);
  assert.match(html, /<meta name="sp-vendor" content="\{\{VENDOR\}\}">/);
  assert.match(html, /<script type="module" src="\{\{STATIC\}\}\/app\.js"><\/script>/);
  assert.match(html, /<link rel="stylesheet" href="\{\{STATIC\}\}\/app\.css">/);
  assert.match(html, /<noscript>[\s\S]*JavaScript[\s\S]*<\/noscript>/);
  assert.match(html, /<meta name="viewport" content="width=device-width, initial-scale=1">/);
});
