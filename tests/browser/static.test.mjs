// Static checks of web/ that need no browser: both languages have the same keys and no
// empty string, every literal t('key') used by the app exists, no inline script or style
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

test('id and en have the same keys, none empty, every literal t() key exists', async () => {
  const id = await loadLang('id');
  const en = await loadLang('en');
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
