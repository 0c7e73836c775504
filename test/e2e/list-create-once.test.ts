/**
 * A list is created in one step under its final URL and title, so a second create of the same
 * list (a run whose plan was made before another run created it) is refused by the service and
 * adopted, never renumbered (`Rutiner1`) and orphaned. The local tenant refuses a taken URL or
 * title on `_api/web/lists/add` as the service does. A list whose title is its URL segment goes
 * through Graph (`POST /sites/{id}/lists`, which derives the URL from the title): a lost answer
 * is adopted, and a list the service numbered away from a URL taken meanwhile is deleted and
 * the taken URL's holder adopted.
 */
import { SPQueryable, spPost } from '@pnp/sp';
import { body } from '@pnp/queryable';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { siteByPath } from '../support/tenant-state.ts';
import { graphPlacesAt } from '../../src/kinds/list/effects.ts';
import { applyRun, openLocalTarget, withLocalTarget } from '../support/apply-run.ts';

const text = `version: 1
name: list-once
sites:
  - url: /sites/list-once
    type: communication
    title: List once
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - { url: Rutiner, title: Rutiner och riktlinjer, template: genericList }
      - { url: Beslut, title: Alla beslut, template: documentLibrary }
`;

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('list-once'));
});
afterAll(async () => target?.close());

test('a second create of a list made meanwhile by another run adopts it and leaves no renumbered copy', async () => {
  const desired = await desiredOf(text, 'list-once.yaml');
  const site = desired.resources.filter((r) => r.kind === 'commSite');
  // The site first, so that both runs' plans hold the two list creates.
  const first = await planDesired({ ...desired, resources: site }, target.client, target.name);
  expect((await applyRun(target, first, { concurrency: 4 })).failed).toEqual([]);
  const stale = await planDesired(desired, target.client, target.name);
  expect(stale.changes.filter((c) => c.action === 'create').map((c) => c.kind)).toEqual(['list', 'list']);

  expect((await applyRun(target, stale, { concurrency: 4 })).failed).toEqual([]);
  // A second run with the same (now stale) plan: its creates find the URLs taken.
  const events: ApplyEvent[] = [];
  const second = await applyRun(target, stale, { concurrency: 4, onEvent: (e) => events.push(e) });
  expect(second.failed).toEqual([]);
  expect(events.filter((e) => e.type === 'succeeded' && e.adopted).length).toBe(2);

  const s = (await siteByPath(target, '/sites/list-once'))!;
  const lists = await target.client.graph.list<{ name: string; displayName: string }>(`/sites/${s.id}/lists?$select=name,displayName`);
  const ours = lists.filter((l) => /^(Rutiner|Beslut)/i.test(l.name)).map((l) => `${l.name}: ${l.displayName}`).sort();
  expect(ours).toEqual(['Beslut: Alla beslut', 'Rutiner: Rutiner och riktlinjer']);
  expect(isEmptyPlan(await planDesired(desired, target.client, target.name))).toBe(true);
});

test('the local tenant refuses lists/add with a taken URL or a taken title, as the service does', async () => {
  const s = (await siteByPath(target, '/sites/list-once'))!;
  const add = (parameters: Record<string, unknown>) =>
    target.client.sp.call(() => spPost(SPQueryable([target.client.sp.web(s.webUrl).web, s.webUrl], '_api/web/lists/add'), body({ parameters })));
  await expect(add({ Title: 'Another title', Url: 'Lists/Rutiner', TemplateType: 100 })).rejects.toThrow(/already in use/);
  await expect(add({ Title: 'rutiner OCH riktlinjer', Url: 'Lists/Other', TemplateType: 100 })).rejects.toThrow(/specified title already exists/);
  await expect(add({ Title: 'X', Url: 'Lists/X', TemplateType: 100, Bogus: 1 })).rejects.toThrow(/does not exist on type 'SP.ListCreationInformation'/);
  const made = (await add({ Title: 'Nytt namn', Url: 'Lists/Nytt', TemplateType: 100 })) as { Id: string; Title: string };
  expect(made.Title).toBe('Nytt namn');
  const lists = await target.client.graph.list<{ name: string }>(`/sites/${s.id}/lists?$select=name`);
  expect(lists.map((l) => l.name)).toContain('Nytt');
});

const graphText = `version: 1
name: list-graph
sites:
  - url: /sites/list-graph
    type: communication
    title: List graph
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - { url: Arkiv, template: documentLibrary }
      - { url: Register, template: genericList, description: Alla register }
`;

/** The site's lists as `name: displayName`, those whose name starts with one of `prefixes`. */
async function listsOf(t: Target, path: string, prefixes: RegExp): Promise<string[]> {
  const s = (await siteByPath(t, path))!;
  const lists = await t.client.graph.list<{ name: string; displayName: string }>(`/sites/${s.id}/lists?$select=name,displayName`);
  return lists.filter((l) => prefixes.test(l.name)).map((l) => `${l.name}: ${l.displayName}`).sort();
}

test('a list whose title is its URL segment is created through Graph; a lost answer is adopted', async () => {
  const desired = await desiredOf(graphText, 'list-graph.yaml');
  const site = desired.resources.filter((r) => r.kind === 'commSite');
  // The third POST /sites/{id}/lists of the tenant (the root site's ownership ledger, then the
  // site's, then the first of the two lists) commits and loses its answer.
  const faults = { plan: [{ request: 'POST /sites/*/lists', nth: 3, fault: 'commit-then-reset' as const }] };
  await withLocalTarget('list-graph', async (t) => {
    expect((await applyRun(t, await planDesired({ ...desired, resources: site }, t.client, t.name))).failed).toEqual([]);
    const before = t.localTenant!.stats().byOperation;
    const events: ApplyEvent[] = [];
    const result = await applyRun(t, await planDesired(desired, t.client, t.name), { concurrency: 1, onEvent: (e) => events.push(e) });
    expect(result.failed).toEqual([]);
    const after = t.localTenant!.stats().byOperation;
    // Both lists and the ledger's list went through Graph; none through REST.
    expect((after['POST /sites/{id}/lists'] ?? 0) - (before['POST /sites/{id}/lists'] ?? 0)).toBe(3);
    expect((after['SP POST web/lists/add'] ?? 0) - (before['SP POST web/lists/add'] ?? 0)).toBe(0);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toEqual([expect.stringMatching(/list\[(Arkiv|Register)\]$/)]);
    expect(await listsOf(t, '/sites/list-graph', /^(Arkiv|Register)/i)).toEqual(['Arkiv: Arkiv', 'Register: Register']);
    expect(isEmptyPlan(await planDesired(desired, t.client, t.name))).toBe(true);
  }, { faults });
});

test('a Graph create numbered away from a URL taken since the plan is deleted, and the holder of the URL adopted', async () => {
  const desired = await desiredOf(graphText, 'list-graph.yaml');
  const site = desired.resources.filter((r) => r.kind === 'commSite');
  await withLocalTarget('list-graph-taken', async (t) => {
    expect((await applyRun(t, await planDesired({ ...desired, resources: site }, t.client, t.name))).failed).toEqual([]);
    const stale = await planDesired(desired, t.client, t.name);
    expect(stale.changes.filter((c) => c.action === 'create').map((c) => c.address)).toEqual(['site[/sites/list-graph]/list[Arkiv]', 'site[/sites/list-graph]/list[Register]']);
    // Made by hand after the plan: the URL Arkiv under another title.
    const s = (await siteByPath(t, '/sites/list-graph'))!;
    await t.client.sp.call(() => spPost(SPQueryable([t.client.sp.web(s.webUrl).web, s.webUrl], '_api/web/lists/add'), body({ parameters: { Title: 'Arkiv för hand', Url: 'Arkiv', TemplateType: 101 } })));
    const before = t.localTenant!.stats().byOperation;
    const events: ApplyEvent[] = [];
    const result = await applyRun(t, stale, { concurrency: 1, onEvent: (e) => events.push(e) });
    expect(result.failed).toEqual([]);
    const after = t.localTenant!.stats().byOperation;
    const delta = (op: string) => (after[op] ?? 0) - (before[op] ?? 0);
    // The numbered copy was made and deleted (the event this test is about), then REST was refused the taken URL.
    expect(delta('SP DELETE web/lists()')).toBe(1);
    expect(delta('SP POST web/lists/add')).toBe(1);
    expect(events.filter((e) => e.type === 'succeeded' && e.adopted).map((e) => e.address)).toEqual(['site[/sites/list-graph]/list[Arkiv]']);
    expect(await listsOf(t, '/sites/list-graph', /^Arkiv/i)).toEqual(['Arkiv: Arkiv för hand']);
    // The adopted list's title is then made the blueprint's.
    const replan = await planDesired(desired, t.client, t.name);
    expect(replan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/list-graph]/list[Arkiv]']);
    expect((await applyRun(t, replan)).failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(desired, t.client, t.name))).toBe(true);
  });
});

test('Graph creates only the lists whose title is their URL segment in plain ASCII', () => {
  expect(graphPlacesAt({ url: 'Dokument', title: 'Dokument' })).toBe(true);
  expect(graphPlacesAt({ url: 'Case_Files-2026', title: 'Case_Files-2026' })).toBe(true);
  expect(graphPlacesAt({ url: 'Beslut', title: 'Alla beslut' })).toBe(false);
  expect(graphPlacesAt({ url: 'Dokument', title: 'dokument' })).toBe(false);
  expect(graphPlacesAt({ url: 'Möten', title: 'Möten' })).toBe(false);
  expect(graphPlacesAt({ url: 'Två ord', title: 'Två ord' })).toBe(false);
  expect(graphPlacesAt({ url: 'Two words', title: 'Two words' })).toBe(false);
});
