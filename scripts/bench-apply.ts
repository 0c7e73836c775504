/**
 * The apply benchmark (issue 5): the engine against the local tenant's realistic profile with a
 * compressed clock, a 1,001–5,000-licence tenant, and a workspace of a team site with a team,
 * three channels, two libraries, six site columns, two content types and three permission
 * assignments. One run measures, in simulated time:
 * - the engine on N workspaces, as workspaces per hour and as a share of the throttle-budget
 *   ceiling (the budget divided by the RU each workspace actually cost; the binding budget);
 * - a naive sequential strategy (one request at a time, waiting on every team operation and
 *   site, as PnP does; `--naive` workspaces over `--naive-sequences` independent loops run side by
 *   side, bench/naive-sequences.ts) and the SDKs' default behaviour (concurrent requests, their
 *   own retries, no pacing) on samples, and the ratios;
 * - 429s as a share of requests, Retry-After violations, blocked periods, RU per workspace,
 *   duplicates afterwards, a re-plan of all N that must be empty, engine CPU time and peak memory.
 *
 *   npx tsx scripts/bench-apply.ts [--workspaces 2000] [--naive 20] [--naive-sequences 5] [--sdk-default 200]
 *                                  [--time-scale 20] [--licences 3000] [--budget-share 0.98]
 *                                  [--day-hours 24] [--day-budget 120000] [--day-wave 100] [--day-time-scale 50]
 *                                  [--timeline-minutes 11]
 *
 * The ceiling is stated two ways: from the workspace's fixed minimal cost (bench/minimal-cost.ts:
 * the requests it must make) and from what it actually cost. The 24-hour run (bench/day-run.ts;
 * `--day-hours 0` skips it, `--workspaces 0` runs it alone) applies waves of workspaces for a
 * simulated day against a day budget of `--day-budget` RU (Microsoft's is 2,400,000 for
 * 1,001–5,000 licences: 37,000 workspaces, more than two cores can serve at 50x; the default is a
 * twentieth, with the minute budget unchanged) and shows the hour the engine slowed to the
 * sustained rate and whether the service ever throttled it.
 *
 * The engine runs in this process, with the `provision` command's V8 heap setting
 * (bin/heap-settings.js, imported first), so that its CPU time and peak memory are the command's.
 *
 * The time scale must leave the machine room: at 20x, 2,000 workspaces take about five minutes
 * of real time and the engine and the local tenant share two cores without falling behind.
 */
// First: the engine process runs with the V8 heap setting of the `provision` command.
import '../bin/heap-settings.js';
import { ceilingOf } from './bench/ceiling.ts';
import { ceilingLosses, formatCeilingLosses } from './bench/ceiling-losses.ts';
import { runDay } from './bench/day-run.ts';
import { minimalSharePointRu } from './bench/minimal-cost.ts';
import { formatRuBreakdown, ruBreakdown } from './bench/ru-breakdown.ts';
import { formatTimeline } from './bench/timeline.ts';
import { formatRunEnd } from './bench/run-end.ts';
import { formatWindows, summarizeWindows } from './bench/minute-windows.ts';
import { formatRequestsByOperation } from './bench/requests-by-operation.ts';
import { runStrategy, type RunFigures, type Strategy } from './bench/run-strategy.ts';
import { runSequences, type SequencesFigures } from './bench/naive-sequences.ts';

function arg(name: string, fallback: number, zero = false): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0 || (v === 0 && !zero)) throw new Error(`--${name} needs a positive number`);
  return v;
}

const N = arg('workspaces', 2000, true);
const NAIVE = arg('naive', 20);
// The naive loop's speed is a sum of log-normal delays: several loops side by side, independent
// trials, estimate it from more workspaces in the same time (bench/naive-sequences.ts).
const NAIVE_SEQUENCES = Math.min(NAIVE, arg('naive-sequences', 5));
const NAIVE_EACH = Math.max(1, Math.round(NAIVE / NAIVE_SEQUENCES));
const DEFAULT = arg('sdk-default', 200);
const timeScale = arg('time-scale', 20);
const licences = arg('licences', 3000);
// The engine leaves `1 - share` of the budget to others; a rollout window may claim nearly all.
const share = arg('budget-share', 0.98);
const dayHours = arg('day-hours', 24, true);
const dayBudget = arg('day-budget', 120_000);
const dayWave = arg('day-wave', 100);
const dayTimeScale = arg('day-time-scale', 50);
// Minutes of the engine's SharePoint timeline shown: the first 8 and the last 3 by default.
const timelineMinutes = arg('timeline-minutes', 11);

const strategies: Record<'engine' | 'naive' | 'sdkDefault', Strategy> = {
  engine: { name: 'engine', concurrency: 2000, client: { targetShare: share } },
  naive: { name: 'naive-sequential', concurrency: 1, client: { concurrency: 1, batching: false, pacing: false, maxRetries: 3 } },
  sdkDefault: { name: 'sdk-default', concurrency: 64, client: { concurrency: 64, batching: false, pacing: false, maxRetries: 3 } },
};

const hours = (ms: number) => `${(ms / 3_600_000).toFixed(2)} h`;
const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function line(f: RunFigures): string {
  return [
    `${f.strategy.padEnd(16)} ${String(f.workspaces).padStart(5)} workspaces in ${hours(f.simulatedMs)} simulated (${(f.realMs / 1000).toFixed(0)} s real)`,
    `${f.perHour.toFixed(0)} workspaces/h`,
    `${f.requests} requests, 429/503 ${pct(f.throttled / Math.max(1, f.requests))}`,
    `violations ${f.violations}, blocked periods ${f.blockedPeriods}, failed ${f.failed}, skipped ${f.skipped}`,
    `${f.applies} appl${f.applies === 1 ? 'y' : 'ies'} (the first ${hours(f.firstApplyMs)}, ${f.firstPending} pending after it)`,
  ].join('; ');
}

function sequencesLine(f: SequencesFigures): string {
  return [
    `${f.strategy.padEnd(16)} ${String(f.workspaces).padStart(5)} workspaces in ${f.sequences} loops side by side, ${hours(f.simulatedMs)} simulated in all (${(f.realMs / 1000).toFixed(0)} s real)`,
    `${f.perHour.toFixed(1)} workspaces/h a loop (loops ${f.spread.slowest.toFixed(1)}–${f.spread.fastest.toFixed(1)})`,
    `${f.requests} requests, 429/503 ${pct(f.throttled / Math.max(1, f.requests))}`,
    `violations ${f.violations}, blocked periods ${f.blockedPeriods}, failed ${f.failed}, skipped ${f.skipped}`,
  ].join('; ');
}

if (N > 0) {
  console.log(`Apply benchmark: local tenant, realistic profile, time ${timeScale}x, ${licences} licences. Engine ${N} (budget share ${share}), naive ${NAIVE_SEQUENCES * NAIVE_EACH} (${NAIVE_SEQUENCES} loops of ${NAIVE_EACH}), SDK default ${DEFAULT} workspaces.`);
  const engine = await runStrategy(strategies.engine, N, { timeScale, licences, verify: true });
  console.log(line(engine));
  const naive = await runSequences(strategies.naive, NAIVE_SEQUENCES, NAIVE_EACH, { timeScale, licences });
  console.log(sequencesLine(naive));
  const sdk = await runStrategy(strategies.sdkDefault, DEFAULT, { timeScale, licences, verify: false });
  console.log(line(sdk));

  const ceiling = ceilingOf(engine.stats, N);
  console.log('');
  console.log(`RU per workspace: ${ceiling.byBudget.map((b) => `${b.budget} ${b.perWorkspace.toFixed(1)}`).join(', ')}`);
  console.log(`Ceiling: ${ceiling.perHour.toFixed(0)} workspaces/h (bound by ${ceiling.binding}); sustained over 24 h: ${ceiling.sustainedPerHour.toFixed(0)} workspaces/h`);
  const minimal = minimalSharePointRu();
  const minuteLimit = engine.stats.resourceUnits.buckets['sharepoint.minute']?.limit ?? 0;
  const fixedPerHour = (minuteLimit / minimal) * 60;
  console.log(`Minimal SharePoint cost of a workspace (fixed, from the requests it must make): ${minimal} RU; ceiling from it: ${fixedPerHour.toFixed(0)} workspaces/h`);
  console.log(`Engine: ${engine.perHour.toFixed(0)} workspaces/h = ${pct(engine.perHour / fixedPerHour)} of the fixed ceiling, ${pct(engine.perHour / ceiling.perHour)} of the ceiling at the measured cost`);
  console.log(`Engine / naive sequential: ${(engine.perHour / naive.perHour).toFixed(1)}x (against its slowest and fastest loop: ${(engine.perHour / naive.spread.slowest).toFixed(1)}x, ${(engine.perHour / naive.spread.fastest).toFixed(1)}x); engine / SDK default: ${(engine.perHour / sdk.perHour).toFixed(1)}x`);
  console.log(`Engine: 429s ${pct(engine.throttled / engine.requests)} of requests, Retry-After violations ${engine.violations}, blocked periods ${engine.blockedPeriods}, duplicates ${engine.duplicates}, re-plan of all ${N}: ${engine.replanEmpty ? 'empty' : `${engine.replanChanges} changes`}`);
  console.log(`Engine 429s by scope: ${JSON.stringify(engine.stats.throttled.byScope)}; SDK default 429s by scope: ${JSON.stringify(sdk.stats.throttled.byScope)}`);
  const threads = engine.engineThreads ? `; main thread ${(engine.engineThreads.mainMs / 1000).toFixed(1)} s, other threads ${(engine.engineThreads.othersMs / 1000).toFixed(1)} s` : '';
  console.log(`Engine CPU ${(engine.engineCpuMs / 1000).toFixed(1)} s (system ${(engine.engineSystemMs / 1000).toFixed(1)} s${threads}), peak RSS ${engine.peakRssMb.toFixed(0)} MB`);
  console.log(`Engine SharePoint RU per workspace by operation, against the minimal (bench/minimal-cost.ts):`);
  for (const l of formatRuBreakdown(ruBreakdown(engine.stats, undefined, N))) console.log(l);
  console.log(`Engine HTTP requests per workspace by operation (the plan's reads included; a $batch counts once):`);
  for (const l of formatRequestsByOperation(engine.stats, N)) console.log(l);
  console.log(`Engine SharePoint spending by simulated minute from the first team site's create (budget ${minuteLimit} RU), and the team sites found by then:`);
  for (const l of formatTimeline(engine.timeline, minuteLimit, Math.max(1, timelineMinutes - 3), 3)) console.log(l);
  if (engine.startMs !== undefined) console.log(`Engine's start: the first team site's create began ${(engine.startMs / 60_000).toFixed(2)} simulated min after the apply did (${((100 * engine.startMs) / engine.simulatedMs).toFixed(1)} % of the span)`);
  console.log(formatRunEnd(engine.end));
  const windows = summarizeWindows(engine.stats.resourceUnits.sharepointMinuteWindows ?? [], minuteLimit);
  for (const l of formatWindows(windows)) console.log(l);
  const spentRu = engine.stats.resourceUnits.spent['sharepoint.minute'] ?? 0;
  console.log(formatCeilingLosses(ceilingLosses({ runMs: engine.simulatedMs, spentRu, workspaces: N, minuteLimit, share, minimalRu: minimal, ...(windows ? { steady: windows } : {}) })));
  console.log(`Engine pacer: ${engine.pacer.paced} requests spaced for the budget, ${(engine.pacer.waitedMs / 1000).toFixed(0)} s of real waiting in all (over ${(engine.realMs / 1000).toFixed(0)} s), ${engine.pacer.gateWakeUps} wake-ups at its gate, ${engine.pacer.dayPaced} requests held for the 24-hour budget's sustained rate`);
}

if (dayHours > 0) {
  console.log('');
  console.log(`24-hour budget: ${dayHours} simulated hours at ${dayTimeScale}x, day budget ${dayBudget} RU (minute budget of ${licences} licences), waves of ${dayWave} workspaces, budget share ${share}`);
  const day = await runDay({ timeScale: dayTimeScale, licences, perDay: dayBudget, hours: dayHours, wave: dayWave, share });
  for (const h of day.hours) console.log(`  hour ${String(h.hour).padStart(2)}: ${String(h.ru).padStart(7)} RU, 429s ${h.throttled}, blocked ${h.blocked}, waves done ${h.workspaces}, ${h.sustained ? 'sustained rate' : 'burst'}`);
  console.log(`Day: ${day.workspaces} workspaces, ${day.ruInDay} RU of ${day.perDay} in the ${dayHours} hours (${pct(day.ruInDay / day.perDay)}; the day window's most at an hourly sample ${day.dayWindowPeak}), ${day.ru - day.ruInDay} RU after them (the last wave ending, in the next day's window), 429s ${day.throttled} ${JSON.stringify(day.throttledByScope)}, Retry-After violations ${day.violations}, blocked periods ${day.blockedPeriods}; sustained rate ${day.sustainedPerMinute.toFixed(0)} RU/min from hour ${day.sustainedFromHour ?? '-'}`);
}
