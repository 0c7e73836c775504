/**
 * Saved plans: `plan --out` then `apply plan.json` applies exactly that plan; a saved plan
 * refuses to apply, naming what moved, once the tenant changed after it was made, refuses
 * another tenant than the one it was made against, and refuses a plan of an older format.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tenantIdentityOf } from '../../src/engine/tenant-identity.ts';
import { expect, test } from 'vitest';
import { provision, workspaceWith } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

test('a saved plan applies, and a stale one is refused naming the address that moved', async () => {
  const cwd = await workspaceWith('botkyrka');
  const blueprint = 'botkyrka/blueprint.yaml';
  const saved = await provision(cwd, 'plan', blueprint, '--out', 'plan.json');
  expect(saved.code, saved.stderr).toBe(0);
  const planFile = JSON.parse(await readFile(join(cwd, 'plan.json'), 'utf8'));
  expect(planFile.formatVersion).toBe(3);
  expect(planFile.target.host).toMatch(/\.sharepoint\.com$/);
  // A saved plan and a plan shown as JSON carry the digests of what was observed (a plan only shown leaves them out).
  const digested = (p: { fingerprint?: unknown; changes: { observedDigest?: unknown }[] }) => typeof p.fingerprint === 'string' && p.changes.length > 0 && p.changes.every((c) => typeof c.observedDigest === 'string');
  expect(digested(planFile)).toBe(true);
  const shown = await provision(cwd, 'plan', blueprint, '--json');
  expect(shown.code, shown.stderr).toBe(0);
  expect(digested(JSON.parse(shown.stdout))).toBe(true);
  // A plan of the older format (2: facts such as a term set's language rode in ids) is refused, nothing applied.
  await writeFile(join(cwd, 'old.json'), JSON.stringify({ ...planFile, formatVersion: 2 }));
  const old = await provision(cwd, 'apply', 'old.json', '--yes', '--allow-custom-script');
  expect(old.code).toBe(1);
  expect(old.stderr).toContain('old.json: the plan was made by an older version of m365-provision (plan formatVersion 2; this version reads 3): plan again');
  await withTenant(cwd, async (t) => expect(await siteByPath(t, '/sites/samhallsbyggnad')).toBeUndefined());

  const applied = await provision(cwd, 'apply', 'plan.json', '--yes', '--allow-custom-script');
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

test('a saved plan refuses to apply to another tenant, naming both', { timeout: 240_000 }, async () => {
  const small = `version: 1
name: small
sites:
  - url: /sites/tenant-check
    type: communication
    title: Tenant check
    owner: anna.andersson@contoso.onmicrosoft.com
`;
  const [madeIn, other] = await Promise.all([mkdtemp(join(tmpdir(), 'provision-tenant-a-')), mkdtemp(join(tmpdir(), 'provision-tenant-b-'))]);
  await writeFile(join(madeIn, 'bp.yaml'), small);
  expect((await provision(madeIn, 'plan', 'bp.yaml', '--out', 'plan.json')).code).toBe(0);
  await writeFile(join(other, 'plan.json'), await readFile(join(madeIn, 'plan.json')));
  // Each working folder has its own local tenant, with its own tenant id.
  const plannedId = JSON.parse(await readFile(join(madeIn, 'plan.json'), 'utf8')).target.tenantId as string;
  const otherId = await withTenant(other, async (t) => (await tenantIdentityOf(t.client)).tenantId);
  expect(otherId).not.toBe(plannedId);

  const refused = await provision(other, 'apply', 'plan.json', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain(`the plan was made against contoso.sharepoint.com (tenant id ${plannedId}), but this run targets contoso.sharepoint.com (tenant id ${otherId})`);
  expect(refused.stderr).toContain('Nothing was changed');
  await withTenant(other, async (t) => expect(await siteByPath(t, '/sites/tenant-check')).toBeUndefined());
  // In the tenant it was made for, the same file applies.
  const applied = await provision(madeIn, 'apply', 'plan.json', '--yes');
  expect(applied.code, applied.stderr).toBe(0);
  await withTenant(madeIn, async (t) => expect((await siteByPath(t, '/sites/tenant-check'))?.displayName).toBe('Tenant check'));
  expect((await provision(madeIn, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);
});
