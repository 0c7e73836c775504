/**
 * The service counts a request against its budget when the request arrives, so an answer's
 * `RateLimit-Remaining` already counts the requests that left before it, even those still in
 * flight (a slow write overtaken by a fast read). The pacer holds back for in-flight requests only
 * those the answer cannot have counted: the ones that left after it (issue 12: counting all of
 * them again left ~0.8 % of every SharePoint window unspent). Without the send times (an answer
 * inside a `$batch`) it holds back for all of them, as before.
 */
import { expect, test } from 'vitest';
import { Pacer } from '../../src/tenant/pacer.ts';

const headers = () => new Headers({ 'ratelimit-limit': '100', 'ratelimit-remaining': '20', 'ratelimit-reset': '1' });

/** Ten requests in flight; the answer of one comes first; how long until two more have gone. */
async function waitAfterAnswer(others: 'left before it' | 'left after it' | 'send times unknown'): Promise<number> {
  const pacer = new Pacer({ targetShare: 0.98 });
  const flights = await Promise.all(Array.from({ length: 10 }, () => pacer.acquire('sharepoint')));
  const now = Date.now();
  const answered = flights[9]!;
  for (const f of flights.slice(0, 9)) f.sentAt = others === 'left before it' ? now - 300 : now - 100;
  // (a sender that never says when its request left: as an answer inside a `$batch`)
  answered.sentAt = others === 'send times unknown' ? undefined : others === 'left before it' ? now - 100 : now - 300;
  // 20 units left, 2 of them the reserve (2 % of 100); nine requests of 2 units still out.
  pacer.observe('sharepoint', 200, headers(), answered);
  for (const f of flights.slice(0, 9)) pacer.release('sharepoint', f);
  await pacer.acquire('sharepoint');
  await pacer.acquire('sharepoint');
  // From the answer's arrival: a loaded machine's pause after it must not shorten the wait measured.
  return Date.now() - now;
}

test('requests that left before the answered one are in its count: the budget left is spread over the window', async () => {
  // 18 usable units = 9 requests over the ~0.9 s left: the second goes about 0.1 s after the first
  expect(await waitAfterAnswer('left before it')).toBeLessThan(400);
});

test('requests that left after it are not: what they will spend is held back, and the rest waits for the reset', async () => {
  expect(await waitAfterAnswer('left after it')).toBeGreaterThan(600);
});

test('without the send times every request in flight is held back', async () => {
  expect(await waitAfterAnswer('send times unknown')).toBeGreaterThan(600);
});
