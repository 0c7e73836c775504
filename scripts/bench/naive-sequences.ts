/**
 * The naive sequential strategy's speed, measured on several independent sequential loops at
 * once. One loop's speed is the sum of draws of the local tenant's log-normal delays (a new
 * group's site: median 2 minutes, a long tail), so a few workspaces make a noisy estimate that is
 * most often low (the median of a log-normal is below its mean): ten workspaces measured 0.71 and
 * 0.98 simulated hours on two days with one request more each (docs/performance.md). Loops that
 * run side by side in one tenant are independent trials of the same loop: each sends one request
 * at a time, waits for every site and team, and together they spend a few RU a minute of a budget
 * of thousands, so none slows another. The speed is all their workspaces over all their time
 * (each loop's own span), and the loops' spread is reported with it.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyResult } from '../../src/apply/events.ts';
import { runApply } from '../../src/engine/run-apply.ts';
import { loadDesired } from '../../src/engine/plan-blueprint.ts';
import { openTarget, stateDirOf, type Target } from '../../src/tenant/target.ts';
import { pause } from '../../src/time/engine-time.ts';
import { startEmulatorProcess, type EmulatorStats } from './emulator-process.ts';
import type { RunSettings, Strategy } from './run-strategy.ts';
import { workspaceBlueprint, workspaceRows } from './workspace-blueprint.ts';

/** What the loops measured, in simulated time. */
export interface SequencesFigures {
  strategy: string;
  sequences: number;
  workspaces: number;
  /** All loops' spans added: the time one loop would take for all the workspaces. */
  simulatedMs: number;
  realMs: number;
  /** Workspaces an hour of one loop: all workspaces over all spans. */
  perHour: number;
  /** The slowest and the fastest loop's workspaces an hour. */
  spread: { slowest: number; fastest: number };
  requests: number;
  throttled: number;
  violations: number;
  blockedPeriods: number;
  failed: number;
  skipped: number;
}

/** Runs `sequences` loops of `perSequence` workspaces each with `strategy` (its concurrency must be 1), all at once in one fresh tenant. */
export async function runSequences(strategy: Strategy, sequences: number, perSequence: number, settings: Pick<RunSettings, 'timeScale' | 'licences'>): Promise<SequencesFigures> {
  if (strategy.concurrency !== 1) throw new Error('sequences are of a sequential strategy (concurrency 1)');
  const home = await mkdtemp(join(tmpdir(), `bench-${strategy.name}-`));
  const emulator = await startEmulatorProcess(home, ['--profile', 'realistic', '--time-scale', String(settings.timeScale), '--licences', String(settings.licences)]);
  const targets: Target[] = [];
  try {
    const before = await emulator.stats();
    const started = Date.now();
    const loops = await Promise.all(
      Array.from({ length: sequences }, async (_, k) => {
        // each loop in a folder of its own (its lock, journal, blueprint name and rows), on the one tenant
        const cwd = await mkdtemp(join(tmpdir(), `bench-${strategy.name}-${k}-`));
        await mkdir(join(cwd, '.provision'), { recursive: true });
        await symlink(join(home, '.provision/local-tenant'), join(cwd, '.provision/local-tenant'));
        await writeFile(join(cwd, 'blueprint.yaml'), workspaceBlueprint(`bench-s${k}`));
        await writeFile(join(cwd, 'workspaces.csv'), workspaceRows(1 + k * perSequence, perSequence));
        const load = await loadDesired(join(cwd, 'blueprint.yaml'));
        if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
        const target = await openTarget({ tenant: 'local', cwd, transport: strategy.client });
        targets.push(target);
        const from = (await emulator.stats()).simulatedElapsedMs;
        const applyOnce = async (): Promise<ApplyResult> => {
          const outcome = await runApply({ tenant: target.client, tenantName: target.name, stateDir: stateDirOf(cwd), source: { blueprint: load.desired }, concurrency: 1 });
          if (outcome.status === 'no-changes') return { succeeded: [], failed: [], skipped: [], pending: [], unchanged: outcome.plan.changes.length };
          if (outcome.status !== 'applied') throw new Error(`the apply run ended '${outcome.status}'`);
          return outcome.result;
        };
        // as runStrategy: apply again a simulated minute later while the service finishes pending work
        let result = await applyOnce();
        for (let applies = 1; (result.pending.length > 0 || result.skipped.some((s) => s.waiting)) && applies < 10; applies++) {
          await pause(60_000);
          result = await applyOnce();
        }
        const spanMs = (await emulator.stats()).simulatedElapsedMs - from;
        return { spanMs, failed: result.failed.length, skipped: result.skipped.length };
      }),
    );
    const realMs = Date.now() - started;
    const after: EmulatorStats = await emulator.stats();
    const simulatedMs = loops.reduce((sum, l) => sum + l.spanMs, 0);
    const rates = loops.map((l) => perSequence / (l.spanMs / 3_600_000));
    return {
      strategy: strategy.name,
      sequences,
      workspaces: sequences * perSequence,
      simulatedMs,
      realMs,
      perHour: (sequences * perSequence) / (simulatedMs / 3_600_000),
      spread: { slowest: Math.min(...rates), fastest: Math.max(...rates) },
      requests: after.requests - before.requests,
      throttled: after.throttled.total - before.throttled.total,
      violations: after.retryAfterViolations - before.retryAfterViolations,
      blockedPeriods: after.blocked.periods - before.blocked.periods,
      failed: loops.reduce((n, l) => n + l.failed, 0),
      skipped: loops.reduce((n, l) => n + l.skipped, 0),
    };
  } finally {
    for (const t of targets) await t.close();
    await emulator.stop();
  }
}
