// Administration: the region admin `tadmin` creates an officer and finds it in the user
// list, manages its roles, agencies and API tokens, and reads the audit trail; the
// platform admin `padmin` sees every region. Every page: axe, 360 px, screenshot.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  BASE_URL, DESKTOP, PADMIN, TADMIN, assertNoProblems, checkPage, launch, login, logout, navNames, ready, screenshot, withPage,
} from './lib.mjs';

let browser;
before(async () => {
  assert.ok(TADMIN.password, 'SATUPINTU_TADMIN_PASSWORD must be set (tests/browser/run.sh sets it)');
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

const RUN = `${Date.now() % 1000000}`;
const OFFICER = { username: `siti.fo${RUN}`, name: `Siti Nurhaliza ${RUN}`, password: 'Loket-Sumedang-2025' };

const nav = (page) => page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ });

test('region admin: create a front office officer of 32.11 and see it in the user list', async () => {
  await withPage(browser, 'region-admin-create-a-front-office-offic', {}, async (page, context) => {
    await login(page, TADMIN);
    assert.deepEqual(await navNames(page), ['Beranda', 'Pengguna', 'Instansi', 'Layanan', 'Kalender kerja', 'Token API', 'Notifikasi', 'Jejak audit']);
    await page.locator('header').getByText('Kabupaten Sumedang').waitFor();
    await checkPage(page, 'app-home-admin');

    await nav(page).getByRole('link', { name: 'Pengguna' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await page.getByRole('link', { name: 'Test Admin' }).waitFor();
    await checkPage(page, 'admin-users');

    await page.getByRole('link', { name: 'Tambah petugas' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users/new');
    await ready(page);
    assert.equal(await page.getByLabel('Kode wilayah').inputValue(), '32.11', 'region defaults to the admin region');
    assert.equal(await page.getByLabel('Peran').inputValue(), 'front_office');
    // The agency select is filled from GET /api/v1/regions/32.11/agencies.
    const agencySelect = page.getByLabel('Instansi (opsional)');
    const dpmptsp = agencySelect.locator('option', { hasText: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu' });
    await dpmptsp.waitFor({ state: 'attached' });
    await checkPage(page, 'admin-user-new');

    // The server's field errors appear beside the fields (a one-letter username, a short password).
    await page.getByLabel('Nama pengguna').fill('X');
    await page.getByLabel('Nama lengkap').fill(OFFICER.name);
    await page.getByLabel('Kata sandi awal').fill('pendek');
    await page.getByLabel('Kode wilayah').fill('3x');
    await page.getByRole('button', { name: 'Buat akun petugas' }).click();
    await page.waitForSelector('input[name="username"][aria-invalid="true"]');
    await page.waitForSelector('input[name="password"][aria-invalid="true"]');
    // "grants[0].region_code" from the server lands beside the region code field.
    await page.waitForSelector('input[name="region_code"][aria-invalid="true"]');
    await checkPage(page, 'admin-user-new-errors');
    // A region outside tadmin's own (18.01, Lampung Selatan): the 403 is shown at the region.
    await page.getByLabel('Nama pengguna').fill(OFFICER.username);
    await page.getByLabel('Kata sandi awal').fill(OFFICER.password);
    await page.getByLabel('Kode wilayah').fill('18.01');
    await page.getByRole('button', { name: 'Buat akun petugas' }).click();
    await page.locator('.field-error', { hasText: 'Wilayah ini di luar wilayah yang Anda kelola.' }).waitFor();
    await page.waitForSelector('input[name="region_code"][aria-invalid="true"]');
    await page.getByLabel('Kode wilayah').fill('32.11');
    await dpmptsp.waitFor({ state: 'attached' });

    await page.getByLabel('Nama pengguna').fill(OFFICER.username);
    await page.getByLabel('Kata sandi awal').fill(OFFICER.password);
    await agencySelect.selectOption(await dpmptsp.getAttribute('value'));
    await page.getByRole('button', { name: 'Buat akun petugas' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/users');
    await page.getByRole('status').getByText(`Petugas ${OFFICER.name} sudah dibuat.`).waitFor();
    const row = page.locator('li.row', { has: page.getByRole('link', { name: OFFICER.name }) });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(`${OFFICER.username.replace('.', '\\.')}[\\s\\S]*Petugas front office · 32\\.11`));
    await checkPage(page, 'admin-users-after-create');

    // Search narrows the list to the new officer.
    await page.getByLabel('Cari nama atau nama pengguna').fill(OFFICER.username);
    await page.getByRole('button', { name: 'Saring' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === OFFICER.username);
    await page.getByRole('link', { name: OFFICER.name }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-list"] > li').length === 1);

    // The user page: details, add a grant, remove it again.
    await page.getByRole('link', { name: OFFICER.name }).click();
    await page.waitForURL((u) => /^\/admin\/users\/[^/]+$/.test(u.pathname));
    await page.getByRole('heading', { level: 1, name: OFFICER.name }).waitFor();
    await page.getByText(/DPMPTSP/).first().waitFor();
    await checkPage(page, 'admin-user');
    const addGrant = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah peran' }) });
    await addGrant.getByLabel('Peran').selectOption('back_office');
    await addGrant.getByRole('button', { name: 'Tambah peran' }).click();
    await page.getByRole('status').getByText('Peran Petugas back office ditambahkan.').waitFor();
    const grants = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Peran' }) }).locator('ul.rows > li');
    await page.waitForFunction(() => document.querySelectorAll('section ul.rows > li').length === 2);
    assert.equal(await grants.count(), 2);
    await grants.filter({ hasText: 'Petugas back office' }).getByRole('button', { name: /^Cabut/ }).click();
    await page.getByRole('button', { name: 'Ya, cabut peran' }).click();
    await page.getByRole('status').getByText('Peran Petugas back office dicabut.').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('section ul.rows > li').length === 1);
    assertNoProblems(page, 'users');

    // The officer can log in and gets the officer navigation.
    await logout(page);
    await login(page, { login: OFFICER.username, password: OFFICER.password });
    assert.deepEqual(await navNames(page), ['Beranda', 'Kotak masuk']);
    await checkPage(page, 'app-home-officer');
    await nav(page).getByRole('link', { name: 'Kotak masuk' }).click();
    await page.waitForURL((u) => u.pathname === '/app/inbox');
    await checkPage(page, 'inbox');
    // Admin pages are not for officers.
    await page.goto('/admin/users');
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Akses ditolak');
  });
});

test('region admin: agencies list, create and edit (with version)', async () => {
  await withPage(browser, 'region-admin-agencies-list-create-and-ed', {}, async (page, context) => {
    await login(page, TADMIN);
    await nav(page).getByRole('link', { name: 'Instansi' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/agencies');
    await page.getByText('Dinas Kependudukan dan Pencatatan Sipil').waitFor();
    await checkPage(page, 'admin-agencies');

    const name = `Dinas Komunikasi dan Informatika ${RUN}`;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tambah instansi' }) });
    await form.getByLabel('Nama instansi').fill(name);
    await form.getByLabel('Singkatan (opsional)').fill('Diskominfo');
    await form.getByRole('button', { name: 'Tambah instansi' }).click();
    await page.getByRole('status').getByText(`Instansi ${name} ditambahkan.`).waitFor();
    const row = page.locator('li.row', { hasText: name });
    await row.waitFor();
    assert.match(await row.innerText(), /Diskominfo · Perangkat Daerah \(OPD\) · versi 1/);

    // Duplicate name: the server's 409 shows up on the form.
    await form.getByLabel('Nama instansi').fill(name);
    await form.getByRole('button', { name: 'Tambah instansi' }).click();
    await form.getByRole('alert').locator('.alert-title').waitFor();

    await row.getByRole('button', { name: `Ubah ${name}` }).click();
    const edit = row.locator('form');
    await edit.getByLabel('Singkatan (opsional)').fill('Kominfo');
    await edit.getByLabel('Aktif melayani').uncheck();
    await checkPage(page, 'admin-agency-edit');
    await edit.getByRole('button', { name: 'Simpan' }).click();
    await page.getByRole('status').getByText(`Perubahan ${name} disimpan.`).waitFor();
    await page.waitForFunction((n) => [...document.querySelectorAll('li.row')].some((li) => li.textContent.includes(n) && li.textContent.includes('versi 2')), name);
    assert.match(await row.innerText(), /Nonaktif[\s\S]*Kominfo · Perangkat Daerah \(OPD\) · versi 2/);
    assertNoProblems(page, 'agencies');
  });
});

test('region admin: API token created (shown once, copy button) and revoked', async () => {
  await withPage(browser, 'region-admin-api-token-created-shown-onc', {}, async (page, context) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(BASE_URL).origin });
    await login(page, TADMIN);
    await nav(page).getByRole('link', { name: 'Token API' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/tokens');
    await ready(page);
    await checkPage(page, 'admin-tokens');

    const tname = `Integrasi SIMBG ${RUN}`;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Buat token' }) });
    await form.getByLabel('Nama token').fill(tname);
    // No role chosen: the server's 422 on "roles" is shown at the role group.
    await form.getByRole('button', { name: 'Buat token' }).click();
    await form.locator('fieldset .field-error').waitFor();
    await form.getByLabel('Petugas back office').check();
    await form.getByRole('button', { name: 'Buat token' }).click();
    const secret = page.getByLabel('Token', { exact: true });
    await secret.waitFor();
    const value = await secret.inputValue();
    assert.match(value, /^sp_[A-Za-z0-9_-]{43}$/, `token format: ${value}`);
    await page.getByRole('button', { name: 'Salin' }).click();
    await page.getByText(/Token disalin ke papan klip\.|Token sudah dipilih/).waitFor();
    await checkPage(page, 'admin-token-secret');

    // The token works against the API.
    const me = await page.evaluate(async (tok) => (await fetch('/api/v1/users?region=32.11', { headers: { Authorization: `Bearer ${tok}` } })).status, value);
    assert.ok([200, 403].includes(me), `bearer token accepted by the server (status ${me})`);

    await page.getByRole('button', { name: 'Sudah saya simpan' }).click();
    assert.equal(await page.getByLabel('Token', { exact: true }).count(), 0, 'the secret is gone once dismissed');
    const row = page.locator('li.row', { hasText: tname });
    await row.getByRole('button', { name: `Cabut: ${tname}` }).click();
    await row.getByRole('button', { name: 'Ya, cabut token' }).click();
    await page.getByRole('status').getByText(`Token ${tname} dicabut.`).waitFor();
    await page.locator('li.row', { hasText: tname }).getByText('Dicabut', { exact: true }).waitFor();
    const after = await page.evaluate(async (tok) => (await fetch('/api/v1/users?region=32.11', { headers: { Authorization: `Bearer ${tok}` } })).status, value);
    assert.equal(after, 401, 'a revoked token is refused');
    assertNoProblems(page, 'tokens');
  });
});

test('region admin: audit trail lists the changes, newest first, with paging', async () => {
  await withPage(browser, 'region-admin-audit-trail-lists-the-chang', {}, async (page, context) => {
    await login(page, TADMIN);
    await nav(page).getByRole('link', { name: 'Jejak audit' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/audit');
    await ready(page);
    await page.locator('ol.audit > li').first().waitFor();
    const first = await page.locator('ol.audit > li').first().innerText();
    assert.match(first, /Masuk/, `the newest entry is this login: ${first}`);
    await checkPage(page, 'admin-audit');
    // Paging: 3 entries a page, then the next 3 through next_cursor, newest first throughout.
    await page.goto('/admin/audit?limit=3');
    await ready(page);
    await page.waitForFunction(() => document.querySelectorAll('ol.audit > li').length === 3);
    await page.getByRole('button', { name: 'Muat catatan sebelumnya' }).click();
    await page.waitForFunction(() => document.querySelectorAll('ol.audit > li').length === 6);
    await page.getByRole('status').getByText('6 catatan ditampilkan.').waitFor();
    const times = await page.locator('ol.audit > li time').evaluateAll((els) => els.map((e) => Date.parse(e.getAttribute('datetime'))));
    assert.equal(times.length, 6);
    for (let i = 1; i < times.length; i++) assert.ok(times[i] <= times[i - 1], `newest first: ${times.join(', ')}`);
    await screenshot(page, 'admin-audit-paged');
    await page.goto('/admin/audit');
    await ready(page);
    await page.getByText(/Akun dibuat|Instansi ditambahkan|Token API dibuat/).first().waitFor();
    assertNoProblems(page, 'audit');
  });
});

test('platform admin: every region in the audit trail and users of any region', async () => {
  assert.ok(PADMIN.password, 'SATUPINTU_PADMIN_PASSWORD must be set (tests/browser/run.sh sets it)');
  await withPage(browser, 'platform-admin-every-region-in-the-audit', { viewport: DESKTOP }, async (page, context) => {
    await login(page, PADMIN);
    assert.deepEqual(await navNames(page), ['Beranda', 'Pengguna', 'Instansi', 'Layanan', 'Kalender kerja', 'Token API', 'Notifikasi', 'Jejak audit']);
    await page.goto('/admin/audit?region=all');
    await ready(page);
    await page.locator('ol.audit > li').first().waitFor();
    await checkPage(page, 'desktop-admin-audit-all');
    await page.goto('/admin/users?region=32.11');
    await ready(page);
    await page.getByRole('link', { name: 'Test Admin' }).waitFor();
    await checkPage(page, 'desktop-admin-users');
  });
});

test('region admin: users and API tokens lists page with "Muat lebih banyak"', async () => {
  await withPage(browser, 'region-admin-users-and-tokens-paging', {}, async (page, context) => {
    await login(page, TADMIN);
    // Users, two a page: every click appends the next page until there is none; each user once.
    const all = await page.evaluate(async () => (await (await fetch('/api/v1/users?region=32.11&limit=200')).json()).data.map((u) => u.id));
    assert.ok(all.length >= 4, `users of 32.11: ${all.length}`);
    await page.goto('/admin/users?limit=2');
    await ready(page);
    const users = page.locator('[data-testid="users-list"] > li');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-list"] > li').length === 2);
    const more = page.getByRole('button', { name: 'Muat lebih banyak' });
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-list"] > li').length === 4);
    await page.getByRole('status').getByText('4 ditampilkan.').waitFor();
    await checkPage(page, 'admin-users-paged');
    for (let n = 4; n < all.length; n = Math.min(n + 2, all.length)) {
      await more.click();
      await page.waitForFunction((k) => document.querySelectorAll('[data-testid="users-list"] > li').length === k, Math.min(n + 2, all.length));
    }
    assert.equal(await more.count(), 0, 'no button after the last page');
    const shown = await users.locator('a.row-title').evaluateAll((as) => as.map((a) => Number(a.getAttribute('href').split('/').pop())));
    assert.deepEqual(shown, all, 'every user once, newest first, as the API lists them');

    // Tokens, one a page: three new ones, the third loaded by "Muat lebih banyak", revoked in place.
    await page.goto('/admin/tokens');
    await ready(page);
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Buat token' }) });
    const names = [1, 2, 3].map((i) => `Halaman ${RUN} ${i}`);
    for (const name of names) {
      await form.getByLabel('Nama token').fill(name);
      await form.getByLabel('Petugas front office').check();
      await form.getByRole('button', { name: 'Buat token' }).click();
      await page.getByRole('button', { name: 'Sudah saya simpan' }).click();
      await page.locator('li.row', { hasText: name }).waitFor();
    }
    await page.goto('/admin/tokens?limit=1');
    await ready(page);
    const rows = page.locator('section[aria-labelledby="tokens-list-h"] li.row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), new RegExp(names[2]));
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('section[aria-labelledby="tokens-list-h"] li.row').length === 2);
    await more.click();
    await page.waitForFunction(() => document.querySelectorAll('section[aria-labelledby="tokens-list-h"] li.row').length === 3);
    const texts = await rows.allInnerTexts();
    assert.deepEqual(names.map((n) => texts.findIndex((x) => x.includes(n))), [2, 1, 0], 'newest first');
    const row = rows.filter({ hasText: names[0] });
    await row.getByRole('button', { name: `Cabut: ${names[0]}` }).click();
    await row.getByRole('button', { name: 'Ya, cabut token' }).click();
    await page.getByRole('status').getByText(`Token ${names[0]} dicabut.`).waitFor();
    await row.getByText('Dicabut', { exact: true }).waitFor();
    assert.equal(await rows.count(), 3, 'the loaded pages stay');
    await checkPage(page, 'admin-tokens-paged');
  });
});
