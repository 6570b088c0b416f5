// Throttling per address: 20 failed logins from one IP within 15 minutes -> 429 for every
// login from that IP, even a right one; 100 failed public trackings (wrong PIN or NIK, or no
// such number) -> 429 for every tracking from it. Run by run.sh AFTER the main suite (all
// tests come from 127.0.0.1, so this locks logins and tracking out for the rest of the
// window); the file name does not match node --test's default patterns, so
// `node --test tests/api/` leaves it out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  tryLogin, assertError, makeEmail, makePassword, randomTracking, recordSecret, req, sessionCookie, TEST_PASSWORD,
} from './lib.mjs';

test('20 failed logins from one address -> 429 too_many_attempts for every account, with Retry-After', async () => {
  let first429 = 0;
  for (let i = 1; i <= 21; i++) {
    // a different unknown account each time: the per-account limit (5) never applies
    const pw = makePassword();
    recordSecret('password', pw);
    const r = await tryLogin(makeEmail(`stuffing${i}`), pw);
    if (r.status === 429) { first429 = i; break; }
    assertError(r, 401, 'invalid_credentials', { what: `failed login #${i} from this address` });
  }
  assert.ok(first429 > 0, 'no 429 after 21 failed logins from one address (contract: 20 per IP within 15 min)');
  const r = await tryLogin('tadmin', TEST_PASSWORD);
  assertError(r, 429, 'too_many_attempts', { what: `right password for tadmin after ${first429 - 1} failures in this phase` });
  const ra = r.headers.get('retry-after');
  assert.match(ra || '', /^\d+$/, `Retry-After seconds: ${ra}`);
  assert.ok(Number(ra) >= 1 && Number(ra) <= 900, `Retry-After ${ra}`);
  assert.equal(sessionCookie(r.headers), null, 'no session cookie on 429');
});

test('100 failed trackings from one address, over many numbers -> 429 too_many_attempts for every number, with Retry-After', async () => {
  // Each number is tried once, so the per-number limit (10) never applies; the main suite's
  // own wrong PINs from this address count too, so the 429 may come before the 100th here.
  let first429 = 0;
  for (let i = 1; i <= 101; i++) {
    const r = await req(`/api/v1/track/${randomTracking('PBG')}?pin=123456`);
    if (r.status === 429) { first429 = i; break; }
    assertError(r, 404, undefined, { what: `failed tracking #${i} from this address` });
  }
  assert.ok(first429 > 0, 'no 429 after 101 failed trackings from one address (contract: 100 per IP within 15 min)');
  const r = await req(`/api/v1/track/${randomTracking('KTP')}?nik=3211015508900001`);
  assertError(r, 429, 'too_many_attempts', { what: 'another number from the same address' });
  const ra = r.headers.get('retry-after');
  assert.match(ra || '', /^\d+$/, `Retry-After seconds: ${ra}`);
  assert.ok(Number(ra) >= 1 && Number(ra) <= 900, `Retry-After ${ra}`);
});
