/**
 * The Kalmar rollout through the engine (in-process, over HTTP to the local tenant): 60
 * department team sites from one template and a CSV apply from empty, with their owners, and
 * a fresh plan is empty.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, exampleBlueprint, openLocalTarget } from '../support/apply-run.ts';
import { repoRoot } from '../support/cli.ts';

test('kalmar-teams applies from empty with every owner, and converges', async () => {
  const desired = await exampleBlueprint('kalmar-teams');
  const { target } = await openLocalTarget('kalmar');
  try {
    const plan = await planDesired(desired, target.client, target.name);
    expect(plan.summary.add).toBe(desired.resources.length);
    // The 60 independent group look-ups went out as 4 reads of 15 names (`mailNickname in`),
    // together in $batch requests.
    const stats = target.localTenant!.stats();
    expect((stats.byOperation['GET /groups'] ?? 0) + (stats.batchedByOperation['GET /groups'] ?? 0)).toBe(4);
    expect(stats.batchedByOperation['GET /groups']).toBeGreaterThanOrEqual(2);
    const result = await applyRun(target, plan, { concurrency: 16 });
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.succeeded).toHaveLength(desired.resources.length);

    const again = await planDesired(desired, target.client, target.name);
    expect(again.changes.filter((c) => c.action !== 'noop')).toEqual([]);
    expect(isEmptyPlan(again)).toBe(true);

    const csv = (await readFile(join(repoRoot, 'blueprints/kalmar-teams/departments.csv'), 'utf8')).trim().split('\n').slice(1);
    expect(csv).toHaveLength(60);
    for (const row of csv.slice(0, 5)) {
      const [alias, name, , owner] = row.split(',');
      const groups = await target.client.graph.get<{ value: { id: string; displayName: string }[] }>(
        `/groups?$filter=mailNickname eq 'kalmar-${alias}'&$select=id,displayName`,
      );
      expect(groups.value).toHaveLength(1);
      expect(groups.value[0]?.displayName).toBe(name);
      const owners = await target.client.graph.list<{ userPrincipalName: string }>(`/groups/${groups.value[0]?.id}/owners?$select=userPrincipalName`);
      expect(owners.map((o) => o.userPrincipalName)).toContain(owner);
    }
  } finally {
    await target.close();
  }
});
