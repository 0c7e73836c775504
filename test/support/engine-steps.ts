/**
 * The steps engine-level end-to-end tests repeat: a blueprint text to `Desired` (diagnostics
 * become the error), the changes a plan holds, and apply followed by a fresh plan that must be
 * empty (convergence), applied through the engine's apply run (apply-run.ts).
 */
import { expect } from 'vitest';
import { loadBlueprintText } from '../../src/blueprint/index.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Change } from '../../src/model/change.ts';
import type { Plan } from '../../src/model/plan.ts';
import type { Desired } from '../../src/model/resources.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun } from './apply-run.ts';

export async function desiredOf(text: string, file = 'blueprint.yaml'): Promise<Desired> {
  const load = await loadBlueprintText(text, file);
  if (!load.desired) throw new Error(load.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col} ${d.message}`).join('\n'));
  return load.desired;
}

export interface EngineSteps {
  changesOf(text: string): Promise<Change[]>;
  /** Plans, applies (no failure; no skip unless allowed), plans again: empty. Returns the first plan. */
  applyAndConverge(text: string): Promise<Plan>;
}

/**
 * Steps against the target a test opened (read when a step runs, so it may be opened in beforeAll).
 * `allowCustomScript`: apply as with --allow-custom-script (property bag and theme writes on
 * modern sites, which deny custom script).
 */
export function engineSteps(target: () => Target, file: string, options: { skipsAllowed?: boolean; allowCustomScript?: boolean } = {}): EngineSteps {
  return {
    async changesOf(text) {
      const t = target();
      const plan = await planDesired(await desiredOf(text, file), t.client, t.name);
      return plan.changes.filter((c) => c.action !== 'noop');
    },
    async applyAndConverge(text) {
      const t = target();
      const desired = await desiredOf(text, file);
      const plan = await planDesired(desired, t.client, t.name);
      const result = await applyRun(t, plan, { concurrency: 8, allowCustomScript: options.allowCustomScript === true });
      expect(result.failed).toEqual([]);
      if (!options.skipsAllowed) expect(result.skipped).toEqual([]);
      const again = await planDesired(desired, t.client, t.name);
      expect(again.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([]);
      return plan;
    },
  };
}
