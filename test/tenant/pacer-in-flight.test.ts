/**
 * Requests the pacer lets through are bounded by the transport's pool as well as by the
 * budget's reserve. Since a request holds a slot of the pool only while on the wire (issue 12),
 * requests let through could pile up waiting for a slot and then reach the service together; in
 * one benchmark run that overran a SharePoint window (39 answers 429).
 */
import { expect, test } from 'vitest';
import { Pacer } from '../../src/tenant/pacer.ts';

test('with a pool of 3, a fourth request waits until one of the three is answered', async () => {
  const pacer = new Pacer({ targetShare: 0.98, maxInFlight: 3 });
  let through = 0;
  const all = Array.from({ length: 6 }, () => pacer.acquire('sharepoint').then(() => through++));
  await new Promise((r) => setTimeout(r, 50));
  expect(through).toBe(3);
  pacer.release('sharepoint');
  await new Promise((r) => setTimeout(r, 20));
  expect(through).toBe(4);
  for (let i = 0; i < 3; i++) pacer.release('sharepoint');
  await Promise.all(all);
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
  const all = Array.from({ length: 5 }, () => pacer.acquire('sharepoint'));
  await new Promise((r) => setTimeout(r, 20));
  expect(pacer.waiting('sharepoint')).toBe(3);
  expect(pacer.waiting('entra')).toBe(0);
  pacer.release('sharepoint');
  await new Promise((r) => setTimeout(r, 20));
  expect(pacer.waiting('sharepoint')).toBe(2);
  for (let i = 0; i < 4; i++) pacer.release('sharepoint');
  await Promise.all(all);
  expect(pacer.waiting('sharepoint')).toBe(0);
});

test('a $batch takes one of the pool bound\'s places however many requests it carries', async () => {
  const pacer = new Pacer({ targetShare: 0.98, maxInFlight: 3 });
  let through = 0;
  // four batches of 20 (no budget known yet): three go, as three take the pool's three slots
  const all = Array.from({ length: 4 }, () => pacer.acquire('entra', 20).then(() => through++));
  await new Promise((r) => setTimeout(r, 30));
  expect(through).toBe(3);
  expect(pacer.waiting('entra')).toBe(1);
  pacer.release('entra', 20);
  await new Promise((r) => setTimeout(r, 20));
  expect(through).toBe(4);
  for (let i = 0; i < 3; i++) pacer.release('entra', 20);
  await Promise.all(all);
});
