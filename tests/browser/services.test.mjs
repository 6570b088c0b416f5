// The service catalogue: a visitor browses the published services of Kabupaten Sumedang at
// 360 px (search, agency and channel filters in the address), opens "PBG untuk MBR" and reads
// its fee, working time, documents, form fields and Standar Pelayanan (also in English); the
// region admin `tadmin` creates a service (the server's 422 beside "form[0].options" and
// "requirements[0].formats"), is refused publication while a component of Standar Pelayanan
// is empty (the message beside that textarea), fills it, publishes, meets a stale version
// (409, "load the latest version"), and the visitor finds the new service in the catalogue;
// after it is retired it is gone again. Every page: axe, 360 px (or desktop), screenshot.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DESKTOP, TADMIN, assertNoProblems, checkPage, launch, login, navNames, ready, withPage } from './lib.mjs';

let browser;
before(async () => {
  assert.ok(TADMIN.password, 'SATUPINTU_TADMIN_PASSWORD must be set (tests/browser/run.sh sets it)');
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

const RUN = `${Date.now() % 1000000}`;
const NEW = { name: `Izin Reklame Uji ${RUN}`, code: `reklame-${RUN}` };
const nav = (page) => page.getByRole('navigation', { name: /Navigasi utama|Main navigation/ });
const cards = (page) => page.locator('main .svc-card');
const cardNames = (page) => page.locator('main .svc-card h3').allInnerTexts();
const status = (page) => page.locator('main [role="status"]').first();

/** The error text tied to a control (its aria-describedby .field-error), '' when none. */
function errorOf(locator) {
  return locator.evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
    return ids.map((id) => document.getElementById(id)).filter((n) => n && n.classList.contains('field-error'))
      .map((n) => n.textContent.replace(/^(Kesalahan|Error): /, '').trim()).join(' ');
  });
}

/** Wait until the catalogue shows exactly `names` (in order). */
async function waitForCards(page, names) {
  await page.waitForFunction((want) => {
    const got = [...document.querySelectorAll('main .svc-card h3')].map((h) => h.textContent.trim());
    return !document.querySelector('main .loading') && JSON.stringify(got) === JSON.stringify(want);
  }, names, { timeout: 15000 }).catch(async (e) => {
    throw new Error(`${e.message}\ncards: ${JSON.stringify(await cardNames(page))}, want ${JSON.stringify(names)}`);
  });
}

test('visitor: the Sumedang catalogue at 360 px, filters, and PBG untuk MBR with its Standar Pelayanan', async () => {
  await withPage(browser, 'visitor-catalogue', {}, async (page) => {
    await page.goto('/');
    await ready(page);
    await nav(page).getByRole('link', { name: 'Layanan' }).click();
    await page.waitForURL((u) => u.pathname === '/services');
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Katalog layanan');
    // No region chosen: Kabupaten Sumedang (32.11).
    await page.locator('main .svc-region').getByText('Kabupaten Sumedang').waitFor();
    await status(page).getByText('7 layanan ditemukan.').waitFor();
    const all = await cardNames(page);
    for (const name of ['PBG untuk MBR', 'Pendampingan Perizinan Berusaha (NIB)', 'KTP-el', 'Kartu Keluarga', 'Akta Kelahiran',
      'Surat Izin Praktik Tenaga Kesehatan', 'Legalisir Ijazah']) assert.ok(all.includes(name), `${name} in ${all}`);
    const pbg = cards(page).filter({ has: page.getByRole('link', { name: 'PBG untuk MBR', exact: true }) });
    const pbgText = await pbg.innerText();
    assert.match(pbgText, /Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu/);
    assert.match(pbgText, /Biaya\s+Gratis/);
    assert.match(pbgText, /Waktu penyelesaian\s+3 jam kerja/);
    assert.match(pbgText, /Daring/);
    assert.match(pbgText, /Loket MPP/);
    await checkPage(page, 'services');

    // Search by name, then agency and channel filters; each lands in the address.
    await page.getByLabel('Nama layanan').fill('akta');
    await waitForCards(page, ['Akta Kelahiran']);
    assert.equal(new URL(page.url()).searchParams.get('q'), 'akta');
    await page.getByLabel('Nama layanan').fill('');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await status(page).getByText('7 layanan ditemukan.').waitFor();
    await page.getByLabel('Instansi').selectOption({ label: 'Disdukcapil' });
    await waitForCards(page, ['Akta Kelahiran', 'KTP-el', 'Kartu Keluarga']);
    await page.getByLabel('Cara pengajuan').selectOption({ label: 'MPP keliling' });
    await waitForCards(page, ['KTP-el', 'Kartu Keluarga']);
    const u = new URL(page.url());
    assert.equal(u.searchParams.get('channel'), 'mobile');
    assert.ok(/^\d+$/.test(u.searchParams.get('agency') || ''), `agency id in the address: ${u.search}`);
    await checkPage(page, 'services-filtered');
    // The filters survive a reload (they are in the address).
    await page.reload();
    await ready(page);
    await waitForCards(page, ['KTP-el', 'Kartu Keluarga']);
    assert.equal(await page.getByLabel('Cara pengajuan').inputValue(), 'mobile');
    // Nothing matches: said so, with a way back.
    await page.getByLabel('Nama layanan').fill('zzzz tidak ada');
    await page.locator('main .empty').getByText('Tidak ada layanan yang cocok.', { exact: false }).waitFor();
    await page.getByRole('link', { name: 'Hapus saringan' }).click();
    await status(page).getByText('7 layanan ditemukan.').waitFor();
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await page.getByLabel('Nama layanan').inputValue(), '');

    // The service page.
    await page.getByRole('link', { name: 'PBG untuk MBR', exact: true }).click();
    await page.waitForURL((x) => /^\/services\/\d+$/.test(x.pathname));
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'PBG untuk MBR');
    const facts = await page.locator('main .svc-dl').innerText();
    assert.match(facts, /Biaya\s+Gratis/);
    assert.match(facts, /Waktu penyelesaian\s+3 jam kerja/);
    assert.match(facts, /Bila waktu terlampaui\s+Permohonan dianggap dikabulkan/);
    assert.match(facts, /Cara pengajuan\s+Daring, Loket MPP/);
    assert.equal(await page.getByRole('button', { name: 'Ajukan permohonan' }).isDisabled(), true, 'a visitor logs in to apply');
    await page.locator('#svc-apply-note').getByText('Masuk sebagai warga untuk mengajukan permohonan secara daring.').waitFor();

    const std = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Standar Pelayanan' }) });
    const delivery = std.locator('section', { has: page.getByRole('heading', { level: 3, name: 'Penyampaian pelayanan' }) });
    const management = std.locator('section', { has: page.getByRole('heading', { level: 3, name: 'Pengelolaan pelayanan' }) });
    assert.deepEqual(await delivery.locator('h4').allInnerTexts(), ['Persyaratan', 'Sistem, mekanisme dan prosedur',
      'Jangka waktu penyelesaian', 'Biaya/tarif', 'Produk pelayanan', 'Penanganan pengaduan, saran dan masukan']);
    assert.deepEqual(await management.locator('h4').allInnerTexts(), ['Dasar hukum', 'Sarana, prasarana dan/atau fasilitas',
      'Kompetensi pelaksana', 'Pengawasan internal', 'Jumlah pelaksana', 'Jaminan pelayanan',
      'Jaminan keamanan dan keselamatan pelayanan', 'Evaluasi kinerja pelaksana']);
    assert.equal(await std.getByText('Belum diisi.').count(), 0, 'a published service has every component');

    const prepare = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Yang perlu disiapkan' }) });
    const docs = prepare.locator('ul.items').first();
    const docText = await docs.innerText();
    assert.match(docText, /KTP-el pemohon\s+Wajib\s+PDF, JPG atau PNG, paling besar 2 MB/);
    assert.match(docText, /Bukti kepemilikan tanah\s+Wajib\s+PDF, paling besar 5 MB/);
    assert.match(docText, /Gambar rencana rumah\s+Wajib\s+PDF, JPG atau PNG, paling besar 10 MB/);
    const fieldText = await prepare.locator('ul.items').nth(1).innerText();
    for (const re of [/Luas bangunan \(m2\)\s+Wajib\s+Angka/, /Jumlah lantai\s+Wajib\s+Angka/, /Alamat bangunan\s+Wajib\s+Teks/,
      /Desa\/kelurahan\s+Wajib\s+Wilayah/, /Fungsi bangunan\s+Wajib\s+Pilihan: Hunian/]) assert.match(fieldText, re);
    await checkPage(page, 'service-pbg');

    // English: the strings of the page's own part are switched too.
    await page.getByRole('button', { name: /^EN\b/ }).click();
    await page.getByRole('heading', { level: 3, name: 'Service delivery' }).waitFor();
    await page.getByRole('heading', { level: 4, name: 'Staff performance evaluation' }).waitFor();
    assert.match(await page.locator('main .svc-dl').innerText(), /Completion time\s+3 working hours/);
    await checkPage(page, 'service-pbg-en');
    await page.getByRole('link', { name: /All services/ }).click();
    await page.waitForURL((x) => x.pathname === '/services');
    await page.getByText('7 services found.').waitFor();
    await page.getByRole('button', { name: /^ID\b/ }).click();
    await page.getByText('7 layanan ditemukan.').waitFor();

    assertNoProblems(page, 'visitor');

    // A service that does not exist: the 404 answer is the expected one (the console notes it).
    await page.goto('/services/987654321');
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Halaman tidak ditemukan');
    page.problems = page.problems.filter((p) => !/status of 404 \(Not Found\)/.test(p));
    assertNoProblems(page, 'visitor, unknown service');
  });
});

test('region admin: create a service, publish refused with an empty component, fill it, publish; the visitor finds it', async () => {
  let serviceId;
  await withPage(browser, 'admin-service', {}, async (page) => {
    await login(page, TADMIN);
    assert.deepEqual(await navNames(page), ['Beranda', 'Pengguna', 'Instansi', 'Layanan', 'Kalender kerja', 'Token API', 'Notifikasi', 'Jejak audit']);
    await nav(page).getByRole('link', { name: 'Layanan' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/services');
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Kelola layanan');
    await page.getByRole('link', { name: 'PBG untuk MBR', exact: true }).waitFor();
    await checkPage(page, 'admin-services');

    await page.getByRole('link', { name: 'Tambah layanan' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/services/new' && u.searchParams.get('region') === '32.11');
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), 'Layanan baru');
    await page.getByLabel('Instansi').selectOption({ label: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)' });
    await page.getByLabel('Nama layanan').fill(NEW.name);
    await page.getByLabel('Kode', { exact: true }).fill(NEW.code);
    await page.getByLabel('Biaya (rupiah)').fill('150000');
    await page.getByText('Rp 150.000').waitFor(); // the fee as people read it, beside the input
    await page.getByLabel('Waktu penyelesaian (menit kerja)').fill('450');
    await page.getByText('Sama dengan 7,5 jam kerja.').waitFor();
    await page.getByRole('group', { name: 'Cara pengajuan' }).getByLabel('MPP keliling').check();
    // Every component but the last one (Evaluasi kinerja pelaksana).
    const texts = {
      Persyaratan: 'KTP-el pemohon; foto atau desain reklame.',
      'Sistem, mekanisme dan prosedur': 'Ajukan daring;\npetugas memeriksa;\nizin terbit.',
      'Jangka waktu penyelesaian': '7,5 jam kerja sejak berkas lengkap.',
      'Biaya/tarif': 'Rp150.000 sesuai Perda Pajak dan Retribusi Daerah.',
      'Produk pelayanan': 'Izin penyelenggaraan reklame.',
      'Penanganan pengaduan, saran dan masukan': 'SP4N-LAPOR! dan loket pengaduan MPP.',
      'Dasar hukum': 'Perda Kabupaten Sumedang tentang Pajak dan Retribusi Daerah.',
      'Sarana, prasarana dan/atau fasilitas': 'Loket MPP dan satupintu.',
      'Kompetensi pelaksana': 'Memahami peraturan reklame.',
      'Pengawasan internal': 'Atasan langsung dan Inspektorat Daerah.',
      'Jumlah pelaksana': 'Dua petugas.',
      'Jaminan pelayanan': 'Sesuai standar ini.',
      'Jaminan keamanan dan keselamatan pelayanan': 'Data pribadi dilindungi.',
    };
    for (const [label, text] of Object.entries(texts)) await page.getByLabel(label, { exact: true }).fill(text);

    // A document without a format and a choice field without choices: the server's 422
    // "requirements[0].formats" and "form[0].options" appear beside those inputs.
    await page.getByRole('button', { name: 'Tambah dokumen' }).click();
    const doc = page.getByRole('group', { name: /^Dokumen 1/ });
    // Focus moves to the new document's first input.
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'svc-requirements[0].code');
    await doc.getByLabel('Kode', { exact: true }).fill('desain');
    await doc.getByLabel('Nama dokumen', { exact: true }).fill('Desain reklame');
    await doc.getByLabel('PDF', { exact: true }).uncheck();
    await page.getByRole('button', { name: 'Tambah isian' }).click();
    const field = page.getByRole('group', { name: /^Isian 1/ });
    await field.getByLabel('Label', { exact: true }).fill('Jenis reklame');
    await field.getByLabel('Nama teknis', { exact: true }).fill('jenis_reklame');
    await field.getByLabel('Jenis', { exact: true }).selectOption({ label: 'Pilihan' });
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    const alert = page.locator('main .alert[role="alert"]');
    await alert.getByText('Periksa kembali isian yang ditandai.').waitFor();
    const options = field.getByLabel('Pilihan', { exact: true });
    await page.waitForFunction(() => document.getElementById('svc-form[0].options').getAttribute('aria-invalid') === 'true');
    assert.ok((await errorOf(options)).length > 0, 'form[0].options error beside the choices');
    const formats = doc.getByRole('group', { name: 'Format berkas' });
    assert.ok((await formats.locator('.field-error').innerText()).length > 0, 'requirements[0].formats error beside the formats');
    assert.ok(await alert.getByRole('link', { name: /^Isian 1 · Pilihan: / }).isVisible());
    assert.ok(await alert.getByRole('link', { name: /^Dokumen 1 · Format berkas: / }).isVisible());
    await checkPage(page, 'admin-service-new-errors');
    // The summary link focuses the input.
    await alert.getByRole('link', { name: /^Isian 1 · Pilihan: / }).click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'svc-form[0].options');
    await options.fill('Papan\nBaliho\nSpanduk');
    await formats.getByLabel('JPG', { exact: true }).check();
    await page.getByRole('button', { name: 'Simpan draf' }).click();
    await page.waitForURL((u) => /^\/admin\/services\/\d+$/.test(u.pathname));
    serviceId = Number(new URL(page.url()).pathname.split('/').pop());
    await ready(page);
    await status(page).getByText(`Draf layanan ${NEW.name} disimpan (versi 1).`).waitFor();
    assert.equal(await page.locator('h1').innerText(), NEW.name);
    assert.match(await page.locator('main .svc-state').innerText(), /Draf · versi 1 · disimpan/);
    assert.equal(await page.getByLabel('Sistem, mekanisme dan prosedur').inputValue(), texts['Sistem, mekanisme dan prosedur']);

    // Publishing with "Evaluasi kinerja pelaksana" empty: refused, the message beside it.
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await alert.getByText('Layanan belum dapat diterbitkan. Lengkapi isian yang ditandai.').waitFor();
    const evaluasi = page.getByLabel('Evaluasi kinerja pelaksana', { exact: true });
    await page.waitForFunction(() => document.getElementById('svc-standard.evaluasi').getAttribute('aria-invalid') === 'true');
    assert.ok((await errorOf(evaluasi)).length > 0, 'standard.evaluasi error beside its textarea');
    assert.equal(await page.getByLabel('Jaminan pelayanan', { exact: true }).getAttribute('aria-invalid'), null, 'only the empty one');
    const link = alert.getByRole('link', { name: /^Evaluasi kinerja pelaksana: / });
    await link.waitFor();
    await checkPage(page, 'admin-service-publish-refused');
    await link.click();
    await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'svc-standard.evaluasi');

    // Filled in: publishing saves the change first, then publishes.
    await evaluasi.fill('Survei Kepuasan Masyarakat tiap semester.');
    await page.getByText('Ada perubahan yang belum disimpan.').waitFor();
    await page.getByRole('button', { name: 'Terbitkan' }).click();
    await status(page).getByText(`Layanan ${NEW.name} diterbitkan dan tampil di katalog.`).waitFor();
    assert.match(await page.locator('main .svc-state').innerText(), /Terbit · versi 3 · disimpan/);
    assert.equal(await page.getByRole('button', { name: 'Terbitkan' }).count(), 0);
    assert.equal(await evaluasi.getAttribute('aria-invalid'), null);
    await checkPage(page, 'admin-service-published');

    // Someone else saves first: the page says so and loads the latest version.
    const other = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const cur = await (await fetch(`/api/v1/services/${id}`)).json();
      const r = await fetch(`/api/v1/services/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
        body: JSON.stringify({ description: 'Izin reklame papan, baliho dan spanduk.', version: cur.version }),
      });
      return r.status;
    }, serviceId);
    assert.equal(other, 200);
    await page.getByLabel('Nama layanan').fill(`${NEW.name} (ubah)`);
    await page.getByRole('button', { name: 'Simpan perubahan' }).click();
    await alert.getByText('Layanan ini sudah diubah orang lain sejak Anda membukanya.').waitFor();
    await alert.getByRole('button', { name: 'Muat versi terbaru' }).click();
    await status(page).getByText('Versi terbaru layanan dimuat.').waitFor();
    await ready(page);
    assert.equal(await page.getByLabel('Deskripsi (opsional)').inputValue(), 'Izin reklame papan, baliho dan spanduk.');
    assert.equal(await page.getByLabel('Nama layanan').inputValue(), NEW.name);
    assert.match(await page.locator('main .svc-state').innerText(), /versi 4/);

    // The admin list has it, published.
    await page.getByRole('link', { name: 'Daftar layanan' }).click();
    await page.waitForURL((u) => u.pathname === '/admin/services');
    await ready(page);
    const row = page.locator('main .row', { has: page.getByRole('link', { name: NEW.name, exact: true }) });
    await row.getByText('Terbit', { exact: true }).waitFor();
    assertNoProblems(page, 'admin');
  });

  // The visitor finds it in the catalogue and reads it.
  await withPage(browser, 'visitor-finds-new-service', {}, async (page) => {
    await page.goto('/services');
    await ready(page);
    await page.getByLabel('Nama layanan').fill(`Reklame Uji ${RUN}`);
    await waitForCards(page, [NEW.name]);
    const text = await cards(page).first().innerText();
    assert.match(text, /Biaya\s+Rp 150\.000/);
    assert.match(text, /Waktu penyelesaian\s+7,5 jam kerja/);
    assert.match(text, /MPP keliling/);
    await page.getByRole('link', { name: NEW.name, exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/services/${serviceId}`);
    await ready(page);
    assert.equal(await page.locator('h1').innerText(), NEW.name);
    await page.getByText('Survei Kepuasan Masyarakat tiap semester.').waitFor();
    assert.match(await page.locator('main ul.items').first().innerText(), /Desain reklame\s+Wajib\s+JPG, paling besar 2 MB/);
    assert.match(await page.locator('main ul.items').nth(1).innerText(), /Jenis reklame\s+Wajib\s+Pilihan: Papan, Baliho, Spanduk/);
    await checkPage(page, 'service-new-public');
  });

  // Retired: gone from the catalogue; the editor is read-only (desktop).
  await withPage(browser, 'admin-service-retire', { viewport: DESKTOP }, async (page) => {
    await login(page, TADMIN);
    await page.goto(`/admin/services/${serviceId}`);
    await ready(page);
    await page.getByRole('button', { name: /Hentikan layanan/ }).click();
    await page.getByRole('button', { name: 'Ya, hentikan' }).click();
    await status(page).getByText(`Layanan ${NEW.name} dihentikan dan tidak lagi tampil di katalog.`).waitFor();
    await page.getByText('Layanan ini sudah dihentikan dan tidak dapat diubah lagi.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Simpan perubahan' }).count(), 0);
    assert.equal(await page.getByLabel('Nama layanan').getAttribute('readonly'), '');
    await checkPage(page, 'desktop-admin-service-retired');
    const inList = await page.evaluate(async (name) => {
      const r = await (await fetch('/api/v1/services?region=32.11')).json();
      return r.data.some((s) => s.name === name);
    }, NEW.name);
    assert.equal(inList, false, 'a retired service is not in the public list');
    await page.goto('/admin/services?status=retired');
    await ready(page);
    await page.getByRole('link', { name: NEW.name, exact: true }).waitFor();
    await checkPage(page, 'desktop-admin-services-retired');
  });
});
