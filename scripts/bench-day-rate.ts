/**
 * Does an apply past its 24-hour burst go at the sustained rate its day account allows (issue 12)?
 * The engine keeps SharePoint's 24-hour budget as a token bucket (src/tenant/day-budget.ts): a
 * burst at the minute budget's full speed, then the rest of the day spread over 24 h. Past the
 * burst every SharePoint request books the units the pacer thinks it costs; if that figure is
 * above what requests really cost, the engine goes slower than the day allows (a run of 10,000
 * workspaces at half the sustained rate, docs/performance.md). This applies `--workspaces` of the
 * benchmark's workspace to the realistic local tenant (time 20x, 1,001–5,000 licences) with a
 * burst of `--burst-share` of the usable day (instead of 10 %, so that the sustained rate comes
 * within minutes), and prints for each simulated minute the SharePoint resource units the local
 * tenant counted, the units the day account was charged, and the account's balance; at the end,
 * the minutes at the sustained rate (balance below zero) and what they spent against that rate.
 *
 *   npx tsx scripts/bench-day-rate.ts [--workspaces 1500] [--burst-share 0.01]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyPlan } from '../src/apply/apply-plan.ts';
import { loadDesired, planDesired } from '../src/engine/plan-blueprint.ts';
import { openTarget } from '../src/tenant/target.ts';
import { workspaceBlueprint, workspaceRows } from './bench/workspace-blueprint.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} needs a positive number`);
  return v;
}
const workspaces = arg('workspaces', 1500);
const burstShare = arg('burst-share', 0.01);
if (workspaces > 10_000 || burstShare > 1) throw new Error('--workspaces: at most 10,000; --burst-share: at most 1');
const timeScale = 20;

const cwd = await mkdtemp(join(tmpdir(), 'bench-day-rate-'));
const target = await openTarget({
  tenant: 'local',
  cwd,
  local: { profile: 'realistic', timeScale, licences: 3000 },
  transport: { targetShare: 0.98, dayBurstShare: burstShare },
});
const spent = () => target.localTenant!.stats().resourceUnits.spent['sharepoint.minute'] ?? 0;
try {
  await writeFile(join(cwd, 'blueprint.yaml'), workspaceBlueprint());
  await writeFile(join(cwd, 'workspaces.csv'), workspaceRows(1, workspaces));
  const load = await loadDesired(join(cwd, 'blueprint.yaml'));
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  const minutes: { actual: number; charged: number; balance: number }[] = [];
  let last = { spent: 0, charged: 0 };
  const sample = () => {
    const day = target.client.transport.dayBudget();
    const now = { spent: spent(), charged: day?.charged ?? 0 };
    minutes.push({ actual: now.spent - last.spent, charged: now.charged - last.charged, balance: day?.tokens ?? NaN });
    last = now;
  };
  const timer = setInterval(sample, 60_000 / timeScale);
  const result = await applyPlan(await planDesired(load.desired, target.client, target.name), target.client, { concurrency: 2000 });
  clearInterval(timer);
  const day = target.client.transport.dayBudget()!;
  console.log(`${workspaces} workspaces, ${result.failed.length} failed, ${minutes.length + 1} simulated minutes; day account: burst ${Math.round(day.capacity)} RU, sustained rate ${Math.round(day.sustainedPerMinute)} RU a minute`);
  minutes.forEach((m, i) => console.log(`  minute ${String(i + 1).padStart(3)}: ${String(Math.round(m.actual)).padStart(5)} RU spent, ${String(Math.round(m.charged)).padStart(5)} charged to the day, balance ${Math.round(m.balance)}`));
  // The minutes at the sustained rate: balance below zero at the minute's end and the one before
  // (so a whole minute of it), the last minute (the run's tail) left out.
  const sustained = minutes.slice(0, -1).filter((m, i) => i > 0 && m.balance < 0 && minutes[i - 1]!.balance < 0);
  const mean = sustained.reduce((a, m) => a + m.actual, 0) / Math.max(1, sustained.length);
  console.log(
    sustained.length === 0
      ? 'No whole minute at the sustained rate: more workspaces or a smaller --burst-share.'
      : `At the sustained rate (${sustained.length} minutes): ${Math.round(mean)} RU a minute spent = ${((100 * mean) / day.sustainedPerMinute).toFixed(0)} % of the ${Math.round(day.sustainedPerMinute)} the day account allows`,
  );
} finally {
  await target.close();
  await rm(cwd, { recursive: true, force: true });
}
