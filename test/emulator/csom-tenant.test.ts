/**
 * CSOM on the tenant admin host (src/emulator/sharepoint/csom-tenant.ts), over real HTTP as CLI for
 * Microsoft 365 sends it (`spo.siteExistsInTheRecycleBin`): `Tenant.GetDeletedSitePropertiesByUrl`
 * answers a site deleted from the URL while it is in the recycle bin, `UnknownError` for a URL with
 * none (a live site included), and an app without Sites.FullControl.All is refused. The recycle bin
 * and the live sites (`GetSitePropertiesFromSharePointByFilters`) are listed a page at a time.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { certificateToken, start, type Client } from './helpers.ts';
import { DELETED_PAGE } from '../../src/emulator/sharepoint/csom-tenant.ts';
import { LISTED_PAGE } from '../../src/emulator/sharepoint/csom-tenant-sites.ts';
import { groupSite, newGroup } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let adminToken: string;
beforeAll(async () => {
  ({ t, c } = await start());
  adminToken = (await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default')).json.access_token as string;
});
afterAll(async () => t?.close());

const byUrl = (url: string) =>
  '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="CLI for Microsoft 365" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
  '<Actions><ObjectPath Id="181" ObjectPathId="180" /><Query Id="182" ObjectPathId="180"><Query SelectAllProperties="true"><Properties /></Query></Query></Actions>' +
  `<ObjectPaths><Method Id="180" ParentId="175" Name="GetDeletedSitePropertiesByUrl"><Parameters><Parameter Type="String">${url}</Parameter></Parameters></Method><Constructor Id="175" TypeId="{268004ae-ef6b-4e9b-8425-127220d84719}" /></ObjectPaths></Request>`;

async function adminCsom(body: string, token = adminToken): Promise<unknown[]> {
  const r = await fetch(`${t.url}/_vti_bin/client.svc/ProcessQuery`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-host': 'contoso-admin.sharepoint.com', 'content-type': 'text/xml' },
    body,
  });
  expect(r.status).toBe(200);
  return (await r.json()) as unknown[];
}

async function commSite(name: string): Promise<string> {
  const made = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: name, Url: `https://contoso.sharepoint.com/sites/${name}`, Owner: 'admin@contoso.onmicrosoft.com', Lcid: 1033 } });
  expect(made.status).toBe(200);
  return (made.json.SiteId as string).replace(/[{}]/g, '');
}

test('a site deleted from a URL is found in the recycle bin; a live site and a URL never used are UnknownError', async () => {
  const id = await commSite('recycled-one');
  const live = await adminCsom(byUrl('https://contoso.sharepoint.com/sites/recycled-one'));
  expect(live[0]).toMatchObject({ ErrorInfo: { ErrorTypeName: 'Microsoft.SharePoint.Client.UnknownError' } });
  expect((await c.sp('POST', '/_api/SPSiteManager/delete', { siteId: id })).status).toBe(204);
  const found = await adminCsom(byUrl('https://contoso.sharepoint.com/sites/Recycled-One'));
  expect(found[0]).toMatchObject({ ErrorInfo: null });
  expect(found.slice(1, 3)).toEqual([181, { IsNull: false }]);
  expect(found[3]).toBe(182);
  expect(found[4]).toMatchObject({
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.DeletedSiteProperties',
    Status: 'Recycled',
    DaysRemaining: 93,
    SiteId: `/Guid(${id})/`,
    DeletionTime: expect.stringMatching(/^\/Date\(\d{4},\d{1,2},\d{1,2},\d{1,2},\d{1,2},\d{1,2},\d{1,3}\)\/$/),
  });
  const never = await adminCsom(byUrl('https://contoso.sharepoint.com/sites/never-made'));
  expect(never[0]).toMatchObject({ ErrorInfo: { ErrorTypeName: 'Microsoft.SharePoint.Client.UnknownError' } });
});

test('the admin host is one site: CSOM under a path of one of the tenant\'s sites there is not found', async () => {
  await commSite('admin-path');
  const r = await fetch(`${t.url}/sites/admin-path/_vti_bin/client.svc/ProcessQuery`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'x-forwarded-host': 'contoso-admin.sharepoint.com', 'content-type': 'text/xml' },
    body: byUrl('https://contoso.sharepoint.com/sites/admin-path'),
  });
  expect(r.status).toBe(404);
});

test('the tenant admin CSOM needs Sites.FullControl.All; a method it does not emulate is refused by name', async () => {
  const limited = await start(undefined, { appRoles: { sharepoint: ['Sites.Read.All'] } });
  try {
    const token = (await certificateToken(limited.t, 'https://contoso-admin.sharepoint.com/.default')).json.access_token as string;
    const r = await fetch(`${limited.t.url}/_vti_bin/client.svc/ProcessQuery`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-host': 'contoso-admin.sharepoint.com', 'content-type': 'text/xml' },
      body: byUrl('https://contoso.sharepoint.com/sites/x'),
    });
    expect(((await r.json()) as unknown[])[0]).toMatchObject({ ErrorInfo: { ErrorTypeName: 'System.UnauthorizedAccessException' } });
  } finally {
    await limited.t.close();
  }
  const other = await adminCsom(byUrl('x').replace('GetDeletedSitePropertiesByUrl', 'RemoveDeletedSite'));
  expect(other[0]).toMatchObject({ ErrorInfo: { ErrorMessage: expect.stringContaining('the method RemoveDeletedSite'), ErrorTypeName: 'Microsoft.SharePoint.Client.ClientServiceException' } });
});

const deletedPage = (start: string | null) =>
  '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="CLI for Microsoft 365" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
  '<Actions><ObjectPath Id="4" ObjectPathId="3" /><ObjectPath Id="6" ObjectPathId="5" /><Query Id="7" ObjectPathId="5"><Query SelectAllProperties="true"><Properties><Property Name="NextStartIndexFromSharePoint" ScalarProperty="true" /></Properties></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Query></Actions>' +
  `<ObjectPaths><Constructor Id="3" TypeId="{268004ae-ef6b-4e9b-8425-127220d84719}" /><Method Id="5" ParentId="3" Name="GetDeletedSitePropertiesFromSharePoint"><Parameters>${start === null ? '<Parameter Type="Null" />' : `<Parameter Type="String">${start}</Parameter>`}</Parameters></Method></ObjectPaths></Request>`;

test('the recycle bin is listed a page at a time, from a null or "0" start, until NextStartIndexFromSharePoint is null; a start it did not give is refused', async () => {
  for (let i = 0; i < DELETED_PAGE + 3; i++) {
    const id = await commSite(`listed-${i}`);
    expect((await c.sp('POST', '/_api/SPSiteManager/delete', { siteId: id })).status).toBe(204);
  }
  const urls: string[] = [];
  let start: string | null = null;
  let pages = 0;
  do {
    const answer = await adminCsom(deletedPage(start));
    expect(answer[0]).toMatchObject({ ErrorInfo: null });
    const list = answer[answer.indexOf(7) + 1] as { _ObjectType_: string; NextStartIndexFromSharePoint: string | null; _Child_Items_: { Url: string; Status: string }[] };
    expect(list._ObjectType_).toBe('Microsoft.Online.SharePoint.TenantAdministration.SPODeletedSitePropertiesEnumerable');
    expect(list._Child_Items_.length).toBeLessThanOrEqual(DELETED_PAGE);
    expect(list._Child_Items_.every((s) => s.Status === 'Recycled')).toBe(true);
    urls.push(...list._Child_Items_.map((s) => s.Url));
    start = list.NextStartIndexFromSharePoint;
    pages++;
  } while (start !== null && pages < 10);
  expect(pages).toBeGreaterThanOrEqual(2);
  for (let i = 0; i < DELETED_PAGE + 3; i++) expect(urls).toContain(`https://contoso.sharepoint.com/sites/listed-${i}`);
  expect(new Set(urls).size).toBe(urls.length);
  const first = await adminCsom(deletedPage('0'));
  expect((first[first.indexOf(7) + 1] as { _Child_Items_: unknown[] })._Child_Items_).toHaveLength(DELETED_PAGE);
  const bad = await adminCsom(deletedPage('not-a-start'));
  expect(bad[0]).toMatchObject({ ErrorInfo: { ErrorTypeName: 'System.ArgumentException' } });
});

const livePage = (start: string, template = '', filter = '') =>
  '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="CLI for Microsoft 365" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
  '<Actions><ObjectPath Id="2" ObjectPathId="1" /><ObjectPath Id="4" ObjectPathId="3" /><Query Id="5" ObjectPathId="3"><Query SelectAllProperties="true"><Properties /></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Query></Actions>' +
  '<ObjectPaths><Constructor Id="1" TypeId="{268004ae-ef6b-4e9b-8425-127220d84719}" /><Method Id="3" ParentId="1" Name="GetSitePropertiesFromSharePointByFilters"><Parameters><Parameter TypeId="{b92aeee2-c92c-4b67-abcc-024e471bc140}">' +
  `<Property Name="Filter" Type="String">${filter}</Property><Property Name="IncludeDetail" Type="Boolean">false</Property><Property Name="IncludePersonalSite" Type="Enum">0</Property><Property Name="StartIndex" Type="String">${start}</Property><Property Name="Template" Type="String">${template}</Property>` +
  '</Parameter></Parameters></Method></ObjectPaths></Request>';

interface ListedSite {
  Url: string;
  Title: string;
  Template: string;
  GroupId: string;
  Status: string;
}

async function listLive(template = ''): Promise<{ sites: ListedSite[]; pages: number }> {
  const sites: ListedSite[] = [];
  let start: string | null = '0';
  let pages = 0;
  while (start !== null && pages < 20) {
    const answer = await adminCsom(livePage(start, template));
    expect(answer[0]).toMatchObject({ ErrorInfo: null });
    const list = answer[answer.indexOf(5) + 1] as { _ObjectType_: string; NextStartIndexFromSharePoint: string | null; _Child_Items_: ListedSite[] };
    expect(list._ObjectType_).toBe('Microsoft.Online.SharePoint.TenantAdministration.SPOSitePropertiesEnumerable');
    expect(list._Child_Items_.length).toBeLessThanOrEqual(LISTED_PAGE);
    sites.push(...list._Child_Items_);
    start = list.NextStartIndexFromSharePoint;
    pages++;
  }
  return { sites, pages };
}

test('live sites are listed a page at a time with their template and group; a deleted one is not; a Filter is refused by name, a bad start too', async () => {
  for (let i = 0; i < LISTED_PAGE + 2; i++) await commSite(`live-${i}`);
  const gone = await commSite('live-gone');
  expect((await c.sp('POST', '/_api/SPSiteManager/delete', { siteId: gone })).status).toBe(204);
  const group = await newGroup(c, 'livegroup');
  let site: { webUrl: string } | undefined;
  for (let i = 0; i < 200 && !site; i++) {
    site = await groupSite(c, group.id).catch(() => undefined);
    if (!site) await new Promise((r) => setTimeout(r, 50));
  }
  expect(site).toBeDefined();

  const all = await listLive();
  expect(all.pages).toBeGreaterThanOrEqual(2);
  const urls = all.sites.map((s) => s.Url);
  expect(new Set(urls).size).toBe(urls.length);
  for (let i = 0; i < LISTED_PAGE + 2; i++) expect(urls).toContain(`https://contoso.sharepoint.com/sites/live-${i}`);
  expect(urls).not.toContain('https://contoso.sharepoint.com/sites/live-gone');
  expect(all.sites.find((s) => s.Url === 'https://contoso.sharepoint.com/sites/live-0')).toMatchObject({ Template: 'SITEPAGEPUBLISHING#0', GroupId: '/Guid(00000000-0000-0000-0000-000000000000)/', Status: 'Active', Title: 'live-0' });
  expect(all.sites.find((s) => s.Url === site!.webUrl)).toMatchObject({ Template: 'GROUP#0', GroupId: `/Guid(${group.id})/` });

  const groups = await listLive('GROUP#0');
  expect(groups.sites.map((s) => s.Url)).toContain(site!.webUrl);
  expect(groups.sites.every((s) => s.Template === 'GROUP#0')).toBe(true);

  const filtered = await adminCsom(livePage('0', '', "Url -like 'live'"));
  expect(filtered[0]).toMatchObject({ ErrorInfo: { ErrorMessage: expect.stringContaining("Filter (Url -like 'live')"), ErrorTypeName: 'Microsoft.SharePoint.Client.ClientServiceException' } });
  const bad = await adminCsom(livePage('x'));
  expect(bad[0]).toMatchObject({ ErrorInfo: { ErrorTypeName: 'System.ArgumentException' } });
});
