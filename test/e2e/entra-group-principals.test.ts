/**
 * Entra groups as role assignment principals (`entra:<display name or object id>`), through the
 * CLI against the local tenant: a security group and a Microsoft 365 group's members are granted
 * levels on a library, by the claims SharePoint knows them by; the plan after the apply is
 * empty; an assignment removed by hand is drift the next apply restores; a name no group has, or
 * two groups have, is an error of the plan where it is written, saying what to write, and apply
 * changes nothing. The same for a SharePoint group's members, with pruneMembers too. Pruned, an
 * assignment the engine made goes whether it was named by object id or display name.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import '@pnp/sp/security/index.js';
import '@pnp/sp/site-groups/index.js';
import '@pnp/sp/site-users/index.js';
import { openTarget } from '../../src/tenant/target.ts';
import { provision } from '../support/cli.ts';

const SITE = '/sites/entra-behorighet';
const blueprint = (principals: string[]) => `version: 1
name: entra-principals
sites:
  - url: ${SITE}
    type: communication
    title: Entra-behörighet
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - url: Beslut
        template: documentLibrary
        permissions:
          inherit: false
          copyRoleAssignments: false
          assignments:
${principals.map((p, i) => `            - { principal: "${p}", roles: [${i === 0 ? 'Contribute' : 'Read'}] }`).join('\n')}
`;

interface Group {
  id: string;
}
interface Assignment {
  PrincipalId: number;
  Member: { LoginName: string; PrincipalType: number; Title: string };
  RoleDefinitionBindings: { Name: string }[];
}

/** Runs `use` with the local tenant of `cwd`, through the engine's own faces. */
async function withTenant<T>(cwd: string, use: (t: Awaited<ReturnType<typeof openTarget>>['client']) => Promise<T>): Promise<T> {
  const target = await openTarget({ tenant: 'local', cwd });
  try {
    return await use(target.client);
  } finally {
    await target.close();
  }
}

async function libraryAssignments(cwd: string): Promise<Assignment[]> {
  return withTenant(cwd, (t) =>
    t.sp.call(() =>
      t.sp.web(`${t.sp.origin}${SITE}`).web.lists.getByTitle('Beslut').roleAssignments.select('PrincipalId', 'Member/LoginName', 'Member/PrincipalType', 'Member/Title', 'RoleDefinitionBindings/Name').expand('Member', 'RoleDefinitionBindings')<Assignment[]>(),
    ),
  );
}

async function planChanges(cwd: string): Promise<{ address: string; action: string; reason?: string }[]> {
  const plan = await provision(cwd, 'plan', 'bp.yaml', '--json');
  return (JSON.parse(plan.stdout) as { changes: { address: string; action: string; reason?: string }[] }).changes;
}

test('a security group and a Microsoft 365 group granted levels on a library by entra:<name> and entra:<id>; converged; drift restored; unknown and ambiguous names are errors of the plan where they are written', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-entra-principals-'));
  const [security, unified] = await withTenant(cwd, async (t) => [
    await t.graph.post<Group>('/groups', { displayName: 'Bygglov handläggare', mailEnabled: false, mailNickname: 'bygglov-handlaggare', securityEnabled: true }),
    await t.graph.post<Group>('/groups', { displayName: 'Bygglovsnämnden', mailEnabled: true, mailNickname: 'bygglovsnamnden', securityEnabled: false, groupTypes: ['Unified'] }),
    await t.graph.post<Group>('/groups', { displayName: 'Dubblett', mailEnabled: false, mailNickname: 'dubblett-1', securityEnabled: true }),
    await t.graph.post<Group>('/groups', { displayName: 'Dubblett', mailEnabled: false, mailNickname: 'dubblett-2', securityEnabled: true }),
  ]);

  // The security group by its name (in another case: the directory compares names so), the
  // Microsoft 365 group by its id.
  await writeFile(join(cwd, 'bp.yaml'), blueprint(['entra:bygglov HANDLÄGGARE', `entra:${unified!.id}`]));
  const applied = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const granted = await libraryAssignments(cwd);
  const bySecurity = granted.find((a) => a.Member.LoginName === `c:0t.c|tenant|${security!.id}`);
  const byUnified = granted.find((a) => a.Member.LoginName === `c:0o.c|federateddirectoryclaimprovider|${unified!.id}`);
  expect(bySecurity).toMatchObject({ Member: { PrincipalType: 4, Title: 'Bygglov handläggare' }, RoleDefinitionBindings: [{ Name: 'Contribute' }] });
  expect(byUnified).toMatchObject({ Member: { PrincipalType: 4, Title: 'Bygglovsnämnden' }, RoleDefinitionBindings: [{ Name: 'Read' }] });
  const converged = await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode');
  expect(converged.code, converged.stdout + converged.stderr).toBe(0);

  // Removed by hand: the plan shows it to create again, and the apply restores it.
  await withTenant(cwd, (t) => t.sp.call(() => t.sp.web(`${t.sp.origin}${SITE}`).web.lists.getByTitle('Beslut').roleAssignments.getById(bySecurity!.PrincipalId).delete()));
  const drift = await planChanges(cwd);
  expect(drift.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([`create site[${SITE}]/list[Beslut]/roleAssignment[entra:bygglov HANDLÄGGARE]`]);
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  expect((await libraryAssignments(cwd)).some((a) => a.Member.LoginName === `c:0t.c|tenant|${security!.id}`)).toBe(true);
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);

  // A name no group has, and one two groups have: errors of the plan where they are written,
  // saying what to write; apply changes nothing.
  await writeFile(join(cwd, 'bp.yaml'), blueprint(['entra:Bygglov handläggare', 'entra:Finns inte', 'entra:Dubblett']));
  const refused = await provision(cwd, 'plan', 'bp.yaml');
  expect(refused.code).toBe(1);
  const said = refused.stdout + refused.stderr;
  expect(said).toMatch(/bp\.yaml:16:\d+ error PR103 \[.*roleAssignment\[entra:Finns inte\]\] role assignment principal 'entra:Finns inte': no Entra group is named 'Finns inte'/);
  expect(said).toMatch(/bp\.yaml:17:\d+ error PR103 \[.*roleAssignment\[entra:Dubblett\]\] role assignment principal 'entra:Dubblett': 2 Entra groups are named 'Dubblett' \([0-9a-f-]+, [0-9a-f-]+\): write entra:<the object id>/);
  const before = await libraryAssignments(cwd);
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(1);
  expect((await libraryAssignments(cwd)).length).toBe(before.length);
});

const groupsBlueprint = (members: string[], prune: boolean) => `version: 1
name: entra-members
sites:
  - url: ${SITE}
    type: communication
    title: Entra-behörighet
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - name: Bygglov granskare
          members: [${members.map((m) => `"${m}"`).join(', ')}]
          pruneMembers: ${prune}
      assignments:
        - { principal: Bygglov granskare, roles: [Read] }
`;

interface SiteUser {
  Id: number;
  LoginName: string;
  PrincipalType: number;
}

async function groupMembers(cwd: string): Promise<SiteUser[]> {
  return withTenant(cwd, (t) => t.sp.call(() => t.sp.web(`${t.sp.origin}${SITE}`).web.siteGroups.getByName('Bygglov granskare').users.select('Id', 'LoginName', 'PrincipalType')<SiteUser[]>()));
}

test('Entra groups as members of a SharePoint group: added by their claims beside a user, converged; removed by hand and restored; with pruneMembers an Entra group added by hand is removed', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-entra-members-'));
  const [security, other] = await withTenant(cwd, async (t) => [
    await t.graph.post<Group>('/groups', { displayName: 'Bygglov handläggare', mailEnabled: false, mailNickname: 'bygglov-handlaggare', securityEnabled: true }),
    await t.graph.post<Group>('/groups', { displayName: 'Alla handläggare', mailEnabled: false, mailNickname: 'alla-handlaggare', securityEnabled: true }),
  ]);
  const securityLogin = `c:0t.c|tenant|${security!.id}`;
  const otherLogin = `c:0t.c|tenant|${other!.id}`;

  await writeFile(join(cwd, 'bp.yaml'), groupsBlueprint(['entra:Bygglov handläggare', 'erik.johansson@contoso.onmicrosoft.com'], false));
  const applied = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  const members = await groupMembers(cwd);
  expect(members.find((u) => u.LoginName === securityLogin)?.PrincipalType).toBe(4);
  expect(members.some((u) => u.LoginName === 'i:0#.f|membership|erik.johansson@contoso.onmicrosoft.com')).toBe(true);
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);

  // The Entra group taken out by hand: drift, restored by the next apply.
  const taken = members.find((u) => u.LoginName === securityLogin)!;
  await withTenant(cwd, (t) => t.sp.call(() => t.sp.web(`${t.sp.origin}${SITE}`).web.siteGroups.getByName('Bygglov granskare').users.removeById(taken.Id)));
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(2);
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  expect((await groupMembers(cwd)).some((u) => u.LoginName === securityLogin)).toBe(true);
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);

  // Another Entra group added by hand: kept while members are a lower bound, removed with pruneMembers.
  await withTenant(cwd, (t) => t.sp.call(() => t.sp.web(`${t.sp.origin}${SITE}`).web.siteGroups.getByName('Bygglov granskare').users.add(otherLogin)));
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);
  await writeFile(join(cwd, 'bp.yaml'), groupsBlueprint(['entra:Bygglov handläggare', 'erik.johansson@contoso.onmicrosoft.com'], true));
  const pruned = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(pruned.code, pruned.stdout + pruned.stderr).toBe(0);
  const after = (await groupMembers(cwd)).map((u) => u.LoginName);
  expect(after).toContain(securityLogin);
  expect(after).not.toContain(otherLogin);
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);
});

test('a template naming a group no one has is one error of the plan at its line, the first row named and the others counted; an app that may not read groups gets one error naming the permission', { timeout: 120_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-entra-template-'));
  await writeFile(join(cwd, 'units.csv'), 'alias\na\nb\nc\n');
  await writeFile(
    join(cwd, 'units.yaml'),
    `version: 1
name: entra-template
templates:
  unit:
    type: communication
    url: /sites/enhet-{{ row.alias }}
    title: "{{ row.alias }}"
    owner: anna.andersson@contoso.onmicrosoft.com
    permissions:
      groups:
        - name: Granskare
          members: ["entra:Enhetens granskare"]
workspaces:
  - template: unit
    rows: units.csv
`,
  );
  const refused = await provision(cwd, 'plan', 'units.yaml');
  expect(refused.code).toBe(1);
  const errors = (refused.stdout + refused.stderr).split('\n').filter((l) => / error PR10\d /.test(l));
  expect(errors).toEqual([
    "units.yaml:11:11 error PR103 [site[/sites/enhet-a]/group[Granskare]] group member 'entra:Enhetens granskare': no Entra group is named 'Enhetens granskare' (write its display name, or entra:<its object id>) (in row 1 of units.csv, line 2, and 2 more rows)",
  ]);

  // An app that may not read groups: the lookup is refused, one error naming the permission (unknown is not absent).
  const denied = await provision(cwd, 'plan', 'units.yaml', '--local-app-roles', 'graph=User.Read.All,Sites.FullControl.All;sharepoint=Sites.FullControl.All');
  expect(denied.code).toBe(1);
  const unreadable = (denied.stdout + denied.stderr).split('\n').filter((l) => / error PR10\d /.test(l));
  expect(unreadable).toHaveLength(1);
  expect(unreadable[0]).toMatch(/^units\.yaml:11:11 error PR104 \[site\[\/sites\/enhet-a\]\/group\[Granskare\]\] group member 'entra:Enhetens granskare' could not be looked up \(403 .*\); the app needs the Graph application permission Group\.Read\.All/);
});

test('prune: an Entra group assignment the blueprint no longer declares is deleted, whether it was named by object id or by display name; one made by hand is not the blueprint\'s', { timeout: 240_000 }, async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-entra-prune-'));
  const [byId, byName, byHand] = await withTenant(cwd, async (t) => [
    await t.graph.post<Group>('/groups', { displayName: 'Granskare A', mailEnabled: false, mailNickname: 'granskare-a', securityEnabled: true }),
    await t.graph.post<Group>('/groups', { displayName: 'Granskare B', mailEnabled: false, mailNickname: 'granskare-b', securityEnabled: true }),
    await t.graph.post<Group>('/groups', { displayName: 'Granskare C', mailEnabled: false, mailNickname: 'granskare-c', securityEnabled: true }),
  ]);
  const pruning = (principals: string[]) => blueprint(principals).replace('name: entra-principals\n', 'name: entra-principals\nprune: [roleAssignment]\n');
  await writeFile(join(cwd, 'bp.yaml'), pruning([`entra:${byId!.id}`, 'entra:Granskare B']));
  expect((await provision(cwd, 'apply', 'bp.yaml', '--yes')).code).toBe(0);
  // one more, granted by hand: not the blueprint's
  await withTenant(cwd, async (t) => {
    const web = t.sp.web(`${t.sp.origin}${SITE}`).web;
    const user = (await t.sp.call(() => web.ensureUser(`c:0t.c|tenant|${byHand!.id}`))) as { Id?: number; data?: { Id?: number } };
    await t.sp.call(() => web.lists.getByTitle('Beslut').roleAssignments.add(user.Id ?? user.data!.Id!, 1073741826));
  });
  expect((await libraryAssignments(cwd)).length).toBe(3);
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);

  // Both dropped (a user granted instead): both deleted, each under the address it was made
  // with; the one made by hand stays.
  const user = 'anna.andersson@contoso.onmicrosoft.com';
  await writeFile(join(cwd, 'bp.yaml'), pruning([user]));
  const changes = (await planChanges(cwd)).filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`);
  expect(changes.sort()).toEqual(
    [`create site[${SITE}]/list[Beslut]/roleAssignment[${user}]`, `delete site[${SITE}]/list[Beslut]/roleAssignment[entra:${byId!.id}]`, `delete site[${SITE}]/list[Beslut]/roleAssignment[entra:Granskare B]`].sort(),
  );
  const applied = await provision(cwd, 'apply', 'bp.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect((await libraryAssignments(cwd)).map((a) => a.Member.LoginName).sort()).toEqual([`c:0t.c|tenant|${byHand!.id}`, `i:0#.f|membership|${user}`].sort());
  expect((await provision(cwd, 'plan', 'bp.yaml', '--detailed-exitcode')).code).toBe(0);
});
