/**
 * Requests the pacer lets through are bounded by the transport's pool as well as by the
 * budget's reserve. Since a request holds a slot of the pool only while on the wire (issue 12),
 * requests let through could pile up waiting for a slot and then reach the service together; in
 * one benchmark run that overran a SharePoint window (39 answers 429).
 */
import { expect, test } from 'vitest';
import { Pacer, type Flight } from '../../src/tenant/pacer.ts';

/** Releases the flights let through (`out`), as they come, until every acquire of `all` has gone. */
async function releaseAll(pacer: Pacer, host: string, all: Promise<unknown>[], out: Flight[]): Promise<void> {
  let gone = false;
  void Promise.all(all).then(() => (gone = true));
  while (!gone || out.length > 0) {
    for (const f of out.splice(0)) pacer.release(host, f);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('with a pool of 3, a fourth request waits until one of the three is answered', async () => {
  const pacer = new Pacer({ targetShare: 0.98, maxInFlight: 3 });
  let through = 0;
  const out: Flight[] = [];
  const all = Array.from({ length: 6 }, () => pacer.acquire('sharepoint').then((f) => (out.push(f), through++)));
  await new Promise((r) => setTimeout(r, 50));
  expect(through).toBe(3);
  pacer.release('sharepoint', out.shift()!);
  await new Promise((r) => setTimeout(r, 20));
  expect(through).toBe(4);
  await releaseAll(pacer, 'sharepoint', all, out);
  expect(through).toBe(6);
});

test('without a pool bound (no budget known yet) every request goes', async () => {
  const pacer = new Pacer({ targetShare: 0.98 });
  let through = 0;
  await Promise.all(Array.from({ length: 100 }, () => pacer.acquire('sharepoint').then(() => through++)));
  expect(through).toBe(100);
});

test('waiting counts the requests held back, per budget, and falls as they are let through', async () => {
  const pacer = new Pacer({ targetShare: 0.98, maxInFlight: 2 });
  expect(pacer.waiting('sharepoint')).toBe(0);
  const out: Flight[] = [];
  const all = Array.from({ length: 5 }, () => pacer.acquire('sharepoint').then((f) => out.push(f)));
  await new Promise((r) => setTimeout(r, 20));
  expect(pacer.waiting('sharepoint')).toBe(3);
  expect(pacer.waiting('entra')).toBe(0);
  pacer.release('sharepoint', out.shift()!);
  await new Promise((r) => setTimeout(r, 20));
  expect(pacer.waiting('sharepoint')).toBe(2);
  await releaseAll(pacer, 'sharepoint', all, out);
  expect(pacer.waiting('sharepoint')).toBe(0);
});

test('a $batch takes one of the pool bound\'s places however many requests it carries', async () => {
  const pacer = new Pacer({ targetShare: 0.98, maxInFlight: 3 });
  let through = 0;
  // four batches of 20 (no budget known yet): three go, as three take the pool's three slots
  const out: Flight[] = [];
  const all = Array.from({ length: 4 }, () => pacer.acquire('entra', 20).then((f) => (out.push(f), through++)));
  await new Promise((r) => setTimeout(r, 30));
  expect(through).toBe(3);
  // the one batch held back counts the 20 requests it carries (the budget will be spent by 20)
  expect(pacer.waiting('entra')).toBe(20);
  pacer.release('entra', out.shift()!);
  await new Promise((r) => setTimeout(r, 20));
  expect(through).toBe(4);
  await releaseAll(pacer, 'entra', all, out);
});
