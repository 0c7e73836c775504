/**
 * The local tenant's SharePoint security routes over real HTTP: site groups and their users,
 * ensureuser, role definitions (built-in ids and masks), role assignments with breaking and
 * resetting inheritance, and SPO.Tenant/sites on the admin host; state survives a restart.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { certificateToken, client, start, tempDir, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let dir: string;
const upn = 'maria.karlsson@contoso.onmicrosoft.com';

beforeAll(async () => {
  dir = tempDir('lt-sec-');
  ({ t, c } = await start(dir));
});
afterAll(async () => t?.close());

test('a new site has its Owners, Members and Visitors groups with Full Control, Edit and Read', async () => {
  const groups = await c.sp('GET', '/_api/web/sitegroups');
  expect(groups.status).toBe(200);
  const titles = groups.json.value.map((g: { Title: string }) => g.Title);
  expect(titles).toEqual(['Communication site Owners', 'Communication site Visitors', 'Communication site Members']);
  const ra = await c.sp('GET', '/_api/web/roleassignments?$expand=Member,RoleDefinitionBindings');
  const byMember = Object.fromEntries(ra.json.value.map((a: { Member: { Title: string }; RoleDefinitionBindings: { Name: string }[] }) => [a.Member.Title, a.RoleDefinitionBindings.map((b) => b.Name)]));
  expect(byMember).toEqual({ 'Communication site Owners': ['Full Control'], 'Communication site Visitors': ['Read'], 'Communication site Members': ['Edit'] });
  const web = await c.sp('GET', '/_api/web?$select=HasUniqueRoleAssignments');
  expect(web.json.HasUniqueRoleAssignments).toBe(true);
});

test("the web's associated Owners, Members and Visitors groups are read by role (AssociatedOwnerGroup), whatever they are called now", async () => {
  const groups = await c.sp('GET', '/_api/web/sitegroups');
  const idOf = (title: string) => groups.json.value.find((g: { Title: string }) => g.Title === title).Id;
  for (const [segment, title] of [['AssociatedOwnerGroup', 'Communication site Owners'], ['associatedmembergroup', 'Communication site Members'], ['AssociatedVisitorGroup', 'Communication site Visitors']] as const) {
    const g = await c.sp('GET', `/_api/web/${segment}?$select=Id,Title`);
    expect(g.status, segment).toBe(200);
    expect(g.json).toMatchObject({ Id: idOf(title), Title: title });
  }
});

test('built-in role definitions carry SharePoint Online ids and masks and cannot be changed or deleted', async () => {
  const read = await c.sp('GET', "/_api/web/roledefinitions/getbyname('Read')");
  expect(read.json).toMatchObject({ Id: 1073741826, Name: 'Read', RoleTypeKind: 2, BasePermissions: { High: '176', Low: '138612833' } });
  const full = await c.sp('GET', '/_api/web/roledefinitions(1073741829)');
  expect(full.json.BasePermissions).toEqual({ High: '2147483647', Low: '4294967295' });
  expect((await c.sp('POST', '/_api/web/roledefinitions(1073741826)', { Description: 'x' }, { 'x-http-method': 'MERGE' })).status).toBe(400);
  expect((await c.sp('DELETE', '/_api/web/roledefinitions(1073741826)')).status).toBe(400);
  expect((await c.sp('GET', "/_api/web/roledefinitions/getbyname('Nope')")).status).toBe(404);
});

test('a custom role definition is created, merged and deleted', async () => {
  const made = await c.sp('POST', '/_api/web/roledefinitions', { Name: 'Läsa och kommentera', Description: 'd', Order: 1000, BasePermissions: { High: '0', Low: '3' } });
  expect(made.status).toBe(201);
  expect(made.json).toMatchObject({ Name: 'Läsa och kommentera', BasePermissions: { High: '0', Low: '3' } });
  expect((await c.sp('POST', '/_api/web/roledefinitions', { Name: 'läsa OCH kommentera', BasePermissions: { High: '0', Low: '1' } })).status).toBe(400);
  const id = made.json.Id as number;
  expect((await c.sp('POST', `/_api/web/roledefinitions(${id})`, { BasePermissions: { High: '16', Low: '7' } }, { 'x-http-method': 'MERGE' })).status).toBe(204);
  expect((await c.sp('GET', `/_api/web/roledefinitions/getbyid(${id})`)).json.BasePermissions).toEqual({ High: '16', Low: '7' });
  expect((await c.sp('DELETE', `/_api/web/roledefinitions(${id})`)).status).toBe(200);
  expect((await c.sp('GET', `/_api/web/roledefinitions(${id})`)).status).toBe(404);
});

test('site groups: create, get by name, merge, owner, users added and removed, removebyid', async () => {
  const made = await c.sp('POST', '/_api/web/sitegroups', { Title: 'Handläggare', Description: 'Case officers' });
  expect(made.status).toBe(201);
  expect(made.json).toMatchObject({ Title: 'Handläggare', Description: 'Case officers', PrincipalType: 8, OwnerTitle: 'Communication site Owners' });
  const id = made.json.Id as number;
  expect((await c.sp('POST', '/_api/web/sitegroups', { Title: 'handläggare' })).status).toBe(400);
  const byName = await c.sp('GET', "/_api/web/sitegroups/getbyname('Handläggare')");
  expect(byName.json.Id).toBe(id);
  expect((await c.sp('POST', `/_api/web/sitegroups(${id})`, { Description: 'Ny' }, { 'x-http-method': 'MERGE' })).status).toBe(204);
  expect((await c.sp('GET', `/_api/web/sitegroups/getbyid(${id})`)).json.Description).toBe('Ny');

  const added = await c.sp('POST', `/_api/web/sitegroups(${id})/users`, { LoginName: `i:0#.f|membership|${upn}` });
  expect(added.status).toBe(201);
  expect(added.json).toMatchObject({ LoginName: `i:0#.f|membership|${upn}`, Title: 'Maria Karlsson', UserPrincipalName: upn, PrincipalType: 1 });
  const users = await c.sp('GET', `/_api/web/sitegroups(${id})/users`);
  expect(users.json.value.map((u: { UserPrincipalName: string }) => u.UserPrincipalName)).toEqual([upn]);
  const ensured = await c.sp('POST', '/_api/web/ensureuser', { logonName: upn });
  expect(ensured.json.Id).toBe(added.json.Id);
  expect((await c.sp('POST', '/_api/web/ensureuser', { logonName: 'nobody@contoso.onmicrosoft.com' })).status).toBe(400);

  expect((await c.sp('POST', `/_api/web/sitegroups(${id})/SetUserAsOwner(${added.json.Id})`)).status).toBe(200);
  const expanded = await c.sp('GET', `/_api/web/sitegroups(${id})?$expand=Owner,Users&$select=Title,Owner/LoginName,Users/UserPrincipalName`);
  expect(expanded.json.Owner.LoginName).toBe(`i:0#.f|membership|${upn}`);
  expect(expanded.json.Users).toEqual([expect.objectContaining({ UserPrincipalName: upn })]);

  const removed = await c.sp('POST', `/_api/web/sitegroups(${id})/users/removebyloginname(@v)?@v='${encodeURIComponent(`i:0#.f|membership|${upn}`)}'`);
  expect(removed.status).toBe(200);
  expect((await c.sp('GET', `/_api/web/sitegroups(${id})/users`)).json.value).toEqual([]);
  expect((await c.sp('POST', `/_api/web/sitegroups/removebyid(${id})`)).status).toBe(200);
  expect((await c.sp('GET', "/_api/web/sitegroups/getbyname('Handläggare')")).status).toBe(404);
});

test("ensureuser takes an Entra group by its claims: a security group's c:0t.c|tenant|<id>, a Microsoft 365 group's members' c:0o.c|federateddirectoryclaimprovider|<id>; a claim of the other kind, or of no group, is not found", async () => {
  const security = (await c.graph('POST', '/groups', { displayName: 'Bygglov handläggare', mailEnabled: false, mailNickname: 'sec-bygglov', securityEnabled: true })).json.id as string;
  const unified = (await c.graph('POST', '/groups', { displayName: 'Bygglovsnämnden', mailEnabled: true, mailNickname: 'm365-bygglov', securityEnabled: false, groupTypes: ['Unified'] })).json.id as string;
  const sec = await c.sp('POST', '/_api/web/ensureuser', { logonName: `c:0t.c|tenant|${security}` });
  expect(sec.status).toBe(200);
  expect(sec.json).toMatchObject({ LoginName: `c:0t.c|tenant|${security}`, Title: 'Bygglov handläggare', PrincipalType: 4, UserPrincipalName: null });
  const m365 = await c.sp('POST', '/_api/web/ensureuser', { logonName: `c:0o.c|federateddirectoryclaimprovider|${unified}` });
  expect(m365.json).toMatchObject({ LoginName: `c:0o.c|federateddirectoryclaimprovider|${unified}`, Title: 'Bygglovsnämnden', PrincipalType: 4 });
  // the same claim again is the same principal
  expect((await c.sp('POST', '/_api/web/ensureuser', { logonName: `c:0t.c|tenant|${security}` })).json.Id).toBe(sec.json.Id);
  // the other kind's claim, and a group that does not exist
  expect((await c.sp('POST', '/_api/web/ensureuser', { logonName: `c:0t.c|tenant|${unified}` })).status).toBe(400);
  expect((await c.sp('POST', '/_api/web/ensureuser', { logonName: `c:0o.c|federateddirectoryclaimprovider|${security}` })).status).toBe(400);
  expect((await c.sp('POST', '/_api/web/ensureuser', { logonName: 'c:0t.c|tenant|00000000-0000-0000-0000-000000000001' })).status).toBe(400);
});

test("a communication site's owner (SPSiteManager's Owner) is its site collection administrator; other users are not", async () => {
  const owner = 'erik.johansson@contoso.onmicrosoft.com';
  const made = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'Ägd', Url: 'https://contoso.sharepoint.com/sites/agd', Owner: owner, Lcid: 1033 } });
  expect(made.status).toBe(200);
  const ensured = await c.sp('POST', '/sites/agd/_api/web/ensureuser', { logonName: owner });
  expect(ensured.json).toMatchObject({ UserPrincipalName: owner, IsSiteAdmin: true });
  expect((await c.sp('POST', '/sites/agd/_api/web/ensureuser', { logonName: upn })).json).toMatchObject({ UserPrincipalName: upn, IsSiteAdmin: false });
  const admins = (await c.sp('GET', '/sites/agd/_api/web/siteusers?$select=UserPrincipalName,IsSiteAdmin')).json.value.filter((u: { IsSiteAdmin: boolean }) => u.IsSiteAdmin);
  expect(admins.map((u: { UserPrincipalName: string }) => u.UserPrincipalName)).toEqual([owner]);
});

test('a list inherits until inheritance is broken; assignments need unique permissions; reset inherits again', async () => {
  const list = await c.sp('POST', '/_api/web/lists', { Title: 'Beslut', BaseTemplate: 101 });
  const lid = list.json.Id as string;
  const g = (await c.sp('POST', '/_api/web/sitegroups', { Title: 'Förvaltningen' })).json.Id as number;
  const path = `/_api/web/lists(guid'${lid}')`;
  expect((await c.sp('GET', `${path}?$select=HasUniqueRoleAssignments`)).json.HasUniqueRoleAssignments).toBe(false);
  expect((await c.sp('GET', `${path}/roleassignments`)).json.value).toHaveLength(3); // the site's
  expect((await c.sp('POST', `${path}/roleassignments/addroleassignment(principalid=${g},roledefid=1073741826)`)).status).toBe(400);

  expect((await c.sp('POST', `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(200);
  expect((await c.sp('GET', `${path}/HasUniqueRoleAssignments`)).json.value).toBe(true);
  expect((await c.sp('GET', `${path}/roleassignments`)).json.value).toEqual([]);
  expect((await c.sp('POST', `${path}/roleassignments/addroleassignment(principalid=${g},roledefid=1073741826)`)).status).toBe(200);
  expect((await c.sp('POST', `${path}/roleassignments/addroleassignment(principalid=${g},roledefid=1073741827)`)).status).toBe(200);
  const one = await c.sp('GET', `${path}/roleassignments/getbyprincipalid(${g})/roledefinitionbindings`);
  expect(one.json.value.map((d: { Name: string }) => d.Name)).toEqual(['Read', 'Contribute']);
  expect((await c.sp('POST', `${path}/roleassignments/removeroleassignment(principalid=${g},roledefid=1073741826)`)).status).toBe(200);
  const member = await c.sp('GET', `${path}/roleassignments(${g})/member`);
  expect(member.json.Title).toBe('Förvaltningen');
  // the web's assignments are untouched
  expect((await c.sp('GET', '/_api/web/roleassignments')).json.value).toHaveLength(3);

  expect((await c.sp('POST', `${path}/resetroleinheritance`)).status).toBe(200);
  expect((await c.sp('GET', `${path}?$select=HasUniqueRoleAssignments`)).json.HasUniqueRoleAssignments).toBe(false);
  expect((await c.sp('POST', '/_api/web/resetroleinheritance')).status).toBe(400);

  // copyRoleAssignments=true starts from the site's
  await c.sp('POST', `${path}/breakroleinheritance(copyroleassignments=true,clearsubscopes=true)`);
  expect((await c.sp('GET', `${path}/roleassignments`)).json.value).toHaveLength(3);
});

test('SPO.Tenant/sites on the admin host reads and sets SharingCapability, with a token for the admin host', async () => {
  const site = await c.sp('GET', '/_api/site?$select=Id');
  const id = site.json.Id as string;
  const admin = await certificateToken(t, `https://contoso-admin.sharepoint.com/.default`);
  expect(admin.status).toBe(200);
  const h = { 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${admin.json.access_token as string}`, 'odata-version': '4.0' };
  const got = await c.sp('GET', `/_api/SPO.Tenant/sites('${id}')?$select=SharingCapability`, undefined, h);
  expect(got.status).toBe(200);
  expect(got.json.SharingCapability).toBe(1);
  expect((await c.sp('PATCH', `/_api/SPO.Tenant/sites('${id}')`, { SharingCapability: 0 }, h)).status).toBe(204);
  expect((await c.sp('GET', `/_api/SPO.Tenant/sites('${id}')`, undefined, h)).json).toMatchObject({ SharingCapability: 0, Url: 'https://contoso.sharepoint.com' });
  expect((await c.sp('PATCH', `/_api/SPO.Tenant/sites('${id}')`, { SharingCapability: 9 }, h)).status).toBe(400);
  expect((await c.sp('GET', `/_api/SPO.Tenant/sites('00000000-0000-0000-0000-000000000001')`, undefined, h)).status).toBe(404);
  // not on the tenant's own host
  expect((await c.sp('GET', `/_api/SPO.Tenant/sites('${id}')`)).status).toBe(404);
});

test('security state survives a restart (journal replay)', async () => {
  await c.sp('POST', '/_api/web/sitegroups', { Title: 'Bestående' });
  await t.close();
  ({ t } = await start(dir));
  c = await client(t);
  expect((await c.sp('GET', "/_api/web/sitegroups/getbyname('Bestående')")).status).toBe(200);
  expect((await c.sp('GET', "/_api/web/sitegroups/getbyname('Förvaltningen')")).status).toBe(200);
  const site = await c.sp('GET', '/_api/site?$select=Id');
  const admin = await certificateToken(t, `https://contoso-admin.sharepoint.com/.default`);
  const got = await c.sp('GET', `/_api/SPO.Tenant/sites('${site.json.Id as string}')`, undefined, { 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${admin.json.access_token as string}` });
  expect(got.json.SharingCapability).toBe(0);
});

test("a list's RoleAssignments expand with their Member and RoleDefinitionBindings (OData v3 nested $expand); a nested path through a non-navigation is refused", async () => {
  const lid = (await c.sp('POST', '/_api/web/lists', { Title: 'Protokoll', BaseTemplate: 101 })).json.Id as string;
  const g = (await c.sp('POST', '/_api/web/sitegroups', { Title: 'Nämnden' })).json.Id as number;
  const path = `/_api/web/lists(guid'${lid}')`;
  await c.sp('POST', `${path}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`);
  await c.sp('POST', `${path}/roleassignments/addroleassignment(principalid=${g},roledefid=1073741827)`);
  const select = ['HasUniqueRoleAssignments', 'RoleAssignments/PrincipalId', 'RoleAssignments/Member/Title', 'RoleAssignments/RoleDefinitionBindings/Name'].join(',');
  const read = await c.sp('GET', `${path}?$select=${select}&$expand=RoleAssignments/Member,RoleAssignments/RoleDefinitionBindings`);
  expect(read.status).toBe(200);
  expect(read.json.HasUniqueRoleAssignments).toBe(true);
  const shown = read.json.RoleAssignments.map((a: { PrincipalId: number; Member: { Title: string }; RoleDefinitionBindings: { Name: string }[] }) => [a.PrincipalId, a.Member.Title, a.RoleDefinitionBindings.map((b) => b.Name)]);
  expect(shown).toEqual([[g, 'Nämnden', ['Contribute']]]);
  // the same as the roleassignments route shows
  const own = await c.sp('GET', `${path}/roleassignments?$expand=Member,RoleDefinitionBindings`);
  expect(own.json.value.map((a: { PrincipalId: number }) => a.PrincipalId)).toEqual([g]);
  // PrincipalId is a property, not a navigation: expanding through it is an unknown property
  const bad = await c.sp('GET', `${path}?$expand=RoleAssignments/PrincipalId`);
  expect(bad.status).toBe(400);
  // named as written, as the service names a property
  expect(JSON.stringify(bad.json)).toContain("The field or property 'PrincipalId' does not exist");
  expect((await c.sp('GET', `${path}?$expand=RoleAssignmentz/Member`)).status).toBe(400);
});

test('a $select through a navigation that $expand does not name is refused, as the service refuses it', async () => {
  const g = (await c.sp('POST', '/_api/web/sitegroups', { Title: 'Utskottet' })).json.Id as number;
  await c.sp('POST', `/_api/web/roleassignments/addroleassignment(principalid=${g},roledefid=1073741826)`);
  const unexpanded = await c.sp('GET', '/_api/web/roleassignments?$select=PrincipalId,Member/Title&$expand=RoleDefinitionBindings');
  expect(unexpanded.status).toBe(400);
  expect(JSON.stringify(unexpanded.json)).toContain("The query to field 'Member/Title' is not valid");
  const expanded = await c.sp('GET', '/_api/web/roleassignments?$select=PrincipalId,Member/Title&$expand=Member');
  expect(expanded.status).toBe(200);
  expect(expanded.json.value.some((a: { PrincipalId: number; Member: { Title: string } }) => a.PrincipalId === g && a.Member.Title === 'Utskottet')).toBe(true);
});
