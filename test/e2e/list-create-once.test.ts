/**
 * A list is created in one step under its final URL and title, so a second create of the same
 * list (a run whose plan was made before another run created it) is refused by the service and
 * adopted, never renumbered (`Rutiner1`) and orphaned. The local tenant refuses a taken URL or
 * title on `_api/web/lists/add` as the service does.
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
import { applyRun, openLocalTarget } from '../support/apply-run.ts';

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
