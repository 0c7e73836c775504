/**
 * SharePoint REST's writes on a site's structure (lists, fields, content types) need
 * Sites.Manage.All (Design: Contributors cannot create lists), and its permission writes need
 * Full Control, as do the web's own settings (Manage Web): an app granted Sites.Manage.All makes lists but cannot break a list's inheritance, add a role
 * assignment, make a permission level or a site group, as on the service (ManagePermissions and
 * Create Groups are in Full Control alone). The same calls pass with Sites.FullControl.All. And
 * the tenant admin API needs Sites.FullControl.All app-only, as Microsoft's page on the admin
 * APIs' authorization says, for a read too.
 */
import { expect, test } from 'vitest';
import { certificateToken, tenantPerTest } from './helpers.ts';

const tenant = tenantPerTest();

async function writes(sharepoint: string[]): Promise<Record<string, number>> {
  const { c } = await tenant({ appRoles: { sharepoint } });
  const list = await c.sp('POST', '/_api/web/lists', { Title: `Lista ${sharepoint[0]}`, BaseTemplate: 100 });
  const out: Record<string, number> = { 'create list': list.status };
  if (list.status !== 201) return out;
  const id = list.json.Id as string;
  out['break inheritance'] = (await c.sp('POST', `/_api/web/lists(guid'${id}')/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status;
  out['add permission level'] = (await c.sp('POST', '/_api/web/roledefinitions', { Name: `Nivå ${sharepoint[0]}`, BasePermissions: { High: '0', Low: '1' } })).status;
  const group = await c.sp('POST', '/_api/web/sitegroups', { Title: `Grupp ${sharepoint[0]}` });
  out['add site group'] = group.status;
  // the principal: the new group, else (refused) the site's first group
  const visitors = group.status === 201 ? (group.json.Id as number) : ((await c.sp('GET', '/_api/web/sitegroups')).json.value[0].Id as number);
  const read = (await c.sp('GET', "/_api/web/roledefinitions/getbyname('Read')")).json.Id as number;
  out['add role assignment'] = (await c.sp('POST', `/_api/web/lists(guid'${id}')/roleassignments/addroleassignment(principalid=${visitors},roledefid=${read})`)).status;
  return out;
}

test('Sites.ReadWrite.All (content: the Write right, Contribute) makes no list, field or content type; Sites.Manage.All makes them', async () => {
  const structure = async (sharepoint: string[]) => {
    const { c } = await tenant({ appRoles: { sharepoint } });
    return {
      list: (await c.sp('POST', '/_api/web/lists', { Title: 'Struktur', BaseTemplate: 100 })).status,
      field: (await c.sp('POST', '/_api/web/fields/createfieldasxml', { parameters: { SchemaXml: '<Field Type="Text" Name="Struktur" DisplayName="Struktur" />', Options: 8 } })).status,
      contentType: (await c.sp('POST', '/_api/web/contenttypes', { Id: { StringValue: '0x0100A1B2C3D4E5F60718293A4B5C6D7E8F90' }, Name: 'Struktur', Group: 'Test' })).status,
    };
  };
  expect(await structure(['Sites.ReadWrite.All'])).toEqual({ list: 403, field: 403, contentType: 403 });
  const manage = await structure(['Sites.Manage.All']);
  for (const [what, status] of Object.entries(manage)) expect(status, what).toBeLessThan(300);
});

test('Sites.Manage.All makes a list but changes no permission; Sites.FullControl.All does both', async () => {
  const manage = await writes(['Sites.Manage.All']);
  expect(manage).toEqual({ 'create list': 201, 'break inheritance': 403, 'add permission level': 403, 'add site group': 403, 'add role assignment': 403 });
  const full = await writes(['Sites.FullControl.All']);
  expect(full['create list']).toBe(201);
  for (const [what, status] of Object.entries(full)) expect(status, what).toBeLessThan(300);
});

test('the tenant admin API (SPO.Tenant on the admin host) needs Sites.FullControl.All app-only, reads included', async () => {
  const statusWith = async (sharepoint: string[]): Promise<number> => {
    const { t, c } = await tenant({ appRoles: { sharepoint } });
    const site = (await c.sp('GET', '/_api/site?$select=Id')).json.Id as string;
    const token = (await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default')).json.access_token as string;
    const r = await fetch(`${t.url}/_api/SPO.Tenant/sites('${site}')?$select=SharingCapability`, {
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-host': 'contoso-admin.sharepoint.com', accept: 'application/json' },
    });
    return r.status;
  };
  expect(await statusWith(['Sites.ReadWrite.All'])).toBe(403);
  expect(await statusWith(['Sites.Manage.All'])).toBe(403);
  expect(await statusWith(['Sites.FullControl.All'])).toBe(200);
});

test("the web's own settings (title, regional settings: Manage Web) and hub registration and association need Sites.FullControl.All; Sites.Manage.All (Design) is refused them", async () => {
  const regional =
    '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="test" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
    '<Actions><SetProperty Id="20" ObjectPathId="5" Name="LocaleId"><Parameter Type="UInt32">1053</Parameter></SetProperty><Method Name="Update" Id="22" ObjectPathId="5" /></Actions>' +
    '<ObjectPaths><StaticProperty Id="1" TypeId="{3747adcd-a3c3-41b9-bfab-4a64dd2f1e0a}" Name="Current" /><Property Id="2" ParentId="1" Name="Web" /><Property Id="5" ParentId="2" Name="RegionalSettings" /></ObjectPaths></Request>';
  const webSettings = async (sharepoint: string[]) => {
    const { c } = await tenant({ appRoles: { sharepoint } });
    const title = await c.sp('POST', '/_api/web', { Title: 'Ny titel' }, { 'x-http-method': 'MERGE' });
    const csom = await c.sp('POST', '/_vti_bin/client.svc/ProcessQuery', regional, { 'content-type': 'text/xml' });
    return { title: title.status, regional: (csom.json[0].ErrorInfo?.ErrorTypeName as string | undefined) ?? 'ok', locale: (await c.sp('GET', '/_api/web/RegionalSettings?$select=LocaleId')).json.LocaleId as number };
  };
  expect(await webSettings(['Sites.Manage.All'])).toEqual({ title: 403, regional: 'System.UnauthorizedAccessException', locale: 1033 });
  // and a hub: registering one (the tenant administrator's), joining one (the site administrator's)
  const { c } = await tenant({ appRoles: { sharepoint: ['Sites.Manage.All'] } });
  expect((await c.sp('POST', '/_api/site/RegisterHubSite')).status).toBe(403);
  expect((await c.sp('POST', "/_api/site/JoinHubSite('00000000-0000-0000-0000-000000000000')")).status).toBe(403);
  // and a site collection's delete (SPSiteManager), as its create
  const root = (await c.sp('GET', '/_api/site?$select=Id')).json.Id as string;
  expect((await c.sp('POST', '/_api/SPSiteManager/delete', { siteId: root })).status).toBe(403);
  const full = await webSettings(['Sites.FullControl.All']);
  expect(full).toMatchObject({ regional: 'ok', locale: 1053 });
  expect(full.title).toBeLessThan(300);
});
