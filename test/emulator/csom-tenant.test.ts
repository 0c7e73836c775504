/**
 * CSOM on the tenant admin host (src/emulator/sharepoint/csom-tenant.ts), over real HTTP as CLI for
 * Microsoft 365 sends it (`spo.siteExistsInTheRecycleBin`): `Tenant.GetDeletedSitePropertiesByUrl`
 * answers a site deleted from the URL while it is in the recycle bin, `UnknownError` for a URL with
 * none (a live site included), and an app without Sites.FullControl.All is refused.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { certificateToken, start, type Client } from './helpers.ts';
import { DELETED_PAGE } from '../../src/emulator/sharepoint/csom-tenant.ts';

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
