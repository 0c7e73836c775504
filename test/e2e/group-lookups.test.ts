/**
 * A plan looks its workspaces' groups up by mailNickname many names a request (issue 12:
 * `$filter=mailNickname in (…)`, at most 15 names, Graph's bound), not one request a workspace.
 * Counted from the local tenant's directory reads; the plan is the same as the one-by-one reads
 * gave (present groups found, absent ones created), and a lookup matches names as the directory
 * compares them (case-insensitively), duplicates and all.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { groupLookups, IN_VALUES_AT_MOST } from '../../src/kinds/team-site/group-lookup.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { teamSitesBlueprint } from '../support/team-sites-blueprint.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import type { Target } from '../../src/tenant/target.ts';

const SITES = 32;
const text = teamSitesBlueprint({ name: 'group-lookups', prefix: 'gl', title: 'Group lookups', count: SITES });

/** Directory reads of the group collection (`GET /groups`), alone or in `$batch`. */
const groupListReads = (t: Target): number => {
  const s = t.localTenant!.stats();
  return (s.byOperation['GET /groups'] ?? 0) + (s.batchedByOperation['GET /groups'] ?? 0);
};

test('a plan looks up its groups 15 names a request and plans as before', async () => {
  const desired = await desiredOf(text, 'group-lookups.yaml');
  await withLocalTarget('group-lookups', async (t) => {
    // Five workspaces exist: their groups must be found among the names asked together.
    const five = new Set(Array.from({ length: 5 }, (_, i) => `site[/sites/gl-${i * 7}]`));
    const some = desired.resources.filter((r) => five.has(r.address) || [...five].some((a) => r.address.startsWith(`${a}/`)));
    expect((await applyRun(t, await planDesired({ ...desired, resources: some }, t.client, t.name))).failed).toEqual([]);

    const before = groupListReads(t);
    const plan = await planDesired(desired, t.client, t.name);
    const reads = groupListReads(t) - before;
    expect(reads).toBe(Math.ceil(SITES / IN_VALUES_AT_MOST));
    const sites = plan.changes.filter((c) => c.kind === 'teamSite');
    expect(sites.filter((c) => c.action === 'noop').map((c) => c.address).sort()).toEqual([...five].sort());
    expect(sites.filter((c) => c.action === 'create')).toHaveLength(SITES - 5);

    expect((await applyRun(t, plan)).failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, t.client, t.name))).toBe(true);
  });
}, 120_000);

test('a lookup matches names as the directory compares them, duplicates included', async () => {
  await withLocalTarget('group-lookups-case', async (t) => {
    const made = await t.client.graph.post<{ id: string }>('/groups', {
      displayName: 'Case', mailNickname: 'Case-Group', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'],
    });
    const lookups = groupLookups<{ id: string; mailNickname: string }>(t.client.graph, '&$select=id,mailNickname');
    const names = ['case-group', 'CASE-GROUP', ...Array.from({ length: 20 }, (_, i) => `nobody-${i}`)];
    const found = await Promise.all(names.map((n) => lookups.find(n)));
    expect(found.slice(0, 2).map((g) => g?.id)).toEqual([made.id, made.id]);
    expect(found.slice(2).every((g) => g === undefined)).toBe(true);
  });
});
