/**
 * The SharePoint face's route tables (src/emulator/sharepoint/routes.ts): no entry is shadowed by
 * an earlier one (the check itself is tested on a table that has one), and, over HTTP, how a path
 * finds its answer where entries meet: names in any case, a missing list answered 404 before a
 * method the list does not take is 405, the first segment no route takes named in the 404,
 * integer arguments, SPSiteManager served on the root site whatever site the URL names, the admin
 * host's own table.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { SpRouteTable, type SpRoute } from '../../src/emulator/sharepoint/route-table.ts';
import { SP_ADMIN_TABLE, SP_TABLE } from '../../src/emulator/sharepoint/routes.ts';
import { certificateToken, start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let listId: string;

beforeAll(async () => {
  ({ t, c } = await start());
  const list = await c.sp('POST', '/_api/web/lists', { Title: 'Route Table List', BaseTemplate: 100 });
  expect(list.status).toBe(201);
  listId = list.json.Id;
});
afterAll(async () => {
  await t?.close();
});

const ok = () => ({ status: 200, headers: {} });

it('no entry of either table is shadowed by an earlier one', () => {
  expect(SP_TABLE.shadowed().map((s) => `${String(s.route.method)} ${s.route.pattern} <- ${String(s.by.method)} ${s.by.pattern}`)).toEqual([]);
  expect(SP_ADMIN_TABLE.shadowed()).toEqual([]);
});

it('the shadowing check finds an entry an earlier one always serves', () => {
  const routes: SpRoute[] = [
    { method: '*', pattern: 'web/lists({list})/{...}', handler: ok },
    { method: 'GET', pattern: 'web/LISTS({x:int})/items', handler: ok },
    { method: ['GET', 'POST'], pattern: 'web/sitegroups(*)', handler: ok },
    { method: 'POST', pattern: 'web/sitegroups({g:int})', handler: ok },
    { method: 'GET', pattern: 'web/sitegroups/users', handler: ok },
    { method: 'DELETE', pattern: 'web/sitegroups', handler: ok },
  ];
  const shadowed = new SpRouteTable(routes, {}).shadowed().map((s) => s.route.pattern);
  expect(shadowed).toEqual(['web/LISTS({x:int})/items', 'web/sitegroups({g:int})']);
});

it('segment names match in any case; arguments keep theirs', async () => {
  expect((await c.sp('GET', "/_api/WEB/Lists/GetByTitle('route table list')")).json.Id).toBe(listId);
  expect((await c.sp('GET', `/_api/Web/LISTS(guid'${listId}')/Fields/GetByInternalNameOrTitle('Title')`)).json.InternalName).toBe('Title');
});

it('a missing list is 404 before a method the list does not take is 405', async () => {
  const missing = "/_api/web/lists(guid'11111111-2222-3333-4444-555555555555')";
  expect((await c.sp('OPTIONS', missing)).status).toBe(404);
  expect((await c.sp('GET', `${missing}/nope`)).status).toBe(404);
  const r = await c.sp('OPTIONS', `/_api/web/lists(guid'${listId}')`);
  expect(r.status).toBe(405);
  expect(r.json['odata.error'].message.value).toBe("The HTTP method 'OPTIONS' cannot be used for this resource.");
});

it('the first segment no route takes is named in the 404; a path that stands at a resource is 405', async () => {
  const r = await c.sp('GET', `/_api/web/lists(guid'${listId}')/nope/more`);
  expect(r.status).toBe(404);
  expect(r.json['odata.error'].message.value).toBe('Cannot find resource for the request nope.');
  // `sitegroups` takes an integer: `sitegroups(x)` is no route's
  expect((await c.sp('GET', '/_api/web/sitegroups(x)')).json['odata.error'].message.value).toBe('Cannot find resource for the request sitegroups.');
  // a group that does not exist is the group's 404, also below it
  expect((await c.sp('GET', '/_api/web/sitegroups(99999)/users')).json['odata.error'].message.value).toBe('Group cannot be found.');
  expect((await c.sp('GET', '/_api/')).status).toBe(405);
});

it('SPSiteManager is served on the root site whatever site the URL names; other paths need their site', async () => {
  const status = "SPSiteManager/status?url='https://contoso.sharepoint.com/sites/none'";
  const r = await c.sp('GET', `/sites/does-not-exist/_api/${status}`);
  expect(r.status).toBe(200);
  expect(r.json.SiteStatus).toBe(0);
  expect((await c.sp('GET', '/sites/does-not-exist/_api/web')).json['odata.error'].code).toBe('-2147024894, System.IO.FileNotFoundException');
  expect((await c.sp('POST', '/_api/SPSiteManager/nope', {})).json['odata.error'].message.value).toBe('Cannot find resource for the request SPSiteManager/nope.');
});

it("the admin host has its own table: its contextinfo takes POST only, and an unknown path names its first segment", async () => {
  const adminHost = t.sharepointHost.replace('.sharepoint.com', '-admin.sharepoint.com');
  const token = (await certificateToken(t, `https://${adminHost}/.default`)).json.access_token as string;
  const admin = (method: string, p: string) => c.sp(method, p, method === 'GET' ? undefined : {}, { authorization: `Bearer ${token}`, 'x-forwarded-host': adminHost });
  const digest = await admin('POST', '/_api/contextinfo');
  expect(digest.status).toBe(200);
  expect(digest.json.WebFullUrl).toBe(`https://${adminHost}`);
  expect((await admin('GET', '/_api/contextinfo')).status).toBe(405);
  const r = await admin('GET', '/_api/SPO.Tenant/nope');
  expect(r.status).toBe(404);
  expect(r.json['odata.error'].message.value).toBe('Cannot find resource for the request SPO.Tenant.');
  // a site's routes are not the admin host's
  expect((await admin('GET', '/_api/web')).status).toBe(404);
});

it('a segment name holding the lookup key separators (%00, %01) is no other path: it neither borrows nor blocks a cached answer', async () => {
  // one segment named `web\x01n\x00lists` is not `web/lists`
  expect((await c.sp('GET', '/_api/web/lists')).status).toBe(200);
  const crafted = await c.sp('GET', '/_api/web%01n%00lists');
  expect(crafted.status).toBe(404);
  // and asked first, it does not make the real path's answer a 404
  expect((await c.sp('GET', "/_api/web%01n%00sitegroups%01n%00getbyname('Route Table Group')")).status).toBe(404);
  const g = await c.sp('POST', '/_api/web/sitegroups', { Title: 'Route Table Group' });
  expect(g.status).toBe(201);
  expect((await c.sp('GET', "/_api/web/sitegroups/getbyname('Route Table Group')")).status).toBe(200);
  // nor does a crafted path reach an entry's resolvers without its segments (500)
  expect((await c.sp('GET', `/_api/web%01n%00sitegroups(${g.json.Id as number})`)).status).toBe(404);
});
