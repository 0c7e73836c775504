/**
 * Ownership and pruning through the CLI: what the engine created for a blueprint and the
 * blueprint no longer declares is deleted when the blueprint prunes that kind; what it does not
 * own is never touched; deleting a list that holds items, or a site, is refused without its
 * consent flag and allowed with it. Tenant state is checked both times.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const owner = 'anna.andersson@contoso.onmicrosoft.com';

function blueprint(opts: { withArchive: boolean; withNotes: boolean; withSecondSite: boolean }): string {
  return `version: 1
name: prune-test
prune: [list, column, site]
sites:
  - url: /sites/prune-main
    type: team
    title: Prune main
    owners: [${owner}]
    lists:
      - url: Cases
        template: genericList
        columns:
          - { name: CaseNumber, type: text }
${opts.withNotes ? '          - { name: CaseNotes, type: note }\n' : ''}${opts.withArchive ? '      - url: Archive\n        template: genericList\n' : ''}${
    opts.withSecondSite ? `  - url: /sites/prune-extra\n    type: communication\n    title: Prune extra\n    owner: ${owner}\n` : ''
  }`;
}

async function listNames(cwd: string, sitePath: string): Promise<string[]> {
  return withTenant(cwd, async (t) => {
    const site = await siteByPath(t, sitePath);
    const lists = await t.client.graph.list<{ name: string }>(`/sites/${site!.id}/lists?$select=name`);
    return lists.map((l) => l.name);
  });
}

async function columnNames(cwd: string, sitePath: string, list: string): Promise<string[]> {
  return withTenant(cwd, async (t) => {
    const site = await siteByPath(t, sitePath);
    const cols = await t.client.graph.list<{ name: string }>(`/sites/${site!.id}/lists/${list}/columns`);
    return cols.map((c) => c.name);
  });
}

test('pruning deletes only what the blueprint owns, and asks consent for lists with items and for sites', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-prune-'));
  const file = join(cwd, 'b.yaml');
  await writeFile(file, blueprint({ withArchive: true, withNotes: true, withSecondSite: true }));
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);

  // Content in the Archive list, and a list somebody else made by hand.
  await withTenant(cwd, async (t) => {
    const site = await siteByPath(t, '/sites/prune-main');
    await t.client.graph.post(`/sites/${site!.id}/lists/Archive/items`, { fields: { Title: 'Old case' } });
    await t.client.graph.post(`/sites/${site!.id}/lists`, { displayName: 'Handmade', list: { template: 'genericList' } });
  });

  // The blueprint drops the Archive list, the CaseNotes column and the second site.
  await writeFile(file, blueprint({ withArchive: false, withNotes: false, withSecondSite: false }));
  const plan = await provision(cwd, 'plan', 'b.yaml', '--json');
  expect(plan.code, plan.stderr).toBe(0);
  const changes = JSON.parse(plan.stdout).changes.filter((c: { action: string }) => c.action !== 'noop');
  expect(changes.map((c: { address: string; action: string }) => [c.address, c.action]).sort()).toEqual(
    [
      ['site[/sites/prune-extra]', 'delete'],
      ['site[/sites/prune-main]/list[Archive]', 'delete'],
      ['site[/sites/prune-main]/list[Cases]/column[CaseNotes]', 'delete'],
    ].sort(),
  );
  const byAddress = new Map(changes.map((c: { address: string }) => [c.address, c]));
  expect(byAddress.get('site[/sites/prune-main]/list[Archive]')).toMatchObject({ destructive: { flag: 'allow-delete-content' } });
  expect(byAddress.get('site[/sites/prune-extra]')).toMatchObject({ destructive: { flag: 'allow-delete-sites' } });
  expect(byAddress.get('site[/sites/prune-main]/list[Cases]/column[CaseNotes]')).not.toHaveProperty('destructive');
  const text = await provision(cwd, 'plan', 'b.yaml');
  expect(text.stdout).toContain('!! DESTRUCTIVE: the list holds 1 item');

  // Without consent: refused, nothing changed.
  const refused = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('--allow-delete-content');
  expect(refused.stderr).toContain('--allow-delete-sites');
  expect(await listNames(cwd, '/sites/prune-main')).toEqual(expect.arrayContaining(['Archive', 'Handmade', 'Cases']));
  expect(await columnNames(cwd, '/sites/prune-main', 'Cases')).toContain('CaseNotes');
  await withTenant(cwd, async (t) => expect(await siteByPath(t, '/sites/prune-extra')).toBeDefined());

  // Consent for content only: still refused as a whole (the site needs its own flag).
  const partly = await provision(cwd, 'apply', 'b.yaml', '--yes', '--allow-delete-content');
  expect(partly.code).toBe(1);
  expect(partly.stderr).toContain('needs --allow-delete-sites');
  expect(await listNames(cwd, '/sites/prune-main')).toContain('Archive');

  // With both: deleted; the hand-made list stays.
  const allowed = await provision(cwd, 'apply', 'b.yaml', '--yes', '--allow-delete-content', '--allow-delete-sites');
  expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
  const lists = await listNames(cwd, '/sites/prune-main');
  expect(lists).not.toContain('Archive');
  expect(lists).toEqual(expect.arrayContaining(['Handmade', 'Cases']));
  expect(await columnNames(cwd, '/sites/prune-main', 'Cases')).not.toContain('CaseNotes');
  await withTenant(cwd, async (t) => expect(await siteByPath(t, '/sites/prune-extra')).toBeUndefined());

  const converged = await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout).toBe(0);
});

test('a list the engine made, deleted by hand and made again by hand under the same URL, is not the blueprint\'s: prune leaves it', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-prune-'));
  const file = join(cwd, 'b.yaml');
  await writeFile(file, blueprint({ withArchive: true, withNotes: false, withSecondSite: false }));
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);

  // Somebody deletes the engine's Archive and makes their own under the same URL, with an item.
  await withTenant(cwd, async (t) => {
    const site = await siteByPath(t, '/sites/prune-main');
    await t.client.sp.web(site!.webUrl).web.lists.getByTitle('Archive').delete();
    await t.client.graph.post(`/sites/${site!.id}/lists`, { displayName: 'Archive', list: { template: 'genericList' } });
    await t.client.graph.post(`/sites/${site!.id}/lists/Archive/items`, { fields: { Title: 'Their case' } });
  });

  // The blueprint drops Archive and prunes lists: the list at that URL is not the one it made.
  await writeFile(file, blueprint({ withArchive: false, withNotes: false, withSecondSite: false }));
  const plan = await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode');
  expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  const apply = await provision(cwd, 'apply', 'b.yaml', '--yes', '--allow-delete-content');
  expect(apply.code, apply.stdout + apply.stderr).toBe(0);
  expect(await listNames(cwd, '/sites/prune-main')).toContain('Archive');
});
