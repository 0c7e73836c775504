/**
 * `$select` on the SharePoint-backed Graph routes (sites, lists, columns, content types and a
 * content type's `$expand=columns($select=…)`), over real HTTP: a name the entity type does not
 * declare in Graph v1.0's metadata is the service's 400 naming it and the type, never silently
 * dropped; a declared one (structural or navigation, in any case) is served. The table the
 * routes check against is compared with the reference metadata itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { COLUMN_TYPE, CONTENT_TYPE_TYPE, LIST_TYPE, SITE_TYPE } from '../../src/emulator/graph/sharepoint-schema.ts';
import { declaredNames, referenceNames } from './conformance-helpers.ts';
import { newGroup, start, uniq, type Client } from './helpers.ts';

const G = 'https://graph.microsoft.com/v1.0';

let t: LocalTenant;
let c: Client;
const S = '/sites/root';
let listId = '';
let columnId = '';
let ctId = '';

beforeAll(async () => {
  ({ t, c } = await start());
  const list = await c.graph('POST', `${S}/lists`, { displayName: uniq('Select'), list: { template: 'genericList' } });
  expect(list.status).toBe(201);
  listId = list.json.id;
  const col = await c.graph('POST', `${S}/columns`, { name: uniq('SelCol'), text: {} });
  expect(col.status).toBe(201);
  columnId = col.json.id;
  const ct = await c.graph('POST', `${S}/contentTypes`, { name: uniq('SelCt'), base: { id: '0x0101' } });
  expect(ct.status).toBe(201);
  ctId = ct.json.id;
  expect((await c.graph('POST', `${S}/contentTypes/${ctId}/columns`, { 'sourceColumn@odata.bind': `${G}/sites/root/columns/${columnId}` })).status).toBe(200);
});
afterAll(async () => t?.close());

/** The routes by the type they answer, each with `$select=` (or `$expand=columns($select=`) to complete. */
const routes = (): [string, string][] => [
  [`${S}?$select=`, 'site'],
  [`/sites?search=*&$select=`, 'site'],
  [`${S}/lists?$select=`, 'list'],
  [`${S}/lists/${listId}?$select=`, 'list'],
  [`${S}/columns?$select=`, 'columnDefinition'],
  [`${S}/columns/${columnId}?$select=`, 'columnDefinition'],
  [`${S}/lists/${listId}/columns?$select=`, 'columnDefinition'],
  [`${S}/contentTypes?$select=`, 'contentType'],
  [`${S}/contentTypes/${ctId}?$select=`, 'contentType'],
  [`${S}/lists/${listId}/contentTypes?$select=`, 'contentType'],
  [`${S}/contentTypes/${ctId}/columns?$select=`, 'columnDefinition'],
  [`${S}/contentTypes/${ctId}/columns/${columnId}?$select=`, 'columnDefinition'],
];

describe('a name the type does not declare', () => {
  it('is 400 BadRequest naming it and the type, on every route kind', async () => {
    for (const [p, type] of routes()) {
      const r = await c.graph('GET', `${p}name,colour`);
      expect(r.status, p).toBe(400);
      expect(r.json.error, p).toMatchObject({ code: 'BadRequest', message: `Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.${type}'.` });
    }
  });

  it('inside a content type\'s $expand=columns($select=…) is 400 naming columnDefinition', async () => {
    const r = await c.graph('GET', `${S}/contentTypes/${ctId}?$expand=columns($select=name,Colour)`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'BadRequest', message: "Parsing OData Select and Expand failed: Could not find a property named 'Colour' on type 'microsoft.graph.columnDefinition'." });
  });

  it('a property of another type is refused: webTemplate is SharePoint REST\'s, not Graph\'s site', async () => {
    const r = await c.graph('GET', `/sites?search=*&$select=id,webTemplate`);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'webTemplate' on type 'microsoft.graph.site'.");
    // `fields` is a listItem's, `group` a content type's: neither is a columnDefinition's
    expect((await c.graph('GET', `${S}/lists?$select=fields`)).status).toBe(400);
    expect((await c.graph('GET', `${S}/columns?$select=group`)).status).toBe(400);
  });

  it('through a group\'s site and in a $batch, the same answer', async () => {
    const g = await newGroup(c, uniq('sel'));
    const r = await c.graph('GET', `/groups/${g.id}/sites/root/lists?$select=colour`);
    expect(r.status).toBe(400);
    expect(r.json.error.message).toContain("'colour' on type 'microsoft.graph.list'");
    const b = await c.graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: `/sites/root/columns?$select=colour` }] });
    expect(b.status).toBe(200);
    expect(b.json.responses[0]).toMatchObject({ status: 400, body: { error: { code: 'BadRequest' } } });
  });

  it('a path below a property: an unknown first segment is the service\'s 400, a known one is not served', async () => {
    const unknown = await c.graph('GET', `${S}/lists?$select=colour/x`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain("Could not find a property named 'colour' on type 'microsoft.graph.list'");
    const path = await c.graph('GET', `${S}/lists?$select=list/template`);
    expect(path.status).toBe(400);
    expect(path.json.error.message).toContain("'list/template'");
  });
});

describe('a declared name', () => {
  it('is served in any case, answered with the property\'s own name', async () => {
    const site = await c.graph('GET', `${S}?$select=ID,DisplayName,webURL`);
    expect(site.status).toBe(200);
    expect(Object.keys(site.json).filter((k) => !k.startsWith('@')).sort()).toEqual(['displayName', 'id', 'webUrl']);
    const lists = await c.graph('GET', `${S}/lists?$select=Name,displayname,LIST`);
    expect(lists.status).toBe(200);
    expect(Object.keys(lists.json.value[0]).sort()).toEqual(['displayName', 'list', 'name']);
    const cols = await c.graph('GET', `${S}/columns?$select=NAME,Hidden,ReadOnly`);
    expect(cols.status).toBe(200);
    expect(Object.keys(cols.json.value[0]).sort()).toEqual(['hidden', 'name', 'readOnly']);
    const types = await c.graph('GET', `${S}/contentTypes?$select=Name,parentID`);
    expect(types.status).toBe(200);
    expect(Object.keys(types.json.value[0]).sort()).toEqual(['name', 'parentId']);
    const type = await c.graph('GET', `${S}/contentTypes/${ctId}?$select=NAME`);
    expect(type.status).toBe(200);
    expect(Object.keys(type.json).filter((k) => !k.startsWith('@'))).toEqual(['name']);
    const linked = await c.graph('GET', `${S}/contentTypes/${ctId}/columns?$select=Name,REQUIRED`);
    expect(linked.status).toBe(200);
    expect(Object.keys(linked.json.value[0]).sort()).toEqual(['name', 'required']);
    const one = await c.graph('GET', `${S}/contentTypes/${ctId}/columns/${columnId}?$select=ID`);
    expect(one.status).toBe(200);
    expect(Object.keys(one.json).filter((k) => !k.startsWith('@'))).toEqual(['id']);
    const expanded = await c.graph('GET', `${S}/contentTypes/${ctId}?$select=id&$expand=columns($select=Name,Required)`);
    expect(expanded.status).toBe(200);
    expect(Object.keys(expanded.json).filter((k) => !k.startsWith('@')).sort()).toEqual(['columns', 'id']);
    expect(expanded.json.columns).toContainEqual({ name: expect.any(String), required: false });
  });

  it('a navigation property, an inherited one and * are accepted', async () => {
    for (const p of [`${S}?$select=id,lists,createdByUser`, `${S}/lists/${listId}?$select=columns,eTag`, `${S}/columns?$select=sourceColumn,id`, `${S}/contentTypes/${ctId}?$select=base,columns`, `${S}?$select=*`]) {
      expect((await c.graph('GET', p)).status, p).toBe(200);
    }
  });
});

it('the tables are the v1.0 metadata\'s declared properties, inherited and navigation ones included', () => {
  expect(declaredNames(SITE_TYPE), 'site').toEqual(referenceNames('site'));
  expect(declaredNames(LIST_TYPE), 'list').toEqual(referenceNames('list'));
  expect(declaredNames(COLUMN_TYPE), 'columnDefinition').toEqual(referenceNames('columnDefinition'));
  expect(declaredNames(CONTENT_TYPE_TYPE), 'contentType').toEqual(referenceNames('contentType'));
});
