/**
 * An ordered list's change in the plan's text, element by element (render-list.ts), as Terraform
 * shows a list: a content type's column links (objects named by `name`) and a view's fields
 * (names, in order). What it gains `+`, loses `-`, a named element whose values change `~ old ->
 * new`, a count of the unchanged, and the whole new order where the lines would not say it.
 * Names match case-insensitively. A short list of names stays on one line. Pure values.
 */
import { expect, test } from 'vitest';
import { contentTypeAddress } from '../../src/kinds/content-type/model.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import { viewAddress } from '../../src/kinds/view/model.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { renderPlanText } from '../../src/plan/render-text.ts';

const NOW = { tenant: 't', now: '2026-12-07T00:00:00.000Z' };

function rendered(resource: AnyDesiredResource, present: Record<string, unknown>): string[] {
  const observed: Observed = new Map<string, ObservedState>([[resource.address, { status: 'present', id: '1', ids: {}, props: present }]]);
  const plan = buildPlan({ file: 'b.yaml', resources: [resource] }, observed, KIND_RULES, NOW);
  expect(plan.changes[0]!.action).toBe('update');
  const lines = renderPlanText(plan, { color: false }).split('\n');
  const at = lines.findIndex((l) => /^ {6}~ \w+ = \[$/.test(l));
  return at < 0 ? lines.filter((l) => l.startsWith('      ~ ')) : lines.slice(at, lines.indexOf('        ]', at) + 1);
}

test("a content type's links: one made optional, one removed, one added, the rest counted", () => {
  const address = contentTypeAddress('site[/sites/a]', 'Beslut');
  const columns = (...c: [string, boolean][]) => c.map(([name, required]) => ({ name, required }));
  const resource = { kind: 'contentType', address, props: { name: 'Beslut', id: '0x0101AA', parentId: '0x0101', columns: columns(['CaseNumber', false], ['PropertyDesignation', false], ['DecisionDate', false], ['Fee', false]) } } as AnyDesiredResource;
  const lines = rendered(resource, { name: 'Beslut', id: '0x0101AA', parentId: '0x0101', columns: columns(['CaseNumber', true], ['propertydesignation', false], ['DecisionDate', false], ['PropertyType', false]) });
  expect(lines).toEqual([
    '      ~ columns = [',
    '          ~ {"name":"CaseNumber","required":true} -> {"name":"CaseNumber","required":false}',
    '          + {"name":"Fee","required":false}',
    '          - {"name":"PropertyType","required":false}',
    '            # (2 unchanged elements not shown)',
    '        ]',
  ]);
});

test("a content type's links compare in any order: listed in another order, no order is shown", () => {
  const address = contentTypeAddress('site[/sites/a]', 'Beslut');
  const links = (...names: string[]) => names.map((name) => ({ name, required: false }));
  const resource = { kind: 'contentType', address, props: { name: 'Beslut', id: '0x0101AA', parentId: '0x0101', columns: links('DecisionDate', 'CaseNumber', 'Fee') } } as AnyDesiredResource;
  expect(rendered(resource, { name: 'Beslut', id: '0x0101AA', parentId: '0x0101', columns: links('CaseNumber', 'DecisionDate') })).toEqual([
    '      ~ columns = [',
    '          + {"name":"Fee","required":false}',
    '            # (2 unchanged elements not shown)',
    '        ]',
  ]);
});

const list = 'site[/sites/a]/list[Arenden]';
const view = (columns: string[]) => ({ kind: 'view', address: viewAddress(list, 'Beslutade'), parent: list, props: { name: 'Beslutade', columns } }) as AnyDesiredResource;
const OLD = ['DocIcon', 'LinkFilename', 'CaseNumber', 'PropertyDesignation', 'ResponsibleOfficer', 'Modified'];

test("a view's fields: one added at the end says no more than that", () => {
  expect(rendered(view([...OLD, 'Editor']), { name: 'Beslutade', columns: OLD })).toEqual(['      ~ columns = [', '          + "Editor"', '            # (6 unchanged elements not shown)', '        ]']);
});

test("a view's fields reordered, or one added before the end: the whole new order is shown", () => {
  const moved = ['DocIcon', 'LinkFilename', 'PropertyDesignation', 'CaseNumber', 'Modified', 'Editor'];
  expect(rendered(view(moved), { name: 'Beslutade', columns: OLD })).toEqual([
    '      ~ columns = [',
    '          + "Editor"',
    '          - "ResponsibleOfficer"',
    '            # (5 unchanged elements not shown)',
    '          ~ in this order: DocIcon, LinkFilename, PropertyDesignation, CaseNumber, Modified, Editor',
    '        ]',
  ]);
  const inserted = ['DocIcon', 'Editor', ...OLD.slice(1)];
  expect(rendered(view(inserted), { name: 'Beslutade', columns: OLD }).at(-2)).toBe(`          ~ in this order: ${inserted.join(', ')}`);
});

test('a short list of names stays on one line', () => {
  expect(rendered(view(['DocIcon', 'Title']), { name: 'Beslutade', columns: ['DocIcon', 'LinkFilename'] })).toEqual(['      ~ columns = ["DocIcon","LinkFilename"] -> ["DocIcon","Title"]']);
});
