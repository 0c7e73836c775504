/**
 * A delete that the service takes only after a change beside it (KindRules.deleteAfter): a list's
 * default view is pruned after the change that makes another view of the list the default, a
 * create or an update, and not before; without such a change the prune is shown as not acted on
 * (SharePoint would refuse it); a view that is not the default waits for nothing. Pure values
 * through buildPlan.
 */
import { expect, test } from 'vitest';
import { listAddress } from '../../src/kinds/list/model.ts';
import { siteAddress } from '../../src/kinds/site/model.ts';
import { viewAddress, type ViewProps } from '../../src/kinds/view/model.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import type { FoundResource } from '../../src/model/found.ts';
import type { ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { renderPlanMarkdown } from '../../src/plan/render-markdown.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const ctx = { tenant: 'test', now: '2026-12-07T00:00:00.000Z' };
const site = siteAddress('/sites/a');
const listA = listAddress(site, 'Arenden');
const listB = listAddress(site, 'Beslut');
const listC = listAddress(site, 'Uppgifter');

const view = (list: string, props: ViewProps): AnyDesiredResource => ({ kind: 'view', address: viewAddress(list, props.name), parent: list, props }) as AnyDesiredResource;
const foundView = (list: string, name: string, isDefault: boolean): FoundResource => ({ kind: 'view', address: viewAddress(list, name), id: `${list}-${name}`, ids: {}, props: { name, default: isDefault }, owned: true });
const present = (name: string, isDefault: boolean): ObservedState => ({ status: 'present', id: name, ids: {}, props: { name, default: isDefault } });

test("a list's default view is deleted after the change that makes another view the default, and only then", () => {
  const resources = [
    // Arenden: a new view is made the default (a create)
    view(listA, { name: 'Öppna ärenden', default: true }),
    // Beslut: a view that exists is made the default (an update)
    view(listB, { name: 'Alla beslut', default: true }),
    // Uppgifter: no view is made the default, and one that is not the default is pruned too
    view(listC, { name: 'Mina uppgifter' }),
  ];
  const observed = new Map<string, ObservedState>([
    [resources[0]!.address, { status: 'absent' }],
    [resources[1]!.address, present('Alla beslut', false)],
    [resources[2]!.address, present('Mina uppgifter', false)],
  ]);
  const oldA = foundView(listA, 'Pågående', true);
  const oldB = foundView(listB, 'Beslutade', true);
  const oldC = foundView(listC, 'Alla uppgifter', true);
  const notDefault = foundView(listA, 'Gamla', false);
  const plan = buildPlan({ file: 'b.yaml', resources }, observed, KIND_RULES, ctx, [oldA, oldB, oldC, notDefault]);
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  expect(byAddress.get(resources[0]!.address)?.action).toBe('create');
  expect(byAddress.get(resources[1]!.address)?.action).toBe('update');
  expect(byAddress.get(oldA.address)?.dependsOn).toEqual([resources[0]!.address]);
  expect(byAddress.get(oldB.address)?.dependsOn).toEqual([resources[1]!.address]);
  // no other view is made the default: SharePoint would refuse, so the prune is shown, not planned
  expect(byAddress.get(oldC.address)).toMatchObject({ action: 'unknown', reason: expect.stringContaining('default view of its list') });
  expect(byAddress.get(notDefault.address)).toMatchObject({ action: 'delete', dependsOn: [] });
  expect(plan.summary).toMatchObject({ destroy: 3, unknown: 1 });
  // shown as left alone, not as unreadable
  const text = renderPlanText(plan, { color: false });
  expect(text).toContain(`# ${oldC.address} is not pruned: the service would refuse it now; nothing will be done to it`);
  expect(text).toMatch(/Plan: 1 to add, 1 to change, 3 to destroy\. 1 not pruned \(the plan says why\)\.\n/);
  expect(text).not.toContain('could not be read');
  const markdown = renderPlanMarkdown(plan);
  expect(markdown).toContain('1 not pruned (the plan says why).');
  expect(markdown).not.toContain('1 could not be read');
  const order = plan.changes.map((c) => c.address);
  expect(order.indexOf(oldA.address)).toBeGreaterThan(order.indexOf(resources[0]!.address));
  expect(order.indexOf(oldB.address)).toBeGreaterThan(order.indexOf(resources[1]!.address));
});

test('a view of another list made the default does not hold a delete back', () => {
  const resources = [view(listB, { name: 'Alla beslut', default: true })];
  const observed = new Map<string, ObservedState>([[resources[0]!.address, { status: 'absent' }]]);
  const oldA = foundView(listA, 'Pågående', true);
  const plan = buildPlan({ file: 'b.yaml', resources }, observed, KIND_RULES, ctx, [oldA]);
  expect(plan.changes.find((c) => c.address === oldA.address)).toMatchObject({ action: 'unknown' });
});
