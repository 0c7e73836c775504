/**
 * The probes of a new group's site (issue 12): each costs SharePoint's budget, so the engine
 * probes at once, then not again before a site is likely to be there (a minute), then every
 * 30 s, the gap growing with the wait (at most a minute). Counted from the local tenant's
 * charges (`sharepointByOperation`, $batch sub-requests included): a site that appears 400
 * simulated seconds after its group costs 11 probes (at 0, 60, 90, 120, 150, 180, 210, 248,
 * 294, 353 and 413 s), not 15 (every 30 s: 0, 30, ... 420); each probe may come up to 30 s
 * later than planned (the group's answer, the batcher) without changing either count by more
 * than one.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: probes
sites:
  - url: /sites/probed-site
    type: team
    title: Probed site
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Dokument, template: documentLibrary }
`;

test('a group site that appears after 400 s is probed at most 12 times, not every 30 s, and the apply converges', async () => {
  const desired = await desiredOf(text, 'probes.yaml');
  // 100x: the site appears 4 s after its group.
  const fixed = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });
  const { target } = await openLocalTarget('probes', { timeScale: 100, throttle: true, async: { groupSite: fixed(400_000) } });
  const probes = () => target.localTenant!.stats().resourceUnits.sharepointByOperation['GET /groups/{id}/sites/root']?.requests ?? 0;
  try {
    const plan = await planDesired(desired, target.client, target.name);
    const before = probes();
    const result = await applyRun(target, plan, { concurrency: 8 });
    expect(result.failed).toEqual([]);
    expect(result.pending).toEqual([]);
    expect(result.succeeded).toEqual(['site[/sites/probed-site]', 'site[/sites/probed-site]/list[Dokument]']);
    expect(probes() - before).toBeGreaterThanOrEqual(9);
    expect(probes() - before).toBeLessThanOrEqual(12);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  } finally {
    await target.close();
  }
});
