/**
 * Requests waiting for the pacer's spacing wait in one queue, in arrival order, and are woken one
 * at a time when their slot comes. Before, each slept until the same next slot, all woke, one
 * went and the others slept again: about nine wake-ups a request in the benchmark's apply
 * (697,704 for 76,067 SharePoint requests, issue 12), CPU for nothing.
 */
import { expect, test } from 'vitest';
import { Pacer } from '../../src/tenant/pacer.ts';

/** 500 units left of 1,000, 10 s to the reset: at the default 2 units a request, one every ~42 ms. */
const paced = new Headers({ 'ratelimit-limit': '1000', 'ratelimit-remaining': '500', 'ratelimit-reset': '10' });

test('20 requests waiting for the spacing go in arrival order, each woken about once, each a slot apart', async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  pacer.learn('sharepoint', 200, paced);
  await pacer.acquire('sharepoint'); // books the first slot: the next 20 wait
  const started = Date.now();
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      pacer.acquire('sharepoint').then((flight) => {
        order.push(i);
        pacer.release('sharepoint', flight);
      }),
    ),
  );
  const took = Date.now() - started;
  expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  // all 20 slept until the same slot before: about 20 x 21 / 2 = 210 wake-ups
  expect(pacer.stats.gateWakeUps).toBeGreaterThanOrEqual(20);
  expect(pacer.stats.gateWakeUps).toBeLessThanOrEqual(24);
  // still spaced: 20 slots of ~42 ms
  expect(took).toBeGreaterThanOrEqual(20 * 40 * 0.9);
});

test('a Retry-After closes the gate for the queue; the queued requests go after it, in order', async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  pacer.learn('sharepoint', 200, paced);
  await pacer.acquire('sharepoint');
  const started = Date.now();
  const went: { i: number; at: number }[] = [];
  const all = Promise.all(Array.from({ length: 5 }, (_, i) => pacer.acquire('sharepoint').then(() => went.push({ i, at: Date.now() - started }))));
  await new Promise((r) => setTimeout(r, 60)); // one or two have gone
  const before = went.length;
  pacer.learn('sharepoint', 429, new Headers({ 'retry-after': '1' }));
  await all;
  expect(went.map((w) => w.i)).toEqual([0, 1, 2, 3, 4]);
  expect(before).toBeLessThan(5);
  for (const w of went.slice(before)) expect(w.at).toBeGreaterThanOrEqual(1_000);
});

test('when the gate opens with no spacing to keep, the queued requests all go at once, not a timer tick apart', async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  pacer.pauseUntil('sharepoint', Date.now() + 100);
  const passed: number[] = [];
  await Promise.all(
    Array.from({ length: 300 }, () =>
      pacer.acquire('sharepoint').then((flight) => {
        passed.push(Date.now());
        pacer.release('sharepoint', flight);
      }),
    ),
  );
  // a timer's turn each (at least 1 ms) would take 300 ms and more
  expect(passed.at(-1)! - passed[0]!).toBeLessThan(100);
  expect(pacer.stats.gateWakeUps).toBe(300);
});
