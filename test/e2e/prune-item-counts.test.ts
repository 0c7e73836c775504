/**
 * A list's item count (SharePoint REST: Graph's list has none) only says what deleting the list
 * would take with it, so a plan reads it only for a site where a list may be pruned: one the
 * blueprint no longer declares and the engine made. A nightly plan of a blueprint with
 * `prune: [list]` and nothing to prune costs each site a Graph read of its lists and no
 * SharePoint request for the counts; the site's own lists (Documents, Site Pages), which the
 * engine did not make, do not bring the read back. Counted by the local tenant.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const owner = 'anna.andersson@contoso.onmicrosoft.com';

const blueprint = (withArchive: boolean) => `version: 1
name: prune-counts
prune: [list]
sites:
  - url: /sites/prune-counts
    type: communication
    title: Prune counts
    owner: ${owner}
    lists:
      - url: Cases
        template: genericList
${withArchive ? '      - url: Archive\n        template: genericList\n' : ''}`;

/** SharePoint REST reads of a web's list collection (the item counts), alone or in a batch. */
const countReads = (t: Target): number => {
  const s = t.localTenant!.stats();
  return [...Object.entries(s.byOperation), ...Object.entries(s.batchedByOperation)].filter(([op]) => /^SP GET web\/lists$/i.test(op)).reduce((n, [, v]) => n + v, 0);
};

test('a plan reads list item counts only where a list may be pruned', async () => {
  await withLocalTarget('prune-counts', async (t) => {
    const full = await desiredOf(blueprint(true), 'prune-counts.yaml');
    expect((await applyRun(t, await planDesired(full, t.client, t.name))).failed).toEqual([]);
    const site = await t.client.graph.get<{ id: string }>(`/sites/${t.client.sharepointHost}:/sites/prune-counts`);
    await t.client.graph.post(`/sites/${site.id}/lists/Archive/items`, { fields: { Title: 'Old case' } });
    // a list somebody made by hand: not the engine's, never pruned
    await t.client.graph.post(`/sites/${site.id}/lists`, { displayName: 'Handmade', list: { template: 'genericList' } });

    // nothing to prune: no count read, and the plan is empty
    let before = countReads(t);
    expect(isEmptyPlan(await planDesired(full, t.client, t.name))).toBe(true);
    expect(countReads(t) - before).toBe(0);

    // the blueprint drops Archive, which holds an item: the count is read and the delete needs consent
    const dropped = await desiredOf(blueprint(false), 'prune-counts.yaml');
    before = countReads(t);
    const plan = await planDesired(dropped, t.client, t.name);
    expect(countReads(t) - before).toBe(1);
    const changes = plan.changes.filter((c) => c.action !== 'noop');
    expect(changes.map((c) => [c.address, c.action])).toEqual([['site[/sites/prune-counts]/list[Archive]', 'delete']]);
    expect(changes[0]).toMatchObject({ destructive: { flag: 'allow-delete-content', reason: expect.stringContaining('holds 1 item') } });

    expect((await applyRun(t, plan, { allow: ['allow-delete-content'] })).failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(dropped, t.client, t.name))).toBe(true);
    const names = (await t.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`)).map((l) => l.name);
    expect(names).toContain('Handmade');
    expect(names).not.toContain('Archive');
  });
}, 60_000);
