// Login throttling per address: 20 failures from one IP within 15 minutes -> 429 for every
// login from that IP, even a right one. Run by run.sh AFTER the main suite (all tests come
// from 127.0.0.1, so this locks every login out for the rest of the window); the file name
// does not match node --test's default patterns, so `node --test tests/api/` leaves it out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tryLogin, assertError, makeEmail, makePassword, recordSecret, sessionCookie, TEST_PASSWORD } from './lib.mjs';

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
