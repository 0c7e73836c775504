/**
 * `provision apply <blueprint | saved plan> [--yes]`: plans (or loads a saved plan and checks
 * that the tenant has not moved since), shows the plan, asks for confirmation on a terminal
 * (refuses without one unless --yes), applies, and prints a summary.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { applyPlan, refusedChanges } from '../../apply/apply-plan.ts';
import { changesNeedingCustomScript, customScriptRefusal } from '../../apply/custom-script.ts';
import type { DestructiveFlag } from '../../model/change.ts';
import { createAuditLog } from '../../apply/audit-log.ts';
import { Journal } from '../../apply/journal.ts';
import type { ApplyEvent, ApplyResult } from '../../apply/events.ts';
import { checkPlanTenant, checkSavedPlan } from '../../engine/apply-saved-plan.ts';
import { checkAgainstTenant, desiredOfPlan, loadDesired, planDesired } from '../../engine/plan-blueprint.ts';
import type { Plan } from '../../model/plan.ts';
import type { Desired } from '../../model/resources.ts';
import { isEmptyPlan } from '../../plan/build-plan.ts';
import { parsePlanJson } from '../../plan/render-json.ts';
import { renderPlanText } from '../../plan/render-text.ts';
import { targetSettingsOf, type CredentialOptionValues } from '../credential-options.ts';
import { localBehaviourOf, type LocalOptionValues } from '../local-options.ts';
import { openTarget, stateDirOf } from '../../tenant/target.ts';
import { warnIfAppliedElsewhere } from '../applied-elsewhere.ts';
import { changesSharePointRefuses } from '../../tenant/credentials/sharepoint-refusal.ts';
import { confirmApply } from '../confirm.ts';
import { describeFileError } from '../file-errors.ts';
import { info, out, printDiagnostics, useColor } from '../output.ts';
import { createLiveProgress } from '../live-progress.ts';
import { createProgressPrinter } from '../progress.ts';

export interface ApplyCommandOptions extends LocalOptionValues, CredentialOptionValues {
  yes?: boolean;
  concurrency: number;
  httpConcurrency: number;
  budgetShare: number;
  /** `--request-timeout`, in seconds. */
  requestTimeout?: number;
  color?: boolean;
  allowDeleteContent?: boolean;
  allowDeleteSites?: boolean;
  allowRemoveLastOwner?: boolean;
  allowWiderSharing?: boolean;
  /** allow custom script on the sites whose changes need it (tenant admin API, right before them) */
  allowCustomScript?: boolean;
}

/** The consent flags given on the command line. */
function consentOf(options: ApplyCommandOptions): Set<DestructiveFlag> {
  const allow = new Set<DestructiveFlag>();
  if (options.allowDeleteContent) allow.add('allow-delete-content');
  if (options.allowDeleteSites) allow.add('allow-delete-sites');
  if (options.allowRemoveLastOwner) allow.add('allow-remove-last-owner');
  if (options.allowWiderSharing) allow.add('allow-wider-sharing');
  return allow;
}

export async function applyCommand(input: string, options: ApplyCommandOptions): Promise<number> {
  const saved = await readSavedPlan(input);
  let desired: Desired | undefined;
  if (!saved) {
    const load = await loadDesired(input);
    printDiagnostics(load.diagnostics);
    if (!load.ok) return 1;
    desired = load.desired;
  }
  const settings = targetSettingsOf(options);
  const target = await openTarget({
    ...settings,
    cwd: process.cwd(),
    local: localBehaviourOf(options),
    transport: {
      concurrency: options.httpConcurrency,
      targetShare: options.budgetShare,
      ...(options.requestTimeout ? { requestTimeoutMs: options.requestTimeout * 1000 } : {}),
    },
  });
  try {
    info(target.banner);
    // before anything is read or changed: what the tenant will refuse with this credential
    for (const warning of target.warnings) info(warning);
    // A saved plan applies only to the tenant it was made against: checked before anything else.
    const otherTenant = saved && !desired ? await checkPlanTenant(saved, target.client) : null;
    if (otherTenant) {
      info(`Refusing to apply ${input}: ${otherTenant.message}. Nothing was changed. Make a new plan against this tenant.`);
      return 1;
    }
    // The users the blueprint (or the saved plan) names must exist: refused before any change.
    const problems = await checkAgainstTenant(desired ?? desiredOfPlan(saved!), target.client);
    printDiagnostics(problems, 'nothing was changed in the tenant.');
    if (problems.some((d) => d.severity === 'error')) return 1;
    let plan: Plan;
    if (!desired) {
      if (!saved) throw new Error('no plan to apply');
      const staleness = await checkSavedPlan(saved, target.client);
      if (staleness.stale) {
        info(`The saved plan ${input} is stale: the tenant changed since it was made, at:`);
        for (const address of staleness.moved) info(`  ${address}`);
        info('Make a new plan.');
        return 1;
      }
      plan = saved;
    } else {
      plan = await planDesired(desired, target.client, target.name);
      warnIfAppliedElsewhere(plan, input, settings.tenant);
    }
    out(renderPlanText(plan, { color: useColor(options.color) }));
    if (isEmptyPlan(plan)) return plan.summary.unknown > 0 ? 1 : 0;
    const allow = consentOf(options);
    const refused = refusedChanges(plan, allow);
    if (refused.length > 0) {
      info('Refusing to apply: the plan has destructive changes that need consent:');
      for (const c of refused) info(`  ${c.address}: ${c.destructive!.reason} (needs --${c.destructive!.flag})`);
      info('Nothing was changed. Pass the flags named above to allow them.');
      return 1;
    }
    const spRefused = changesSharePointRefuses(plan.changes, target.client.identity);
    if (spRefused.length > 0) {
      info(`Refusing to apply: ${spRefused.length} change(s) go through SharePoint, which refuses this credential's tokens, e.g. ${spRefused.slice(0, 3).join(', ')}.`);
      info('Nothing was changed. Sign in with a certificate, workload identity federation, a managed identity or as an admin (see the warning above).');
      return 1;
    }
    const scripted = changesNeedingCustomScript(plan);
    if (scripted.length > 0 && !options.allowCustomScript) {
      for (const line of customScriptRefusal(scripted)) info(line);
      return 1;
    }
    if (!options.yes) {
      const answer = await confirmApply();
      if (!answer.ok) {
        info(answer.why);
        return 1;
      }
    }
    const total = plan.changes.filter((c) => c.action !== 'noop').length;
    // A live status line on a terminal; plain lines in a pipeline log.
    const live = process.stderr.isTTY
      ? createLiveProgress(plan.changes.filter((c) => c.action !== 'noop').map((c) => c.address), target.client.transport.stats)
      : undefined;
    const printer = live ? live.onEvent : createProgressPrinter(total);
    const run = randomUUID();
    const audit = createAuditLog(join(stateDirOf(process.cwd()), 'audit.jsonl'), target.name, run);
    const journal = new Journal(join(stateDirOf(process.cwd()), 'journal.jsonl'), run);
    const interrupted = journal.lastInterrupted();
    if (interrupted) {
      info(`The previous apply (started ${interrupted.startedAt}) was interrupted with ${interrupted.inFlight.length} change(s) in flight; this plan was made from a fresh read, and creates adopt what those made.`);
      for (const address of interrupted.inFlight) info(`  in flight: ${address}`);
    }
    journal.begin(target.name, plan.blueprint);
    const onEvent = (event: ApplyEvent) => {
      journal.onEvent(event);
      printer(event);
      audit(event);
    };
    const started = Date.now();
    const result = await applyPlan(plan, target.client, { concurrency: options.concurrency, onEvent, allow, allowCustomScript: options.allowCustomScript === true });
    live?.stop();
    journal.end();
    out(summaryText(result, Date.now() - started));
    // Pending work, and what waits for it, is not a failure: the next run finishes it.
    return result.failed.length + result.skipped.filter((s) => !s.waiting).length > 0 ? 1 : 0;
  } finally {
    await target.close();
  }
}

async function readSavedPlan(input: string): Promise<Plan | undefined> {
  if (!input.toLowerCase().endsWith('.json')) return undefined;
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (error) {
    throw describeFileError(error, input, 'saved plan', 'a plan saved with `provision plan <blueprint> --out <file>`, or a blueprint YAML file');
  }
  return parsePlanJson(text, input);
}

function summaryText(result: ApplyResult, ms: number): string {
  const lines = [
    `Apply complete in ${(ms / 1000).toFixed(1)} s: ${result.succeeded.length} succeeded, ${result.failed.length} failed, ${result.pending.length} pending, ${result.skipped.length} skipped, ${result.unchanged} unchanged.`,
  ];
  for (const f of result.failed) lines.push(`  failed  ${f.address}: ${f.error}`);
  for (const p of result.pending) lines.push(`  pending ${p.address}: ${p.waitingFor}`);
  for (const s of result.skipped) lines.push(`  skipped ${s.address}: ${s.because}`);
  if (result.pending.length > 0) lines.push('Pending work is the service still finishing what was created: run apply again later to finish it.');
  return lines.join('\n');
}
