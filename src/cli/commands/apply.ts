/**
 * `provision apply <blueprint | saved plan> [--yes]`: the flags, the prompt and the rendering of
 * an apply run; the run itself (checks, lock, lease, plan, consent, journal, audit, events) is
 * src/engine/run-apply.ts. Shows the plan, asks for confirmation on a terminal (refuses without
 * one unless --yes) and prints a summary.
 */
import { writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { DestructiveFlag } from '../../model/change.ts';
import type { ApplyEvent } from '../../apply/events.ts';
import { loadDesired } from '../../engine/plan-blueprint.ts';
import type { Plan } from '../../model/plan.ts';
import type { Desired } from '../../model/resources.ts';
import { runApply, type RunApplyOutcome } from '../../engine/run-apply.ts';
import { readSavedPlan } from '../saved-plan-file.ts';
import { planTextChunks } from '../../plan/render-text.ts';
import { targetSettingsOf, type CredentialOptionValues } from '../credential-options.ts';
import { localBehaviourOf, type LocalOptionValues } from '../local-options.ts';
import { openTarget, stateDirOf } from '../../tenant/target.ts';
import { warnIfAppliedElsewhere } from '../applied-elsewhere.ts';
import { confirmApply } from '../confirm.ts';
import { describeFileError } from '../file-errors.ts';
import { info, out, outChunks, printDiagnostics, useColor } from '../output.ts';
import { createLiveProgress } from '../live-progress.ts';
import { createPeriodicProgress, createProgressPrinter, progressModeOf } from '../progress.ts';
import { signalExitCode, watchInterrupts } from '../interrupt.ts';
import { applySummaryMarkdown, applySummaryText } from '../apply-summary.ts';

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
  /** How long to wait for another apply's lock or lease, in ms (`--lock-timeout`); 0 refuses at once. */
  lockTimeout?: number;
  /** `--progress`: how progress is printed without a terminal (progress.ts). */
  progress?: 'auto' | 'lines' | 'periodic';
  /** `--progress-interval`, in ms. */
  progressInterval?: number;
  /** True when `--progress-interval` was given on the command line (not its default). */
  progressIntervalGiven?: boolean;
  /** `--markdown <file>`: the outcome as Markdown too, for a job summary. */
  markdown?: string;
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
  if (options.progress === 'lines' && options.progressIntervalGiven) {
    info('error: --progress-interval sets how often periodic progress prints its status line, and --progress lines prints a line a change instead: give one or the other');
    return 1;
  }
  const saved = await savedPlanOf(input);
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
    let live: ReturnType<typeof createLiveProgress> | undefined;
    let periodic: ReturnType<typeof createPeriodicProgress> | undefined;
    let printer: ((event: ApplyEvent) => void) | undefined;
    const interrupts = watchInterrupts((line) => (live ? live.note(line) : info(line)));
    let outcome: RunApplyOutcome;
    try {
      outcome = await runApply({
        tenant: target.client,
        tenantName: target.name,
        stateDir: stateDirOf(process.cwd()),
        source: desired ? { blueprint: desired } : { saved: saved!, file: input },
        concurrency: options.concurrency,
        allow: consentOf(options),
        allowCustomScript: options.allowCustomScript === true,
        lockTimeoutMs: options.lockTimeout ?? 0,
        onDiagnostics: (problems) => printDiagnostics(problems, 'nothing was changed in the tenant.'),
        showPlan(plan) {
          if (desired) warnIfAppliedElsewhere(plan, input, settings.tenant);
          outChunks(planTextChunks(plan, { color: useColor(options.color) }));
        },
        ...(options.yes ? {} : { confirm: confirmApply }),
        notice: info,
        onStart(plan) {
          const addresses = plan.changes.filter((c) => c.action !== 'noop').map((c) => c.address);
          // A live status line on a terminal; in a pipeline log, a line a change or a status line a minute.
          const mode = progressModeOf(options.progress ?? 'auto', process.stderr.isTTY === true, addresses.length);
          const stats = target.client.transport.stats;
          if (mode === 'live') printer = (live = createLiveProgress(addresses, stats)).onEvent;
          else if (mode === 'periodic') printer = (periodic = createPeriodicProgress(addresses, stats, options.progressInterval ?? 60_000)).onEvent;
          else printer = createProgressPrinter(addresses.length);
          interrupts.changesStarting();
        },
        onEvent: (event) => printer?.(event),
        interrupt: interrupts.signal,
        whileHeld: interrupts.whileHeld,
      });
    } finally {
      interrupts.dispose();
      periodic?.stop();
    }
    live?.stop();
    const summary = outcome.status === 'applied' ? applySummaryText(outcome.result, outcome.ms, auditLogShown(), desired?.rowsOfSites, desired ? input : undefined) : undefined;
    const code = report(outcome, input, summary);
    if (options.markdown) await writeMarkdown(options.markdown, outcome, target.name, summary);
    return interrupts.received ? signalExitCode(interrupts.received) : code;
  } finally {
    await target.close();
  }
}

/** Prints how the run ended (`summary`: an applied run's, apply-summary.ts) and gives the exit code. */
function report(outcome: RunApplyOutcome, input: string, summary: string | undefined): number {
  switch (outcome.status) {
    case 'other-tenant':
      info(`Refusing to apply ${input}: ${outcome.message}. Nothing was changed. Make a new plan against this tenant.`);
      return 1;
    case 'invalid':
      return 1;
    case 'released':
      // an exit at once is under way (src/cli/interrupt.ts); it said why and gives the code
      return 1;
    case 'locked': {
      const h = outcome.holder;
      if (outcome.where === 'state folder') info(`Refusing to apply: another apply is running in this folder (${outcome.file}): host ${h.host}, pid ${h.pid}, since ${h.since}.`);
      else info(`Refusing to apply: another apply of this blueprint holds the tenant lease: host ${h.host}, pid ${h.pid}, since ${h.since}, expires ${h.expires} (run ${h.run}).`);
      info('Nothing was changed. Wait for it to finish, or pass --lock-timeout <duration> to wait for it.');
      return 1;
    }
    case 'no-plan':
      for (const line of outcome.why) info(line);
      return 1;
    case 'no-changes':
      return outcome.plan.summary.unknown > 0 ? 1 : 0;
    case 'consent-refused':
      info('Refusing to apply: the plan has destructive changes that need consent:');
      for (const c of outcome.refused) info(`  ${c.address}: ${c.destructive!.reason} (needs --${c.destructive!.flag})`);
      info('Nothing was changed. Pass the flags named above to allow them.');
      return 1;
    case 'vetoed':
      for (const line of outcome.why) info(line);
      return 1;
    case 'declined':
      info(outcome.why);
      return 1;
    case 'audit-unwritable':
      info(`Refusing to apply: ${outcome.why}. Every change is audited before it is made; nothing was changed.`);
      return 1;
    case 'applied': {
      const { result } = outcome;
      out(summary!);
      // Pending work, and what waits for it, is not a failure: the next run finishes it.
      return result.failed.length + result.skipped.filter((s) => !s.waiting).length > 0 || result.notStarted ? 1 : 0;
    }
  }
}

/** The audit log as the summary names it: relative to the working folder. */
function auditLogShown(): string {
  return relative(process.cwd(), join(stateDirOf(process.cwd()), 'audit.jsonl'));
}

/** The run's outcome as Markdown (a job summary): the summary of an apply, or why none ran. */
async function writeMarkdown(file: string, outcome: RunApplyOutcome, tenant: string, summary: string | undefined): Promise<void> {
  let text: string;
  if (outcome.status === 'applied') text = applySummaryMarkdown(summary!, outcome.plan.owner, tenant);
  else if (outcome.status === 'no-changes') text = applySummaryMarkdown(`No changes. The tenant matches the blueprint (${outcome.plan.changes.length} resources checked).`, outcome.plan.owner, tenant);
  else text = `### m365-provision apply on ${tenant}\n\n**Nothing was changed** (${outcome.status}): the log says why.\n`;
  await writeFile(file, text);
  info(`Wrote the outcome as Markdown to ${file}`);
}

async function savedPlanOf(input: string): Promise<Plan | undefined> {
  if (!input.toLowerCase().endsWith('.json')) return undefined;
  try {
    return await readSavedPlan(input);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === undefined) throw error; // what is wrong with the plan itself
    throw describeFileError(error, input, 'saved plan', 'a plan saved with `provision plan <blueprint> --out <file>`, or a blueprint YAML file');
  }
}
