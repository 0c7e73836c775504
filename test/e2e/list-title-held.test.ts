/**
 * SharePoint gives a title to one list of a site. A list declared under a new URL with the title
 * an existing list has would be refused at apply ("A list ... with the specified title already
 * exists"): the plan shows it as not readable as the blueprint's, with why, and what it holds as
 * not created either. When the plan prunes the list that has the title (the blueprint renamed a
 * list's URL and keeps its title), the create waits for that delete and one apply converges,
 * where the two ran side by side and the create could meet the title still taken. An existing list
 * given such a title is updated without it, the title marked as not written, with why; unless the
 * plan renames the list that has it: a chain of renames runs in order in one apply, and only a
 * cycle (two titles swapped) needs a name in between.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { applyRun, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const blueprint = (url: string, prune: boolean) => `version: 1
name: list-title-held
${prune ? 'prune: [list]\n' : ''}sites:
  - url: /sites/list-title-held
    type: team
    title: Listor
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - url: ${url}
        title: Beslut
        template: documentLibrary
        columns:
          - { name: Diarienummer, type: text }
`;

test("a list to create whose title another list of the site has: '?' with why, nothing under it created; with that list pruned, the create waits for its delete and one apply converges", async () => {
  await withLocalTarget('list-title-held', async (target) => {
    const planOf = async (text: string) => planDesired(await desiredOf(text, 'lists.yaml'), target.client, target.name);
    expect((await applyRun(target, await planOf(blueprint('Beslut', false)))).failed).toEqual([]);
    const site = 'site[/sites/list-title-held]';

    const held = await planOf(blueprint('Beslut2', false));
    expect(held.changes.find((c) => c.address === `${site}/list[Beslut2]`)).toMatchObject({
      action: 'unknown',
      reason: expect.stringMatching(/^the list at 'Beslut' of this site has the title 'Beslut', and SharePoint gives a title to one list of a site/),
    });
    expect(held.changes.find((c) => c.address === `${site}/list[Beslut2]/column[Diarienummer]`)).toMatchObject({ action: 'unknown', reason: `its parent ${site}/list[Beslut2] could not be read` });
    expect(held.summary).toMatchObject({ add: 0, change: 0, destroy: 0 });

    const renamed = await planOf(blueprint('Beslut2', true));
    const create = renamed.changes.find((c) => c.address === `${site}/list[Beslut2]`);
    expect(create?.action).toBe('create');
    expect(create?.dependsOn).toContain(`${site}/list[Beslut]`);
    expect(renamed.changes.find((c) => c.address === `${site}/list[Beslut]`)?.action).toBe('delete');
    const order = renamed.changes.map((c) => c.address);
    expect(order.indexOf(`${site}/list[Beslut]`)).toBeLessThan(order.indexOf(`${site}/list[Beslut2]`));
    const result = await applyRun(target, renamed);
    expect(result.failed).toEqual([]);
    expect(isEmptyPlan(await planOf(blueprint('Beslut2', true)))).toBe(true);
    const lists = await target.client.graph.list<{ name: string; displayName: string }>(`/sites/${target.client.sharepointHost}:/sites/list-title-held:/lists?$select=name,displayName`);
    expect(lists.filter((l) => l.displayName === 'Beslut').map((l) => l.name)).toEqual(['Beslut2']);
  });
});

test("an existing list given the title another list of the site has: updated without it (title marked not written, with why), and apply does not fail", async () => {
  const two = (arkivTitle: string) => `version: 1
name: list-title-update
sites:
  - url: /sites/list-title-update
    type: team
    title: Listor
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Beslut, title: Beslut, template: documentLibrary }
      - { url: Arkiv, title: ${arkivTitle}, description: Gamla handlingar, template: documentLibrary }
`;
  await withLocalTarget('list-title-update', async (target) => {
    const planOf = async (text: string) => planDesired(await desiredOf(text, 'lists.yaml'), target.client, target.name);
    expect((await applyRun(target, await planOf(two('Arkiv').replace('description: Gamla handlingar, ', '')))).failed).toEqual([]);
    const plan = await planOf(two('beslut'));
    const arkiv = plan.changes.find((c) => c.address === 'site[/sites/list-title-update]/list[Arkiv]');
    expect(arkiv?.action).toBe('update');
    expect(arkiv?.notApplied).toMatchObject({ props: ['title'], reason: expect.stringMatching(/^the list at 'Beslut' of this site has the title 'beslut', and SharePoint gives a title to one list of a site/) });
    expect((await applyRun(target, plan)).failed).toEqual([]);
    // the rest of the update is written, the title is not
    const lists = await target.client.graph.list<{ name: string; displayName: string; description: string }>(`/sites/${target.client.sharepointHost}:/sites/list-title-update:/lists?$select=name,displayName,description`);
    expect(lists.find((l) => l.name === 'Arkiv')).toMatchObject({ displayName: 'Arkiv', description: 'Gamla handlingar' });
  });
});

test("an existing list given the title of a list the plan prunes: the update waits for that delete, and one apply converges", async () => {
  const lists = (withBeslut: boolean, arkivTitle: string) => `version: 1
name: list-title-move
prune: [list]
sites:
  - url: /sites/list-title-move
    type: team
    title: Listor
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
${withBeslut ? '      - { url: Beslut, title: Beslut, template: documentLibrary }\n' : ''}      - { url: Arkiv, title: ${arkivTitle}, template: documentLibrary }
`;
  await withLocalTarget('list-title-move', async (target) => {
    const planOf = async (text: string) => planDesired(await desiredOf(text, 'lists.yaml'), target.client, target.name);
    expect((await applyRun(target, await planOf(lists(true, 'Arkiv')))).failed).toEqual([]);
    const moved = lists(false, 'Beslut');
    const plan = await planOf(moved);
    const arkiv = plan.changes.find((c) => c.address === 'site[/sites/list-title-move]/list[Arkiv]');
    expect(arkiv).toMatchObject({ action: 'update', dependsOn: expect.arrayContaining(['site[/sites/list-title-move]/list[Beslut]']) });
    expect(arkiv?.notApplied).toBeUndefined();
    expect((await applyRun(target, plan)).failed).toEqual([]);
    expect(isEmptyPlan(await planOf(moved))).toBe(true);
  });
});

test("a chain of renames (one list takes the title another gives up, a new list takes the one it gives up) runs in order and one apply converges; two titles swapped stay not written, with why", async () => {
  const site = (titles: { beslut: string; arkiv: string }, withNytt: boolean) => `version: 1
name: list-title-chain
sites:
  - url: /sites/list-title-chain
    type: team
    title: Listor
    owners: [anna.andersson@contoso.onmicrosoft.com]
    lists:
      - { url: Beslut, title: ${titles.beslut}, template: documentLibrary }
      - { url: Arkiv, title: ${titles.arkiv}, template: documentLibrary }
${withNytt ? '      - { url: Nytt, title: Beslut, template: documentLibrary }\n' : ''}`;
  await withLocalTarget('list-title-chain', async (target) => {
    const planOf = async (text: string) => planDesired(await desiredOf(text, 'lists.yaml'), target.client, target.name);
    const at = 'site[/sites/list-title-chain]';
    expect((await applyRun(target, await planOf(site({ beslut: 'Beslut', arkiv: 'Arkiv' }, false)))).failed).toEqual([]);
    // Arkiv becomes "Arkiv 2025", Beslut becomes "Arkiv", a new list is "Beslut"
    const chain = site({ beslut: 'Arkiv', arkiv: 'Arkiv 2025' }, true);
    const plan = await planOf(chain);
    expect(plan.changes.find((c) => c.address === `${at}/list[Beslut]`)).toMatchObject({ action: 'update', dependsOn: expect.arrayContaining([`${at}/list[Arkiv]`]) });
    expect(plan.changes.find((c) => c.address === `${at}/list[Nytt]`)).toMatchObject({ action: 'create', dependsOn: expect.arrayContaining([`${at}/list[Beslut]`]) });
    expect(plan.changes.filter((c) => c.notApplied !== undefined)).toEqual([]);
    expect((await applyRun(target, plan)).failed).toEqual([]);
    expect(isEmptyPlan(await planOf(chain))).toBe(true);

    // a swap is a cycle: neither may go first, so both keep their titles, with why
    const swap = site({ beslut: 'Arkiv 2025', arkiv: 'arkiv' }, true);
    const swapped = await planOf(swap);
    for (const list of ['Beslut', 'Arkiv']) {
      expect(swapped.changes.find((c) => c.address === `${at}/list[${list}]`)).toMatchObject({ action: 'update', notApplied: { props: ['title'] } });
    }
    expect((await applyRun(target, swapped)).failed).toEqual([]);
    // with a name in between it is a chain again: one apply each, and it converges
    expect((await applyRun(target, await planOf(site({ beslut: 'Mellan', arkiv: 'arkiv' }, true)))).failed).toEqual([]);
    expect((await applyRun(target, await planOf(swap))).failed).toEqual([]);
    expect(isEmptyPlan(await planOf(swap))).toBe(true);
  });
});
