/**
 * `provision plan <blueprint> [--detailed-exitcode] [--json] [--out plan.json]`: shows what
 * apply would change. Exit 0 no changes, 1 error, 2 changes present (with --detailed-exitcode).
 */
import { checkAgainstTenant, loadDesired, planDesired } from '../../engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../plan/build-plan.ts';
import { planJsonChunks } from '../../plan/render-json.ts';
import { planTextChunks } from '../../plan/render-text.ts';
import { targetSettingsOf, type CredentialOptionValues } from '../credential-options.ts';
import { localBehaviourOf, type LocalOptionValues } from '../local-options.ts';
import { openTarget } from '../../tenant/target.ts';
import { warnIfAppliedElsewhere } from '../applied-elsewhere.ts';
import { info, outChunks, printDiagnostics, useColor } from '../output.ts';
import { writeFileChunks } from '../chunked-file.ts';

export interface PlanCommandOptions extends LocalOptionValues, CredentialOptionValues {
  detailedExitcode?: boolean;
  json?: boolean;
  out?: string;
  /** `--request-timeout`, in seconds. */
  requestTimeout?: number;
  color?: boolean;
}

export async function planCommand(file: string, options: PlanCommandOptions): Promise<number> {
  const load = await loadDesired(file);
  printDiagnostics(load.diagnostics);
  if (!load.ok) return 1;
  const settings = targetSettingsOf(options);
  const target = await openTarget({
    ...settings,
    cwd: process.cwd(),
    local: localBehaviourOf(options),
    ...(options.requestTimeout ? { transport: { requestTimeoutMs: options.requestTimeout * 1000 } } : {}),
  });
  try {
    info(target.banner);
    for (const warning of target.warnings) info(warning);
    // The users the blueprint names must exist: all missing ones at once, before reading the rest.
    const problems = await checkAgainstTenant(load.desired, target.client);
    printDiagnostics(problems, 'nothing was changed in the tenant.');
    if (problems.some((d) => d.severity === 'error')) return 1;
    // Digests only where they are read: in a saved plan and in JSON.
    const plan = await planDesired(load.desired, target.client, target.name, { digests: Boolean(options.out || options.json) });
    warnIfAppliedElsewhere(plan, file, settings.tenant);
    if (options.out) {
      writeFileChunks(options.out, planJsonChunks(plan));
      info(`Saved the plan to ${options.out}; apply it with: provision apply ${options.out}`);
    }
    if (options.json) outChunks(planJsonChunks(plan));
    else outChunks(planTextChunks(plan, { color: useColor(options.color) }));
    if (plan.summary.unknown > 0) return 1;
    return options.detailedExitcode && !isEmptyPlan(plan) ? 2 : 0;
  } finally {
    await target.close();
  }
}
