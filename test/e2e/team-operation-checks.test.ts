/**
 * A team's creation is an operation the engine checks until it is done, and Microsoft asks
 * callers to "wait >30 seconds between checks" (teamsAsyncOperation resource type). An operation
 * that takes 100 simulated seconds is checked once soon and then 31 s apart: at 1, 32, 63, 94 and
 * 125 s, five checks, where the old backoff (1 s doubling to 10 s) made thirteen. Counted from the
 * local tenant's requests; the apply converges.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: team-checks
sites:
  - url: /sites/team-checks
    type: team
    title: Team checks
    owners: [anna.andersson@contoso.onmicrosoft.com]
    team:
      members: [erik.johansson@contoso.onmicrosoft.com]
`;

test('a team operation of 100 s is checked 4-6 times, not every few seconds, and the apply converges', async () => {
  const desired = await desiredOf(text, 'team-checks.yaml');
  const fixed = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });
  // 100x: the operation runs 1 s of real time
  const { target } = await openLocalTarget('team-checks', { timeScale: 100, async: { teamStart: fixed(0), teamRun: fixed(100_000), teamVisibleAfter: fixed(0) } });
  const checks = () => target.localTenant!.stats().byOperation['GET /teams/{id}/operations/{id}'] ?? 0;
  try {
    const plan = await planDesired(desired, target.client, target.name);
    const result = await applyRun(target, plan, { concurrency: 8 });
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    expect(checks()).toBeGreaterThanOrEqual(4);
    expect(checks()).toBeLessThanOrEqual(6);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  } finally {
    await target.close();
  }
}, 60_000);
