/**
 * The end-to-end scenarios, on the local tenant by default and on a real tenant when its
 * settings are in the environment (live-target.ts; `npm run test:live`): apply a small
 * botkyrka-like blueprint under a unique prefix, converge (a fresh plan is empty), drift (a title
 * changed behind the engine's back shows in the plan and apply puts it back), and clean up
 * (prune the sites with --allow-delete-sites), leaving nothing behind even when a step fails.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTarget } from '../../src/tenant/target.ts';
import { provision, type CliResult } from '../support/cli.ts';
import { siteByPath } from '../support/tenant-state.ts';
import { liveTarget } from './live-target.ts';
import { cleanupBlueprint, scenarioBlueprint } from './scenario-blueprint.ts';

const target = liveTarget();
const real = target.kind === 'real';
/** A real tenant provisions a group's site minutes later: apply again until it converges. */
const ROUNDS = real ? 12 : 2;
const ROUND_WAIT_MS = real ? 60_000 : 0;
const STEP_TIMEOUT = real ? 30 * 60_000 : 180_000;

let cwd: string;
let cleaned = false;
const run = (...args: string[]): Promise<CliResult> => provision(cwd, ...args, '--tenant', target.tenantArg);
const commSite = `/sites/${target.prefix}-sbf`;

beforeAll(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'provision-live-'));
  await writeFile(join(cwd, 'bp.yaml'), scenarioBlueprint(target.prefix, target.owner));
  await writeFile(join(cwd, 'cleanup.yaml'), cleanupBlueprint(target.prefix));
  if (!real) console.info(`live scenarios on the local tenant (real tenant ${target.why})`);
});

// Whatever happened, remove what this run made.
afterAll(async () => {
  if (!cleaned && cwd) await run('apply', 'cleanup.yaml', '--yes', '--allow-delete-sites', '--allow-delete-content');
}, STEP_TIMEOUT);

/** Applies until a fresh plan is empty; the first apply's output (its plan and summary). */
async function applyUntilConverged(file: string): Promise<string> {
  let firstOutput = '';
  for (let round = 1; ; round++) {
    const applied = await run('apply', file, '--yes');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    if (round === 1) firstOutput = applied.stdout;
    const plan = await run('plan', file, '--detailed-exitcode');
    if (plan.code === 0) return firstOutput;
    expect(plan.code, plan.stdout + plan.stderr).toBe(2);
    if (round >= ROUNDS) throw new Error(`no convergence after ${round} applies:\n${plan.stdout}`);
    await new Promise((r) => setTimeout(r, ROUND_WAIT_MS));
  }
}

test('apply, converge, drift, clean up', { timeout: STEP_TIMEOUT * 3 }, async () => {
  // apply + converge
  const applied = await applyUntilConverged('bp.yaml');
  expect(applied).toContain(`+ commSite site[${commSite}]`);
  expect(applied).toContain(`+ teamSite site[/sites/${target.prefix}-bygglov]`);

  // drift: someone renames the site; the plan shows it, apply puts it back
  const t = await openTarget({ tenant: target.tenantArg, cwd });
  try {
    const site = await siteByPath(t, commSite);
    expect(site?.displayName).toBe('Samhällsbyggnad');
    await t.client.sp.call(() => t.client.sp.web(site!.webUrl).web.update({ Title: 'Renamed by hand' }));
  } finally {
    await t.close();
  }
  const drift = await run('plan', 'bp.yaml', '--detailed-exitcode');
  expect(drift.code, drift.stderr).toBe(2);
  expect(drift.stdout).toContain(`~ commSite site[${commSite}]`);
  expect(drift.stdout).toContain('"Renamed by hand" -> "Samhällsbyggnad"');
  await applyUntilConverged('bp.yaml');

  // clean up: the sites are pruned, with consent
  const cleanup = await run('apply', 'cleanup.yaml', '--yes', '--allow-delete-sites', '--allow-delete-content');
  expect(cleanup.code, cleanup.stdout + cleanup.stderr).toBe(0);
  cleaned = true;
  // Nothing of the run is live, and neither site would be created again: the communication
  // site is in the tenant's recycle bin, which holds its URL, and the team site's group is in
  // deleted items, which hold its mailNickname, until they are restored or removed; the plan says
  // so instead of planning a create the service would refuse.
  const after = await run('plan', 'bp.yaml', '--json');
  const plan = JSON.parse(after.stdout) as { changes: { address: string; action: string; reason?: string }[] };
  const sites = plan.changes.filter((c) => /^site\[[^\]]*\]$/.test(c.address));
  expect(sites.map((c) => `${c.action} ${c.address}`).sort()).toEqual([`unknown site[${commSite}]`, `unknown site[/sites/${target.prefix}-bygglov]`].sort());
  expect(sites.find((c) => c.address === `site[${commSite}]`)?.reason).toMatch(/is in the tenant's recycle bin/);
  expect(sites.find((c) => c.address === `site[/sites/${target.prefix}-bygglov]`)?.reason).toMatch(/a deleted group \(.*\) holds the mailNickname/);
});
