/**
 * A replace deletes first, and the service refuses to delete what a present object uses: a site
 * column a content type links, a site content type a list's copy derives from. A replace whose
 * users keep using it is planned as an update that does not apply the forcing property; one whose
 * users stop using it (a link removed, a copy pruned, a list replaced) waits for their changes.
 * Pure values.
 */
import { expect, test } from 'vitest';
import { columnAddress } from '../../src/kinds/column/model.ts';
import { contentTypeAddress } from '../../src/kinds/content-type/model.ts';
import { listAddress } from '../../src/kinds/list/model.ts';
import { siteAddress } from '../../src/kinds/site/model.ts';
import { insideAny } from '../../src/model/address.ts';
import type { Change } from '../../src/model/change.ts';
import type { FoundResource } from '../../src/model/found.ts';
import type { ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';

const ctx = { tenant: 'test', now: '2026-12-07T00:00:00.000Z' };
const site = siteAddress('/sites/a');
const other = siteAddress('/sites/b');
const list = listAddress(site, 'Docs');
const column = columnAddress(site, 'Note1');
const siteType = contentTypeAddress(site, 'Memo');
const copy = contentTypeAddress(list, 'Memo');
const OLD = '0x010100AA';
const NEW = '0x0100AA';

const present = (props: Record<string, unknown>, id = 'x'): ObservedState => ({ status: 'present', id, ids: { siteId: 's1' }, props });

function resources(links: string[], copyDeclared = true, template: 'documentLibrary' | 'genericList' = 'documentLibrary'): AnyDesiredResource[] {
  const out: AnyDesiredResource[] = [
    { kind: 'teamSite', address: site, props: { url: '/sites/a', mailNickname: 'a', title: 'A' } },
    { kind: 'column', address: column, parent: site, props: { name: 'Note1', id: 'c1', type: 'number', displayName: 'Note' } },
    { kind: 'contentType', address: siteType, parent: site, props: { name: 'Memo', id: NEW, parentId: '0x01', columns: links.map((name) => ({ name, required: false })) } },
    { kind: 'list', address: list, parent: site, props: { url: 'Docs', title: 'Docs', template } },
  ];
  if (copyDeclared) out.push({ kind: 'listContentType', address: copy, parent: list, after: [siteType], props: { name: 'Memo', contentTypeId: NEW } });
  return out;
}

function observed(): Map<string, ObservedState> {
  return new Map<string, ObservedState>([
    [site, present({ mailNickname: 'a', title: 'A' })],
    [column, present({ name: 'Note1', id: 'c1', type: 'text' }, 'c1')],
    [siteType, present({ name: 'Memo', id: OLD, parentId: '0x0101', columns: [{ name: 'Note1', required: false }] }, OLD)],
    [list, present({ url: 'Docs', title: 'Docs', template: 'documentLibrary' })],
    [copy, present({ name: 'Memo', contentTypeId: OLD }, `${OLD}00BB`)],
  ]);
}

const changeOf = (changes: Change[], address: string) => changes.find((c) => c.address === address)!;

test('a content type whose list copy keeps deriving from it, and a column it keeps linking, are not replaced: their forcing property is not applied', () => {
  const plan = buildPlan({ file: 'b.yaml', resources: resources(['Note1']) }, observed(), KIND_RULES, ctx);
  const type = changeOf(plan.changes, siteType);
  expect(type.action).toBe('update');
  expect(type.notApplied?.props).toEqual(['parentId']);
  expect(type.notApplied?.reason).toMatch(/must be replaced \(a content type's parent cannot change.*refuses to delete it while site\[\/sites\/a\]\/list\[Docs\]\/contentType\[Memo\] uses it/);
  const col = changeOf(plan.changes, column);
  expect(col.action).toBe('update');
  expect(col.notApplied?.props).toEqual(['type']);
  expect(col.notApplied?.reason).toContain(`while ${siteType} uses it`);
  expect(col.destructive).toBeUndefined();
  expect(plan.summary).toEqual({ add: 0, change: 2, destroy: 0, unknown: 0 });
});

test('a column whose link the blueprint removes is replaced after that change; a type in another site does not hold it', () => {
  const declared = resources([]);
  const elsewhere = contentTypeAddress(other, 'Memo');
  declared.push({ kind: 'teamSite', address: other, props: { url: '/sites/b', mailNickname: 'b', title: 'B' } });
  declared.push({ kind: 'contentType', address: elsewhere, parent: other, props: { name: 'Memo', id: OLD, parentId: '0x0101', columns: [{ name: 'Note1', required: false }] } });
  const seen = observed();
  seen.set(other, present({ mailNickname: 'b', title: 'B' }));
  seen.set(elsewhere, present({ name: 'Memo', id: OLD, parentId: '0x0101', columns: [{ name: 'Note1', required: false }] }, OLD));
  const plan = buildPlan({ file: 'b.yaml', resources: declared }, seen, KIND_RULES, ctx);
  const col = changeOf(plan.changes, column);
  expect(col.action).toBe('replace');
  expect(col.dependsOn).toContain(siteType);
  expect(col.dependsOn).not.toContain(elsewhere);
  const order = plan.changes.map((c) => c.address);
  expect(order.indexOf(column)).toBeGreaterThan(order.indexOf(siteType));
});

test('a content type whose copy is pruned, or whose list is replaced, is replaced after that', () => {
  const pruned: FoundResource = { kind: 'listContentType', address: copy, id: `${OLD}00BB`, ids: { siteId: 's1', listId: 'l1' }, props: { name: 'Memo', contentTypeId: OLD }, owned: true };
  const seen = observed();
  seen.delete(copy);
  const plan = buildPlan({ file: 'b.yaml', resources: resources([], false) }, seen, KIND_RULES, ctx, [pruned]);
  const type = changeOf(plan.changes, siteType);
  expect(type.action).toBe('replace');
  expect(type.dependsOn).toContain(copy);
  const order = plan.changes.map((c) => c.address);
  expect(order.indexOf(siteType)).toBeGreaterThan(order.indexOf(copy));

  const replacedList = buildPlan({ file: 'b.yaml', resources: resources([], true, 'genericList') }, observed(), KIND_RULES, ctx);
  const again = changeOf(replacedList.changes, siteType);
  expect(again.action).toBe('replace');
  expect(again.dependsOn).toContain(list);
  expect(changeOf(replacedList.changes, copy).action).toBe('create');
});

test('what lies inside a replaced resource is told by its containing addresses, not by every replace', () => {
  const replaced = new Set([list, `${siteAddress('/sites/b')}/list[Docs]`]);
  expect(insideAny(`${list}/view[Alla]`, replaced)).toBe(true);
  expect(insideAny(`${list}/contentType[Memo]`, replaced)).toBe(true);
  expect(insideAny(list, replaced)).toBe(false);
  expect(insideAny(`${site}/list[Docs2]/view[Alla]`, replaced)).toBe(false);
  expect(insideAny(`${site}/column[Note1]`, replaced)).toBe(false);
  expect(insideAny(`${list}/view[Alla]`, new Set())).toBe(false);
});

test("a blocked replace keeps what it will not apply when the kind's rules add their own", () => {
  const rules = { ...KIND_RULES, column: { ...KIND_RULES.column, notApplied: () => ({ props: ['displayName'], reason: 'a rule of the kind' }) } };
  const plan = buildPlan({ file: 'b.yaml', resources: resources(['Note1']) }, observed(), rules, ctx);
  const col = changeOf(plan.changes, column);
  expect(col.notApplied?.props).toEqual(['type', 'displayName']);
  expect(col.notApplied?.reason).toMatch(/^it must be replaced .*; a rule of the kind$/);
});
