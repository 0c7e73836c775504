/**
 * The planning benchmark (issue 12): `validate` and `plan` must grow linearly with the number of
 * workspaces. For each size it stamps the apply benchmark's workspace (scripts/bench/
 * workspace-blueprint.ts) over N rows and measures, each in a process of its own:
 * - validate: load, schema, expansion (no tenant), CPU time and peak memory;
 * - plan against a tenant where the blueprint is applied (the local tenant, instant profile,
 *   served by `provision emulator start` in another process so that only the engine is counted):
 *   CPU time, real time, peak memory; the plan must be empty.
 * Then the ratios between sizes: linear work gives a CPU ratio close to the size ratio.
 *
 *   npx tsx scripts/bench-plan.ts [--sizes 1000,5000,10000] [--dir .bench/plan] [--no-plan]
 *
 * The applied tenants are kept under --dir (one folder per size) and reused by later runs: the
 * first run applies each size once, which takes minutes for 10,000 workspaces.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulatorProcess } from './bench/emulator-process.ts';
import { workspaceBlueprint, workspaceRows } from './bench/workspace-blueprint.ts';

const root = resolve(import.meta.dirname, '..');
const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const sizes = (argOf('sizes') ?? '1000,5000,10000').split(',').map((s) => {
  const n = Number(s);
  if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new Error(`--sizes: ${s} is not a whole number of workspaces, 1-10000 (a CSV holds at most 10,000 rows)`);
  return n;
});
const dir = resolve(argOf('dir') ?? join(root, '.bench', 'plan'));
const withPlan = !process.argv.includes('--no-plan');

interface Step {
  resources: number;
  validateCpuMs: number;
  cpuMs: number;
  realMs: number;
  peakRssMb: number;
  plan?: { add: number; change: number; destroy: number; unknown: number };
}

function run(cwd: string, args: string[]): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`${args.slice(-3).join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}

const measure = async (cwd: string, step: 'validate' | 'plan'): Promise<Step> =>
  JSON.parse((await run(cwd, ['--import', import.meta.resolve('tsx'), join(root, 'scripts/bench/measure-plan-step.ts'), step, 'blueprint.yaml'])).trim().split('\n').pop()!) as Step;

const results: { n: number; validate: Step; plan?: Step }[] = [];
for (const n of sizes) {
  const cwd = join(dir, `n${n}`);
  mkdirSync(cwd, { recursive: true });
  writeFileSync(join(cwd, 'blueprint.yaml'), workspaceBlueprint());
  writeFileSync(join(cwd, 'workspaces.csv'), workspaceRows(1, n));
  const validate = await measure(cwd, 'validate');
  let plan: Step | undefined;
  if (withPlan) {
    const emulator = await startEmulatorProcess(cwd, []);
    try {
      if (!existsSync(join(cwd, '.applied'))) {
        const t0 = Date.now();
        await run(cwd, [join(root, 'bin/provision.js'), 'apply', 'blueprint.yaml', '--yes']);
        writeFileSync(join(cwd, '.applied'), new Date().toISOString());
        console.error(`applied ${n} workspaces in ${((Date.now() - t0) / 1000).toFixed(0)} s (kept in ${cwd})`);
      }
      plan = await measure(cwd, 'plan');
    } finally {
      await emulator.stop();
    }
  }
  results.push({ n, validate, plan });
  const p = plan ? `; plan ${(plan.cpuMs / 1000).toFixed(1)} s CPU (${(plan.realMs / 1000).toFixed(1)} s real), peak ${plan.peakRssMb.toFixed(0)} MB, ${plan.plan!.add + plan.plan!.change + plan.plan!.destroy} changes, ${plan.plan!.unknown} unknown` : '';
  console.log(`${String(n).padStart(6)} workspaces, ${validate.resources} resources: validate ${(validate.cpuMs / 1000).toFixed(2)} s CPU, peak ${validate.peakRssMb.toFixed(0)} MB${p}`);
}
for (let i = 1; i < results.length; i++) {
  const a = results[i - 1]!;
  const b = results[i]!;
  const ratio = (x: number, y: number) => (y / x).toFixed(2);
  console.log(
    `${a.n} -> ${b.n} (${ratio(a.n, b.n)}x workspaces): validate CPU ${ratio(a.validate.cpuMs, b.validate.cpuMs)}x` +
      (a.plan && b.plan ? `, plan CPU ${ratio(a.plan.cpuMs, b.plan.cpuMs)}x, plan peak memory ${ratio(a.plan.peakRssMb, b.plan.peakRssMb)}x` : ''),
  );
}
