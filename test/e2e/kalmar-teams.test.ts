/**
 * The Kalmar rollout through the engine (in-process, over HTTP to the local tenant): 60
 * department team sites from one template and a CSV apply from empty, with their owners, and
 * a fresh plan is empty.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import { loadDesired, planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { openTarget } from '../../src/tenant/target.ts';
import { repoRoot } from '../support/cli.ts';

test('kalmar-teams applies from empty with every owner, and converges', async () => {
  const load = await loadDesired(join(repoRoot, 'blueprints/kalmar-teams/blueprint.yaml'));
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  const cwd = await mkdtemp(join(tmpdir(), 'provision-kalmar-'));
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    const plan = await planDesired(load.desired, target.client, target.name);
    expect(plan.summary.add).toBe(load.desired.resources.length);
    // The 60 independent group look-ups went out in $batch requests of at most 20.
    expect(target.client.graph.batchStats.batches).toBeGreaterThanOrEqual(3);
    expect(target.client.graph.batchStats.batched).toBeGreaterThanOrEqual(60);
    const result = await applyPlan(plan, target.client, { concurrency: 16 });
    expect(result.failed).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.succeeded).toHaveLength(load.desired.resources.length);

    const again = await planDesired(load.desired, target.client, target.name);
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
