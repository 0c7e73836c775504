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
import { loadDesired } from '../../src/engine/plan-blueprint.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { applyUntilDone } from './apply-until-done.ts';
import { startEmulatorProcess, type EmulatorStats } from './emulator-process.ts';
import type { RunFigures, RunSettings, Strategy } from './run-strategy.ts';
import { workspaceBlueprint, workspaceRows } from './workspace-blueprint.ts';

/**
 * What the loops measured, in simulated time, as a strategy's run reports it (run-strategy.ts):
 * `simulatedMs` is all loops' spans added (the time one loop would take for all the workspaces),
 * `perHour` one loop's workspaces an hour (all workspaces over all spans).
 */
export interface SequencesFigures extends Pick<RunFigures, 'strategy' | 'workspaces' | 'simulatedMs' | 'realMs' | 'perHour' | 'requests' | 'throttled' | 'violations' | 'blockedPeriods' | 'failed' | 'skipped'> {
  sequences: number;
  /** The slowest and the fastest loop's workspaces an hour. */
  spread: { slowest: number; fastest: number };
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
        const { result } = await applyUntilDone({ target, cwd, desired: load.desired, concurrency: 1 });
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
