/**
 * Where the pacer puts a throttling window's end (window-end.ts). The service announces
 * `RateLimit-Reset` in whole seconds rounded up, counted from when it took the request. The pacer
 * counts it from the answer's arrival (the service cannot have taken the request later; a batch's
 * parts are taken after the batch left) and keeps the lowest end a window's answers give (issue
 * 12: waiting for the last answer's figure idled the benchmark's engine about half a second past
 * most windows' ends once a site's writes went in batches). Once the window has reset, requests go
 * unspaced; an answer after the known end is the next window's, unless its request left before
 * that end (then it is the ended window's, and says nothing of the next).
 */
import { expect, test } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pacer, type Flight } from '../../src/tenant/pacer.ts';

const said = (remaining: number, reset: number) =>
  new Headers({ 'ratelimit-limit': '100', 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) });

/** Answers `flight` now, as if it had left `sentAgoMs` ago. */
function answer(pacer: Pacer, flight: Flight, sentAgoMs: number, remaining: number, reset: number): void {
  flight.sentAt = Date.now() - sentAgoMs;
  pacer.observe('sharepoint', 200, said(remaining, reset), flight);
}

test("a spent window is waited for until the earliest end its answers allow, not the last answer's rounded-up one", async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  const start = Date.now();
  // "1 s to go" now: the window ends by start + 1000
  answer(pacer, await pacer.acquire('sharepoint'), 0, 50, 1);
  await sleep(500);
  // the window spent, "1 s to go" (rounded up) 500 ms later: by itself, start + 1500 at the
  // earliest (later when the sleep overran on a busy machine)
  answer(pacer, await pacer.acquire('sharepoint'), 0, 0, 1);
  await pacer.acquire('sharepoint');
  const waited = Date.now() - start;
  expect(waited).toBeGreaterThanOrEqual(950);
  // 400 ms of room for late timers on a loaded machine (a CI run saw 306 ms with a 300 ms sleep)
  expect(waited).toBeLessThan(1400);
});

test('the reset is counted from the answer\'s arrival, not from when the request left (a batch\'s parts are taken later)', async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  const start = Date.now();
  // left 400 ms ago: counted from there, the next request would go 600 ms from now, maybe before the reset
  answer(pacer, await pacer.acquire('sharepoint'), 400, 0, 1);
  await pacer.acquire('sharepoint');
  expect(Date.now() - start).toBeGreaterThanOrEqual(950);
});

test("after the reset the requests that waited for it go together, not a spent window's wait apart", async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  answer(pacer, await pacer.acquire('sharepoint'), 0, 0, 0.3);
  const start = Date.now();
  // five requests that waited together for the reset, each gone (and failed: no answer to learn from) before the next
  await Promise.all([1, 2, 3, 4, 5].map(async () => pacer.release('sharepoint', await pacer.acquire('sharepoint'))));
  const took = Date.now() - start;
  expect(took).toBeGreaterThanOrEqual(250);
  // spaced by the spent window's 300 ms wait, the fifth would go 1.2 s after the first
  expect(took).toBeLessThan(600);
});

test("an answer after the known end is the next window's: its reset is waited for", async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  answer(pacer, await pacer.acquire('sharepoint'), 0, 0, 0.2);
  await pacer.acquire('sharepoint'); // the first window's end
  const next = await pacer.acquire('sharepoint');
  const start = Date.now();
  answer(pacer, next, 0, 0, 0.5);
  await pacer.acquire('sharepoint');
  // kept as the first window's end (already past), the pacer would not wait at all
  expect(Date.now() - start).toBeGreaterThanOrEqual(450);
});

test("a slow answer to a request that left before the known end is the ended window's: the next window does not wait for it", async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  const slow = await pacer.acquire('sharepoint');
  slow.sentAt = Date.now();
  pacer.sent('sharepoint', slow);
  answer(pacer, await pacer.acquire('sharepoint'), 0, 0, 0.2);
  await pacer.acquire('sharepoint'); // the first window's end
  // the slow request, taken before that end, answered after it: "0 left, 1 s to go"
  answer(pacer, slow, Date.now() - slow.sentAt!, 0, 1);
  const start = Date.now();
  await pacer.acquire('sharepoint');
  // taken as news, the next request would wait a second for a window that has already reset
  expect(Date.now() - start).toBeLessThan(300);
});
