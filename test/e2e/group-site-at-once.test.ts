/**
 * The probe of a new group's site at once is learned over the run (issue 12): on a tenant whose
 * group sites take minutes, the first groups' at-once probes all miss, so later groups skip it
 * and are probed first when a site is likely to be there; a tenant whose sites are there at once
 * keeps being probed at once. Counted from the local tenant's charges for
 * `GET /groups/{id}/sites/root`; both applies converge.
 */
import { expect, test } from 'vitest';
import { AtOnceChecks, HIT_SHARE, SAMPLE } from '../../src/kinds/shared/at-once-checks.ts';
import { applyCountingSiteProbes } from '../support/apply-counting.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';

const SITES = 40;
const text = teamSitesBlueprint({ name: 'at-once', prefix: 'at-once', title: 'At once', count: SITES });

async function probesOfApply(groupSiteMs: number): Promise<number> {
  // 100x: a site that appears 30 simulated seconds after its group appears 0.3 s later
  return (await applyCountingSiteProbes('at-once', await desiredOf(text, 'at-once.yaml'), groupSiteMs)).probes;
}

test('sites that take 30 s: after the first groups, the at-once probe is skipped (one probe a site, not two)', async () => {
  const spent = await probesOfApply(30_000);
  // every site is found by its probe at 60 s; at-once probes: the sample, and one group in
  // SAMPLE after it
  expect(spent).toBeGreaterThanOrEqual(SITES + SAMPLE);
  expect(spent).toBeLessThanOrEqual(SITES + SAMPLE + Math.ceil(SITES / SAMPLE));
  // without the learning every site would cost two probes
  expect(spent).toBeLessThan(2 * SITES);
}, 120_000);

test('sites that are there at once: every site is probed once, at once', async () => {
  expect(await probesOfApply(0)).toBe(SITES);
}, 120_000);

test('the record: the first SAMPLE probe at once; groups that come meanwhile wait for the verdict; then one group in SAMPLE, or all while one in HIT_SHARE hits', async () => {
  const misses = new AtOnceChecks();
  const sample = await Promise.all(Array.from({ length: SAMPLE }, () => misses.shouldCheck()));
  expect(sample.every(Boolean)).toBe(true);
  // a group created while the sample is out waits for it
  let decided: boolean | undefined;
  const early = misses.shouldCheck().then((d) => (decided = d));
  await Promise.resolve();
  expect(decided).toBeUndefined();
  for (let i = 0; i < SAMPLE; i++) misses.record(false);
  await early;
  expect(decided).toBe(false);
  const decisions = await Promise.all(Array.from({ length: 3 * SAMPLE }, () => misses.shouldCheck()));
  // one in SAMPLE keeps sampling (the early group was the first skipped)
  expect(decisions.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  expect(decisions.filter(Boolean).length).toBeLessThanOrEqual(4);

  const someHits = new AtOnceChecks();
  for (let i = 0; i < SAMPLE * HIT_SHARE; i++) {
    expect(await someHits.shouldCheck()).toBe(true);
    someHits.record(i % HIT_SHARE === 0); // exactly one in HIT_SHARE finds the site
  }
});
