/**
 * `provision plan <blueprint> [--detailed-exitcode] [--json] [--out plan.json]`: shows what
 * apply would change. Exit 0 no changes, 1 error, 2 changes present (with --detailed-exitcode).
 */
import { writeFile } from 'node:fs/promises';
import { checkAgainstTenant, loadDesired, planDesired } from '../../engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../plan/build-plan.ts';
import { renderPlanJson } from '../../plan/render-json.ts';
import { renderPlanText } from '../../plan/render-text.ts';
import { localBehaviourOf, type LocalOptionValues } from '../local-options.ts';
import { openTarget } from '../../tenant/target.ts';
import { info, out, printDiagnostics, useColor } from '../output.ts';

export interface PlanCommandOptions extends LocalOptionValues {
  tenant: string;
  detailedExitcode?: boolean;
  json?: boolean;
  out?: string;
  color?: boolean;
}

export async function planCommand(file: string, options: PlanCommandOptions): Promise<number> {
  const load = await loadDesired(file);
  printDiagnostics(load.diagnostics);
  if (!load.ok) return 1;
  const target = await openTarget({ tenant: options.tenant, cwd: process.cwd(), local: localBehaviourOf(options) });
  try {
    info(target.banner);
    // The users the blueprint names must exist: all missing ones at once, before reading the rest.
    const problems = await checkAgainstTenant(load.desired, target.client);
    printDiagnostics(problems, 'nothing was changed in the tenant.');
    if (problems.some((d) => d.severity === 'error')) return 1;
    const plan = await planDesired(load.desired, target.client, target.name);
    if (options.out) {
      await writeFile(options.out, renderPlanJson(plan));
      info(`Saved the plan to ${options.out}; apply it with: provision apply ${options.out}`);
    }
    out(options.json ? renderPlanJson(plan) : renderPlanText(plan, { color: useColor(options.color) }));
    if (plan.summary.unknown > 0) return 1;
    return options.detailedExitcode && !isEmptyPlan(plan) ? 2 : 0;
  } finally {
    await target.close();
  }
}
