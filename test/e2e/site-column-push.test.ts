/**
 * A site column's change reaches the lists that got the column through a content type, as
 * SharePoint's "update all list columns based on this site column" does: a choice added to the
 * site column is offered in the library too. A list whose copy was changed on its own (here by
 * hand) keeps its values, and so does a list column of the same name made by hand (another id:
 * not a copy), even with the same values. Each apply ends with an empty plan.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { engineSteps } from '../support/engine-steps.ts';

const SITE = '/sites/site-column-push';

function blueprint(choices: string[], required: boolean): string {
  return `version: 1
name: site-column-push
columns:
  stage: { name: ScpStage, displayName: Stage, type: choice, choices: [${choices.join(', ')}] }
  amount: { name: ScpAmount, displayName: Amount, type: number, required: ${required} }
contentTypes:
  invoice: { name: Scp Invoice, parent: Item, columns: [{ use: stage }, { use: amount }] }
sites:
  - url: ${SITE}
    type: communication
    title: Site column push
    owner: anna.andersson@contoso.onmicrosoft.com
    columns: [{ use: stage }, { use: amount }]
    contentTypes: [{ use: invoice }]
    lists:
      - { url: Invoices, template: genericList, contentTypes: [invoice] }
      - { url: Archive, template: genericList, contentTypes: [invoice] }
      - { url: Notes, template: genericList }
`;
}

let target: Target;
const { applyAndConverge } = engineSteps(() => target, 'site-column-push.yaml');

beforeAll(async () => {
  target = await openTarget({ tenant: 'local', cwd: await mkdtemp(join(tmpdir(), 'provision-site-column-push-')) });
});
afterAll(async () => {
  await target?.close();
});

/** The list's copy of a column: its choices and whether it is required. */
async function copyOf(list: string, name: string): Promise<{ choices?: string[]; required?: boolean; id: string }> {
  const graph = target.client.graph;
  const site = await graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:${SITE}`);
  const lists = await graph.list<{ id: string; name: string }>(`/sites/${site.id}/lists?$select=id,name`);
  const l = lists.find((x) => x.name === list)!;
  const columns = await graph.list<{ id: string; name: string; required?: boolean; choice?: { choices?: string[] } }>(`/sites/${site.id}/lists/${l.id}/columns?$select=id,name,required,choice`);
  const c = columns.find((x) => x.name === name)!;
  return { id: `/sites/${site.id}/lists/${l.id}/columns/${c.id}`, choices: c.choice?.choices, required: c.required };
}

test("a site column's change reaches the list copies that follow it, not one changed on its own", async () => {
  await applyAndConverge(blueprint(['New', 'Review', 'Paid'], true));
  expect((await copyOf('Invoices', 'ScpStage')).choices).toEqual(['New', 'Review', 'Paid']);
  // the archive's copy is changed by hand: it no longer follows the site column
  const archived = await copyOf('Archive', 'ScpStage');
  await target.client.graph.patch(archived.id, { choice: { choices: ['Archived'] } });
  // a column of the same name and values made on another list by hand: not a copy
  const notesColumns = (await copyOf('Invoices', 'ScpStage')).id.replace(/\/lists\/[^/]+\/columns\/.*$/, '');
  const notes = (await target.client.graph.list<{ id: string; name: string }>(`${notesColumns}/lists?$select=id,name`)).find((l) => l.name === 'Notes')!;
  await target.client.graph.post(`${notesColumns}/lists/${notes.id}/columns`, { name: 'ScpStage', choice: { choices: ['New', 'Review', 'Paid'] } });

  await applyAndConverge(blueprint(['New', 'Review', 'Approved', 'Paid'], false));
  expect(await copyOf('Invoices', 'ScpStage')).toMatchObject({ choices: ['New', 'Review', 'Approved', 'Paid'] });
  expect(await copyOf('Invoices', 'ScpAmount')).toMatchObject({ required: false });
  expect(await copyOf('Archive', 'ScpStage')).toMatchObject({ choices: ['Archived'] });
  expect(await copyOf('Archive', 'ScpAmount')).toMatchObject({ required: false });
  expect(await copyOf('Notes', 'ScpStage')).toMatchObject({ choices: ['New', 'Review', 'Paid'] });
});
