/**
 * Async work that outlasts the engine's bounded readiness probe: a group's site that appears
 * after 45 simulated minutes (the probe gives up after 30). The team site is reported pending,
 * what needs the site waits (not a failure), and the next apply, once the site is there,
 * finishes it and converges.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: pending
sites:
  - url: /sites/slow-site
    type: team
    title: Slow site
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Dokument, template: documentLibrary }
`;

test('a site that outlasts the readiness probe is pending, and the next apply finishes it', async () => {
  const desired = await desiredOf(text, 'pending.yaml');
  // 1000x: 45 simulated minutes last 2.7 s, the engine's 30-minute probe 1.8 s.
  const fixed = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });
  const { target } = await openLocalTarget('pending', { timeScale: 1000, async: { groupSite: fixed(45 * 60_000) } });
  try {
    const first = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8 });
    expect(first.failed).toEqual([]);
    expect(first.pending.map((p) => p.address)).toEqual(['site[/sites/slow-site]']);
    expect(first.skipped).toEqual([expect.objectContaining({ address: 'site[/sites/slow-site]/list[Dokument]', waiting: true })]);
    const groups = await target.client.graph.get<{ value: unknown[] }>(`/groups?$filter=mailNickname eq 'slow-site'`);
    expect(groups.value).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    // (the site appears 2.7 s after its group was made)
    const second = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 8 });
    expect(second.failed).toEqual([]);
    expect(second.pending).toEqual([]);
    expect(second.succeeded).toEqual(['site[/sites/slow-site]/list[Dokument]']);
    expect((await target.client.graph.get<{ value: unknown[] }>(`/groups?$filter=mailNickname eq 'slow-site'`)).value).toHaveLength(1);
    expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
  } finally {
    await target.close();
  }
});
