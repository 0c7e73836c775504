/**
 * A plan finds a site's and a list's columns among the visible ones, and reads the hidden ones
 * only when a name is not there (most of a real site's columns are hidden, and Graph lists them
 * only when `$select` names `hidden`). A blueprint column that was hidden out of band exists all
 * the same: the plan must find it (a create would fail as a duplicate), so this fails if the
 * engine stops at the visible columns.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: hidden-columns
columns:
  caseRef: { name: CaseRef, type: text, displayName: Ärendenummer }
sites:
  - url: /sites/hidden-cols
    type: communication
    title: Dolda kolumner
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - use: caseRef
    lists:
      - url: Arenden
        title: Ärenden
        template: genericList
        columns:
          - { name: Stage, type: choice, choices: [Ny, Klar] }
`;

/** The same, with a content type that links the site column (added after it was hidden). */
const withType = text.replace('sites:', `contentTypes:
  decision:
    name: Beslut
    parent: Item
    columns: [{ use: caseRef, required: true }]
sites:`).replace('    lists:', '    contentTypes: [{ use: decision }]\n    lists:');

interface Column {
  id: string;
  name: string;
  hidden?: boolean;
}

test('a plan finds blueprint columns hidden out of band (site and list) and stays empty', async () => {
  const desired = await desiredOf(text, 'hidden-columns.yaml');
  await withLocalTarget('hidden-columns', async (target) => {
    const first = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 4 });
    expect(first.failed).toEqual([]);

    const graph = target.client.graph;
    const site = await graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/hidden-cols`);
    const list = (await graph.list<{ id: string; name: string }>(`/sites/${site.id}/lists?$select=id,name`)).find((l) => l.name === 'Arenden')!;
    const siteColumns = `/sites/${site.id}/columns`;
    const listColumns = `/sites/${site.id}/lists/${list.id}/columns`;
    const idOf = async (path: string, name: string) => (await graph.list<Column>(`${path}?$select=id,name`)).find((c) => c.name === name)!.id;
    // someone hides both columns in the tenant
    await graph.patch(`${siteColumns}/${await idOf(siteColumns, 'CaseRef')}`, { hidden: true });
    await graph.patch(`${listColumns}/${await idOf(listColumns, 'Stage')}`, { hidden: true });
    // they happened: neither is listed without `hidden` in $select, both are with it
    for (const [path, name] of [[siteColumns, 'CaseRef'], [listColumns, 'Stage']] as const) {
      expect((await graph.list<Column>(`${path}?$select=id,name`)).some((c) => c.name === name)).toBe(false);
      expect((await graph.list<Column>(`${path}?$select=id,name,hidden`)).find((c) => c.name === name)).toMatchObject({ hidden: true });
    }

    // the blueprint does not say whether a column is hidden: nothing to change, nothing to create
    const plan = await planDesired(desired, target.client, target.name);
    expect(plan.changes.filter((c) => c.kind === 'column').map((c) => [c.address, c.action])).toEqual([
      ['site[/sites/hidden-cols]/column[CaseRef]', 'noop'],
      ['site[/sites/hidden-cols]/list[Arenden]/column[Stage]', 'noop'],
    ]);
    expect(isEmptyPlan(plan)).toBe(true);

    // a content type added to the blueprint links the hidden column (its id read with the hidden ones)
    const desired2 = await desiredOf(withType, 'hidden-columns.yaml');
    const second = await applyRun(target, await planDesired(desired2, target.client, target.name), { concurrency: 4 });
    expect(second.failed).toEqual([]);
    expect(second.succeeded).toContain('site[/sites/hidden-cols]/contentType[Beslut]');
    const types = await graph.list<{ id: string; name: string }>(`/sites/${site.id}/contentTypes?$select=id,name`);
    const beslut = types.find((t) => t.name === 'Beslut')!;
    const links = await graph.list<Column & { required?: boolean }>(`/sites/${site.id}/contentTypes/${beslut.id}/columns?$select=id,name,required,hidden`);
    expect(links.find((c) => c.name === 'CaseRef')).toMatchObject({ required: true });
    const again = await planDesired(desired2, target.client, target.name);
    expect(isEmptyPlan(again)).toBe(true);
  });
});
