// Public pages and the citizen's way: register (with the server's field errors), log in,
// citizen navigation, English chosen and remembered across a reload, log out.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  DESKTOP, assertNoProblems, checkPage, launch, login, logout, navNames, ready, screenshot, serial, withPage,
} from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

const SERIAL = serial();
// 32.11.01 (Wado, Kabupaten Sumedang); born 15-08-1990, female (day + 40 = 55).
const NIK = `321101550890${SERIAL}`;
const CITIZEN = {
  name: 'Siti Rahmawati',
  email: `siti.${SERIAL}.${Date.now() % 100000}@example.com`,
  phone: `0812${String(Date.now()).slice(-7)}${SERIAL.slice(-1)}`,
  password: 'Sumedang-Tahu-2025!',
};

/** The error text shown beside an input (via its aria-describedby), '' when none. */
function fieldError(page, label) {
  return page.getByLabel(label, { exact: true }).evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)).filter((n) => n && n.classList.contains('field-error'))
      .map((n) => n.textContent.trim()).join(' ');
  });
}

test('home: region search finds Kabupaten Sumedang and shows its agencies', async () => {
  await withPage(browser, 'home-region-search-finds-kabupaten-sumed', {}, async (page, context) => {
    await page.goto('/');
    await checkPage(page, 'home');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'id');

    // First load budget: the document, stylesheet, app modules and vendor module < 100 KB
    // (decoded sizes, so compression does not flatter it).
    const load = await page.evaluate(() => {
      const doc = performance.getEntriesByType('navigation')[0];
      const res = performance.getEntriesByType('resource').filter((r) => !['fetch', 'xmlhttprequest'].includes(r.initiatorType));
      return {
        total: doc.decodedBodySize + res.reduce((n, r) => n + r.decodedBodySize, 0),
        files: res.map((r) => `${new URL(r.name).pathname} ${r.decodedBodySize}`),
      };
    });
    assert.ok(load.files.some((f) => f.includes('htm-preact.js')), `vendor module loaded: ${load.files.join(', ')}`);
    assert.ok(load.total > 20000 && load.total < 100 * 1024, `first load ${load.total} bytes:\n${load.files.join('\n')}`);
    const footer = await page.locator('footer').innerText();
    assert.match(footer, /Kemendagri via idn-area-data\s*\(ODbL\)/);

    await page.getByLabel('Nama provinsi, kabupaten/kota, kecamatan, atau desa').fill('sumed');
    await page.getByText('Kabupaten Sumedang', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Pilih Kabupaten Sumedang' }).click();
    await page.getByRole('status').getByText('Wilayah Anda: Kabupaten Sumedang.').waitFor();
    await page.getByRole('heading', { name: /Instansi di MPP\s+Kabupaten Sumedang/ }).waitFor();
    await page.getByText('Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu').waitFor();
    await page.locator('header').getByText('Kabupaten Sumedang').waitFor();
    await checkPage(page, 'home-region-chosen');

    // The region search rejects one letter on the client, says so, and keeps the page usable.
    await page.getByLabel('Nama provinsi, kabupaten/kota, kecamatan, atau desa').fill('s');
    await page.getByText('Ketik minimal 2 huruf.').waitFor();
    assertNoProblems(page, 'home search');
  });
});

test('login and register pages pass axe and fit 360 px; unknown paths say not found', async () => {
  await withPage(browser, 'login-and-register-pages-pass-axe-and-fi', {}, async (page, context) => {
    await page.goto('/login');
    await checkPage(page, 'login');
    // The skip link is the first stop of the keyboard and leads into <main>.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Langsung ke konten utama');
    assert.ok(await page.getByRole('link', { name: 'Langsung ke konten utama' }).isVisible(), 'skip link visible on focus');
    await screenshot(page, 'login-skip-link-focused');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'main');
    await page.goto('/register');
    await checkPage(page, 'register');
    await page.goto('/no/such/page');
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Halaman tidak ditemukan');
    // A protected page sends a visitor to the login form and back afterwards.
    await page.goto('/admin/users');
    await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('next') === '/admin/users');
    assertNoProblems(page, 'public pages');
  });
});

test('citizen: register, log in, navigation, English remembered after reload, log out', async () => {
  await withPage(browser, 'citizen-register-log-in-navigation-engli', {}, async (page, context) => {
    await page.goto('/');
    await ready(page);
    await page.getByRole('link', { name: 'Daftar', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/register');
    await ready(page);

    // Empty submit: the client names the required fields.
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.getByRole('alert').getByText('Periksa kembali isian yang ditandai.').waitFor();
    assert.equal(await fieldError(page, 'Nama lengkap'), 'Kesalahan: Wajib diisi.');

    // Server-side validation: serial 0000 is not a valid NIK, the password is too short,
    // and neither phone nor e-mail is given. Each message appears beside its field.
    await page.getByLabel('Nama lengkap').fill(CITIZEN.name);
    await page.getByLabel('NIK').fill('3211015508900000');
    await page.getByLabel('Kata sandi', { exact: true }).fill('pendek');
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.waitForSelector('input[name="nik"][aria-invalid="true"]');
    const nikErr = await fieldError(page, 'NIK');
    const pwErr = await fieldError(page, 'Kata sandi');
    assert.ok(nikErr.length > 'Kesalahan: '.length, `NIK error shown: ${JSON.stringify(nikErr)}`);
    assert.ok(pwErr.length > 'Kesalahan: '.length, `password error shown: ${JSON.stringify(pwErr)}`);
    assert.ok((await fieldError(page, 'Nomor ponsel (opsional)')).length > 0 || (await fieldError(page, 'E-mail (opsional)')).length > 0,
      'missing phone and e-mail is reported');
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('role')), 'alert',
      'focus moves to the error summary');
    await checkPage(page, 'register-errors');

    await page.getByLabel('NIK').fill(NIK);
    await page.getByLabel('Nomor ponsel (opsional)').fill(CITIZEN.phone);
    await page.getByLabel('E-mail (opsional)').fill(CITIZEN.email);
    await page.getByLabel('Kata sandi', { exact: true }).fill(CITIZEN.password);
    await page.getByRole('button', { name: 'Daftar', exact: true }).click();
    await page.getByText('Pendaftaran berhasil.').waitFor();
    await checkPage(page, 'register-done');
    await page.getByRole('link', { name: 'Masuk sekarang' }).click();
    await page.waitForURL((u) => u.pathname === '/login');

    // A wrong password is refused with a message, not a crash.
    await ready(page);
    await page.getByLabel('E-mail, nomor ponsel, atau nama pengguna').fill(CITIZEN.email);
    await page.getByLabel('Kata sandi', { exact: true }).fill('salah-sekali-123');
    await page.getByRole('button', { name: 'Masuk', exact: true }).last().click();
    await page.getByRole('alert').getByText(/kata sandi salah/).waitFor();

    await login(page, { login: CITIZEN.email, password: CITIZEN.password });
    assert.deepEqual(await navNames(page), ['Beranda', 'Layanan', 'Permohonan saya']);
    assert.equal(await page.locator('h1').innerText(), `Selamat datang, ${CITIZEN.name}`);
    await page.getByText('3211********' + SERIAL).waitFor(); // masked NIK in the profile
    await checkPage(page, 'app-home-citizen');

    // English.
    await page.getByRole('button', { name: /^EN\b/ }).click();
    await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
    await page.locator('nav').getByRole('link', { name: 'My applications' }).waitFor();
    assert.deepEqual(await navNames(page), ['Home', 'Services', 'My applications']);
    assert.equal(await page.locator('h1').innerText(), `Welcome, ${CITIZEN.name}`);
    assert.equal(await page.getByRole('button', { name: /^EN\b/ }).getAttribute('aria-pressed'), 'true');
    await page.reload();
    await ready(page);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.deepEqual(await navNames(page), ['Home', 'Services', 'My applications']);
    assert.equal(await page.locator('h1').innerText(), `Welcome, ${CITIZEN.name}`);
    await checkPage(page, 'app-home-citizen-en');

    await page.locator('nav').getByRole('link', { name: 'Services' }).click();
    await page.waitForURL((u) => u.pathname === '/services');
    await checkPage(page, 'services-en');
    await page.locator('nav').getByRole('link', { name: 'My applications' }).click();
    await page.waitForURL((u) => u.pathname === '/app/permohonan');
    await checkPage(page, 'applications-en');
    assert.equal(await page.locator('h1').innerText(), 'My applications');
    // Focus moved to the new page's heading after the client-side navigation.
    assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.tagName), 'H1');

    await logout(page);
    await page.getByText('You have logged out. See you again.').waitFor();
    await page.locator('header').getByRole('link', { name: 'Log in' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Log out' }).count(), 0);
    // The session is gone on the server too: /app sends us back to the login form.
    await page.goto('/app');
    await page.waitForURL((u) => u.pathname === '/login');

    // Back to Bahasa Indonesia; also remembered.
    await ready(page);
    await page.getByRole('button', { name: /^ID\b/ }).click();
    await page.locator('html[lang="id"]').waitFor({ state: 'attached' });
    assert.equal(await page.locator('h1').innerText(), 'Masuk');
    assertNoProblems(page, 'citizen');
  });
});

test('desktop layout screenshots (1280 px): home and login', async () => {
  await withPage(browser, 'desktop-layout-screenshots-1280-px-home-', { viewport: DESKTOP }, async (page, context) => {
    await page.goto('/');
    await checkPage(page, 'desktop-home');
    await page.goto('/register');
    await checkPage(page, 'desktop-register');
    await screenshot(page, 'desktop-register');
  });
});
