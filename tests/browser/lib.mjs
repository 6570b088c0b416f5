// Shared helpers for the browser suite (node:test + playwright-core + Debian chromium + axe-core).
//
// Env: SATUPINTU_BASE_URL (default http://127.0.0.1:8080)
//      SATUPINTU_TADMIN_USER / SATUPINTU_TADMIN_PASSWORD   region_admin of 32.11
//      SATUPINTU_PADMIN_USER / SATUPINTU_PADMIN_PASSWORD   platform_admin
//      CHROMIUM_PATH (default /usr/bin/chromium)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE_URL = (process.env.SATUPINTU_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const TADMIN = {
  login: process.env.SATUPINTU_TADMIN_USER || 'tadmin',
  password: process.env.SATUPINTU_TADMIN_PASSWORD || '',
};
export const PADMIN = {
  login: process.env.SATUPINTU_PADMIN_USER || 'padmin',
  password: process.env.SATUPINTU_PADMIN_PASSWORD || '',
};
/** Officers of 32.11 (one password, SATUPINTU_STAFF_PASSWORD): front office, back office, approver. */
const STAFF_PASSWORD = process.env.SATUPINTU_STAFF_PASSWORD || '';
export const TFRONT = { login: 'tfront', password: STAFF_PASSWORD };
export const TBACK = { login: 'tback', password: STAFF_PASSWORD };
export const TAPPR = { login: 'tappr', password: STAFF_PASSWORD };
export const SCREENSHOTS = path.join(REPO_ROOT, 'build', 'test-results', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

export const MOBILE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 860 };

/** Launch Debian's chromium; throws (never skips) when it is missing or does not start. */
export async function launch() {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new context + page at `viewport`, recording page errors, console errors and CSP
 * violations into page.problems (checked by assertNoProblems).
 */
export async function openPage(browser, { viewport = MOBILE, locale = 'id-ID' } = {}) {
  const context = await browser.newContext({ viewport, locale, baseURL: BASE_URL });
  const page = await context.newPage();
  page.problems = [];
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    // Expected answers the app handles itself (401 from /auth/me when signed out, 4xx of forms).
    if (/Failed to load resource: the server responded with a status of (401|403|409|422|429)/.test(text)) return;
    page.problems.push(`console: ${text}`);
  });
  page.on('requestfailed', (r) => {
    const f = r.failure();
    if (f && /ERR_ABORTED/.test(f.errorText)) return; // aborted by the app (superseded searches)
    page.problems.push(`requestfailed: ${r.url()} ${f && f.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) page.problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { context, page };
}

export function assertNoProblems(page, what = '') {
  assert.deepEqual(page.problems, [], `${what}: errors in the page:\n${page.problems.join('\n')}`);
}

/** Wait until the app has rendered a page: one h1 and no loading indicator in <main>. */
export async function ready(page) {
  await page.waitForSelector('main h1', { state: 'visible', timeout: 15000 });
  await page.waitForFunction(() => !document.querySelector('main .loading'), null, { timeout: 15000 });
}

/** axe-core on the current page; returns serious and critical violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, so the page's strict CSP does not block it.
  const has = await page.evaluate(() => typeof window.axe === 'object');
  if (!has) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} :: ${n.failureSummary}`),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Horizontal overflow of the document (0 = none). */
export function overflowX(page) {
  return page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
}

export async function screenshot(page, name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The checks every visited page gets: rendered, exactly one h1, landmarks, no serious or
 * critical axe violation, no horizontal scrolling at the current viewport, a screenshot.
 */
export async function checkPage(page, name) {
  await ready(page);
  // Let pending data requests settle so the screenshot and axe see the final page.
  await page.waitForLoadState('networkidle').catch(() => {});
  await ready(page);
  const h1 = await page.locator('h1').count();
  assert.equal(h1, 1, `${name}: expected exactly one <h1>, found ${h1}`);
  for (const sel of ['header', 'nav', 'main', 'footer']) {
    assert.equal(await page.locator(sel).count() >= 1, true, `${name}: no <${sel}> landmark`);
  }
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${name}: axe-core serious/critical violations:\n${JSON.stringify(violations, null, 2)}`);
  const width = page.viewportSize().width;
  const sw = await page.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(sw <= width, `${name}: horizontal scrolling at ${width}px (scrollWidth ${sw})`);
  await screenshot(page, name);
  assertNoProblems(page, name);
}

/** Log in through the form; ends on the signed-in home (/app). */
export async function login(page, { login: who, password }) {
  await page.goto('/login');
  await ready(page);
  await page.getByLabel(/E-mail, nomor ponsel, atau nama pengguna|E-mail, phone number or username/).fill(who);
  await page.getByLabel(/^(Kata sandi|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Log in)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/app', { timeout: 15000 });
  await ready(page);
}

export async function logout(page) {
  await page.getByRole('button', { name: /^(Keluar|Log out)$/ }).click();
  await page.waitForURL((u) => u.pathname === '/login', { timeout: 15000 });
  await ready(page);
}

/** Names of the main navigation links, in order. */
export function navNames(page) {
  return page.locator('nav[aria-label] ul a').allInnerTexts();
}

/** A random 4-digit NIK serial (not 0000) so reruns against one server do not collide. */
export function serial() {
  return String(1 + Math.floor(Math.random() * 9998)).padStart(4, '0');
}

/**
 * Run `fn(page, context)` in a fresh context; on failure save FAILED-<name>.png and the
 * page's errors so the cause can be seen, then rethrow.
 */
export async function withPage(browser, name, opts, fn) {
  const { context, page } = await openPage(browser, opts);
  try {
    await fn(page, context);
  } catch (err) {
    await screenshot(page, `FAILED-${name}`).catch(() => {});
    if (page.problems.length) err.message += `\npage errors:\n${page.problems.join('\n')}`;
    err.message += `\nat ${page.url()}`;
    throw err;
  } finally {
    await context.close();
  }
}
