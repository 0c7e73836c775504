/**
 * SharePoint's 24-hour budget (src/tenant/day-budget.ts) against the local tenant, whose daily
 * window answers 429 once an app has spent its day's resource units. A day lasts 60 s here
 * 20 s here (time 4,320x) and holds 400 RU; the minute budget is out of reach. The same run of
 * 210 reads (2 RU each: 420 RU, more than a day's budget) is throttled without the engine knowing
 * the day's budget (the limit is real); with it, the engine spends its burst (10 % of 90 %) at
 * once, then slows to the sustained rate (the rest of 90 % spread over 24 h), so that no 24 hours
 * see more than 360 RU, and is never throttled. Each request that waits for the day waits once.
 * The reads go one request each (`batching: false`): at once, the engine would carry reads of one
 * web in `$batch`es of 20 (sharepoint-batcher.ts), each priced and paced as the reads it carries,
 * and a throttled part goes again alone after its Retry-After, whatever the retries allowed.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import type { TenantError } from '../../src/model/tenant-error.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';

const SCALE = 4_320;
const READS = 210;
const DAY_REAL_MS = 86_400_000 / SCALE;
const PER_DAY = 400;

async function open(perDay: number | undefined, blind = false): Promise<Target> {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-day-budget-'));
  return openTarget({
    tenant: 'local',
    cwd,
    local: { timeScale: SCALE, throttle: { sharepoint: { perMinute: 1_000_000, perDay: PER_DAY } } },
    transport: { targetShare: 0.9, concurrency: 16, ...(perDay ? { sharePointPerDay: perDay } : {}), batching: false, ...(blind ? { pacing: false, maxRetries: 0 } : {}) },
  });
}

/** `n` reads of the root web (a SharePoint REST read: 2 RU); the real time each answer came, or its error's status. */
async function reads(target: Target, n: number): Promise<{ at: number[]; refused: number[] }> {
  const { sp, sharepointHost } = target.client;
  const at: number[] = [];
  const refused: number[] = [];
  const one = () => sp.call(() => sp.web(`https://${sharepointHost}`).web.select('Title')());
  await Promise.all(Array.from({ length: n }, () => one().then(() => void at.push(Date.now()), (e: TenantError) => void refused.push(e.status))));
  return { at: at.sort((a, b) => a - b), refused };
}

test('past its burst the engine slows to the sustained rate of the day budget and is never throttled by it', async () => {
  // Unpaced and without retries: a 429 is an answer, instead of a wait until the day ends.
  const blind = await open(undefined, true);
  try {
    const { refused } = await reads(blind, READS);
    // The daily window is enforced: a client that does not keep to it is throttled.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused).toContain(429);
    expect(refused.every((s) => s === 429 || s === 503)).toBe(true); // throttled, then blocked
  } finally {
    await blind.close();
  }

  const target = await open(PER_DAY);
  try {
    const { at: done, refused } = await reads(target, READS);
    expect(refused).toEqual([]);
    const stats = target.client.transport.stats;
    expect(stats.throttled).toBe(0);
    // Past the burst every read waited for its turn, once (not woken again and again).
    expect(stats.pacer.dayPaced).toBeGreaterThan(READS - 30);
    expect(stats.pacer.dayPaced).toBeLessThanOrEqual(READS);
    const day = target.client.transport.dayBudget()!;
    // usable 360 RU: a burst of 36, then 324 over the day.
    expect(day.capacity).toBeCloseTo(36, 5);
    // The burst (18 reads) goes at once; the others at 324 RU a day, 8.1 reads a second (the
    // machine could go several times faster even when loaded).
    expect(done[15]! - done[0]!).toBeLessThan(0.15 * DAY_REAL_MS); // from the first answer: sign-in and start-up apart
    const sustainedMs = done[READS - 1]! - done[19]!;
    const expectedMs = (((READS - 20) * 2) / 324) * DAY_REAL_MS;
    expect(sustainedMs).toBeGreaterThan(0.8 * expectedMs);
    expect(sustainedMs).toBeLessThan(2 * expectedMs);
  } finally {
    await target.close();
  }
}, 150_000);
