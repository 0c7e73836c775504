/**
 * The examples under the local tenant's realistic profile compressed 100x (throttling by
 * Microsoft's budgets, latency, teams made asynchronously, group sites that appear minutes
 * later, a directory whose lookups miss a new group for a while): slower, but no errors and no
 * duplicates. Work still pending when an apply ends is finished by the next, as a pipeline would
 * run it; the tenant then plans to no changes.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import { loadDesired, planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { openTarget } from '../../src/tenant/target.ts';
import { repoRoot } from '../support/cli.ts';

test.each(['botkyrka', 'kalmar-teams', 'ambassadors'])(
  '%s converges under the realistic profile at 100x, with nothing twice',
  async (example) => {
    const load = await loadDesired(join(repoRoot, 'blueprints', example, 'blueprint.yaml'));
    if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
    const cwd = await mkdtemp(join(tmpdir(), `provision-realistic-${example}-`));
    const target = await openTarget({ tenant: 'local', cwd, local: { profile: 'realistic', timeScale: 100, licences: 3000 } });
    try {
      let applies = 0;
      for (;;) {
        const result = await applyPlan(await planDesired(load.desired, target.client, target.name), target.client, { concurrency: 2000, allowCustomScript: true });
        applies++;
        expect(result.failed).toEqual([]);
        if (result.pending.length === 0 && !result.skipped.some((s) => s.waiting)) break;
        expect(applies).toBeLessThan(4);
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
      expect(isEmptyPlan(await planDesired(load.desired, target.client, target.name))).toBe(true);
      const nicknames = load.desired.resources.flatMap((r) => (r.kind === 'teamSite' ? [r.props.mailNickname.toLowerCase()] : []));
      const groups = await target.client.graph.list<{ mailNickname: string }>(`/groups?$select=mailNickname&$top=999`);
      // A second group for a workspace would carry its nickname with a number (the service's way).
      const ours = groups.map((g) => g.mailNickname.toLowerCase()).filter((n) => nicknames.some((k) => n === k || new RegExp(`^${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\d+$`).test(n)));
      expect(ours.sort()).toEqual([...nicknames].sort());
      // The directory lag was on (at 100x its seconds pass between two requests, so it rarely
      // shows here: test/e2e/directory-lag.test.ts proves the engine against it).
      expect(target.localTenant!.stats().directoryLag!.enabled).toBe(true);
    } finally {
      await target.close();
    }
  },
  240_000,
);
