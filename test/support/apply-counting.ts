/**
 * Applies a blueprint on a local tenant whose async work (group sites, team creations) takes a
 * fixed simulated time (clock at 100x, throttle on so that SharePoint charges are booked), and
 * counts what the apply made of one request: the probes of the groups' sites (`GET
 * /groups/{id}/sites/root`, `$batch` sub-requests included), a team operation's checks. The
 * apply must succeed with nothing pending and converge.
 */
import { expect } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { ApplyResult } from '../../src/apply/events.ts';
import type { Desired } from '../../src/model/resources.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from './apply-run.ts';
import type { AsyncConfig } from '../../src/emulator/config.ts';
import type { LocalTenant } from '../../src/emulator/index.ts';

/** The checks of teams' creation operations the local tenant has answered. */
export const teamOperationChecks = (tenant: Pick<LocalTenant, 'stats'>): number => tenant.stats().byOperation['GET /teams/{id}/operations/{id}'] ?? 0;

/** A delay of exactly `ms` simulated milliseconds. */
export const fixedDelay = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });

export async function applyCountingSiteProbes(prefix: string, desired: Desired, groupSiteMs: number): Promise<{ probes: number; result: ApplyResult }> {
  const { counted, result } = await applyCounting(prefix, desired, { groupSite: fixedDelay(groupSiteMs) }, (t) => t.stats().resourceUnits.sharepointByOperation['GET /groups/{id}/sites/root']?.requests ?? 0);
  return { probes: counted, result };
}

/**
 * Applies `desired` on a local tenant with these async timings (clock at `timeScale`x, 100 unless
 * given; throttle on) and returns what `count` grew by during the apply; the apply must succeed
 * and converge. A slower clock makes a count that depends on when a check lands relative to the
 * async work hold on a loaded machine (at 100x, 0.2 s of real lag is 20 s of the tenant's time).
 */
export async function applyCounting(prefix: string, desired: Desired, async: Partial<AsyncConfig>, count: (tenant: Pick<LocalTenant, 'stats'>) => number, timeScale = 100): Promise<{ counted: number; result: ApplyResult }> {
  const { target } = await openLocalTarget(prefix, { timeScale, throttle: true, async });
  try {
    const plan = await planDesired(desired, target.client, target.name);
    const before = count(target.localTenant!);
    const result = await applyRun(target, plan, { concurrency: 8 });
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    const counted = count(target.localTenant!) - before;
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
    return { counted, result };
  } finally {
    await target.close();
  }
}
