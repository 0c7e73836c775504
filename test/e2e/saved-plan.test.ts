/**
 * Saved plans: `plan --out` then `apply plan.json` applies exactly that plan; a saved plan
 * refuses to apply, naming what moved, once the tenant changed after it was made.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision, workspaceWith } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

test('a saved plan applies, and a stale one is refused naming the address that moved', async () => {
  const cwd = await workspaceWith('botkyrka');
  const blueprint = 'botkyrka/blueprint.yaml';
  const saved = await provision(cwd, 'plan', blueprint, '--out', 'plan.json');
  expect(saved.code, saved.stderr).toBe(0);
  const planFile = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
  expect(planFile.formatVersion).toBe(2);
  expect(planFile.target.host).toMatch(/\.sharepoint\.com$/);

  const applied = await provision(cwd, 'apply', 'plan.json', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const converged = await provision(cwd, 'plan', blueprint, '--detailed-exitcode');
  expect(converged.code, converged.stdout).toBe(0);

  // Plan a title change, then let the tenant move before applying it.
  const file = join(cwd, blueprint);
  await writeFile(file, (await readFile(file, 'utf8')).replace('title: Samhällsbyggnad\n', 'title: SBF\n'));
  expect((await provision(cwd, 'plan', blueprint, '--out', 'stale.json')).code).toBe(0);
  await withTenant(cwd, async (t) => {
    const site = await siteByPath(t, '/sites/samhallsbyggnad');
    await t.client.sp.call(() => t.client.sp.web(site!.webUrl).web.update({ Title: 'Changed by someone else' }));
  });
  const refused = await provision(cwd, 'apply', 'stale.json', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('is stale');
  expect(refused.stderr).toContain('site[/sites/samhallsbyggnad]');
  await withTenant(cwd, async (t) => {
    expect((await siteByPath(t, '/sites/samhallsbyggnad'))?.displayName).toBe('Changed by someone else');
  });
});
