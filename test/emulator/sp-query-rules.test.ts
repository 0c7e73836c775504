/**
 * SharePoint REST `$filter` / `$select` as strict as the service (OData v3): `contains()` is not
 * SharePoint's (it has `substringof`), and a property or column that does not exist is a 400.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
const NOMETA = { accept: 'application/json;odata=nometadata' };
beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => t?.close());

const q = (s: string) => encodeURIComponent(s);

test("$filter=contains(...) is refused; substringof and startswith are SharePoint's and work", async () => {
  const refused = await c.sp('GET', `/_api/web/lists?$filter=${q("contains(Title,'Doc')")}`, undefined, NOMETA);
  expect(refused.status).toBe(400);
  expect(refused.json['odata.error'].code).toBe('-1, Microsoft.SharePoint.Client.InvalidClientQueryException');
  expect(refused.json['odata.error'].message.value).toBe(`The expression "contains(Title,'Doc')" is not valid.`);
  for (const f of ["substringof('ocum',Title)", "startswith(Title,'Docu')"]) {
    const ok = await c.sp('GET', `/_api/web/lists?$select=Title&$filter=${q(f)}`, undefined, NOMETA);
    expect(ok.status, f).toBe(200);
    expect(ok.json.value.map((l: { Title: string }) => l.Title), f).toEqual(['Documents']);
  }
  // endswith and lambdas are not SharePoint REST's either
  expect((await c.sp('GET', `/_api/web/fields?$filter=${q("endswith(Title,'x')")}`, undefined, NOMETA)).status).toBe(400);
});

test('$filter and $select on a property that does not exist are refused (400), on collections and entities', async () => {
  const filter = await c.sp('GET', `/_api/web/lists?$filter=${q("Nope eq 'x'")}`, undefined, NOMETA);
  expect(filter.status).toBe(400);
  expect(filter.json['odata.error']).toEqual({ code: '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', message: { lang: 'en-US', value: "The field or property 'Nope' does not exist." } });
  const select = await c.sp('GET', '/_api/web/lists?$select=Title,Nope', undefined, NOMETA);
  expect(select.status).toBe(400);
  expect(select.json['odata.error'].message.value).toBe("The field or property 'Nope' does not exist.");
  expect((await c.sp('GET', '/_api/web?$select=Nope', undefined, NOMETA)).status).toBe(400);
  expect((await c.sp('GET', '/_api/web?$select=Title,ServerRelativeUrl', undefined, NOMETA)).json).toEqual({ Title: expect.any(String), ServerRelativeUrl: '/' });
  // a navigation property is known; its sub-properties come with $expand
  const lists = await c.sp('GET', '/_api/web/lists?$select=Title,RootFolder/ServerRelativeUrl&$expand=RootFolder', undefined, NOMETA);
  expect(lists.status).toBe(200);
  expect(lists.json.value.find((l: { Title: string }) => l.Title === 'Documents').RootFolder.ServerRelativeUrl).toBe('/Shared Documents');
});

test('$expand of a name that is not a navigation is refused (400) where it was dropped; a navigation an entity lacks is not', async () => {
  for (const path of ['/_api/web?$expand=ZzBogus', '/_api/web/lists?$expand=ZzBogus', '/_api/web?$expand=Title', '/_api/web/roleDefinitions?$expand=Member', '/_api/web/siteGroups?$select=Title&$expand=Users,Ownerz']) {
    const r = await c.sp('GET', path, undefined, NOMETA);
    expect(r.status, path).toBe(400);
    expect(r.json['odata.error'].message.value, path).toBe(`The field or property '${/(ZzBogus|Title|Member|Ownerz)$/.exec(path)![1]}' does not exist.`);
  }
  // navigations are expanded as before: a group's owner and users, a list's root folder and fields
  const groups = await c.sp('GET', '/_api/web/siteGroups?$select=Title,Owner/Title,Users/Title&$expand=Owner,Users', undefined, NOMETA);
  expect(groups.status).toBe(200);
  expect(groups.json.value[0].Owner.Title).toMatch(/Owners$/);
  const lists = await c.sp('GET', '/_api/web/lists?$select=Title,RootFolder/ServerRelativeUrl&$expand=RootFolder,Fields', undefined, NOMETA);
  expect(lists.status).toBe(200);
  expect(lists.json.value.every((l: { RootFolder?: { ServerRelativeUrl?: string } }) => typeof l.RootFolder?.ServerRelativeUrl === 'string')).toBe(true);
});

test('list items: a $filter on a column the list does not have is "Column ... does not exist" (400)', async () => {
  const site = (await c.graph('GET', '/sites/contoso.sharepoint.com:/')).json;
  const list = (await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Rules', list: { template: 'genericList' } })).json;
  await c.graph('POST', `/sites/${site.id}/lists/${list.id}/items`, { fields: { Title: 'A' } });
  const r = await c.sp('GET', `/_api/web/lists(guid'${list.id}')/items?$filter=${q("Nope eq 'x'")}`, undefined, NOMETA);
  expect(r.status).toBe(400);
  expect(r.json['odata.error']).toEqual({ code: '-2147024809, System.ArgumentException', message: { lang: 'en-US', value: "Column 'Nope' does not exist. It may have been deleted by another user." } });
  const contains = await c.sp('GET', `/_api/web/lists(guid'${list.id}')/items?$filter=${q("contains(Title,'A')")}`, undefined, NOMETA);
  expect(contains.status).toBe(400);
  const ok = await c.sp('GET', `/_api/web/lists(guid'${list.id}')/items?$select=Title&$filter=${q("substringof('A',Title)")}`, undefined, NOMETA);
  expect(ok.json.value).toEqual([{ Title: 'A' }]);
});
