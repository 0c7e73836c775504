/**
 * One measured step of the planning benchmark, run in its own process so that its CPU time and
 * peak memory are its own: `validate <blueprint>` (load, validate, expand: no tenant) or
 * `plan <blueprint>` (the same, then read the tenant and build the plan; the local tenant must be
 * served by another process so that its work is not counted). Prints one JSON line.
 */
import { loadDesired, planDesired } from '../../src/engine/plan-blueprint.ts';
import { openTarget } from '../../src/tenant/target.ts';

const [step, file] = process.argv.slice(2);
if ((step !== 'validate' && step !== 'plan') || !file) throw new Error('usage: measure-plan-step.ts validate|plan <blueprint>');

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const load = await loadDesired(file);
if (!load.ok) throw new Error(`the blueprint has errors: ${load.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
const validated = { cpuMs: cpuMs(process.cpuUsage(cpu0)), realMs: performance.now() - t0 };
let plan: { add: number; change: number; destroy: number; unknown: number } | undefined;
if (step === 'plan') {
  const target = await openTarget({ tenant: 'local', cwd: process.cwd() });
  try {
    plan = (await planDesired(load.desired, target.client, target.name)).summary;
  } finally {
    await target.close();
  }
}
const total = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  step,
  resources: load.desired.resources.length,
  validateCpuMs: validated.cpuMs,
  cpuMs: cpuMs(total),
  realMs: performance.now() - t0,
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  plan,
}));

function cpuMs(u: NodeJS.CpuUsage): number {
  return (u.user + u.system) / 1000;
}
