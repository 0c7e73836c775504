/**
 * The blueprint's `permissions:` and `sharing:` keys: expansion into siteGroup, roleDefinition,
 * permissionScope, roleAssignment and siteSharing, dependencies, templates, the BP53x checks,
 * and the pure parts of the providers (base permission masks, set comparison, widening sharing).
 */
import { expect, test } from 'vitest';
import { loadBlueprintText } from '../../src/blueprint/index.ts';
import type { Change } from '../../src/model/change.ts';
import { KIND_RULES } from '../../src/kinds/registry.ts';
import type { AnyDesiredResource } from '../../src/model/resources.ts';
import { differences } from '../../src/plan/build-plan.ts';
import { siteGroupRules } from '../../src/kinds/site-group/rules.ts';
import { widening } from '../../src/kinds/site-sharing/rules.ts';
import { madePublic } from '../../src/kinds/team-site/rules.ts';
import { inheritanceRestored } from '../../src/kinds/permission-scope/rules.ts';
import { fromBasePermissions, toBasePermissions } from '../../src/kinds/shared/sp-security.ts';

const D = '@contoso.onmicrosoft.com';
const head = `version: 1\nname: t\n`;

async function load(body: string) {
  return loadBlueprintText(head + body, 't.yaml');
}
function codes(r: { diagnostics: { code: string }[] }): string[] {
  return r.diagnostics.map((d) => d.code);
}

const site = `sites:
  - url: /sites/plan
    type: team
    title: Plan
    sharing: { capability: Disabled }
    permissions:
      roleDefinitions:
        - { name: Läsa och kommentera, basePermissions: [ViewListItems, AddListItems] }
      groups:
        - name: Handläggare
          owner: Förvaltningen
          members: [erik.johansson${D}]
        - name: Förvaltningen
          members: [maria.karlsson${D}, lars.nilsson${D}]
          pruneMembers: true
      assignments:
        - { principal: Förvaltningen, roles: [Läsa och kommentera] }
        - { principal: Plan Visitors, roles: [Read] }
    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
            - { principal: Handläggare, roles: [Contribute] }
            - { principal: anna.andersson${D}, roles: [Full Control] }
`;

test('permissions expand into groups, levels, a scope, assignments and sharing with their dependencies', async () => {
  const r = await load(site);
  expect(codes(r)).toEqual([]);
  const rs = r.desired!.resources.filter((x) => !['teamSite', 'list'].includes(x.kind));
  expect(rs.map((x) => `${x.kind} ${x.address}`)).toEqual([
    'roleDefinition site[/sites/plan]/roleDefinition[Läsa och kommentera]',
    'siteGroup site[/sites/plan]/group[Handläggare]',
    'siteGroup site[/sites/plan]/group[Förvaltningen]',
    'roleAssignment site[/sites/plan]/roleAssignment[Förvaltningen]',
    'roleAssignment site[/sites/plan]/roleAssignment[Plan Visitors]',
    'permissionScope site[/sites/plan]/list[Beslut]/permissions',
    'roleAssignment site[/sites/plan]/list[Beslut]/roleAssignment[Handläggare]',
    `roleAssignment site[/sites/plan]/list[Beslut]/roleAssignment[anna.andersson${D}]`,
    'siteSharing site[/sites/plan]/sharing',
  ]);
  const by = new Map(rs.map((x) => [x.address, x]));
  expect(by.get('site[/sites/plan]/group[Handläggare]')).toMatchObject({
    parent: 'site[/sites/plan]',
    props: { name: 'Handläggare', owner: 'Förvaltningen', members: [`erik.johansson${D}`] },
    after: ['site[/sites/plan]/group[Förvaltningen]'],
  });
  expect(by.get('site[/sites/plan]/group[Förvaltningen]')!.props).toEqual({ name: 'Förvaltningen', exactMembers: [`maria.karlsson${D}`, `lars.nilsson${D}`] });
  expect(by.get('site[/sites/plan]/roleAssignment[Förvaltningen]')).toMatchObject({
    parent: 'site[/sites/plan]',
    after: ['site[/sites/plan]/group[Förvaltningen]', 'site[/sites/plan]/roleDefinition[Läsa och kommentera]'],
  });
  expect(by.get('site[/sites/plan]/list[Beslut]/permissions')).toMatchObject({ parent: 'site[/sites/plan]/list[Beslut]', props: { inherit: false, copyRoleAssignments: false } });
  expect(by.get('site[/sites/plan]/list[Beslut]/roleAssignment[Handläggare]')).toMatchObject({
    parent: 'site[/sites/plan]/list[Beslut]/permissions',
    props: { principal: 'Handläggare', roles: ['Contribute'] },
  });
  expect(by.get('site[/sites/plan]/sharing')!.props).toEqual({ capability: 'Disabled' });
});

test('templates stamp permissions per row', async () => {
  const r = await load(`templates:
  stage:
    type: team
    url: /sites/{{ row.key }}
    title: '{{ row.name }}'
    permissions:
      groups:
        - { name: 'Handläggare {{ row.name }}', members: ['{{ row.officer }}'] }
      assignments:
        - { principal: '{{ row.name }} Members', roles: [Edit] }
workspaces:
  - template: stage
    rows:
      - { key: bygglov, name: Bygglov, officer: erik.johansson${D} }
      - { key: detaljplan, name: Detaljplan, officer: '' }
`);
  expect(codes(r)).toEqual([]);
  const groups = r.desired!.resources.filter((x) => x.kind === 'siteGroup');
  expect(groups.map((g) => [g.address, g.props])).toEqual([
    ['site[/sites/bygglov]/group[Handläggare Bygglov]', { name: 'Handläggare Bygglov', members: [`erik.johansson${D}`] }],
    ['site[/sites/detaljplan]/group[Handläggare Detaljplan]', { name: 'Handläggare Detaljplan', members: [] }],
  ]);
  expect(r.desired!.resources.filter((x) => x.kind === 'roleAssignment').map((x) => x.address)).toEqual([
    'site[/sites/bygglov]/roleAssignment[Bygglov Members]',
    'site[/sites/detaljplan]/roleAssignment[Detaljplan Members]',
  ]);
});

test('the schema refuses an unknown sharing level or permission flag', async () => {
  const r = await load(`sites:
  - url: /sites/x
    type: team
    title: X
    sharing: { capability: Everyone }
    permissions:
      roleDefinitions:
        - { name: Mine, basePermissions: [ViewListItem] }
`);
  expect(codes(r)).toEqual(['BP204', 'BP204']);
});

test('BP530-BP536 catch what SharePoint would refuse', async () => {
  const r = await load(`sites:
  - url: /sites/x
    type: team
    title: X
    permissions:
      inherit: true
      roleDefinitions:
        - { name: Read, basePermissions: [ViewListItems] }
      groups:
        - { name: X Owners }
        - { name: G, members: [not-a-upn, erik.johansson${D}, Erik.Johansson${D}] }
      assignments:
        - { principal: G, roles: [Raed] }
        - { principal: Unknown, roles: [Read] }
    lists:
      - url: L
        template: genericList
        permissions:
          inherit: true
          assignments: [{ principal: G, roles: [Read] }]
`);
  const got = codes(r);
  for (const c of ['BP533', 'BP530', 'BP534', 'BP308', 'BP313', 'BP531', 'BP536', 'BP532']) expect(got).toContain(c);
  expect(r.desired).toBeUndefined();
  expect(r.diagnostics.find((d) => d.code === 'BP531')?.message).toMatch(/did you mean 'Read'/);
});

test('base permission names convert to SharePoint masks and back', () => {
  expect(toBasePermissions(['ViewListItems', 'OpenItems', 'ViewVersions', 'ViewFormPages', 'Open', 'ViewPages', 'CreateSSCSite', 'BrowseUserInfo', 'UseClientIntegration', 'UseRemoteAPIs', 'CreateAlerts'])).toEqual({ High: 176, Low: 138612833 });
  expect(fromBasePermissions({ High: '176', Low: '138612833' })).toEqual(['ViewListItems', 'OpenItems', 'ViewVersions', 'ViewFormPages', 'Open', 'ViewPages', 'CreateSSCSite', 'BrowseUserInfo', 'UseClientIntegration', 'UseRemoteAPIs', 'CreateAlerts']);
  expect(toBasePermissions(['EnumeratePermissions', 'AnonymousSearchAccessWebLists'])).toEqual({ High: 1073741824, Low: 2147483648 });
});

/** Whether the plan finds a stated property the same as what was read (as the kind's rules declare it compared). */
function same(kind: 'siteGroup' | 'roleAssignment', name: string, want: unknown, have: unknown): boolean {
  const resource = { kind, address: `site[/sites/x]/${kind}[x]`, props: { [name]: want } } as unknown as AnyDesiredResource;
  return differences(KIND_RULES, resource, { [name]: have }, { [name]: want }).diffs.length === 0;
}

test('members are a lower bound, exact members and roles are sets, case-insensitively', () => {
  expect(siteGroupRules.lowerBoundLists).toEqual(['members']);
  expect(same('siteGroup', 'members', [`A${D}`], [`a${D}`, `b${D}`])).toBe(true);
  expect(same('siteGroup', 'members', [`c${D}`], [`a${D}`])).toBe(false);
  expect(same('siteGroup', 'exactMembers', [`a${D}`], [`a${D}`, `b${D}`])).toBe(false);
  expect(same('siteGroup', 'exactMembers', [`B${D}`, `a${D}`], [`a${D}`, `b${D}`])).toBe(true);
  expect(same('roleAssignment', 'roles', ['Read', 'Contribute'], ['contribute', 'read'])).toBe(true);
  expect(same('roleAssignment', 'roles', ['Read'], ['Read', 'Edit'])).toBe(false);
});

function sharingChange(action: 'update' | 'create', before: string | undefined, after: string): Change {
  const base = { address: 'site[/sites/x]/sharing', kind: 'siteSharing' as const, dependsOn: [], api: '', observedDigest: '' };
  if (action === 'create') return { ...base, action, after: { capability: after } };
  return { ...base, action, id: 'x', ids: {}, before: { capability: before }, after: { capability: after }, changes: [{ name: 'capability', before, after }] };
}

test('widening sharing needs allow-wider-sharing; narrowing does not', () => {
  expect(widening(sharingChange('update', 'Disabled', 'ExternalUserSharingOnly'))).toMatchObject({ flag: 'allow-wider-sharing' });
  expect(widening(sharingChange('update', 'ExistingExternalUserSharingOnly', 'ExternalUserAndGuestSharing'))).toMatchObject({ flag: 'allow-wider-sharing' });
  expect(widening(sharingChange('update', 'ExternalUserSharingOnly', 'ExistingExternalUserSharingOnly'))).toBeUndefined();
  expect(widening(sharingChange('update', 'ExternalUserSharingOnly', 'Disabled'))).toBeUndefined();
  expect(widening(sharingChange('update', undefined, 'Disabled'))).toBeUndefined();
  expect(widening(sharingChange('update', undefined, 'ExistingExternalUserSharingOnly'))).toMatchObject({ flag: 'allow-wider-sharing' });
  // a new site gets ExternalUserSharingOnly: asking for it or less is not a widening, anyone links are
  expect(widening(sharingChange('create', undefined, 'Disabled'))).toBeUndefined();
  expect(widening(sharingChange('create', undefined, 'ExternalUserSharingOnly'))).toBeUndefined();
  expect(widening(sharingChange('create', undefined, 'ExternalUserAndGuestSharing'))).toMatchObject({ flag: 'allow-wider-sharing' });
});

function updateOf(kind: 'teamSite' | 'permissionScope', name: string, before: unknown, after: unknown): Change {
  return { address: 'a', kind, dependsOn: [], api: '', observedDigest: '', action: 'update', id: 'x', ids: {}, before: { [name]: before }, after: { [name]: after }, changes: [{ name, before, after }] };
}

test('making a private team site public, or a list inherit its site again, needs allow-wider-sharing; the other way does not', () => {
  expect(madePublic(updateOf('teamSite', 'visibility', 'Private', 'Public'))).toMatchObject({ flag: 'allow-wider-sharing' });
  expect(madePublic(updateOf('teamSite', 'visibility', 'Public', 'Private'))).toBeUndefined();
  // Graph reads an empty visibility as Public: nothing is opened
  expect(madePublic(updateOf('teamSite', 'visibility', null, 'Public'))).toBeUndefined();
  expect(madePublic({ address: 'a', kind: 'teamSite', dependsOn: [], api: '', action: 'create', after: { visibility: 'Public' } })).toBeUndefined();
  expect(inheritanceRestored(updateOf('permissionScope', 'inherit', false, true))).toMatchObject({ flag: 'allow-wider-sharing' });
  expect(inheritanceRestored(updateOf('permissionScope', 'inherit', true, false))).toBeUndefined();
});
