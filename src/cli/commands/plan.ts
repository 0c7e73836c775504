/**
 * `provision plan <blueprint> [--detailed-exitcode] [--json] [--out plan.json] [--markdown
 * plan.md]`: shows what apply would change. Exit 0 no changes, 1 error, 2 changes present (with
 * --detailed-exitcode).
 */
import { writeFile } from 'node:fs/promises';
import { checkAgainstTenant, loadDesired, planDesired } from '../../engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../plan/build-plan.ts';
import { planJsonChunks } from '../../plan/render-json.ts';
import { MARKDOWN_MAX_CHARS, renderPlanMarkdown } from '../../plan/render-markdown.ts';
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
  /** `--markdown <file>`: the plan as Markdown too (`-`: on stdout, instead of the text). */
  markdown?: string;
  markdownMaxChars?: number;
  /** `--request-timeout`, in seconds. */
  requestTimeout?: number;
  color?: boolean;
}

export async function planCommand(file: string, options: PlanCommandOptions): Promise<number> {
  if (options.json && options.markdown === '-') {
    info('error: --json and --markdown - both print the plan: write the Markdown to a file (--markdown plan.md)');
    return 1;
  }
  if (options.markdownMaxChars !== undefined && !options.markdown) {
    info('error: --markdown-max-chars bounds the Markdown plan, and there is none without --markdown <file> (or --markdown - to print it)');
    return 1;
  }
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
    const checked = await checkAgainstTenant(load.desired, target.client);
    printDiagnostics(checked.diagnostics, 'nothing was changed in the tenant.');
    if (checked.diagnostics.some((d) => d.severity === 'error')) return 1;
    // Digests only where they are read: in a saved plan and in JSON.
    const plan = await planDesired(load.desired, target.client, target.name, { digests: Boolean(options.out || options.json), knownUsers: checked.users });
    warnIfAppliedElsewhere(plan, file, settings.tenant);
    if (options.out) {
      writeFileChunks(options.out, planJsonChunks(plan));
      info(`Saved the plan to ${options.out}; apply it with: provision apply ${options.out}`);
    }
    const markdown = options.markdown ? renderPlanMarkdown(plan, options.markdownMaxChars ?? MARKDOWN_MAX_CHARS) : undefined;
    if (options.markdown && options.markdown !== '-') {
      await writeFile(options.markdown, markdown!);
      info(`Wrote the plan as Markdown to ${options.markdown} (${markdown!.length} characters)`);
    }
    if (options.json) outChunks(planJsonChunks(plan));
    else if (options.markdown === '-') outChunks([markdown!]);
    else outChunks(planTextChunks(plan, { color: useColor(options.color) }));
    if (plan.summary.unknown > 0) return 1;
    return options.detailedExitcode && !isEmptyPlan(plan) ? 2 : 0;
  } finally {
    await target.close();
  }
}
