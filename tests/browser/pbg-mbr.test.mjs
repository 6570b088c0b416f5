// The whole way of one application on the real server: a citizen registers, applies for
// PBG untuk MBR (the server's 422 beside an answer first), keeps the tracking number and PIN,
// uploads the documents (a 415 for the wrong type first); the front office receives and
// verifies, the back office returns it with a comment (the citizen sees the clock paused),
// the citizen resubmits, the front office verifies (a second tab gets the 409), the back office
// recommends, the approver approves; the citizen downloads the PDF and the verify page says
// ASLI / GENUINE; /track with the number and PIN shows the state. Every page: axe + 360 px.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  TADMIN, TAPPR, TBACK, TFRONT, assertNoProblems, checkPage, launch, login, openPage, ready, screenshot, serial,
} from './lib.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  if (browser) await browser.close();
});

const SERIAL = serial();
// 32.11.01 (Wado, Kabupaten Sumedang); born 12-03-1985, male.
const NIK = `321101120385${SERIAL}`;
const CITIZEN = {
  name: 'Asep Sunandar',
  email: `asep.${SERIAL}.${Date.now() % 100000}@example.com`,
  password: 'Sumedang-Rumah-2025!',
};
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01,
  0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]);
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

const file = (name, mimeType, buffer) => ({ name, mimeType, buffer });

/** Open the application page of `id` and wait for it. */
async function openApp(page, id) {
  await page.goto(`/applications/${id}`);
  await ready(page);
  await page.locator('[data-testid="state"]').waitFor();
}

/** Take an action on the open application page and wait for its confirmation. */
async function act(page, action, comment) {
  if (comment !== undefined) await page.getByLabel('Catatan').fill(comment);
  await page.locator(`button[data-action="${action}"]`).click();
  await page.getByRole('status').getByText(/Tindakan ".*" tersimpan\./).waitFor();
  await page.locator(`button[data-action="${action}"]`).waitFor({ state: 'detached' });
}

/** Upload `f` for requirement `code` of application `id` with its own Unggah button. */
async function upload(page, id, code, f) {
  await page.locator(`#up-${id}-${code}`).setInputFiles(f);
  await page.locator('li', { has: page.locator(`#up-${id}-${code}`) }).getByRole('button', { name: /^Unggah/ }).click();
}

/** An answer the page expects and handles (404 of a wrong PIN, 415 of a wrong file): not a page error. */
function expected(page, status) {
  const re = new RegExp(`status of ${status}\\b`);
  const before = page.problems.length;
  page.problems = page.problems.filter((p) => !re.test(p));
  assert.ok(page.problems.length < before, `the ${status} answer was seen`);
}

test('PBG untuk MBR: apply, upload, receive, verify, return, resubmit, recommend, approve, download, verify', async () => {
  const people = {};
  const current = { name: 'setup', page: null };
  try {
    for (const who of ['citizen', 'front', 'back', 'appr']) people[who] = await openPage(browser);
    const cit = people.citizen.page;
    current.page = cit;

    // Register and log in.
    current.name = 'register';
    await cit.goto('/register');
    await ready(cit);
    await cit.getByLabel('Nama lengkap').fill(CITIZEN.name);
    await cit.getByLabel('NIK').fill(NIK);
    await cit.getByLabel('E-mail (opsional)').fill(CITIZEN.email);
    await cit.getByLabel('Kata sandi', { exact: true }).fill(CITIZEN.password);
    await cit.getByRole('button', { name: 'Daftar', exact: true }).click();
    await cit.getByText('Pendaftaran berhasil.').waitFor();
    await login(cit, { login: CITIZEN.email, password: CITIZEN.password });

    // The service page: the apply form from the service's fields.
    current.name = 'apply';
    await cit.goto('/services?region=32.11');
    await ready(cit);
    await cit.getByRole('link', { name: 'PBG untuk MBR', exact: true }).click();
    await cit.waitForURL((u) => /^\/services\/\d+$/.test(u.pathname));
    await ready(cit);
    await cit.getByRole('button', { name: 'Ajukan permohonan' }).click();
    await cit.getByRole('heading', { level: 2, name: 'Ajukan permohonan' }).waitFor();
    for (const n of ['luas_bangunan', 'jumlah_lantai', 'alamat_bangunan', 'kelurahan']) {
      assert.equal(await cit.locator(`input[name="${n}"]`).count(), 1, `input ${n}`);
    }
    assert.equal(await cit.locator('select[name="fungsi_bangunan"]').count(), 1, 'choice as a select');
    assert.equal(await cit.locator('.apply-form input[type="file"]').count(), 0, 'no file inputs in the form');
    await checkPage(cit, 'apply-form');

    // Wrong answers: the server's 422 beside each field.
    await cit.locator('input[name="luas_bangunan"]').fill('tiga puluh');
    await cit.locator('input[name="jumlah_lantai"]').fill('1');
    await cit.locator('input[name="alamat_bangunan"]').fill('Jl. Prabu Geusan Ulun No. 7, RT 01 RW 02');
    await cit.locator('input[name="kelurahan"]').fill('99.99.99.9999');
    await cit.locator('select[name="fungsi_bangunan"]').selectOption('Hunian');
    await cit.getByRole('button', { name: 'Kirim permohonan' }).click();
    await cit.waitForSelector('input[name="kelurahan"][aria-invalid="true"]');
    assert.equal(await cit.locator('input[name="luas_bangunan"]').getAttribute('aria-invalid'), 'true');
    assert.equal(await cit.locator('input[name="jumlah_lantai"]').getAttribute('aria-invalid'), null);
    await cit.getByRole('alert').getByText('Periksa kembali isian yang ditandai.').waitFor();
    await checkPage(cit, 'apply-form-errors');

    await cit.locator('input[name="luas_bangunan"]').fill('36');
    await cit.locator('input[name="kelurahan"]').fill('32.11.01.2001');
    await cit.getByRole('button', { name: 'Kirim permohonan' }).click();
    await cit.getByRole('heading', { name: 'Permohonan terkirim.' }).waitFor();
    const trackingNo = (await cit.locator('[data-testid="tracking-no"]').innerText()).trim();
    const pin = (await cit.locator('[data-testid="pin"]').innerText()).trim();
    assert.match(trackingNo, /^PBG-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$/);
    assert.match(pin, /^\d{6}$/);
    await cit.getByText('Simpan PIN ini.', { exact: false }).waitFor();
    const href = await cit.getByRole('link', { name: 'Lihat permohonan' }).getAttribute('href');
    const id = Number(/^\/applications\/(\d+)$/.exec(href)[1]);

    // Uploads: the wrong type first (415), then each document.
    current.name = 'upload';
    await upload(cit, id, 'bukti_tanah', file('tanah.jpg', 'image/jpeg', JPEG));
    await cit.locator(`#up-${id}-bukti_tanah-err`).getByText('Jenis berkas tidak diterima. Gunakan PDF.').waitFor();
    expected(cit, 415);
    await checkPage(cit, 'apply-sent-upload-error');
    for (const [code, f] of [['ktp', file('ktp.jpg', 'image/jpeg', JPEG)], ['bukti_tanah', file('tanah.pdf', 'application/pdf', PDF)],
      ['gambar_rencana', file('rencana.pdf', 'application/pdf', PDF)]]) {
      await upload(cit, id, code, f);
      await cit.locator('li', { has: cit.locator(`#up-${id}-${code}`) }).getByRole('status').getByText(/^Terunggah/).waitFor();
    }
    assert.equal(await cit.locator('.field-error').count(), 0, 'no upload error left');
    await checkPage(cit, 'apply-sent');

    // My applications: listed with its state and clock.
    current.name = 'my applications';
    await cit.goto('/applications');
    await ready(cit);
    const item = cit.locator('li', { has: cit.getByText(trackingNo) });
    await item.waitFor();
    assert.match(await item.innerText(), /Sisa 3 jam kerja/);
    await checkPage(cit, 'applications-list');
    // Older applications a page at a time: two more filed (through the API, as the app does),
    // then one a page: each click adds the next, the first filed comes last, then no button.
    const more = await cit.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const services = await (await fetch('/api/v1/services?region=32.11')).json();
      const serviceId = services.data.find((x) => x.code === 'pbg-mbr').id;
      const ids = [];
      for (const luas of [40, 50]) {
        const r = await fetch('/api/v1/applications', {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrf_token },
          body: JSON.stringify({ service_id: serviceId, answers: { luas_bangunan: luas, jumlah_lantai: 1, alamat_bangunan: 'Jl. Kutamaya 1', kelurahan: '32.11.01.2001', fungsi_bangunan: 'Hunian' } }),
        });
        ids.push((await r.json()).id);
      }
      return ids;
    });
    assert.equal(more.length, 2);
    await cit.goto('/applications?limit=1');
    await ready(cit);
    const rows = cit.locator('.app-list > li');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1, 'one a page');
    const loadMore = cit.getByRole('button', { name: 'Muat lebih banyak' });
    await loadMore.click();
    await cit.waitForFunction(() => document.querySelectorAll('.app-list > li').length === 2);
    await loadMore.click();
    await cit.waitForFunction(() => document.querySelectorAll('.app-list > li').length === 3);
    assert.equal(await loadMore.count(), 0, 'no button after the last page');
    const order = await rows.locator('a.item-title').evaluateAll((as) => as.map((a) => Number(a.getAttribute('href').split('/').pop())));
    assert.deepEqual(order, [more[1], more[0], id], 'newest first, each once');
    await cit.goto('/applications');
    await ready(cit);
    await item.waitFor();
    await item.getByRole('link').click();
    await cit.waitForURL((u) => u.pathname === `/applications/${id}`);
    await ready(cit);
    assert.equal(await cit.locator('.timeline li').count(), 1, 'one event: submit');
    const first = await cit.locator('.timeline li').first().innerText();
    assert.match(first, /Diajukan|Submitted/, `the timeline names the step, not its code: ${first}`);
    assert.doesNotMatch(first, /\bsubmit\b/, `no raw action name: ${first}`);
    assert.match(await cit.locator('main').innerText(), /36/);
    await checkPage(cit, 'application-citizen-submitted');

    // Front office: the inbox has it; receive and verify.
    current.name = 'front office';
    const front = people.front.page;
    current.page = front;
    await login(front, TFRONT);
    await front.locator('nav').getByRole('link', { name: 'Kotak masuk' }).click();
    await ready(front);
    const row = front.locator('li', { has: front.getByText(trackingNo) });
    await row.waitFor();
    assert.match(await row.innerText(), new RegExp(CITIZEN.name));
    await checkPage(front, 'inbox-front');
    await row.getByRole('link').click();
    await front.waitForURL((u) => u.pathname === `/applications/${id}`);
    await ready(front);
    await front.locator('button[data-action="receive"]').waitFor();
    assert.equal((await front.locator('.items .item').allInnerTexts()).filter((x) => /JPG|PDF/.test(x)).length, 3, 'three documents');
    await checkPage(front, 'application-front-submitted');
    await act(front, 'receive');
    await act(front, 'verify');

    // Back office: return to the applicant (the comment is required).
    current.name = 'back office return';
    const back = people.back.page;
    current.page = back;
    await login(back, TBACK);
    await openApp(back, id);
    await back.locator('button[data-action="return_to_applicant"]').click();
    await back.locator('#ap-comment-err').getByText('Tulis catatan untuk tindakan ini.').waitFor();
    await checkPage(back, 'application-back-comment-required');
    await act(back, 'return_to_applicant', 'Gambar rencana belum ditandatangani. Mohon unggah ulang.');

    // The citizen: paused clock, the comment in the timeline; resubmit.
    current.name = 'citizen resubmit';
    current.page = cit;
    await openApp(cit, id);
    assert.match(await cit.locator('[data-testid="clock"]').innerText(), /dijeda/);
    await cit.getByText('Gambar rencana belum ditandatangani.', { exact: false }).waitFor();
    await checkPage(cit, 'application-citizen-returned');
    await upload(cit, id, 'gambar_rencana', file('rencana2.pdf', 'application/pdf', PDF));
    await cit.locator('li', { has: cit.locator(`#up-${id}-gambar_rencana`) }).getByRole('status').getByText(/^Terunggah/).waitFor();
    await act(cit, 'resubmit');
    assert.doesNotMatch(await cit.locator('[data-testid="clock"]').innerText(), /dijeda/);

    // Front office verifies again; a second tab with the old version gets the 409.
    current.name = 'front office verify + 409';
    current.page = front;
    const front2 = await people.front.context.newPage();
    front2.problems = [];
    await openApp(front, id);
    await openApp(front2, id);
    await act(front, 'verify');
    await front2.locator('button[data-action="verify"]').click();
    await front2.getByRole('alert').getByText('sudah diproses orang lain', { exact: false }).waitFor();
    await screenshot(front2, 'application-front-stale');
    await front2.getByRole('button', { name: 'Muat ulang' }).click();
    await front2.locator('button[data-action="verify"]').waitFor({ state: 'detached' });
    await front2.close();

    // Back office recommends; the approver approves.
    current.name = 'recommend';
    current.page = back;
    await openApp(back, id);
    await act(back, 'recommend');
    current.name = 'approve';
    const appr = people.appr.page;
    current.page = appr;
    await login(appr, TAPPR);
    await appr.goto('/inbox');
    await ready(appr);
    await appr.locator('li', { has: appr.getByText(trackingNo) }).getByRole('link').click();
    await appr.waitForURL((u) => u.pathname === `/applications/${id}`);
    await ready(appr);
    await checkPage(appr, 'application-approver');
    await act(appr, 'approve');

    // The citizen: issued, the PDF, the verification.
    current.name = 'download + verify';
    current.page = cit;
    await openApp(cit, id);
    const dl = cit.getByRole('link', { name: 'Unduh dokumen' });
    await dl.waitFor();
    assert.ok(await cit.locator('.timeline li').count() >= 8, 'submit, receive, verify, return, resubmit, verify, recommend, approve');
    await checkPage(cit, 'application-citizen-issued');
    const res = await people.citizen.context.request.get(await dl.getAttribute('href'));
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'], /^application\/pdf/);
    const body = await res.body();
    assert.equal(body.subarray(0, 5).toString('latin1'), '%PDF-');
    const code = (await cit.locator('[data-testid="verify-code"]').innerText()).trim();
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{16}$/);
    await cit.getByRole('link', { name: 'Periksa keaslian' }).click();
    await cit.waitForURL((u) => u.pathname === `/verify/${code}`);
    await ready(cit);
    const verdict = cit.locator('[data-testid="verdict"]');
    await verdict.getByText('ASLI / GENUINE', { exact: true }).waitFor();
    assert.ok(await verdict.evaluate((el) => el.classList.contains('verdict-ok')), 'green panel');
    const main = await cit.locator('main').innerText();
    assert.match(main, new RegExp(trackingNo));
    assert.match(main, /A\*\*\* S\*\*\*/);
    assert.match(main, new RegExp(`3211\\*{8}${SERIAL}`));
    assert.match(main, /Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu/);
    await checkPage(cit, 'verify-genuine');
    assertNoProblems(front, 'front');
    assertNoProblems(back, 'back');
    assertNoProblems(appr, 'approver');
    assertNoProblems(cit, 'citizen');

    // Public pages, signed out: an unknown code; tracking with the number and the PIN.
    current.name = 'public';
    const { context: pub, page: anon } = await openPage(browser);
    people.anon = { context: pub, page: anon };
    current.page = anon;
    await anon.goto('/verify/0000000000000000');
    await ready(anon);
    await anon.locator('[data-testid="verdict"]').getByText('TIDAK ASLI / NOT GENUINE', { exact: true }).waitFor();
    expected(anon, 404);
    await checkPage(anon, 'verify-unknown');
    await anon.goto('/track');
    await ready(anon);
    await anon.getByLabel('Nomor permohonan').fill(trackingNo);
    await anon.getByLabel('PIN (opsional)').fill(pin === '000000' ? '111111' : '000000');
    await anon.getByRole('button', { name: 'Lacak' }).click();
    await anon.getByRole('alert').getByText('Permohonan tidak ditemukan.', { exact: false }).waitFor();
    expected(anon, 404);
    await anon.getByLabel('PIN (opsional)').fill(pin);
    await anon.getByRole('button', { name: 'Lacak' }).click();
    await anon.getByRole('heading', { name: trackingNo }).waitFor();
    assert.match(await anon.locator('.track-result').innerText(), /PBG untuk MBR/);
    await checkPage(anon, 'track-result');

    // The region admin sees the messages to the applicant: no SMTP here, so they wait.
    current.name = 'notifications';
    const { context: adm, page: admin } = await openPage(browser);
    people.admin = { context: adm, page: admin };
    current.page = admin;
    await login(admin, TADMIN);
    await admin.getByRole('link', { name: 'Notifikasi' }).first().click();
    await admin.waitForURL((u) => u.pathname === '/admin/notifications');
    await ready(admin);
    const mine = admin.locator('[data-testid="notifications-list"] > li', { has: admin.locator(`a[href="/applications/${id}"]`) });
    await mine.first().waitFor();
    const texts = await mine.allInnerTexts();
    for (const what of ['Permohonan diterima', 'Dikembalikan ke pemohon', 'Dokumen terbit']) {
      assert.ok(texts.some((x) => x.includes(what)), `a message "${what}": ${texts.join(' | ')}`);
    }
    assert.ok(texts.every((x) => /Menunggu/.test(x)), `all waiting (no SMTP here): ${texts.join(' | ')}`);
    assert.ok(texts.some((x) => /E-mail/.test(x)), `e-mails among them: ${texts.join(' | ')}`);
    assert.ok(texts.every((x) => !x.includes(CITIZEN.email)), 'the address is masked');
    await checkPage(admin, 'admin-notifications');
    await admin.getByLabel('Status').selectOption('failed');
    await admin.waitForURL((u) => u.searchParams.get('status') === 'failed');
    await admin.getByText('Tidak ada pesan.').waitFor();
  } catch (err) {
    if (current.page) {
      await screenshot(current.page, `FAILED-pbg-mbr-${current.name.replace(/\W+/g, '-')}`).catch(() => {});
      err.message += `\nstep: ${current.name} at ${current.page.url()}`;
      if (current.page.problems && current.page.problems.length) err.message += `\npage errors:\n${current.page.problems.join('\n')}`;
    }
    throw err;
  } finally {
    for (const p of Object.values(people)) await p.context.close().catch(() => {});
  }
});
