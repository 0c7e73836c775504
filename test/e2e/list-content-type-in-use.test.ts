/**
 * SharePoint keeps a list's content type while an item of the list is of it
 * (SPContentTypeCollection.Delete). An item is made of the list's default content type; pruning
 * that content type from the list fails, naming why and what to do, and nothing is lost; once
 * the item is gone, the same apply removes it and converges. SharePoint REST refuses it too, and
 * neither face removes a list's last content type.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@pnp/sp/content-types/index.js';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const blueprint = (copied: boolean) => `version: 1
name: ct-items
prune: [listContentType]
contentTypes:
  memo: { name: Memo, parent: Item, group: Y }
sites:
  - url: /sites/ct-items
    type: communication
    title: CT items
    owner: anna.andersson@contoso.onmicrosoft.com
    contentTypes: [{ use: memo }]
    lists:
      - url: Notes
        title: Notes
        template: genericList
${copied ? '        contentTypes: [memo]\n        defaultContentType: memo\n' : ''}`;

test("a list's content type that an item is of stays, with the reason; without the item it is removed", { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-ct-items-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint(true));
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  const item = await withTenant(cwd, async (t) => {
    const site = (await siteByPath(t, '/sites/ct-items'))!;
    const made = await t.client.graph.post<{ id: string; contentType: { name: string } }>(`/sites/${site.id}/lists/Notes/items`, { fields: { Title: 'Anteckning' } });
    expect(made.contentType.name).toBe('Memo');
    return `/sites/${site.id}/lists/Notes/items/${made.id}`;
  });

  await writeFile(join(cwd, 'bp.yaml'), blueprint(false));
  const refused = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stdout).toMatch(/failed +site\[\/sites\/ct-items\]\/list\[Notes\]\/contentType\[Memo\]: 400 invalidRequest: Content type is still in use\. Items of the list are of this content type: give them another one \(or delete them\) first\./);
  await withTenant(cwd, async (t) => {
    expect((await t.client.graph.get<{ fields: { Title: string } }>(`${item}?$expand=fields`)).fields.Title).toBe('Anteckning');
    // SharePoint REST refuses it too
    const site = (await siteByPath(t, '/sites/ct-items'))!;
    const types = await t.client.graph.list<{ id: string; name: string }>(`/sites/${site.id}/lists/Notes/contentTypes`);
    const memo = types.find((c) => c.name === 'Memo')!;
    await expect(t.client.sp.web(site.webUrl).web.lists.getByTitle('Notes').contentTypes.getById(memo.id).delete()).rejects.toThrow(/Content type is still in use/);
    await t.client.graph.delete(item);
  });
  const removed = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(removed.code, removed.stdout + removed.stderr).toBe(0);
  expect(removed.stdout + removed.stderr).toContain('site[/sites/ct-items]/list[Notes]/contentType[Memo]: destroyed');
  const after = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(after.code, after.stdout).toBe(0);

  // The list's last content type stays.
  await withTenant(cwd, async (t) => {
    const site = (await siteByPath(t, '/sites/ct-items'))!;
    const visible = (await t.client.graph.list<{ id: string; name: string; hidden?: boolean }>(`/sites/${site.id}/lists/Notes/contentTypes`)).filter((c) => !c.hidden);
    expect(visible.map((c) => c.name)).toEqual(['Item']);
    await expect(t.client.graph.delete(`/sites/${site.id}/lists/Notes/contentTypes/${visible[0]!.id}`)).rejects.toThrow(/The last content type on a list cannot be deleted/);
  });
});
