/**
 * The sites of young groups looked for in one listing (issue 12): while a new group is younger
 * than a minute its site is probed only if the run's listing of group sites (tenant admin CSOM,
 * GROUP#0) lists it, so the probes that would miss at 30 and 45 s are not made. On a local tenant
 * whose group sites appear 50 simulated seconds after their groups, each site costs one probe
 * (at 60 s) and the first groups' at-once probes, where without the listing it costs three (30,
 * 45 and 60 s). Counted from the local tenant's charges; the listings made and the probes they
 * spared are the run's own count (the event happened); the apply converges.
 */
import { expect, test } from 'vitest';
import { groupSiteSightingsOf } from '../../src/kinds/team-site/group-site-sightings.ts';
import { SAMPLE } from '../../src/kinds/shared/at-once-checks.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { fixedDelay } from '../support/apply-counting.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';

const SITES = 24;
const text = teamSitesBlueprint({ name: 'sightings', prefix: 'sighted', title: 'Sighted', count: SITES });

test("young groups' sites are looked for in a listing, not probed one each: one probe a site (and the at-once sample), and the apply converges", async () => {
  const desired = await desiredOf(text, 'sightings.yaml');
  // 50x: a site appears 1 s after its group, 0.4 s after its 30 s probe would come (room for a loaded machine's late timers)
  const { target } = await openLocalTarget('sightings', { timeScale: 50, throttle: true, async: { groupSite: fixedDelay(50_000) } });
  try {
    const byOp = () => target.localTenant!.stats().resourceUnits.sharepointByOperation;
    const probes = () => byOp()['GET /groups/{id}/sites/root']?.requests ?? 0;
    const plan = await planDesired(desired, target.client, target.name);
    const before = probes();
    const result = await applyRun(target, plan, { concurrency: 12 });
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    const spent = probes() - before;
    // without the listing: three probes a site (30, 45 and 60 s)
    expect(spent).toBeLessThan(2 * SITES);
    // each site's probe that finds it, the first groups' at-once probes, one in SAMPLE after them
    expect(spent).toBeGreaterThanOrEqual(SITES);
    expect(spent).toBeLessThanOrEqual(SITES + SAMPLE + Math.ceil(SITES / SAMPLE) + 2);
    const { stats } = groupSiteSightingsOf(target.client, 60_000);
    // the event happened: listings were made, and young groups' probes were not made for them
    // (each group not in the at-once sample spares its 30 s probe at least; half of them, for
    // a loaded machine's late timers)
    expect(stats.listings).toBeGreaterThan(0);
    expect(stats.spared).toBeGreaterThanOrEqual((SITES - SAMPLE) / 2);
    // the listings cost less than the probes they spared (a page: a write's three units)
    expect(stats.listings * 3).toBeLessThan(stats.spared);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  } finally {
    await target.close();
  }
}, 120_000);

test('an app the tenant admin API refuses (no Sites.FullControl.All on SharePoint) is refused one listing, then probes as before, and the apply converges', async () => {
  const desired = await desiredOf(text, 'sightings.yaml');
  const { target } = await openLocalTarget('sightings-refused', { timeScale: 50, throttle: true, async: { groupSite: fixedDelay(50_000) }, appRoles: { sharepoint: ['Sites.ReadWrite.All'] } });
  try {
    const probes = () => target.localTenant!.stats().resourceUnits.sharepointByOperation['GET /groups/{id}/sites/root']?.requests ?? 0;
    const plan = await planDesired(desired, target.client, target.name);
    const before = probes();
    const result = await applyRun(target, plan, { concurrency: 12 });
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    const { stats } = groupSiteSightingsOf(target.client, 60_000);
    // the event happened: a listing was asked and the tenant refused it; none after it, no probe spared
    expect(stats.listings).toBe(1);
    expect(stats.refused).toBe(1);
    expect(stats.spared).toBe(0);
    // the young groups' probes were made: more than one a site
    expect(probes() - before).toBeGreaterThanOrEqual(2 * SITES);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  } finally {
    await target.close();
  }
}, 120_000);
