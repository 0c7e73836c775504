/**
 * Names compare as SharePoint compares them (case-insensitively), in planning: a found resource
 * that differs from a declared one in case only is that resource (never a delete), a case-only
 * rename of a renamable identity is an update of it and of another identity no change, and a
 * content type made from a name in another case is recognised by its derived id. Pure values.
 */
import { expect, test } from 'vitest';
import { contentTypeId } from '../../src/kinds/content-type/id.ts';
import { uuidV5 } from '../../src/blueprint-core/uuid.ts';
import { addressKey } from '../../src/model/address.ts';
import { listAddress } from '../../src/kinds/list/model.ts';
import { siteAddress } from '../../src/kinds/site/model.ts';
import { roleDefinitionAddress } from '../../src/kinds/role-definition/model.ts';
import type { Observed, ObservedState } from '../../src/model/observed.ts';
import type { AnyDesiredResource, Desired } from '../../src/model/resources.ts';
import { buildPlan } from '../../src/plan/build-plan.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import { findContentType, madeFromName } from '../../src/kinds/content-type/id.ts';

const ctx = { tenant: 'test', now: '2026-12-02T00:00:00.000Z' };
const site = siteAddress('/sites/a');
const list = listAddress(site, 'Dokument');
const level = roleDefinitionAddress(site, 'Läsare');

function desired(): Desired {
  const resources: AnyDesiredResource[] = [
    { kind: 'commSite', address: site, props: { url: '/sites/a', title: 'A', owner: 'anna@contoso.onmicrosoft.com' } } as AnyDesiredResource,
    { kind: 'list', address: list, parent: site, props: { url: 'Dokument', title: 'Dokument', template: 'documentLibrary' } },
    { kind: 'roleDefinition', address: level, parent: site, props: { name: 'Läsare', basePermissions: ['ViewListItems'] } },
  ];
  return { file: 'b.yaml', resources, prune: [{ kind: 'list' }, { kind: 'roleDefinition' }] };
}

function observed(): Observed {
  return new Map<string, ObservedState>([
    [site, { status: 'present', id: 's', ids: { siteId: 's' }, props: { url: '/sites/a', title: 'A' } }],
    [list, { status: 'present', id: 'l', ids: { listId: 'l' }, props: { url: 'dokument', title: 'Dokument', template: 'documentLibrary', description: '' } }],
    [level, { status: 'present', id: '1073741924', ids: {}, props: { name: 'läsare', description: '', basePermissions: ['ViewListItems'] } }],
  ]);
}

test('addresses compare case-insensitively', () => {
  expect(addressKey('site[/sites/A]/list[Dokument]')).toBe(addressKey('site[/sites/a]/list[dokument]'));
});

test('an owned found resource that is a declared one in another case is never deleted', () => {
  const found = [
    { kind: 'list' as const, address: listAddress(site, 'dokument'), id: 'l', ids: {}, props: { url: 'dokument' }, owned: true },
    { kind: 'roleDefinition' as const, address: roleDefinitionAddress(site, 'läsare'), id: '1073741924', ids: {}, props: { name: 'läsare' }, owned: true },
    { kind: 'list' as const, address: listAddress(site, 'Arkiv'), id: 'l2', ids: {}, props: { url: 'Arkiv' }, owned: true },
  ];
  const plan = buildPlan(desired(), observed(), KIND_RULES, ctx, found);
  expect(plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([
    `update ${level}`,
    `delete ${listAddress(site, 'Arkiv')}`,
  ]);
});

test('a case-only rename is an update of a renamable identity (a permission level) and no change of a fixed one (a list URL)', () => {
  const plan = buildPlan(desired(), observed(), KIND_RULES, ctx);
  const byAddress = new Map(plan.changes.map((c) => [c.address, c]));
  expect(byAddress.get(list)?.action).toBe('noop');
  const update = byAddress.get(level);
  expect(update?.action === 'update' && update.changes).toEqual([{ name: 'name', before: 'läsare', after: 'Läsare' }]);
});

test('a content type id derives from the name as SharePoint compares it, and one made from another case is recognised', () => {
  expect(contentTypeId('Beslut', '0x0101')).toBe(contentTypeId('beslut', '0x0101'));
  // made before ids were derived from the lower-cased name: the name as written
  const earlier = `0x010100${uuidV5('contentType:Beslut').replace(/-/g, '').toUpperCase()}`;
  expect(madeFromName(earlier, 'Beslut')).toBe(true);
  expect(madeFromName(contentTypeId('Beslut', '0x0101'), 'BESLUT')).toBe(true);
  expect(madeFromName(contentTypeId('Ansökan', '0x0101'), 'Beslut')).toBe(false);
  const tenant = [{ id: earlier, name: 'Beslut' }, { id: '0x0101009999', name: 'Handgjord' }];
  expect(findContentType(tenant, 'beslut', contentTypeId('beslut', '0x0101'))?.id).toBe(earlier);
  // a same-named type this engine did not derive is not adopted
  expect(findContentType([{ id: '0x0101000000000000000000000000000000000001', name: 'Beslut' }], 'Beslut', contentTypeId('Beslut', '0x0101'))).toBeUndefined();
});
