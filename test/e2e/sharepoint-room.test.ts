/**
 * Apply starts the changes that spend SharePoint's budget only while few requests wait for that
 * budget (issue 12; apply-plan.ts `sharePointWaitingAtMost`, schedule.ts `room`): the others wait
 * as entries of the ready queue, not as requests in the transport's pacer, each holding what the
 * SDKs made for it. The same plan is applied on two local tenants with a small SharePoint budget,
 * once with a low bound and once without any; the requests waiting at the pacer are sampled
 * through the run. The bound held changes back (its count: the event happened), far fewer
 * requests waited at the pacer on average, and both applies succeed and converge.
 */
import { expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { stampedTeamSites } from '../support/stamped-team-sites.ts';

const SITES = 30;
const text = stampedTeamSites('sharepoint-room', 'room', 6, SITES);

async function applyWith(waitingAtMost: number): Promise<{ meanWaiting: number; held: number }> {
  const desired = await desiredOf(text, 'sharepoint-room.yaml');
  const { target } = await openLocalTarget('sharepoint-room', {
    timeScale: 200,
    throttle: { sharepoint: { perMinute: 100 } },
    // sites within a second or so of their groups at 200x, so that their work comes together
    async: { groupSite: { medianMs: 30_000, sigma: 0.3, maxMs: 120_000 } },
    seed: 11,
  });
  const budget = target.client.graph.url('/groups/{id}/sites/root');
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(target.client.transport.waiting(budget)), 2);
  try {
    const plan = await planDesired(desired, target.client, target.name);
    const roomStats = { held: 0 };
    const result = await applyPlan(plan, target.client, { concurrency: 2000, sharePointWaitingAtMost: waitingAtMost, roomStats });
    clearInterval(sampler);
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
    return { meanWaiting: samples.reduce((a, b) => a + b, 0) / samples.length, held: roomStats.held };
  } finally {
    clearInterval(sampler);
    await target.close();
  }
}

test("changes that spend SharePoint's budget wait in the ready queue while requests wait for that budget, not in its pacer; the apply converges either way", async () => {
  const unbounded = await applyWith(Infinity);
  const bounded = await applyWith(5);
  expect(unbounded.held).toBe(0);
  // the event happened: changes were held back for want of room
  expect(bounded.held).toBeGreaterThan(0);
  // without the bound the sites' work queued at the pacer; with it, a fraction of that waited there
  expect(unbounded.meanWaiting).toBeGreaterThan(10);
  expect(bounded.meanWaiting).toBeLessThan(unbounded.meanWaiting / 2);
}, 180_000);
