/**
 * The planning benchmark (issue 12): `provision validate` and `provision plan` must grow linearly
 * with the number of workspaces. For each size n it stamps the apply benchmark's workspace
 * (scripts/bench/workspace-blueprint.ts) over rows 1..n and measures the real commands, each in
 * a process of its own, start-up included (scripts/bench/report-usage.mjs):
 * - `provision validate`: CPU time and peak memory (no tenant);
 * - `provision plan --detailed-exitcode` against a local tenant where rows 1..max(sizes) are
 *   applied (scripts/bench/seed-applied-tenant.ts), served by `provision emulator start` in
 *   another process so that only the engine is counted: CPU time, real time, peak memory, and the
 *   bytes of the answers the local tenant sent it (its stats); the plan must be empty (exit 0).
 * - `provision validate` of the botkyrka example's template stamped over as many rows
 *   (scripts/bench/example-template.ts): nearly every kind a template can use, so that an
 *   expansion that grows faster than the rows shows in the ratios (the benchmark's workspace has
 *   no views, navigation or tabs);
 * Then the ratios between sizes: linear work gives a CPU ratio close to the size ratio, and each
 * CPU figure over the machine's pace (scripts/bench/pace.mjs, a fixed workload run before and
 * after: the same code took 17-30 s for a plan of 10,000 on different days of one machine). On Linux
 * each CPU figure is also split into the main thread's and the other threads' (V8's garbage
 * collector and optimising compiler, which a `--cpu-prof` profile does not show).
 *
 *   npx tsx scripts/bench-plan.ts [--sizes 1000,5000,10000] [--plan-sizes <sizes>] [--runs 1] [--dir .bench/plan] [--no-plan] [--seed-only] [--site-columns N]
 *
 * `--site-columns N` (1-1000) plans against a copy of the applied tenant whose workspaces' sites
 * hold N more columns each (every other one hidden), standing for the hundreds of built-in
 * columns a real site holds where the local web has 10 (scripts/bench/crowd-site-columns.ts;
 * the copy, `<dir>/tenant-columns-N`, is kept for later runs).
 *
 * `--runs N` (1-9) measures each command N times, one after the other, and prints each figure as
 * its median with the range (scripts/bench/spread.ts); the ratios are the medians'. One run of a
 * plan varies by about ±5 % on a shared machine: a change smaller than the range claims nothing.
 *
 * `--plan-sizes` (default: --sizes) plans only those sizes, so that a tenant applied for fewer
 * rows than the largest validated size can be used.
 *
 * The applied tenant is kept in <dir>/tenant and reused by later runs; the first run applies it,
 * 1,000 rows at a time, which takes minutes per 1,000 workspaces. `--seed-only` applies rows
 * 1..max(plan sizes) and measures nothing (to seed in the background, then measure later).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { crowdedTenant } from './bench/crowd-site-columns.ts';
import { startEmulatorProcess } from './bench/emulator-process.ts';
import { blueprintOver, seedAppliedTenant } from './bench/seed-applied-tenant.ts';
import { workspaceRows } from './bench/workspace-blueprint.ts';
import { exampleOver, exampleRows } from './bench/example-template.ts';
import { formatSpread, spreadOf, type Spread } from './bench/spread.ts';

const root = resolve(import.meta.dirname, '..');
const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizesOf = (flag: string, list: string): number[] =>
  list.split(',').map((s) => {
    const n = Number(s);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--${flag}: ${s} is not a whole number of workspaces, 1-10000 (a CSV holds at most 10,000 rows)`);
    return n;
  });
const sizes = sizesOf('sizes', argOf('sizes') ?? '1000,5000,10000');
const planSizes = sizesOf('plan-sizes', argOf('plan-sizes') ?? sizes.join(','));
const dir = resolve(argOf('dir') ?? join(root, '.bench', 'plan'));
const runs = Number(argOf('runs') ?? 1);
if (!Number.isInteger(runs) || runs < 1 || runs > 9) throw new Error(`--runs: ${argOf('runs')} is not a whole number of runs, 1-9`);
const withPlan = !process.argv.includes('--no-plan');
const siteColumns = Number(argOf('site-columns') ?? 0);
if (!Number.isInteger(siteColumns) || siteColumns < 0 || siteColumns > 1000) throw new Error(`--site-columns: ${argOf('site-columns')} is not a whole number of columns, 0-1000`);
const seedOnly = process.argv.includes('--seed-only');
const cwd = join(dir, 'tenant');
mkdirSync(cwd, { recursive: true });

interface Usage {
  cpuMs: number;
  /** Of cpuMs, the main thread's and the other threads' (V8's GC and compiler, libuv): Linux only. */
  mainCpuMs?: number;
  othersCpuMs?: number;
  peakRssMb: number;
  realMs: number;
  exitCode: number | null;
  /** For a plan: the bytes of the answers the local tenant sent it (its stats, before and after). */
  answerBytes?: number;
}

/** Runs `provision <args>` in `at` (default: the tenant's folder) with the usage preload; the process's own CPU time and peak memory. */
function provision(args: string[], at = cwd): Promise<Usage> {
  const usageFile = join(at, `.usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', join(root, 'scripts/bench/report-usage.mjs'), join(root, 'bin/provision.js'), ...args], {
      cwd: at,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PROVISION_USAGE_FILE: usageFile },
    });
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    child.on('close', (exitCode) => {
      try {
        const u = JSON.parse(readFileSync(usageFile, 'utf8')) as Omit<Usage, 'realMs' | 'exitCode'>;
        done({ ...u, realMs: performance.now() - t0, exitCode });
      } catch {
        fail(new Error(`provision ${args.join(' ')} exited ${exitCode} without its usage: ${err}`));
      }
    });
  });
}

if (seedOnly) {
  const emulator = await startEmulatorProcess(cwd, []);
  try {
    await seedAppliedTenant(cwd, Math.max(...planSizes));
  } finally {
    await emulator.stop();
  }
  process.exit(0);
}

// The first run after a change of the sources builds them (bin/build-cache.js): not measured.
await provision(['--help']);

/** The machine's pace (scripts/bench/pace.mjs): the CPU ms of a fixed workload, in a process of its own. */
function paceOnce(): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'scripts/bench/pace.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      try {
        done((JSON.parse(out) as { cpuMs: number }).cpuMs);
      } catch {
        fail(new Error(`scripts/bench/pace.mjs exited ${code} without its figure`));
      }
    });
  });
}
/** The lowest of three: what the machine can do, less the moments it was busy elsewhere. */
const pace = async () => Math.min(await paceOnce(), await paceOnce(), await paceOnce());
const paceBefore = await pace();

const results: { n: number; validate?: Usage[]; example?: Usage[]; plan?: Usage[] }[] = [];
for (const n of [...new Set([...sizes, ...planSizes])].sort((a, b) => a - b)) {
  writeFileSync(join(cwd, `plan-${n}.csv`), workspaceRows(1, n));
  writeFileSync(join(cwd, `plan-${n}.yaml`), blueprintOver(`plan-${n}.csv`));
  if (!sizes.includes(n)) {
    results.push({ n });
    continue;
  }
  const validate: Usage[] = [];
  for (let run = 0; run < runs; run++) {
    const u = await provision(['validate', `plan-${n}.yaml`]);
    if (u.exitCode !== 0) throw new Error(`validate of ${n} workspaces exited ${u.exitCode}`);
    validate.push(u);
  }
  // the botkyrka example's template over as many rows: every kind a template can use
  writeFileSync(join(cwd, `example-${n}.csv`), exampleRows(n));
  writeFileSync(join(cwd, `example-${n}.yaml`), exampleOver(`example-${n}.csv`));
  const example: Usage[] = [];
  for (let run = 0; run < runs; run++) {
    const u = await provision(['validate', `example-${n}.yaml`]);
    if (u.exitCode !== 0) throw new Error(`validate of botkyrka's template over ${n} rows exited ${u.exitCode}`);
    example.push(u);
  }
  results.push({ n, validate, example });
}
if (withPlan) {
  let planCwd = cwd;
  if (siteColumns > 0) {
    // the applied tenant first (seeded if needed), then a copy of it with crowded sites
    const seeding = await startEmulatorProcess(cwd, []);
    try {
      await seedAppliedTenant(cwd, Math.max(...planSizes));
    } finally {
      await seeding.stop();
    }
    planCwd = crowdedTenant(dir, Math.max(...planSizes), siteColumns);
    for (const n of planSizes) for (const f of [`plan-${n}.csv`, `plan-${n}.yaml`]) copyFileSync(join(cwd, f), join(planCwd, f));
  }
  const emulator = await startEmulatorProcess(planCwd, []);
  try {
    if (siteColumns === 0) await seedAppliedTenant(cwd, Math.max(...planSizes));
    for (const r of results.filter((x) => planSizes.includes(x.n))) {
      r.plan = [];
      for (let run = 0; run < runs; run++) {
        const before = (await emulator.stats()).responseBytes;
        const u = await provision(['plan', `plan-${r.n}.yaml`, '--detailed-exitcode'], planCwd);
        u.answerBytes = (await emulator.stats()).responseBytes - before;
        if (u.exitCode !== 0) throw new Error(`the plan of ${r.n} applied workspaces is not empty (exit ${u.exitCode})`);
        r.plan.push(u);
      }
    }
  } finally {
    await emulator.stop();
  }
}

/** A figure of every run (e.g. CPU), as median and range; undefined where a run lacks it. */
const spread = (us: Usage[], figure: (u: Usage) => number | undefined): Spread | undefined => {
  const values = us.map(figure);
  return values.every((v): v is number => v !== undefined) ? spreadOf(values) : undefined;
};
const s = (ms: number) => (ms / 1000).toFixed(2);
const secs = (x: Spread | undefined) => (x ? formatSpread(x, s, ' s') : '');
const mb = (x: Spread) => formatSpread(x, (v) => v.toFixed(0), ' MB');
/** `main thread 3.58 s, other threads 2.54 s` where the split was measured, else empty. */
const split = (us: Usage[]) => {
  const main = spread(us, (u) => u.mainCpuMs);
  const others = spread(us, (u) => u.othersCpuMs);
  return main && others ? `main thread ${secs(main)}, other threads ${secs(others)}` : '';
};
for (const { n, validate, example, plan } of results) {
  const v = validate
    ? `validate ${secs(spread(validate, (u) => u.cpuMs))} CPU${split(validate) ? ` (${split(validate)})` : ''}, peak ${mb(spread(validate, (u) => u.peakRssMb)!)}`
    : 'validate not measured';
  const bytes = plan && spread(plan, (u) => u.answerBytes);
  const answers = bytes ? `, answers ${(bytes.median / n / 1000).toFixed(1)} KB a workspace` : '';
  const p = plan
    ? `; plan ${secs(spread(plan, (u) => u.cpuMs))} CPU (${split(plan) ? `${split(plan)}; ` : ''}${secs(spread(plan, (u) => u.realMs))} real), peak ${mb(spread(plan, (u) => u.peakRssMb)!)}${answers}, empty`
    : '';
  console.log(`${String(n).padStart(6)} workspaces: ${v}${p}`);
  if (example) console.log(`${String(n).padStart(6)} workspaces of botkyrka's template: validate ${secs(spread(example, (u) => u.cpuMs))} CPU, peak ${mb(spread(example, (u) => u.peakRssMb)!)}`);
}
const ratio = (x: number, y: number) => (y / x).toFixed(2);
const ratios = (what: string, measured: { n: number; us: Usage[] }[]) => {
  for (let i = 1; i < measured.length; i++) {
    const a = measured[i - 1]!;
    const b = measured[i]!;
    const cpu = (us: Usage[]) => spread(us, (u) => u.cpuMs)!.median;
    const peak = (us: Usage[]) => spread(us, (u) => u.peakRssMb)!.median;
    console.log(`${what} ${a.n} -> ${b.n} (${ratio(a.n, b.n)}x workspaces): CPU ${ratio(cpu(a.us), cpu(b.us))}x, peak memory ${ratio(peak(a.us), peak(b.us))}x${runs > 1 ? ' (medians)' : ''}`);
  }
};
ratios('validate', results.flatMap((r) => (r.validate ? [{ n: r.n, us: r.validate }] : [])));
ratios("validate of botkyrka's template", results.flatMap((r) => (r.example ? [{ n: r.n, us: r.example }] : [])));
ratios('plan', results.flatMap((r) => (r.plan ? [{ n: r.n, us: r.plan }] : [])));
const paceAfter = await pace();
const paceMs = (paceBefore + paceAfter) / 2;
console.log(`machine pace: the reference workload (scripts/bench/pace.mjs) took ${s(paceBefore)} s CPU before the runs and ${s(paceAfter)} s after (the lowest of three each)`);
for (const { n, validate, plan } of results) {
  const times = (us: Usage[] | undefined) => (us ? `${(spread(us, (u) => u.cpuMs)!.median / paceMs).toFixed(2)}x` : undefined);
  const parts = [validate && `validate ${times(validate)}`, plan && `plan ${times(plan)}`].filter(Boolean);
  if (parts.length) console.log(`${String(n).padStart(6)} workspaces, CPU in references (to compare machines and days): ${parts.join(', ')}`);
}
