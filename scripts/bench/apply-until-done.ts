/**
 * How the apply benchmark applies: one apply as `provision apply --yes` runs it
 * (src/engine/run-apply.ts: the plan under the lock and lease, the journal, the audit), and, while
 * the service is still finishing some of it (pending sites), a simulated minute's pause and
 * another apply, as a pipeline would, at most MAX_APPLIES in all: throughput counts until all is
 * done. Used by one strategy's run (run-strategy.ts) and by the naive loops (naive-sequences.ts).
 */
import type { ApplyEvent, ApplyResult } from '../../src/apply/events.ts';
import type { Desired } from '../../src/model/resources.ts';
import { runApply } from '../../src/engine/run-apply.ts';
import { stateDirOf, type Target } from '../../src/tenant/target.ts';
import { pause } from '../../src/time/engine-time.ts';

/** Applies a run makes at most. */
export const MAX_APPLIES = 10;

/** What to apply, where, and how. */
export interface ApplySettings {
  target: Target;
  /** the folder whose `.provision` holds the run's lock and journal */
  cwd: string;
  desired: Desired;
  concurrency: number;
  onEvent?: (e: ApplyEvent) => void;
}

/** One apply of `desired`; the result of the run (nothing to do: no changes, all unchanged). */
export async function applyOnce(s: ApplySettings): Promise<ApplyResult> {
  const outcome = await runApply({ tenant: s.target.client, tenantName: s.target.name, stateDir: stateDirOf(s.cwd), source: { blueprint: s.desired }, concurrency: s.concurrency, ...(s.onEvent ? { onEvent: s.onEvent } : {}) });
  if (outcome.status === 'no-changes') return { succeeded: [], failed: [], skipped: [], pending: [], unchanged: outcome.plan.changes.length };
  if (outcome.status !== 'applied') throw new Error(`the apply run ended '${outcome.status}'`);
  return outcome.result;
}

/**
 * Applies until nothing is pending or waiting (a simulated minute apart); `afterFirst` sees the
 * first apply's result before any other. The last result, and how many applies it took.
 */
export async function applyUntilDone(s: ApplySettings, afterFirst?: (first: ApplyResult) => Promise<void>): Promise<{ result: ApplyResult; applies: number }> {
  let result = await applyOnce(s);
  await afterFirst?.(result);
  let applies = 1;
  while ((result.pending.length > 0 || result.skipped.some((x) => x.waiting)) && applies < MAX_APPLIES) {
    await pause(60_000);
    result = await applyOnce(s);
    applies++;
  }
  return { result, applies };
}
