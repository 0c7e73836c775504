/**
 * The transport's per-endpoint windows stay bounded over a long run: a run that calls thousands
 * of teams keeps a window per team only while it holds slots (issue 12: 10,000 workspaces).
 */
import { afterEach, expect, test } from 'vitest';
import { EndpointLimits } from '../../src/tenant/endpoint-limits.ts';
import { setEngineTimeScale } from '../../src/time/engine-time.ts';

afterEach(() => setEngineTimeScale(1));

const get = (team: number) => ({ method: 'GET', url: `https://graph.microsoft.com/v1.0/teams/${team}/channels` });

test('windows of teams whose slots have left every window are dropped', async () => {
  setEngineTimeScale(1_000); // the longest window (add member: 66 s engine) lasts 66 ms real
  const limits = new EndpointLimits();
  for (let t = 0; t < 1_000; t++) await limits.acquire([get(t)]);
  const before = limits.trackedKeys;
  expect(before).toBeGreaterThan(1_000); // one window per team (and the shared Teams one)
  await new Promise((r) => setTimeout(r, 120));
  for (let t = 1_000; t < 1_100; t++) await limits.acquire([get(t)]);
  // the first 1,000 teams' windows are empty and gone; the last 100 remain
  expect(limits.trackedKeys).toBeLessThanOrEqual(102);
  expect(limits.trackedKeys).toBeGreaterThanOrEqual(100);
});

test('a window that still holds slots is kept: its limit still holds after a sweep', async () => {
  setEngineTimeScale(1);
  const limits = new EndpointLimits(undefined, { sweepAtKeys: 3 });
  for (let i = 0; i < 4; i++) await limits.acquire([get(7)]);
  for (let t = 0; t < 4; t++) await limits.acquire([get(100 + t)]); // sweeps run: over 3 keys
  const start = Date.now();
  await limits.acquire([get(7)]); // team 7's fifth read within a second waits for its window
  expect(Date.now() - start).toBeGreaterThan(500);
});

test('over the threshold, the keys are swept at most once an engine second, not on every take', async () => {
  setEngineTimeScale(1);
  const limits = new EndpointLimits(undefined, { sweepAtKeys: 3 });
  // 40 teams within a second, all still in their windows: the keys stay over 3 after each sweep
  for (let t = 0; t < 40; t++) await limits.acquire([get(t)]);
  expect(limits.trackedKeys).toBeGreaterThan(40);
  expect(limits.sweeps).toBe(1); // the code before swept on each of the 37 takes past 3 keys
  await new Promise((r) => setTimeout(r, 1_050));
  await limits.acquire([get(40)]);
  expect(limits.sweeps).toBe(2);
});
