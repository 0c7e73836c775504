/**
 * A list column's values live in the list's items, so deleting the column (a prune) or replacing
 * it (a change of type: delete, then create) deletes a value in each item. Through the CLI: a
 * list with an item, then the blueprint changes one column's type and drops another; the plan
 * marks both destructive with the list's item count, apply refuses them without
 * `--allow-delete-content` and changes nothing (the item keeps its values, the column its type),
 * and with the flag makes both changes and converges. The same changes on a list without items
 * need no flag.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const blueprint = (fee: 'number' | 'text', withNotes: boolean) => `version: 1
name: column-content
prune: [column]
sites:
  - url: /sites/column-content
    type: communication
    title: Column content
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
${['Cases', 'Empty']
  .map(
    (url) => `      - url: ${url}
        template: genericList
        columns:
          - { name: Fee, type: ${fee} }
${withNotes ? '          - { name: CaseNotes, type: note }\n' : ''}`,
  )
  .join('')}`;

type Column = { name: string; number?: object; text?: object };

async function columnsOf(cwd: string, list: string): Promise<Column[]> {
  return withTenant(cwd, async (t) => {
    const site = await siteByPath(t, '/sites/column-content');
    return t.client.graph.list<Column>(`/sites/${site!.id}/lists/${list}/columns`);
  });
}

test('replacing or pruning a column of a list that holds items needs --allow-delete-content; without items it does not', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-column-content-'));
  const file = join(cwd, 'b.yaml');
  await writeFile(file, blueprint('number', true));
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  await withTenant(cwd, async (t) => {
    const site = await siteByPath(t, '/sites/column-content');
    await t.client.graph.post(`/sites/${site!.id}/lists/Cases/items`, { fields: { Title: 'Ärende 1', Fee: 1200, CaseNotes: 'Betald' } });
  });

  await writeFile(file, blueprint('text', false));
  const plan = await provision(cwd, 'plan', 'b.yaml', '--json');
  expect(plan.code, plan.stderr).toBe(0);
  const changes = new Map<string, { action: string; destructive?: { flag: string; reason: string } }>(
    JSON.parse(plan.stdout).changes.filter((c: { action: string }) => c.action !== 'noop').map((c: { address: string }) => [c.address, c]),
  );
  const at = (list: string, column: string) => changes.get(`site[/sites/column-content]/list[${list}]/column[${column}]`);
  expect(at('Cases', 'Fee')).toMatchObject({ action: 'replace', destructive: { flag: 'allow-delete-content', reason: expect.stringContaining('the list holds 1 item') } });
  expect(at('Cases', 'CaseNotes')).toMatchObject({ action: 'delete', destructive: { flag: 'allow-delete-content', reason: expect.stringContaining('the list holds 1 item') } });
  expect(at('Empty', 'Fee')).toMatchObject({ action: 'replace' });
  expect(at('Empty', 'Fee')).not.toHaveProperty('destructive');
  expect(at('Empty', 'CaseNotes')).toMatchObject({ action: 'delete' });
  expect(at('Empty', 'CaseNotes')).not.toHaveProperty('destructive');
  const text = await provision(cwd, 'plan', 'b.yaml');
  expect(text.stdout).toContain('!! DESTRUCTIVE: the list holds 1 item: replacing the column (a delete, then a create) deletes its value in each');

  const refused = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('--allow-delete-content');
  const kept = await columnsOf(cwd, 'Cases');
  expect(kept.find((c) => c.name === 'Fee')).toHaveProperty('number');
  expect(kept.map((c) => c.name)).toContain('CaseNotes');
  await withTenant(cwd, async (t) => {
    const site = await siteByPath(t, '/sites/column-content');
    const items = await t.client.graph.list<{ fields: Record<string, unknown> }>(`/sites/${site!.id}/lists/Cases/items?$expand=fields`);
    expect(items.map((i) => [i.fields.Fee, i.fields.CaseNotes])).toEqual([[1200, 'Betald']]);
  });

  const allowed = await provision(cwd, 'apply', 'b.yaml', '--yes', '--allow-delete-content');
  expect(allowed.code, allowed.stdout + allowed.stderr).toBe(0);
  const after = await columnsOf(cwd, 'Cases');
  expect(after.find((c) => c.name === 'Fee')).toHaveProperty('text');
  expect(after.map((c) => c.name)).not.toContain('CaseNotes');
  const converged = await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout).toBe(0);
});
