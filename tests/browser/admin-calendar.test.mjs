// The working calendar page (/admin/calendar, GET/PUT /api/v1/regions/{code}/calendar):
// the region admin `tadmin` sees the region's time zone and office hours, gets the
// server's 422 beside the Friday interval and the 409 of a stale version, adds a holiday,
// changes the Friday hours and adds Ramadan hours, saves, reloads and finds them stored;
// exports and imports JSON. Other regions are read-only; `padmin` sees a WITA default.
// Every page: axe, 360 px (or desktop), screenshot. Runs again against the same server.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import { DESKTOP, PADMIN, TADMIN, assertNoProblems, checkPage, launch, login, ready, screenshot, withPage } from './lib.mjs';

let browser;
before(async () => {
  assert.ok(TADMIN.password, 'SATUPINTU_TADMIN_PASSWORD must be set (tests/browser/run.sh sets it)');
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

const RUN = `${Date.now() % 1000000}`;
const nav = (page) => page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ });
const section = (page, name) => page.locator('section', { has: page.getByRole('heading', { level: 2, name, exact: true }) });
const weekly = (page) => section(page, 'Jam kerja');
const day = (page, name) => weekly(page).getByRole('group', { name, exact: true });
const status = (page) => page.locator('main [role="status"]').first();

/** Values of the holiday name inputs, in the order shown. */
const holidayNames = (page) => page.locator('input[id^="cal-holidays["][id$="].name"]').evaluateAll((els) => els.map((e) => e.value));

/** Another admin saves the calendar of 32.11 as it is (the page's version becomes stale). */
function saveBehindTheBack(page) {
  return page.evaluate(async () => {
    const me = await (await fetch('/api/v1/auth/me')).json();
    const cur = await (await fetch('/api/v1/regions/32.11/calendar')).json();
    const { region_code: _r, utc_offset: _u, updated_at: _a, ...body } = cur;
    const r = await fetch('/api/v1/regions/32.11/calendar', {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
      body: JSON.stringify(body),
    });
    return r.status;
  });
}

test('region admin: working calendar of 32.11 — 409, 422, a holiday, Friday and Ramadan hours saved and reloaded', async () => {
  await withPage(browser, 'region-admin-working-calendar', {}, async (page) => {
    await login(page, TADMIN);
    await nav(page).getByRole('link', { name: 'Kalender kerja' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/calendar');
    await ready(page);
    await day(page, 'Jumat').getByLabel('Mulai', { exact: true }).first().waitFor();
    assert.equal(await page.getByLabel('Zona waktu wilayah').inputValue(), 'WIB', 'Jawa Barat is WIB');
    for (const d of ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu']) await day(page, d).waitFor();
    assert.match(await day(page, 'Minggu').innerText(), /Tutup/, 'Sunday closed');
    await checkPage(page, 'admin-calendar');

    // A stale version: someone else saves first; the page says so and loads the latest version.
    assert.equal(await saveBehindTheBack(page), 200);
    await page.getByRole('button', { name: 'Simpan kalender' }).click();
    const alert = page.locator('.alert[role="alert"]');
    await alert.getByText('Kalender ini sudah diubah orang lain sejak Anda membukanya.').waitFor();
    await alert.getByRole('button', { name: 'Muat versi terbaru' }).click();
    await status(page).getByText('Versi terbaru kalender dimuat.').waitFor();
    await ready(page);
    const version = Number(/Versi (\d+)/.exec(await page.locator('.cal-version').innerText())[1]);
    assert.ok(version >= 1, `version read: ${version}`);

    // The server's 422 lands beside the Friday interval that ends before it starts.
    const fri = day(page, 'Jumat');
    await fri.getByLabel('Selesai', { exact: true }).nth(0).fill('07:00');
    await page.getByRole('button', { name: 'Simpan kalender' }).click();
    await fri.getByText('Rentang jam kerja berakhir sebelum dimulai.').waitFor();
    assert.equal(await fri.getByLabel('Mulai', { exact: true }).nth(0).getAttribute('aria-invalid'), 'true');
    assert.equal(await fri.getByLabel('Selesai', { exact: true }).nth(0).getAttribute('aria-invalid'), 'true');
    assert.equal(await fri.getByLabel('Mulai', { exact: true }).nth(1).getAttribute('aria-invalid'), null, 'only the first interval');
    const link = alert.getByRole('link', { name: /Jam kerja · Jumat · Rentang 1: Rentang jam kerja berakhir sebelum dimulai\./ });
    await link.waitFor();
    await checkPage(page, 'admin-calendar-errors');
    await link.click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'cal-week.fri[0]', 'the summary link focuses the interval');

    // Friday 07:30-11:00 and 13:30-16:30; a cuti bersama day; Ramadan hours as an exception.
    await fri.getByLabel('Selesai', { exact: true }).nth(0).fill('11:00');
    await fri.getByLabel('Mulai', { exact: true }).nth(1).fill('13:30');
    await fri.getByLabel('Selesai', { exact: true }).nth(1).fill('16:30');
    const holidayName = `Cuti bersama Natal ${RUN}`;
    const before = (await holidayNames(page)).length;
    await page.getByRole('button', { name: 'Tambah hari libur' }).click();
    const hol = page.getByRole('group', { name: `Hari libur ${before + 1}`, exact: true });
    await hol.waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.id), `cal-holidays[${before}].first`, 'focus on the new row');
    await hol.getByLabel('Tanggal', { exact: true }).fill('2026-12-24');
    await hol.getByLabel('Nama (opsional)').fill(holidayName);

    const exceptions = section(page, 'Pengecualian');
    const exBefore = await exceptions.getByRole('group', { name: /^Pengecualian \d+$/ }).count();
    await page.getByRole('button', { name: 'Tambah pengecualian' }).click();
    const ex = exceptions.getByRole('group', { name: `Pengecualian ${exBefore + 1}`, exact: true });
    await ex.getByLabel('Dari tanggal').fill('2027-02-08');
    await ex.getByLabel('Sampai tanggal (opsional)').fill('2027-03-09');
    await ex.getByLabel('Nama (opsional)').fill(`Ramadan 1448 H ${RUN}`);
    await ex.getByRole('button', { name: 'Isi jam Ramadan' }).click();
    assert.equal(await ex.getByRole('group', { name: 'Jumat', exact: true }).getByLabel('Selesai', { exact: true }).nth(1).inputValue(), '15:30');
    await page.getByText('Ada perubahan yang belum disimpan.').waitFor();
    await checkPage(page, 'admin-calendar-edited');

    await page.getByRole('button', { name: 'Simpan kalender' }).click();
    await status(page).getByText(`Kalender disimpan (versi ${version + 1}).`).waitFor();
    await page.getByText('Tidak ada perubahan.').waitFor();
    assert.equal(await page.locator('main .alert-error').count(), 0, 'no errors left');

    // Reload: stored.
    await page.reload();
    await ready(page);
    await day(page, 'Jumat').getByLabel('Mulai', { exact: true }).first().waitFor();
    assert.match(await page.locator('.cal-version').innerText(), new RegExp(`Versi ${version + 1}`));
    const friAfter = day(page, 'Jumat');
    assert.equal(await friAfter.getByLabel('Selesai', { exact: true }).nth(0).inputValue(), '11:00');
    assert.equal(await friAfter.getByLabel('Mulai', { exact: true }).nth(1).inputValue(), '13:30');
    const names = await holidayNames(page);
    const i = names.indexOf(holidayName);
    assert.ok(i >= 0, `holiday stored: ${JSON.stringify(names)}`);
    assert.equal(await page.getByRole('group', { name: `Hari libur ${i + 1}`, exact: true }).getByLabel('Tanggal', { exact: true }).inputValue(), '2026-12-24');
    const exNames = await page.locator('input[id^="cal-exceptions["][id$="].name"]').evaluateAll((els) => els.map((e) => e.value));
    const j = exNames.indexOf(`Ramadan 1448 H ${RUN}`);
    assert.ok(j >= 0, `exception stored: ${JSON.stringify(exNames)}`);
    const exAfter = page.getByRole('group', { name: `Pengecualian ${j + 1}`, exact: true });
    assert.equal(await exAfter.getByLabel('Dari tanggal').inputValue(), '2027-02-08');
    assert.equal(await exAfter.getByRole('group', { name: 'Senin', exact: true }).getByLabel('Mulai', { exact: true }).first().inputValue(), '08:00');
    assert.match(await exAfter.getByRole('group', { name: 'Sabtu', exact: true }).innerText(), /Tutup/);
    await checkPage(page, 'admin-calendar-saved');

    // The public GET answers what was saved.
    const stored = await page.evaluate(async () => (await fetch('/api/v1/regions/32.11/calendar')).json());
    assert.equal(stored.version, version + 1);
    assert.deepEqual(stored.week.fri, [['07:30', '11:00'], ['13:30', '16:30']]);
    assert.ok(stored.holidays.some((h) => h.name === holidayName && h.first === '2026-12-24' && h.last === '2026-12-24'));

    // Remove the exception again (keeps reruns short), save.
    await exAfter.getByRole('button', { name: /^Hapus: Pengecualian/ }).click();
    await page.getByRole('button', { name: 'Simpan kalender' }).click();
    await status(page).getByText(`Kalender disimpan (versi ${version + 2}).`).waitFor();
    assertNoProblems(page, 'calendar');
  });
});

test('region admin: export JSON, import a holiday file (and a broken one), save', async () => {
  await withPage(browser, 'region-admin-calendar-export-import', {}, async (page) => {
    await login(page, TADMIN);
    await page.goto('/admin/calendar');
    await ready(page);
    await day(page, 'Senin').getByLabel('Mulai', { exact: true }).first().waitFor();
    const version = Number((/Versi (\d+)/.exec(await page.locator('.cal-version').innerText()) || [0, 0])[1]);

    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Ekspor JSON' }).click()]);
    assert.equal(dl.suggestedFilename(), `kalender-32.11-v${version}.json`);
    const exported = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
    assert.deepEqual(Object.keys(exported).sort(), ['exceptions', 'holidays', 'time_zone', 'version', 'week'], 'the PUT format');
    assert.equal(exported.version, version);
    assert.equal(exported.time_zone, 'WIB');
    assert.equal(exported.week.mon.length >= 1, true);

    // Not JSON: said beside the file input, the form unchanged.
    const file = page.getByLabel('Impor JSON');
    await file.setInputFiles({ name: 'rusak.json', mimeType: 'application/json', buffer: Buffer.from('{"holidays": [') });
    await page.getByText('Berkas rusak.json bukan JSON yang sah.').waitFor();
    assert.equal(await file.getAttribute('aria-describedby'), 'cal-import-hint cal-import-err');

    // A holiday list in the import format: the holidays are replaced by the file's, the rest stays.
    const name = `Tahun Baru 2027 ${RUN}`;
    const holidays = [...exported.holidays, { first: '2027-01-01', name }, { first: '2027-03-10', last: '2027-03-11', name: `Idul Fitri 1448 H ${RUN}` }];
    await file.setInputFiles({ name: 'libur-2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ holidays })) });
    await status(page).getByText(`Berkas libur-2027.json dimuat: ${holidays.length} hari libur`).waitFor();
    assert.ok((await holidayNames(page)).includes(name));
    await checkPage(page, 'admin-calendar-imported');
    await page.getByRole('button', { name: 'Simpan kalender' }).click();
    await status(page).getByText(`Kalender disimpan (versi ${version + 1}).`).waitFor();
    await page.reload();
    await ready(page);
    await day(page, 'Senin').getByLabel('Mulai', { exact: true }).first().waitFor();
    const names = await holidayNames(page);
    assert.ok(names.includes(name) && names.includes(`Idul Fitri 1448 H ${RUN}`), JSON.stringify(names));
    assertNoProblems(page, 'calendar import');
  });
});

test('region admin: another region is read-only; platform admin: a WITA default on desktop', async () => {
  await withPage(browser, 'calendar-read-only-and-platform-admin', {}, async (page) => {
    await login(page, TADMIN);
    await page.goto('/admin/calendar?region=18.01');
    await ready(page);
    await page.getByText('Wilayah ini di luar wilayah yang Anda kelola: kalendernya hanya dapat dilihat.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Simpan kalender' }).count(), 0);
    assert.equal(await day(page, 'Senin').getByLabel('Mulai', { exact: true }).first().isEditable(), false, 'read-only hours');
    assert.equal(await page.getByLabel('Impor JSON').count(), 0, 'no import');
    await checkPage(page, 'admin-calendar-read-only');
  });
  assert.ok(PADMIN.password, 'SATUPINTU_PADMIN_PASSWORD must be set (tests/browser/run.sh sets it)');
  await withPage(browser, 'calendar-platform-admin-wita', { viewport: DESKTOP }, async (page) => {
    await login(page, PADMIN);
    await page.goto('/admin/calendar?region=73.71');
    await ready(page);
    await day(page, 'Jumat').getByLabel('Mulai', { exact: true }).first().waitFor();
    assert.equal(await page.getByLabel('Zona waktu wilayah').inputValue(), 'WITA', 'Kota Makassar is WITA');
    assert.match(await page.locator('.cal-version').innerText(), /Belum ada kalender tersimpan/);
    assert.equal(await day(page, 'Jumat').getByLabel('Selesai', { exact: true }).nth(1).inputValue(), '16:30', 'Perpres 21/2023 Friday');
    await page.getByText('Total 37,5 jam kerja per minggu.').waitFor();
    await checkPage(page, 'desktop-admin-calendar');
    await screenshot(page, 'desktop-admin-calendar-top');
  });
});
