/**
 * A team's creation is an operation the engine checks until it is done, and Microsoft asks
 * callers to "wait >30 seconds between checks" (teamsAsyncOperation resource type). An operation
 * that takes 100 simulated seconds is checked once soon and then 31 s apart: at 1, 32, 63, 94 and
 * 125 s, five checks, where the old backoff (1 s doubling to 10 s) made thirteen. Counted from the
 * local tenant's requests; the apply converges.
 */
import { expect, test } from 'vitest';
import { applyCounting, fixedDelay, teamOperationChecks } from '../support/apply-counting.ts';
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
  // 100x: the operation runs 1 s of real time; applyCounting asserts nothing failed or stayed pending, and convergence
  const async = { teamStart: fixedDelay(0), teamRun: fixedDelay(100_000), teamVisibleAfter: fixedDelay(0) };
  const { counted: checks } = await applyCounting('team-checks', await desiredOf(text, 'team-checks.yaml'), async, teamOperationChecks);
  expect(checks).toBeGreaterThanOrEqual(4);
  expect(checks).toBeLessThanOrEqual(6);
}, 60_000);
