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
 * Then the ratios between sizes: linear work gives a CPU ratio close to the size ratio. On Linux
 * each CPU figure is also split into the main thread's and the other threads' (V8's garbage
 * collector and optimising compiler, which a `--cpu-prof` profile does not show).
 *
 *   npx tsx scripts/bench-plan.ts [--sizes 1000,5000,10000] [--plan-sizes <sizes>] [--dir .bench/plan] [--no-plan] [--seed-only]
 *
 * `--plan-sizes` (default: --sizes) plans only those sizes, so that a tenant applied for fewer
 * rows than the largest validated size can be used.
 *
 * The applied tenant is kept in <dir>/tenant and reused by later runs; the first run applies it,
 * 1,000 rows at a time, which takes minutes per 1,000 workspaces. `--seed-only` applies rows
 * 1..max(plan sizes) and measures nothing (to seed in the background, then measure later).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulatorProcess } from './bench/emulator-process.ts';
import { blueprintOver, seedAppliedTenant } from './bench/seed-applied-tenant.ts';
import { workspaceRows } from './bench/workspace-blueprint.ts';

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
const withPlan = !process.argv.includes('--no-plan');
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

/** Runs `provision <args>` in `cwd` with the usage preload; the process's own CPU time and peak memory. */
function provision(args: string[]): Promise<Usage> {
  const usageFile = join(cwd, `.usage-${process.pid}.json`);
  rmSync(usageFile, { force: true });
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', join(root, 'scripts/bench/report-usage.mjs'), join(root, 'bin/provision.js'), ...args], {
      cwd,
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

const results: { n: number; validate?: Usage; plan?: Usage }[] = [];
for (const n of [...new Set([...sizes, ...planSizes])].sort((a, b) => a - b)) {
  writeFileSync(join(cwd, `plan-${n}.csv`), workspaceRows(1, n));
  writeFileSync(join(cwd, `plan-${n}.yaml`), blueprintOver(`plan-${n}.csv`));
  if (!sizes.includes(n)) {
    results.push({ n });
    continue;
  }
  const validate = await provision(['validate', `plan-${n}.yaml`]);
  if (validate.exitCode !== 0) throw new Error(`validate of ${n} workspaces exited ${validate.exitCode}`);
  results.push({ n, validate });
}
if (withPlan) {
  const emulator = await startEmulatorProcess(cwd, []);
  try {
    await seedAppliedTenant(cwd, Math.max(...planSizes));
    for (const r of results.filter((x) => planSizes.includes(x.n))) {
      const before = (await emulator.stats()).responseBytes;
      r.plan = await provision(['plan', `plan-${r.n}.yaml`, '--detailed-exitcode']);
      r.plan.answerBytes = (await emulator.stats()).responseBytes - before;
      if (r.plan.exitCode !== 0) throw new Error(`the plan of ${r.n} applied workspaces is not empty (exit ${r.plan.exitCode})`);
    }
  } finally {
    await emulator.stop();
  }
}

const s = (ms: number) => (ms / 1000).toFixed(2);
/** `main thread 3.58 s, other threads 2.54 s` where the split was measured, else empty. */
const split = (u: Usage) => (u.mainCpuMs !== undefined && u.othersCpuMs !== undefined ? `main thread ${s(u.mainCpuMs)} s, other threads ${s(u.othersCpuMs)} s` : '');
for (const { n, validate, plan } of results) {
  const v = validate ? `validate ${s(validate.cpuMs)} s CPU${split(validate) ? ` (${split(validate)})` : ''}, peak ${validate.peakRssMb.toFixed(0)} MB` : 'validate not measured';
  const answers = plan?.answerBytes !== undefined ? `, answers ${(plan.answerBytes / n / 1000).toFixed(1)} KB a workspace` : '';
  const p = plan ? `; plan ${s(plan.cpuMs)} s CPU (${split(plan) ? `${split(plan)}; ` : ''}${s(plan.realMs)} s real), peak ${plan.peakRssMb.toFixed(0)} MB${answers}, empty` : '';
  console.log(`${String(n).padStart(6)} workspaces: ${v}${p}`);
}
const ratio = (x: number, y: number) => (y / x).toFixed(2);
const ratios = (what: string, measured: { n: number; u: Usage }[]) => {
  for (let i = 1; i < measured.length; i++) {
    const a = measured[i - 1]!;
    const b = measured[i]!;
    console.log(`${what} ${a.n} -> ${b.n} (${ratio(a.n, b.n)}x workspaces): CPU ${ratio(a.u.cpuMs, b.u.cpuMs)}x, peak memory ${ratio(a.u.peakRssMb, b.u.peakRssMb)}x`);
  }
};
ratios('validate', results.flatMap((r) => (r.validate ? [{ n: r.n, u: r.validate }] : [])));
ratios('plan', results.flatMap((r) => (r.plan ? [{ n: r.n, u: r.plan }] : [])));
