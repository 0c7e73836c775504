/**
 * A column is adopted only when a blueprint made it. Every column the engine creates carries the
 * id derived from its internal name, so a column found under a blueprint column's name with
 * another id is not the blueprint's: a built-in column of the site (every site has `Status`, a
 * choice, in "Core Task and Issue Columns"; a real site has hundreds) or one made by hand. Before,
 * apply's create failed as a duplicate, looked the name up, took the built-in for "created by an
 * earlier, unanswered request", and the next plan proposed to replace it (delete the site's
 * built-in column) or to update it. Now the create fails naming the holder, the plan shows the
 * column as not the blueprint's (never an update or a replace), and a renamed column converges.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const blueprint = (status: string, reviewer: boolean) => `version: 1
name: foreign-columns
sites:
  - url: /sites/foreign-cols
    type: communication
    title: Främmande kolumner
    owner: anna.andersson@contoso.onmicrosoft.com
    columns:
      - { name: ${status}, type: text, displayName: Ärendestatus }
      - { name: CaseRef, type: text }
    lists:
      - url: Arenden
        title: Ärenden
        template: genericList
        columns:
          - { name: Stage, type: choice, choices: [Ny, Klar] }
${reviewer ? '          - { name: Reviewer, type: text, displayName: Granskare }\n' : ''}`;

interface Column {
  id: string;
  name: string;
  displayName: string;
  choice?: object;
  text?: object;
}

test('a column named like one the blueprint did not make is never adopted, updated or replaced', async () => {
  await withLocalTarget('foreign-columns', async (target) => {
    const desired = await desiredOf(blueprint('Status', false), 'foreign-columns.yaml');
    const first = await applyRun(target, await planDesired(desired, target.client, target.name), { concurrency: 4 });
    const graph = target.client.graph;
    const site = await graph.get<{ id: string }>(`/sites/${target.client.sharepointHost}:/sites/foreign-cols`);
    const siteColumns = await graph.list<Column>(`/sites/${site.id}/columns`);
    const builtin = siteColumns.filter((c) => c.name.toLowerCase() === 'status');
    // the site's own Status (a choice) is the only one of that name, untouched
    expect(builtin).toHaveLength(1);
    expect(builtin[0]).toMatchObject({ displayName: 'Status' });
    expect(builtin[0]!.choice).toBeDefined();
    // the create failed, naming the built-in column's id; the rest of the blueprint was made
    expect(first.failed.map((f) => f.address)).toEqual(['site[/sites/foreign-cols]/column[Status]']);
    expect(first.failed[0]!.error).toContain(`a column named 'Status' exists with another id (${builtin[0]!.id})`);
    expect(first.succeeded).toContain('site[/sites/foreign-cols]/column[CaseRef]');

    // someone adds a list column by hand, under the name a later blueprint gives its own
    const list = (await graph.list<{ id: string; name: string }>(`/sites/${site.id}/lists?$select=id,name`)).find((l) => l.name === 'Arenden')!;
    const listColumns = `/sites/${site.id}/lists/${list.id}/columns`;
    const byHand = await graph.post<Column>(listColumns, { name: 'Reviewer', displayName: 'Reviewer', text: {} });

    // the plan neither replaces the built-in (choice -> text) nor updates the hand-made column
    const withReviewer = await desiredOf(blueprint('Status', true), 'foreign-columns.yaml');
    const plan = await planDesired(withReviewer, target.client, target.name);
    const columns = plan.changes.filter((c) => c.kind === 'column');
    expect(columns.map((c) => [c.address, c.action])).toEqual([
      ['site[/sites/foreign-cols]/column[Status]', 'unknown'],
      ['site[/sites/foreign-cols]/column[CaseRef]', 'noop'],
      ['site[/sites/foreign-cols]/list[Arenden]/column[Stage]', 'noop'],
      ['site[/sites/foreign-cols]/list[Arenden]/column[Reviewer]', 'unknown'],
    ]);
    const reasonOf = (c: (typeof columns)[number]) => (c.action === 'unknown' ? c.reason : '');
    expect(reasonOf(columns[0]!)).toContain(builtin[0]!.id);
    expect(reasonOf(columns[3]!)).toContain(`a column named 'Reviewer' exists with another id (${byHand.id})`);
    expect(reasonOf(columns[3]!)).toContain('give the blueprint');
    // nothing of theirs to change: the plan counts no change (its two columns are shown as not readable as the blueprint's)
    expect(plan.summary).toEqual({ add: 0, change: 0, destroy: 0, unknown: 2 });

    // the way out the message gives: another internal name; then the plan is empty
    const renamed = await desiredOf(blueprint('CaseStatus', false), 'foreign-columns.yaml');
    const last = await applyRun(target, await planDesired(renamed, target.client, target.name), { concurrency: 4 });
    expect(last.failed).toEqual([]);
    expect(last.succeeded).toContain('site[/sites/foreign-cols]/column[CaseStatus]');
    expect(isEmptyPlan(await planDesired(renamed, target.client, target.name))).toBe(true);
  });
});
