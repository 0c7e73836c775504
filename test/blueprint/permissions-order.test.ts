/**
 * The permission kinds are expanded by one hook (src/kinds/permissions/expand.ts) that keeps the
 * order plans rely on: levels, groups, the site's assignments, then list by list its scope and
 * its assignments, then sharing; a list that was itself reported gets no scope.
 */
import { expect, test } from 'vitest';
import { loadBlueprintText } from '../../src/blueprint/index.ts';

const D = '@contoso.onmicrosoft.com';

test('two lists with their own permissions: each scope is followed by its assignments, sharing comes last', async () => {
  const r = await loadBlueprintText(
    `version: 1
name: t
sites:
  - url: /sites/plan
    type: team
    title: Plan
    sharing: { capability: Disabled }
    permissions:
      assignments:
        - { principal: Granskare, roles: [Granska] }
      groups:
        - { name: Granskare }
      roleDefinitions:
        - { name: Granska, basePermissions: [ViewListItems] }
    lists:
      - url: Beslut
        template: documentLibrary
        permissions: { inherit: false, assignments: [ { principal: Granskare, roles: [Read] } ] }
      - url: Arkiv
        template: documentLibrary
        permissions: { inherit: false, assignments: [ { principal: anna${D}, roles: [Granska] } ] }
`,
    't.yaml',
  );
  expect(r.diagnostics.map((d) => d.code)).toEqual([]);
  expect(r.desired!.resources.filter((x) => !['teamSite', 'list'].includes(x.kind)).map((x) => `${x.kind} ${x.address}`)).toEqual([
    'roleDefinition site[/sites/plan]/roleDefinition[Granska]',
    'siteGroup site[/sites/plan]/group[Granskare]',
    'roleAssignment site[/sites/plan]/roleAssignment[Granskare]',
    'permissionScope site[/sites/plan]/list[Beslut]/permissions',
    'roleAssignment site[/sites/plan]/list[Beslut]/roleAssignment[Granskare]',
    'permissionScope site[/sites/plan]/list[Arkiv]/permissions',
    `roleAssignment site[/sites/plan]/list[Arkiv]/roleAssignment[anna${D}]`,
    'siteSharing site[/sites/plan]/sharing',
  ]);
  const arkiv = r.desired!.resources.find((x) => x.address === `site[/sites/plan]/list[Arkiv]/roleAssignment[anna${D}]`);
  expect(arkiv).toMatchObject({ parent: 'site[/sites/plan]/list[Arkiv]/permissions', after: ['site[/sites/plan]/roleDefinition[Granska]'] });
});

test('the permissions of a list that was reported are not expanded (only the list\'s own error)', async () => {
  const r = await loadBlueprintText(
    `version: 1
name: t
sites:
  - url: /sites/plan
    type: team
    title: Plan
    lists:
      - url: "Bad/Url"
        template: genericList
        permissions: { inherit: true, assignments: [ { principal: Plan Members, roles: [Read] } ] }
`,
    't.yaml',
  );
  // BP532 (assignments on a list that inherits) would be reported if the list's permissions were expanded
  expect(r.diagnostics.map((d) => d.code)).toEqual(['BP305']);
});
