/**
 * A replace deletes first, and the service refuses to delete a site column that a content type
 * links, or a site content type that a list's copy derives from. The local tenant refuses both
 * deletes, through Graph and SharePoint REST alike; the plan does not promise such a replace (it
 * says the forcing property will not be applied, and why), and once the blueprint takes the
 * column out of the type, or the type out of the list, one apply makes the change and converges.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '@pnp/sp/fields/index.js';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const blueprint = (columnType: string, parent: string, links: boolean, copied: boolean) => `version: 1
name: in-use
prune: [listContentType]
columns:
  note: { name: Note1, displayName: Note, type: ${columnType} }
contentTypes:
  memo:
    name: Memo
    parent: ${parent}
    group: Y
    columns: [${links ? '{ use: note }' : ''}]
sites:
  - url: /sites/in-use
    type: team
    title: In use
    mailNickname: in-use
    owners: [anna.andersson@contoso.onmicrosoft.com]
    columns: [{ use: note }]
    contentTypes: [{ use: memo }]
    lists:
      - url: Docs
        title: Docs
        template: documentLibrary
${copied ? '        contentTypes: [memo]\n' : ''}`;

test('a column a content type links, and a content type a list copies, are not replaced in place; taken out first, they are', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-in-use-'));
  await writeFile(join(cwd, 'bp.yaml'), blueprint('text', 'Document', true, true));
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);

  // The local tenant refuses to delete the linked site column, through either face.
  await withTenant(cwd, async (target) => {
    const site = (await siteByPath(target, '/sites/in-use'))!;
    const columns = await target.client.graph.list<{ id: string; name: string }>(`/sites/${site.id}/columns`);
    const note = columns.find((c) => c.name === 'Note1')!;
    await expect(target.client.graph.delete(`/sites/${site.id}/columns/${note.id}`)).rejects.toThrow(/Site columns which are included in content types cannot be deleted/);
    await expect(target.client.sp.web(site.webUrl).web.fields.getById(note.id).delete()).rejects.toThrow(/Site columns which are included in content types cannot be deleted/);
  });

  // A column type and a parent changed while still in use: shown, not applied, apply succeeds.
  await writeFile(join(cwd, 'bp.yaml'), blueprint('number', 'Item', true, true));
  const plan = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(plan.code, plan.stderr).toBe(2);
  expect(plan.stdout).toMatch(/~ type = "text" -> "number"\n\s+! type: will not be applied: it must be replaced \(a column's type cannot change in place \(text -> number\)\), and the service refuses to delete it while site\[\/sites\/in-use\]\/contentType\[Memo\] uses it/);
  expect(plan.stdout).toMatch(/! parentId: will not be applied: .*while site\[\/sites\/in-use\]\/list\[Docs\]\/contentType\[Memo\] uses it/);
  expect(plan.stdout).toContain('Plan: 0 to add, 2 to change, 0 to destroy.');
  const held = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(held.code, held.stdout + held.stderr).toBe(0);
  expect(held.stdout + held.stderr).toContain('site[/sites/in-use]/column[Note1]: not applied: type (the plan says why)');
  await withTenant(cwd, async (target) => {
    const site = (await siteByPath(target, '/sites/in-use'))!;
    const columns = await target.client.graph.list<{ name: string; text?: object; number?: object }>(`/sites/${site.id}/columns`);
    expect(columns.find((c) => c.name === 'Note1')?.text).toBeDefined();
  });

  // Taken out of the type and the list in the same blueprint: one apply replaces both.
  await writeFile(join(cwd, 'bp.yaml'), blueprint('number', 'Item', false, false));
  const applied = await provision(cwd, 'apply', 'bp.yaml', '--yes', '--allow-delete-content');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stdout + applied.stderr).toMatch(/column\[Note1\]: replaced/);
  expect(applied.stdout + applied.stderr).toMatch(/site\[\/sites\/in-use\]\/contentType\[Memo\]: replaced/);
  const after = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(after.code, after.stdout).toBe(0);
  await withTenant(cwd, async (target) => {
    const site = (await siteByPath(target, '/sites/in-use'))!;
    const columns = await target.client.graph.list<{ name: string; number?: object }>(`/sites/${site.id}/columns`);
    expect(columns.find((c) => c.name === 'Note1')?.number).toBeDefined();
  });
});
