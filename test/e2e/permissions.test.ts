/**
 * Permissions and sharing through the engine (in-process, over HTTP to the local tenant):
 * SharePoint groups and members, a custom permission level, a library with broken inheritance
 * and role assignments, a site-level assignment, and the site's sharing capability. Applies from
 * empty and converges; changing one stated property per kind plans exactly that change and
 * converges; widening sharing is refused without allow-wider-sharing and allowed with it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Desired } from '../../src/model/resources.ts';
import type { Plan } from '../../src/model/plan.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { Target } from '../../src/tenant/target.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const anna = 'anna.andersson@contoso.onmicrosoft.com';
const erik = 'erik.johansson@contoso.onmicrosoft.com';
const maria = 'maria.karlsson@contoso.onmicrosoft.com';
const lars = 'lars.nilsson@contoso.onmicrosoft.com';
const web = 'https://contoso.sharepoint.com/sites/perm-test';

interface Opts {
  caseOfficersDescription?: string;
  caseOfficers?: string[];
  pruneDepartment?: boolean;
  levelRights?: string[];
  deptRoles?: string[];
  inherit?: boolean;
  sharing?: string;
  extraGroup?: boolean;
  prune?: boolean;
}

function blueprint(o: Opts = {}): string {
  return `version: 1
name: permissions-test
${o.prune ? 'prune: [siteGroup, roleAssignment]\n' : ''}sites:
  - url: /sites/perm-test
    type: team
    title: Perm test
    owners: [${anna}]
    sharing: { capability: ${o.sharing ?? 'Disabled'} }
    permissions:
      roleDefinitions:
        - name: Läsa och kommentera
          description: Read and comment
          basePermissions: [${(o.levelRights ?? ['ViewListItems', 'AddListItems', 'OpenItems', 'ViewVersions', 'ViewFormPages', 'Open', 'ViewPages', 'BrowseUserInfo']).join(', ')}]
      groups:
        - name: Handläggare
          description: ${o.caseOfficersDescription ?? 'Case officers'}
          members: [${(o.caseOfficers ?? [erik]).join(', ')}]
        - name: Förvaltningen
          description: The department
          owner: Handläggare
          members: [${maria}, ${lars}]${o.pruneDepartment ? '\n          pruneMembers: true' : ''}${o.extraGroup ? `
        - name: Tillfällig
          members: [${erik}]` : ''}
      assignments:
        - { principal: Förvaltningen, roles: [Läsa och kommentera] }
    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: ${o.inherit ?? false}
          copyRoleAssignments: false${(o.inherit ?? false) ? '' : `
          assignments:
            - { principal: Förvaltningen, roles: [${(o.deptRoles ?? ['Read']).join(', ')}] }
            - { principal: Handläggare, roles: [Contribute] }
            - { principal: ${anna}, roles: [Full Control] }`}
`;
}

function load(text: string): Promise<Desired> {
  return desiredOf(text, 'perm.yaml');
}

function pending(plan: Plan) {
  return plan.changes.filter((c) => c.action !== 'noop').map((c) => ({ address: c.address, action: c.action, names: c.action === 'update' ? c.changes.map((d) => d.name) : [] }));
}

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('perm'));
});
afterAll(async () => {
  await target?.close();
});

async function plan(text: string): Promise<Plan> {
  return planDesired(await load(text), target.client, target.name);
}

async function apply(p: Plan, allow: string[] = []) {
  return applyRun(target, p, { concurrency: 8, allow: new Set(allow as never[]) });
}

/** The executor alone (the engine's run refuses such a plan whole, first): its own refusal of a destructive change without consent. */
async function executeWithoutConsent(p: Plan) {
  return applyPlan(p, target.client, { concurrency: 8 });
}

async function converged(text: string): Promise<void> {
  const again = await plan(text);
  expect(pending(again)).toEqual([]);
  expect(isEmptyPlan(again)).toBe(true);
}

const sp = () => target.client.sp.web(web).web;

async function groupMembers(name: string): Promise<string[]> {
  const users = await sp().siteGroups.getByName(name).users.select('UserPrincipalName')<{ UserPrincipalName: string }[]>();
  return users.map((u) => u.UserPrincipalName.toLowerCase()).sort();
}

async function libraryAssignments(): Promise<Record<string, string[]>> {
  const lists = await sp().lists.select('Id', 'Title')<{ Id: string; Title: string }[]>();
  const lib = lists.find((l) => l.Title === 'Beslut')!;
  const as = await sp().lists.getById(lib.Id).roleAssignments.expand('Member', 'RoleDefinitionBindings')<
    { Member: { Title: string; LoginName: string }; RoleDefinitionBindings: { Name: string }[] }[]
  >();
  return Object.fromEntries(as.map((a) => [a.Member.LoginName.includes('|') ? a.Member.LoginName.split('|').pop()! : a.Member.Title, a.RoleDefinitionBindings.map((b) => b.Name).sort()]));
}

async function sharing(): Promise<number> {
  const site = await target.client.sp.web(web).site.select('Id')<{ Id: string }>();
  const props = await target.client.sp.admin.get<{ SharingCapability: number }>(`_api/SPO.Tenant/sites('${site.Id}')`);
  return props.SharingCapability;
}

describe.sequential('permissions and sharing', () => {
  test('apply from empty creates groups, the level, broken inheritance, assignments and sharing, and converges', async () => {
    const p = await plan(blueprint());
    const kinds = p.changes.filter((c) => c.action === 'create').map((c) => c.kind);
    for (const k of ['siteGroup', 'roleDefinition', 'permissionScope', 'roleAssignment', 'siteSharing']) expect(kinds).toContain(k);
    const r = await apply(p);
    expect(r.failed).toEqual([]);
    expect(r.skipped).toEqual([]);

    expect(await groupMembers('Handläggare')).toEqual([erik]);
    expect(await groupMembers('Förvaltningen')).toEqual([lars, maria].sort());
    const dept = await sp().siteGroups.getByName('Förvaltningen').select('OwnerTitle')<{ OwnerTitle: string }>();
    expect(dept.OwnerTitle).toBe('Handläggare');
    const level = await sp().roleDefinitions.getByName('Läsa och kommentera')<{ BasePermissions: { High: string; Low: string } }>();
    expect(Number(level.BasePermissions.Low)).toBe(1 + 2 + 32 + 64 + 4096 + 65536 + 131072 + 134217728);
    expect(await libraryAssignments()).toEqual({ Förvaltningen: ['Read'], Handläggare: ['Contribute'], [anna]: ['Full Control'] });
    const webAssignments = await sp().roleAssignments.expand('Member', 'RoleDefinitionBindings')<{ Member: { Title: string }; RoleDefinitionBindings: { Name: string }[] }[]>();
    expect(webAssignments.find((a) => a.Member.Title === 'Förvaltningen')?.RoleDefinitionBindings.map((b) => b.Name)).toEqual(['Läsa och kommentera']);
    expect(await sharing()).toBe(0);
    await converged(blueprint());
  });

  test('a group description change is exactly that change', async () => {
    const text = blueprint({ caseOfficersDescription: 'Handläggare för bygglov' });
    const p = await plan(text);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/group[Handläggare]', action: 'update', names: ['description'] }]);
    expect((await apply(p)).failed).toEqual([]);
    const g = await sp().siteGroups.getByName('Handläggare').select('Description')<{ Description: string }>();
    expect(g.Description).toBe('Handläggare för bygglov');
    await converged(text);
  });

  test('a member added is exactly that change; members are a lower bound', async () => {
    // someone adds a member by hand: not drift, members are a lower bound
    await sp().siteGroups.getByName('Handläggare').users.add(`i:0#.f|membership|${lars}`);
    await converged(blueprint({ caseOfficersDescription: 'Handläggare för bygglov' }));
    const text = blueprint({ caseOfficersDescription: 'Handläggare för bygglov', caseOfficers: [erik, anna] });
    const p = await plan(text);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/group[Handläggare]', action: 'update', names: ['members'] }]);
    expect((await apply(p)).failed).toEqual([]);
    expect(await groupMembers('Handläggare')).toEqual([anna, erik, lars].sort());
    await converged(text);
  });

  test('pruning members removes the ones not listed', async () => {
    await sp().siteGroups.getByName('Förvaltningen').users.add(`i:0#.f|membership|${erik}`);
    const text = blueprint({ caseOfficersDescription: 'Handläggare för bygglov', caseOfficers: [erik, anna], pruneDepartment: true });
    const p = await plan(text);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/group[Förvaltningen]', action: 'update', names: ['exactMembers'] }]);
    expect((await apply(p)).failed).toEqual([]);
    expect(await groupMembers('Förvaltningen')).toEqual([lars, maria].sort());
    await converged(text);
  });

  const RIGHTS = ['ViewListItems', 'AddListItems', 'EditListItems', 'OpenItems', 'ViewFormPages', 'Open', 'ViewPages'];
  const base: Opts = { caseOfficersDescription: 'Handläggare för bygglov', caseOfficers: [erik, anna], pruneDepartment: true };
  const later: Opts = { ...base, levelRights: RIGHTS };

  test("a permission level's rights change is exactly that change", async () => {
    const text = blueprint({ ...base, levelRights: RIGHTS });
    const p = await plan(text);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/roleDefinition[Läsa och kommentera]', action: 'update', names: ['basePermissions'] }]);
    expect((await apply(p)).failed).toEqual([]);
    const level = await sp().roleDefinitions.getByName('Läsa och kommentera')<{ BasePermissions: { High: string; Low: string } }>();
    expect(Number(level.BasePermissions.Low)).toBe(1 + 2 + 4 + 32 + 4096 + 65536 + 131072);
    await converged(text);
  });

  test("an assignment's roles change is exactly that change", async () => {
    const text = blueprint({ ...later, deptRoles: ['Read', 'Läsa och kommentera'] });
    const p = await plan(text);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/list[Beslut]/roleAssignment[Förvaltningen]', action: 'update', names: ['roles'] }]);
    expect((await apply(p)).failed).toEqual([]);
    expect((await libraryAssignments()).Förvaltningen).toEqual(['Läsa och kommentera', 'Read']);
    await converged(text);
  });

  test('inheritance reset (it opens the list to the whole site: allow-wider-sharing) and broken again is exactly that change', async () => {
    const inheriting = blueprint({ ...later, inherit: true });
    const p = await plan(inheriting);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/list[Beslut]/permissions', action: 'update', names: ['inherit'] }]);
    expect(p.changes.find((c) => c.address === 'site[/sites/perm-test]/list[Beslut]/permissions')?.destructive).toMatchObject({ flag: 'allow-wider-sharing' });
    const refused = await executeWithoutConsent(p);
    expect(refused.failed.map((f) => f.address)).toEqual(['site[/sites/perm-test]/list[Beslut]/permissions']);
    expect(refused.failed[0]?.error).toMatch(/allow-wider-sharing/);
    expect((await sp().lists.select('Title', 'HasUniqueRoleAssignments')<{ Title: string; HasUniqueRoleAssignments: boolean }[]>()).find((l) => l.Title === 'Beslut')?.HasUniqueRoleAssignments).toBe(true);
    expect((await apply(await plan(inheriting), ['allow-wider-sharing'])).failed).toEqual([]);
    const lists = await sp().lists.select('Title', 'HasUniqueRoleAssignments')<{ Title: string; HasUniqueRoleAssignments: boolean }[]>();
    expect(lists.find((l) => l.Title === 'Beslut')?.HasUniqueRoleAssignments).toBe(false);
    await converged(inheriting);

    const broken = blueprint(later);
    const q = await plan(broken);
    expect(pending(q).map((c) => [c.address, c.action])).toEqual([
      ['site[/sites/perm-test]/list[Beslut]/permissions', 'update'],
      ['site[/sites/perm-test]/list[Beslut]/roleAssignment[Förvaltningen]', 'create'],
      ['site[/sites/perm-test]/list[Beslut]/roleAssignment[Handläggare]', 'create'],
      [`site[/sites/perm-test]/list[Beslut]/roleAssignment[${anna}]`, 'create'],
    ]);
    expect((await apply(q)).failed).toEqual([]);
    expect(await libraryAssignments()).toEqual({ Förvaltningen: ['Read'], Handläggare: ['Contribute'], [anna]: ['Full Control'] });
    await converged(broken);
  });

  test('narrowing sharing is a plain update; widening is refused without allow-wider-sharing and allowed with it', async () => {
    const wider = blueprint({ ...later, sharing: 'ExternalUserSharingOnly' });
    const p = await plan(wider);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/sharing', action: 'update', names: ['capability'] }]);
    const change = p.changes.find((c) => c.address === 'site[/sites/perm-test]/sharing');
    expect(change?.destructive).toMatchObject({ flag: 'allow-wider-sharing' });

    const refused = await executeWithoutConsent(p);
    expect(refused.failed.map((f) => f.address)).toEqual(['site[/sites/perm-test]/sharing']);
    expect(refused.failed[0]?.error).toMatch(/allow-wider-sharing/);
    expect(await sharing()).toBe(0);

    const allowed = await apply(await plan(wider), ['allow-wider-sharing']);
    expect(allowed.failed).toEqual([]);
    expect(await sharing()).toBe(1);
    await converged(wider);

    const narrower = blueprint({ ...later, sharing: 'ExistingExternalUserSharingOnly' });
    const n = await plan(narrower);
    const nc = n.changes.find((c) => c.address === 'site[/sites/perm-test]/sharing');
    expect(nc?.action).toBe('update');
    expect(nc?.destructive).toBeUndefined();
    expect((await apply(n)).failed).toEqual([]);
    expect(await sharing()).toBe(3);
    await converged(narrower);
  });

  test('a group the blueprint owns and no longer declares is deleted when it prunes siteGroup; the site\'s own groups never are', async () => {
    const narrower: Opts = { ...later, sharing: 'ExistingExternalUserSharingOnly' };
    const withExtra = blueprint({ ...narrower, extraGroup: true });
    expect((await apply(await plan(withExtra))).failed).toEqual([]);
    expect(await groupMembers('Tillfällig')).toEqual([erik]);
    await converged(withExtra);

    const pruned = blueprint({ ...narrower, prune: true });
    const p = await plan(pruned);
    expect(pending(p)).toEqual([{ address: 'site[/sites/perm-test]/group[Tillfällig]', action: 'delete', names: [] }]);
    expect((await apply(p)).failed).toEqual([]);
    const titles = (await sp().siteGroups.select('Title')<{ Title: string }[]>()).map((g) => g.Title);
    expect(titles).not.toContain('Tillfällig');
    expect(titles).toEqual(expect.arrayContaining(['Perm test Owners', 'Perm test Members', 'Perm test Visitors', 'Handläggare', 'Förvaltningen']));
    await converged(pruned);
  });
});
