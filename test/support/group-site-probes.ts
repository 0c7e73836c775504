/**
 * Applies a blueprint of team sites on a local tenant whose group sites appear a fixed simulated
 * time after their group (clock at 100x, throttle on so that SharePoint charges are booked), and
 * counts the probes of the groups' sites (`GET /groups/{id}/sites/root`, `$batch` sub-requests
 * included) the apply made. The apply must succeed with nothing pending and converge.
 */
import { expect } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { ApplyResult } from '../../src/apply/events.ts';
import type { Desired } from '../../src/model/resources.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from './apply-run.ts';

/** A delay of exactly `ms` simulated milliseconds. */
export const fixedDelay = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });

export async function applyCountingSiteProbes(prefix: string, desired: Desired, groupSiteMs: number): Promise<{ probes: number; result: ApplyResult }> {
  const { target } = await openLocalTarget(prefix, { timeScale: 100, throttle: true, async: { groupSite: fixedDelay(groupSiteMs) } });
  const probes = () => target.localTenant!.stats().resourceUnits.sharepointByOperation['GET /groups/{id}/sites/root']?.requests ?? 0;
  try {
    const plan = await planDesired(desired, target.client, target.name);
    const before = probes();
    const result = await applyRun(target, plan, { concurrency: 8 });
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    const spent = probes() - before;
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
    return { probes: spent, result };
  } finally {
    await target.close();
  }
}
