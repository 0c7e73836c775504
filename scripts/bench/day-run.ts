/**
 * The 24-hour budget run (issue 12): one local tenant (realistic profile, compressed clock) whose
 * SharePoint day budget is `perDay`, and waves of benchmark workspaces applied one after the
 * other until the simulated day is over, so that the day's budget binds. Every simulated hour
 * it records the resource units the day window charged, the 429s and blocks, and whether the
 * engine's pacer ran at its sustained rate. The engine is told `perDay` (on a real tenant it
 * takes 960x the per-minute budget, Microsoft's table), since a scaled-down day breaks that ratio.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import { loadDesired, planDesired } from '../../src/engine/plan-blueprint.ts';
import { openTarget } from '../../src/tenant/target.ts';
import type { EmulatorStats } from './emulator-process.ts';
import { workspaceBlueprint, workspaceRows } from './workspace-blueprint.ts';

export interface DayHour {
  hour: number;
  /** RU the day window charged in this simulated hour. */
  ru: number;
  throttled: number;
  blocked: number;
  /** Workspaces whose apply ended in this hour (waves finished). */
  workspaces: number;
  /** The pacer ran at the day's sustained rate at the end of the hour. */
  sustained: boolean;
}

export interface DayFigures {
  perDay: number;
  hours: DayHour[];
  workspaces: number;
  /** RU charged by the day window over the whole run, and the 429s and blocked periods. */
  ru: number;
  /**
   * RU charged within the simulated day (the hours' sum), what the day's limit binds; the rest of
   * `ru` was spent after it, by the last wave finishing, in the next day's window.
   */
  ruInDay: number;
  /** The most the tenant's day window had charged at any hourly sample (the window opens with the first request). */
  dayWindowPeak: number;
  throttled: number;
  /** The 429s by the local tenant's throttle scope (SharePoint's, Entra's, Teams'). */
  throttledByScope: Record<string, number>;
  blockedPeriods: number;
  violations: number;
  /** Simulated hour in which the engine first ran at the sustained rate; undefined if never. */
  sustainedFromHour?: number;
  sustainedPerMinute: number;
}

export interface DaySettings {
  timeScale: number;
  licences: number;
  perDay: number;
  hours: number;
  wave: number;
  share: number;
}

export async function runDay(s: DaySettings): Promise<DayFigures> {
  const cwd = await mkdtemp(join(tmpdir(), 'bench-day-'));
  const target = await openTarget({
    tenant: 'local',
    cwd,
    local: { profile: 'realistic', timeScale: s.timeScale, licences: s.licences, throttle: { sharepoint: { perDay: s.perDay } } },
    transport: { targetShare: s.share, sharePointPerDay: s.perDay },
  });
  const url = /served in-process at (http:\/\/127\.0\.0\.1:\d+)/.exec(target.banner)?.[1];
  if (!url) throw new Error(`no local tenant URL in: ${target.banner}`);
  // the stats answer only with the control key, new at every start, in the state folder's credentials.json (0600)
  const { controlKey } = JSON.parse(readFileSync(join(cwd, '.provision/local-tenant/credentials.json'), 'utf8')) as { controlKey: string };
  const stats = async () => (await (await fetch(`${url}/_emulator/stats`, { headers: { authorization: `Bearer ${controlKey}` } })).json()) as EmulatorStats;
  const hourRealMs = 3_600_000 / s.timeScale;
  const started = Date.now();
  const hours: DayHour[] = [];
  let last = await stats();
  let dayWindowPeak = 0;
  let doneInHour = 0;
  let workspaces = 0;
  const sample = async () => {
    const now = await stats();
    dayWindowPeak = Math.max(dayWindowPeak, now.resourceUnits.buckets['sharepoint.day']?.used ?? 0);
    const day = target.client.transport.dayBudget();
    hours.push({
      hour: hours.length + 1,
      ru: (now.resourceUnits.spent['sharepoint.day'] ?? 0) - (last.resourceUnits.spent['sharepoint.day'] ?? 0),
      throttled: now.throttled.total - last.throttled.total,
      blocked: now.blocked.periods - last.blocked.periods,
      workspaces: doneInHour,
      sustained: day !== undefined && day.known && day.tokens < day.capacity * 0.05,
    });
    last = now;
    doneInHour = 0;
  };
  const timer = setInterval(() => void sample(), hourRealMs);
  try {
    for (let wave = 0; Date.now() - started < s.hours * hourRealMs; wave++) {
      const dir = join(cwd, `wave-${wave}`);
      await mkdir(dir);
      await writeFile(join(dir, 'blueprint.yaml'), workspaceBlueprint());
      await writeFile(join(dir, 'workspaces.csv'), workspaceRows(1 + wave * s.wave, s.wave));
      const load = await loadDesired(join(dir, 'blueprint.yaml'));
      if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
      await applyPlan(await planDesired(load.desired, target.client, target.name), target.client, { concurrency: 2000 });
      doneInHour += s.wave;
      workspaces += s.wave;
    }
    while (hours.length < s.hours) await new Promise((r) => setTimeout(r, 200));
  } finally {
    clearInterval(timer);
  }
  const end = await stats();
  const day = target.client.transport.dayBudget();
  await target.close();
  return {
    perDay: s.perDay,
    hours,
    workspaces,
    ru: end.resourceUnits.spent['sharepoint.day'] ?? 0,
    ruInDay: hours.reduce((sum, h) => sum + h.ru, 0),
    dayWindowPeak,
    throttled: end.throttled.total,
    throttledByScope: end.throttled.byScope,
    blockedPeriods: end.blocked.periods,
    violations: end.retryAfterViolations,
    sustainedFromHour: hours.find((h) => h.sustained)?.hour,
    sustainedPerMinute: day?.sustainedPerMinute ?? 0,
  };
}
