/**
 * One measured run: a fresh local tenant in its own process (realistic profile, compressed
 * clock), N workspaces planned and applied with one strategy's settings, and the figures the
 * benchmark reports, all in simulated time.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { loadDesired, planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { siteOfAddress } from '../../src/model/address.ts';
import { openTarget } from '../../src/tenant/target.ts';
import type { ClientOptions } from '../../src/tenant/tenant-client.ts';
import { startEmulatorProcess, type EmulatorStats } from './emulator-process.ts';
import { applyUntilDone } from './apply-until-done.ts';
import { RunEnd, type RunEndFigures } from './run-end.ts';
import type { TimelineSample } from './timeline.ts';
import { workspaceBlueprint, workspaceRows } from './workspace-blueprint.ts';
import { threadCpu, threadCpuSince, type ThreadCpu } from './thread-cpu.mjs';

export interface Strategy {
  name: string;
  /** Changes in flight at once. */
  concurrency: number;
  client: ClientOptions;
}

export interface RunFigures {
  strategy: string;
  workspaces: number;
  simulatedMs: number;
  realMs: number;
  perHour: number;
  requests: number;
  throttled: number;
  violations: number;
  blockedPeriods: number;
  failed: number;
  skipped: number;
  /** Applies it took until nothing was pending, and how many were pending after the first. */
  applies: number;
  firstPending: number;
  /** Simulated time of the first apply (the rest finishes pending work). */
  firstApplyMs: number;
  /**
   * Simulated time from the apply's start to the first team site's create (the plan, the lock,
   * the journal: part of the throughput's span, and no SharePoint work yet); undefined when no
   * team site was created.
   */
  startMs?: number;
  engineCpuMs: number;
  /** The engine's pacer over the run: how often a request waited for the budget, and how long in all (real ms). */
  pacer: { paced: number; waitedMs: number; gateWakeUps: number; dayPaced: number };
  /** Of engineCpuMs, the time in the kernel (system calls: sockets, the journal's writes). */
  engineSystemMs: number;
  /**
   * Of engineCpuMs, the main thread's and the other threads' (V8's concurrent marking, parallel
   * scavenges and optimising compiler; libuv's pool), which a `--cpu-prof` profile does not see.
   * Linux only (thread-cpu.mjs).
   */
  engineThreads?: ThreadCpu;
  /**
   * The process's peak resident memory by the end of the apply (the kernel's high-water mark,
   * getrusage: every spike, and no sampler in the measured process); the engine's run comes
   * first, so for it this is the apply's peak.
   */
  peakRssMb: number;
  stats: EmulatorStats;
  /** SharePoint RU spent and team sites found, sampled about once a simulated minute from the first team site's create (timeline.ts). */
  timeline: TimelineSample[];
  /** What the end of the run waited for (run-end.ts). */
  end: RunEndFigures;
  /** Engine run only: a fresh plan of every workspace is empty, and no object exists twice. */
  replanEmpty?: boolean;
  replanChanges?: number;
  duplicates?: number;
}

export interface RunSettings {
  timeScale: number;
  licences: number;
  verify: boolean;
}

export async function runStrategy(strategy: Strategy, workspaces: number, settings: RunSettings): Promise<RunFigures> {
  const cwd = await mkdtemp(join(tmpdir(), `bench-${strategy.name}-`));
  await writeFile(join(cwd, 'blueprint.yaml'), workspaceBlueprint());
  await writeFile(join(cwd, 'workspaces.csv'), workspaceRows(1, workspaces));
  const emulator = await startEmulatorProcess(cwd, ['--profile', 'realistic', '--time-scale', String(settings.timeScale), '--licences', String(settings.licences)]);
  try {
    const load = await loadDesired(join(cwd, 'blueprint.yaml'));
    if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
    const target = await openTarget({ tenant: 'local', cwd, transport: strategy.client });
    try {
      const before = await emulator.stats();
      const cpu = process.cpuUsage();
      const threadsBefore = threadCpu();
      const started = Date.now();
      // The ramp and the tail: SharePoint RU spent each simulated minute, and the sites found by
      // then, counted from the moment the first team site's create starts (the plan before it
      // takes a varying time), so that runs compare minute by minute.
      const timeline: TimelineSample[] = [];
      let sitesFound = 0;
      let timer: NodeJS.Timeout | undefined;
      let zero: EmulatorStats | undefined;
      let zeroCpu: { cpuMs: number; realMs: number } | undefined;
      const spOf = (s: EmulatorStats) => s.resourceUnits.spent['sharepoint.minute'] ?? 0;
      const PROBE = 'GET /groups/{id}/sites/root';
      const probesOf = (s: EmulatorStats) => (s.byOperation[PROBE] ?? 0) + (s.batchedByOperation?.[PROBE] ?? 0);
      const sample = async () => {
        const s = await emulator.stats();
        zero ??= s;
        const used = process.cpuUsage(cpu);
        const cpuNow = (used.user + used.system) / 1000;
        const realNow = Date.now() - started;
        zeroCpu ??= { cpuMs: cpuNow, realMs: realNow };
        timeline.push({
          simMs: s.simulatedElapsedMs - zero.simulatedElapsedMs,
          ru: spOf(s) - spOf(zero),
          sites: sitesFound,
          probes: probesOf(s) - probesOf(zero),
          groups: (s.byOperation['POST /groups'] ?? 0) - (zero.byOperation['POST /groups'] ?? 0),
          cpuMs: cpuNow - zeroCpu.cpuMs,
          realMs: realNow - zeroCpu.realMs,
        });
      };
      const isSite = (address: string) => siteOfAddress(address) === address;
      const kinds = new Map(load.desired.resources.map((r) => [r.address, r.kind]));
      const end = new RunEnd((address) => kinds.get(address), settings.timeScale);
      const onEvent = (e: ApplyEvent) => {
        end.onEvent(e);
        if (e.type === 'succeeded' && e.action === 'create' && isSite(e.address)) sitesFound++;
        if (e.type === 'started' && e.action === 'create' && isSite(e.address) && !timer) {
          void sample().catch(() => {});
          timer = setInterval(() => void sample().catch(() => {}), 60_000 / settings.timeScale);
        }
      };
      let firstPending = 0;
      let firstApplyMs = 0;
      const { result, applies } = await applyUntilDone({ target, cwd, desired: load.desired, concurrency: strategy.concurrency, onEvent }, async (first) => {
        firstPending = first.pending.length;
        firstApplyMs = (await emulator.stats()).simulatedElapsedMs - before.simulatedElapsedMs;
      });
      const realMs = Date.now() - started;
      const used = process.cpuUsage(cpu);
      const engineThreads = threadCpuSince(threadsBefore);
      clearInterval(timer);
      if (timer) await sample();
      const after = await emulator.stats();
      const simulatedMs = after.simulatedElapsedMs - before.simulatedElapsedMs;
      const figures: RunFigures = {
        strategy: strategy.name,
        workspaces,
        simulatedMs,
        realMs,
        perHour: workspaces / (simulatedMs / 3_600_000),
        requests: after.requests - before.requests,
        throttled: after.throttled.total - before.throttled.total,
        violations: after.retryAfterViolations - before.retryAfterViolations,
        blockedPeriods: after.blocked.periods - before.blocked.periods,
        failed: result.failed.length,
        skipped: result.skipped.length,
        applies,
        firstPending,
        firstApplyMs,
        ...(zero ? { startMs: zero.simulatedElapsedMs - before.simulatedElapsedMs } : {}),
        engineCpuMs: (used.user + used.system) / 1000,
        pacer: { paced: target.client.transport.stats.pacer.paced, waitedMs: target.client.transport.stats.pacer.waitedMs, gateWakeUps: target.client.transport.stats.pacer.gateWakeUps, dayPaced: target.client.transport.stats.pacer.dayPaced },
        engineSystemMs: used.system / 1000,
        ...(engineThreads ? { engineThreads } : {}),
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        stats: after,
        timeline,
        end: end.figures(started + realMs),
      };
      if (settings.verify) {
        const again = await planDesired(load.desired, target.client, target.name);
        figures.replanEmpty = isEmptyPlan(again);
        figures.replanChanges = again.changes.filter((c) => c.action !== 'noop').length;
        figures.duplicates = await countDuplicates(target.client.graph.list.bind(target.client.graph), workspaces);
      }
      return figures;
    } finally {
      await target.close();
    }
  } finally {
    await emulator.stop();
  }
}

/** Groups whose mailNickname is taken twice (bench-00001 and bench-000012 style) and extra groups. */
async function countDuplicates(list: <T>(path: string) => Promise<T[]>, workspaces: number): Promise<number> {
  const groups = await list<{ mailNickname: string; displayName: string }>(`/groups?$filter=startswith(mailNickname,'bench-')&$select=mailNickname,displayName&$top=999`);
  const byTitle = new Map<string, number>();
  for (const g of groups) byTitle.set(g.displayName, (byTitle.get(g.displayName) ?? 0) + 1);
  const twice = [...byTitle.values()].filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
  return twice + Math.max(0, groups.length - workspaces - twice);
}
