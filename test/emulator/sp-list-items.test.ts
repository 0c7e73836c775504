/**
 * What common clients call and the local tenant now serves as the service does: SharePoint REST
 * list items (as `m365 spo listitem list` reads them: `$select`, `$filter`, `$top` and
 * `$skiptoken` paging), `_api/contextinfo` on the admin host, and a new list's full set of
 * built-in fields (template 100 and 101).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { certificateToken, start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let siteId: string;
let listId: string;
const NOMETA = { accept: 'application/json;odata=nometadata' };
beforeAll(async () => {
  ({ t, c } = await start());
  siteId = (await c.graph('GET', '/sites/contoso.sharepoint.com:/')).json.id;
  listId = (await c.graph('POST', `/sites/${siteId}/lists`, { displayName: 'Cases', list: { template: 'genericList' } })).json.id;
  for (let i = 1; i <= 7; i++) expect((await c.graph('POST', `/sites/${siteId}/lists/${listId}/items`, { fields: { Title: `Case ${i}` } })).status).toBe(201);
});
afterAll(async () => t?.close());

test('items are read page by page as the CLI reads them: $top, odata.nextLink with $skiptoken=Paged=TRUE&p_ID=', async () => {
  const seen: string[] = [];
  let url: string | null = `/_api/web/lists(guid'${listId}')/items?$top=3&$select=${encodeURIComponent('Title,Id')}`;
  let pages = 0;
  while (url) {
    const r = await c.sp('GET', url, undefined, NOMETA);
    expect(r.status).toBe(200);
    seen.push(...r.json.value.map((i: { Id: number; Title: string }) => `${i.Id}:${i.Title}`));
    const next = r.json['odata.nextLink'] as string | undefined;
    url = next ? next.replace(/^https:\/\/contoso\.sharepoint\.com/, '') : null;
    pages++;
  }
  expect(pages).toBe(3);
  expect(seen).toEqual(['1:Case 1', '2:Case 2', '3:Case 3', '4:Case 4', '5:Case 5', '6:Case 6', '7:Case 7']);
});

test('as odata.getAllItems of CLI for Microsoft 365 reads them (OData v4, metadata none): @odata.nextLink until the end', async () => {
  const h = { accept: 'application/json;odata.metadata=none', 'odata-version': '4.0' };
  const ids: number[] = [];
  let url: string | null = `/_api/web/lists/getByTitle('Cases')/items?$top=5&$select=${encodeURIComponent('Title,Id')}`;
  while (url) {
    const r = await c.sp('GET', url, undefined, h);
    expect(r.status).toBe(200);
    // selecting Id brings ID too, as the service does (the CLI deletes `ID` from what it prints)
    expect(Object.keys(r.json.value[0]).sort()).toEqual(['ID', 'Id', 'Title']);
    ids.push(...r.json.value.map((i: { Id: number }) => i.Id));
    const next = r.json['@odata.nextLink'] as string | undefined;
    url = next ? next.replace(/^https:\/\/contoso\.sharepoint\.com/, '') : null;
  }
  expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
});

test('by title, with $filter, one item by id; without $select the service default properties', async () => {
  const r = await c.sp('GET', `/_api/web/lists/getbytitle('cases')/items?$filter=${encodeURIComponent("Title eq 'Case 5'")}`, undefined, NOMETA);
  expect(r.status).toBe(200);
  expect(r.json.value).toHaveLength(1);
  expect(r.json.value[0]).toMatchObject({ FileSystemObjectType: 0, Id: 5, ID: 5, Title: 'Case 5', AuthorId: expect.any(Number), EditorId: expect.any(Number), OData__UIVersionString: '1.0', Attachments: false });
  expect(r.json.value[0].ContentTypeId).toMatch(/^0x0100[0-9A-F]{32}$/);
  const one = await c.sp('GET', `/_api/web/lists(guid'${listId}')/items(2)?$select=Title,FileLeafRef`, undefined, { accept: 'application/json;odata=verbose' });
  expect(one.json.d).toMatchObject({ __metadata: { type: 'SP.Data.CasesListItem', etag: '"1"' }, Title: 'Case 2', FileLeafRef: '2_.000' });
  const missing = await c.sp('GET', `/_api/web/lists(guid'${listId}')/items(99)`, undefined, NOMETA);
  expect(missing.status).toBe(404);
  expect(missing.json['odata.error'].message.value).toBe('Item does not exist. It may have been deleted by another user.');
});

test('_api/contextinfo on the admin host answers a form digest for the admin URL', async () => {
  const admin = await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default');
  const h = { ...NOMETA, 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${admin.json.access_token as string}` };
  const r = await c.sp('POST', '/_api/contextinfo', undefined, h);
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ FormDigestTimeoutSeconds: 1800, WebFullUrl: 'https://contoso-admin.sharepoint.com', SiteFullUrl: 'https://contoso-admin.sharepoint.com' });
  expect(r.json.FormDigestValue).toMatch(/^0x[0-9A-F]{128},/);
  expect((await c.sp('GET', '/_api/contextinfo', undefined, h)).status).toBe(405);
});

interface Field {
  InternalName: string;
  TypeAsString: string;
  Hidden: boolean;
  ReadOnlyField: boolean;
  Required: boolean;
  Id: string;
}

test("a new generic list and a new library have the service's built-in fields, with their ids, types and flags", async () => {
  const fields = async (id: string): Promise<Map<string, Field>> => {
    const r = await c.sp('GET', `/_api/web/lists(guid'${id}')/fields?$select=InternalName,TypeAsString,Hidden,ReadOnlyField,Required,Id`, undefined, NOMETA);
    return new Map((r.json.value as Field[]).map((f) => [f.InternalName, f]));
  };
  const generic = await fields(listId);
  expect(generic.size).toBeGreaterThan(50);
  expect(generic.get('ID')).toMatchObject({ TypeAsString: 'Counter', ReadOnlyField: true, Hidden: false, Id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1' });
  expect(generic.get('Title')).toMatchObject({ TypeAsString: 'Text', Required: true, Hidden: false });
  expect(generic.get('Attachments')).toMatchObject({ TypeAsString: 'Attachments', Id: '67df98f4-9dec-48ff-a553-29bece9c5bf4' });
  expect(generic.get('ContentType')).toMatchObject({ TypeAsString: 'Computed', Hidden: false });
  expect(generic.get('ContentTypeId')).toMatchObject({ TypeAsString: 'ContentTypeId', Hidden: true, ReadOnlyField: true });
  expect(generic.get('FileLeafRef')).toMatchObject({ TypeAsString: 'File', Hidden: true });
  expect(generic.get('_ModerationStatus')).toMatchObject({ TypeAsString: 'ModStat', Hidden: true, ReadOnlyField: true });
  for (const n of ['Created', 'Modified', 'Author', 'Editor', 'LinkTitle', 'LinkTitleNoMenu', 'Edit', 'GUID', 'FileRef', 'FileDirRef', 'UniqueId', '_UIVersionString', 'owshiddenversion', 'AppAuthor', 'AppEditor']) expect(generic.has(n), n).toBe(true);

  const libId = (await c.graph('POST', `/sites/${siteId}/lists`, { displayName: 'Records', list: { template: 'documentLibrary' } })).json.id;
  const lib = await fields(libId);
  expect(lib.get('FileLeafRef')).toMatchObject({ TypeAsString: 'File', Required: true, Hidden: false });
  expect(lib.get('Title')).toMatchObject({ Required: false });
  expect(lib.has('Attachments')).toBe(false);
  expect(lib.has('LinkTitle')).toBe(false);
  for (const n of ['CheckoutUser', '_CheckinComment', 'File_x0020_Size', 'FileSizeDisplay', 'LinkFilename', 'DocIcon', 'Modified_x0020_By']) expect(lib.has(n), n).toBe(true);
  // the field a blueprint names "Order" does not take the built-in's internal name
  const added = await c.sp('POST', `/_api/web/lists(guid'${listId}')/fields/createfieldasxml`, { parameters: { SchemaXml: '<Field Type="Number" DisplayName="Order" />' } }, NOMETA);
  expect(added.json.InternalName).toBe('Order0');
});
