/**
 * End to end through the real CLI, the real SDKs, HTTP and the local tenant: the Botkyrka
 * example applies from empty, converges, and a changed column or title gives exactly that
 * update and converges again.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { provision, workspaceWith } from '../support/cli.ts';
import { listColumns, siteByPath, withTenant } from '../support/tenant-state.ts';

const blueprint = 'botkyrka/blueprint.yaml';
let cwd: string;

async function editBlueprint(from: string, to: string): Promise<void> {
  const file = join(cwd, blueprint);
  const text = await readFile(file, 'utf8');
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}

async function planJson(): Promise<{ changes: { address: string; action: string; before: unknown; after: unknown }[] }> {
  const result = await provision(cwd, 'plan', blueprint, '--json');
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

async function expectConverged(): Promise<void> {
  const again = await provision(cwd, 'plan', blueprint, '--detailed-exitcode');
  expect(again.stdout).toContain('No changes.');
  expect(again.code, again.stdout + again.stderr).toBe(0);
}

describe('botkyrka example', () => {
  beforeAll(async () => {
    cwd = await workspaceWith('botkyrka');
  });

  test('applies to an empty local tenant and plans again to no changes', async () => {
    const first = await provision(cwd, 'plan', blueprint, '--detailed-exitcode');
    expect(first.code, first.stderr).toBe(2);
    expect(first.stderr).toMatch(/^Tenant: local tenant contoso\.sharepoint\.com/m);
    expect(first.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);

    // the entry site's property bag and theme record need custom script, which new modern sites
    // deny: without the flag apply refuses before changing anything, naming the flag and the site
    expect(first.stdout).toContain('!! NEEDS CUSTOM SCRIPT on /sites/samhallsbyggnad');
    const refused = await provision(cwd, 'apply', blueprint, '--yes');
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stderr).toContain('Refusing to apply: 1 change needs custom script allowed');
    expect(refused.stderr).toContain('--allow-custom-script');
    expect(refused.stderr).toContain('/sites/samhallsbyggnad');
    await withTenant(cwd, async (t) => {
      expect(await siteByPath(t, '/sites/samhallsbyggnad')).toBeUndefined();
    });

    const applied = await provision(cwd, 'apply', blueprint, '--yes', '--allow-custom-script');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/Apply complete .*: \d+ succeeded, 0 failed, 0 pending, 0 skipped/);

    await expectConverged();

    await withTenant(cwd, async (t) => {
      const entry = await siteByPath(t, '/sites/samhallsbyggnad');
      expect(entry?.displayName).toBe('Samhällsbyggnad');
      const bygglov = await siteByPath(t, '/sites/sbf-bygglov');
      expect(bygglov?.displayName).toBe('Bygglov');
      // the entry site is the hub, the stage sites joined it; views per process step
      const hub = await t.client.sp.get<{ Id: string; IsHubSite: boolean }>('sites/samhallsbyggnad/_api/site?$select=Id,IsHubSite');
      expect(hub.IsHubSite).toBe(true);
      const joined = await t.client.sp.get<{ HubSiteId: string }>('sites/sbf-bygglov/_api/site?$select=HubSiteId');
      expect(joined.HubSiteId).toBe(hub.Id);
      const list = await t.client.sp.get<{ Id: string }>("sites/sbf-bygglov/_api/web/getlist('/sites/sbf-bygglov/Arenden')?$select=Id");
      const views = await t.client.sp.get<{ Title: string; DefaultView: boolean }[]>(`sites/sbf-bygglov/_api/web/lists(guid'${list.Id}')/views?$select=Title,DefaultView`);
      expect(views.map((v) => v.Title)).toEqual(expect.arrayContaining(['Beslutade', 'Pågående']));
      expect(views.find((v) => v.DefaultView)?.Title).toBe('Pågående');
      const tz = await t.client.sp.get<{ Id: number }>('sites/sbf-bygglov/_api/web/RegionalSettings/TimeZone');
      expect(tz.Id).toBe(4);
    });
  }, 180_000); // four CLI runs and a refused one

  test("changing a column's choices plans exactly that update, and apply converges", async () => {
    await editBlueprint('choices: [Inkommen, Under handläggning, Kommunicering, Beslut, Avslutad]', 'choices: [Inkommen, Under handläggning, Kommunicering, Beslut, Överklagad, Avslutad]');
    const plan = await planJson();
    const changed = plan.changes.filter((c) => c.action !== 'noop');
    expect(changed.length).toBeGreaterThan(0);
    for (const change of changed) {
      expect(change.action).toBe('update');
      expect(change.address).toMatch(/column\[ProcessStep\]$/);
      expect(change.after).toEqual({ choices: ['Inkommen', 'Under handläggning', 'Kommunicering', 'Beslut', 'Överklagad', 'Avslutad'] });
      expect(change.before).toEqual({ choices: ['Inkommen', 'Under handläggning', 'Kommunicering', 'Beslut', 'Avslutad'] });
    }
    const applied = await provision(cwd, 'apply', blueprint, '--yes');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    await expectConverged();
    await withTenant(cwd, async (t) => {
      const columns = await listColumns(t, '/sites/samhallsbyggnad', 'Processoversikt');
      const step = columns.find((c) => c.name === 'ProcessStep');
      expect(step?.choice?.choices).toContain('Överklagad');
    });
  });

  test("changing a site's title plans exactly that update, and apply converges", async () => {
    await editBlueprint('title: Samhällsbyggnad\n', 'title: Samhällsbyggnadsförvaltningen\n');
    const plan = await planJson();
    const changed = plan.changes.filter((c) => c.action !== 'noop');
    expect(changed).toEqual([
      expect.objectContaining({ address: 'site[/sites/samhallsbyggnad]', action: 'update', before: { title: 'Samhällsbyggnad' }, after: { title: 'Samhällsbyggnadsförvaltningen' } }),
    ]);
    const applied = await provision(cwd, 'apply', blueprint, '--yes');
    expect(applied.code, applied.stdout + applied.stderr).toBe(0);
    await expectConverged();
    await withTenant(cwd, async (t) => {
      expect((await siteByPath(t, '/sites/samhallsbyggnad'))?.displayName).toBe('Samhällsbyggnadsförvaltningen');
    });
  });

  test('apply without --yes and without a terminal refuses and changes nothing', async () => {
    await editBlueprint('title: Samhällsbyggnadsförvaltningen\n', 'title: Samhällsbyggnad SBF\n');
    const refused = await provision(cwd, 'apply', blueprint);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('refusing to apply without --yes');
    await withTenant(cwd, async (t) => {
      expect((await siteByPath(t, '/sites/samhallsbyggnad'))?.displayName).toBe('Samhällsbyggnadsförvaltningen');
    });
  });
});
