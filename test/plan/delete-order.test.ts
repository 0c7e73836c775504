/**
 * Deletes are planned dependents first, the reverse of creates: each waits for the deletes of what
 * uses it (role assignment before its group and level, a list's content type and a child type
 * before the site type), whatever order they were found in. Pure values.
 */
import { expect, test } from 'vitest';
import { contentTypeAddress } from '../../src/kinds/content-type/model.ts';
import { hubAssociationAddress } from '../../src/kinds/hub-association/model.ts';
import { hubSiteAddress } from '../../src/kinds/hub-site/model.ts';
import { listAddress } from '../../src/kinds/list/model.ts';
import { siteAddress } from '../../src/kinds/site/model.ts';
import { roleAssignmentAddress } from '../../src/kinds/role-assignment/model.ts';
import { siteGroupAddress } from '../../src/kinds/site-group/model.ts';
import { roleDefinitionAddress } from '../../src/kinds/role-definition/model.ts';
import type { FoundResource } from '../../src/observe/read-existing.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';

const site = siteAddress('/sites/a');
const other = siteAddress('/sites/b');
const ctx = { tenant: 'test', now: '2026-12-02T00:00:00.000Z' };
const found = (kind: FoundResource['kind'], address: string, id: string, props: Record<string, unknown>): FoundResource => ({ kind, address, id, ids: {}, props, owned: true });

test('a group and a level are deleted after the assignment that uses them; content types after their list copies and child types', () => {
  const siteType = found('contentType', contentTypeAddress(site, 'Beslut'), '0x0101001', { name: 'Beslut', parentId: '0x0101' });
  const childType = found('contentType', contentTypeAddress(site, 'Beslut special'), '0x010100100', { name: 'Beslut special', parentId: '0x0101001' });
  const listCopy = found('listContentType', contentTypeAddress(listAddress(site, 'Arenden'), 'Beslut'), '0x0101001009', { name: 'Beslut', contentTypeId: '0x0101001' });
  const group = found('siteGroup', siteGroupAddress(site, 'Tillfälliga'), '8', { name: 'Tillfälliga' });
  const level = found('roleDefinition', roleDefinitionAddress(site, 'Granska'), '1073741930', { name: 'Granska' });
  const assignment = found('roleAssignment', roleAssignmentAddress(site, 'tillfälliga'), '8', { principal: 'tillfälliga', roles: ['granska'] });
  // the same names in another site are not used by these
  const elsewhere = found('roleAssignment', roleAssignmentAddress(other, 'Tillfälliga'), '3', { principal: 'Tillfälliga', roles: ['Granska'] });
  const plan = buildPlan({ file: 'b.yaml', resources: [] }, new Map(), KIND_RULES, ctx, [siteType, group, level, childType, listCopy, assignment, elsewhere]);
  const dependsOn = new Map(plan.changes.map((c) => [c.address, c.dependsOn]));
  expect(dependsOn.get(group.address)).toEqual([assignment.address]);
  expect(dependsOn.get(level.address)).toEqual([assignment.address]);
  expect([...dependsOn.get(siteType.address)!].sort()).toEqual([childType.address, listCopy.address].sort());
  expect(dependsOn.get(assignment.address)).toEqual([]);
  const order = plan.changes.map((c) => c.address);
  for (const [used, user] of [
    [group, assignment],
    [level, assignment],
    [siteType, listCopy],
    [siteType, childType],
  ] as const) {
    expect(order.indexOf(used.address)).toBeGreaterThan(order.indexOf(user.address));
  }
});

test('a site column is deleted after the content types of its site (one may link it); a list column is not held back', () => {
  const siteColumn = found('column', `${site}/column[CaseNo]`, 'c1', { name: 'CaseNo' });
  const listColumn = found('column', `${listAddress(site, 'Arenden')}/column[Note]`, 'c2', { name: 'Note' });
  const siteType = found('contentType', contentTypeAddress(site, 'Beslut'), '0x0101001', { name: 'Beslut', parentId: '0x0101' });
  const elsewhere = found('contentType', contentTypeAddress(other, 'Beslut'), '0x0101001', { name: 'Beslut', parentId: '0x0101' });
  const plan = buildPlan({ file: 'b.yaml', resources: [] }, new Map(), KIND_RULES, ctx, [siteColumn, listColumn, siteType, elsewhere]);
  const dependsOn = new Map(plan.changes.map((c) => [c.address, c.dependsOn]));
  expect(dependsOn.get(siteColumn.address)).toEqual([siteType.address]);
  expect(dependsOn.get(listColumn.address)).toEqual([]);
});

test('a hub registration is deleted after the association of a site that joins it, in another site; an association with another hub is not waited for', () => {
  const hub = { ...found('hubSite', hubSiteAddress(site), 'H1', {}), ids: { hubSiteId: 'H1' } };
  const joined = { ...found('hubAssociation', hubAssociationAddress(other), 'x', {}), ids: { hubSiteId: 'h1' } };
  const elsewhere = { ...found('hubAssociation', hubAssociationAddress(siteAddress('/sites/c')), 'y', {}), ids: { hubSiteId: 'H2' } };
  const plan = buildPlan({ file: 'b.yaml', resources: [] }, new Map(), KIND_RULES, ctx, [hub, joined, elsewhere]);
  const dependsOn = new Map(plan.changes.map((c) => [c.address, c.dependsOn]));
  expect(dependsOn.get(hub.address)).toEqual([joined.address]);
  expect(dependsOn.get(joined.address)).toEqual([]);
});

test("a delete asks only its own site's users of its kind (and kinds whose uses cross sites): a prune of many workspaces is linear", () => {
  let asked = 0;
  const counting = { ...KIND_RULES, listContentType: { ...KIND_RULES.listContentType, uses: (a: FoundResource, b: FoundResource) => (asked++, KIND_RULES.listContentType.uses!(a, b)) } };
  const existing: FoundResource[] = [];
  for (let n = 0; n < 500; n++) {
    const s = siteAddress(`/sites/w${n}`);
    existing.push(found('contentType', contentTypeAddress(s, 'Beslut'), '0x0101001', { name: 'Beslut', parentId: '0x0101' }));
    existing.push(found('listContentType', contentTypeAddress(listAddress(s, 'Arenden'), 'Beslut'), '0x0101001009', { name: 'Beslut', contentTypeId: '0x0101001' }));
    existing.push(found('list', listAddress(s, 'Gammal'), 'l', { url: 'Gammal' }));
  }
  const plan = buildPlan({ file: 'b.yaml', resources: [] }, new Map(), KIND_RULES, ctx, existing);
  const dependsOn = new Map(plan.changes.map((c) => [c.address, c.dependsOn]));
  expect(dependsOn.get(contentTypeAddress(siteAddress('/sites/w7'), 'Beslut'))).toEqual([contentTypeAddress(listAddress(siteAddress('/sites/w7'), 'Arenden'), 'Beslut')]);
  buildPlan({ file: 'b.yaml', resources: [] }, new Map(), counting, ctx, existing);
  // each site's list copy is asked about its own site's content type only (the kinds it may
  // use): 500 questions, not 750,000
  expect(asked).toBe(500);
});
