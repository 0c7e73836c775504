/**
 * `$expand` and `$select` on the Graph routes that used to take them loosely, over real HTTP:
 * a list's `$expand` (once matched by prefix: `columnsXYZ` counted as `columns`, other names were
 * ignored, a nested `$select` neither checked nor applied), a list item's `$select` (ignored) and
 * `$expand=fields(...)` (matched by prefix, its nested `$select` ignored), and `$select` on
 * `/organization`, `/teams` and `/groups/{id}/drive` (never checked). Each refusal is the service's
 * answer, or says the local tenant does not serve what was asked; the accepted forms, in any case,
 * are applied. The engine's own reads (`items?$expand=fields`, `lists?$select=…`) are among them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { DRIVE_TYPE, LIST_ITEM_TYPE } from '../../src/emulator/graph/sharepoint-schema.ts';
import { TEAM_TYPE } from '../../src/emulator/graph/teams-schema.ts';
import { declaredNames, referenceNames } from './conformance-helpers.ts';
import { groupSite, newGroup, start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
const S = '/sites/root';
let listId = '';
let libId = '';
let groupId = '';

beforeAll(async () => {
  ({ t, c } = await start());
  const list = await c.graph('POST', `${S}/lists`, { displayName: uniq('Expand'), list: { template: 'genericList' }, columns: [{ name: 'Owned', text: {} }] });
  expect(list.status).toBe(201);
  listId = list.json.id;
  expect((await c.graph('POST', `${S}/lists/${listId}/items`, { fields: { Title: 'One', Owned: 'yes' } })).status).toBe(201);
  const lib = await c.graph('POST', `${S}/lists`, { displayName: uniq('ExpandLib'), list: { template: 'documentLibrary' } });
  expect(lib.status).toBe(201);
  libId = lib.json.id;
  const g = await newGroup(c, uniq('exp'));
  groupId = g.id;
  await groupSite(c, g.id);
});
afterAll(async () => t?.close());

/** The error of a request that must be refused with 400 `BadRequest`. */
async function refused(path: string): Promise<{ code: string; message: string }> {
  const r = await c.graph('GET', path);
  expect(r.status, path).toBe(400);
  return r.json.error;
}

const props = (o: Record<string, unknown>) => Object.keys(o).filter((k) => !k.startsWith('@')).sort();

describe("a list's $expand", () => {
  it('a name the list does not declare is the service\'s 400 (no prefix matching: columnsXYZ is not columns)', async () => {
    for (const p of [`${S}/lists?$expand=columnsXYZ`, `${S}/lists/${listId}?$expand=columnsXYZ`]) {
      expect(await refused(p)).toEqual({ code: 'BadRequest', message: "Parsing OData Select and Expand failed: Could not find a property named 'columnsXYZ' on type 'microsoft.graph.list'.", innerError: expect.anything() });
    }
    // the observed case (pnp/provision-assist-m365#73): `fields` is a listItem's, not a list's
    expect((await refused(`${S}/lists/${listId}?$expand=fields`)).message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'fields' on type 'microsoft.graph.list'.");
  });

  it('a structural property is the service\'s 400; a declared navigation property the local tenant does not expand is 400 saying so', async () => {
    expect((await refused(`${S}/lists/${listId}?$expand=displayName`)).message).toBe(
      "Parsing OData Select and Expand failed: Property 'displayName' on type 'microsoft.graph.list' is not a navigation property or complex property. Only navigation properties can be expanded.",
    );
    for (const nav of ['items', 'contentTypes', 'drive']) {
      expect((await refused(`${S}/lists?$expand=columns,${nav}`)).message).toBe(`Expanding '${nav}' is not served by the local tenant.`);
    }
  });

  it('a nested $select is checked against columnDefinition; another nested option is refused', async () => {
    expect((await refused(`${S}/lists/${listId}?$expand=columns($select=name,colour)`)).message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.columnDefinition'.");
    expect((await refused(`${S}/lists?$expand=columns($top=1)`)).message).toContain('$top');
  });

  it('columns, in any case, is expanded by the listing\'s rules and shaped by its nested $select', async () => {
    const plain = await c.graph('GET', `${S}/lists/${libId}?$select=id&$expand=Columns`);
    expect(plain.status).toBe(200);
    expect(props(plain.json)).toEqual(['columns', 'id']);
    // hidden columns only when the nested $select names `hidden`, as GET .../columns lists them
    expect(plain.json.columns.every((x: { hidden: boolean }) => x.hidden === false)).toBe(true);
    const shaped = await c.graph('GET', `${S}/lists/${libId}?$expand=COLUMNS($select=Name,HIDDEN)`);
    expect(shaped.status).toBe(200);
    for (const col of shaped.json.columns) expect(props(col)).toEqual(['hidden', 'name']);
    expect(shaped.json.columns.some((x: { hidden: boolean }) => x.hidden)).toBe(true);
    const listed = await c.graph('GET', `${S}/lists?$select=name&$expand=columns($select=name)`);
    expect(listed.status).toBe(200);
    const mine = listed.json.value.find((l: { columns: { name: string }[] }) => l.columns.some((x) => x.name === 'Owned'));
    expect(props(mine)).toEqual(['columns', 'name']);
    expect(mine.columns).toContainEqual({ name: 'Owned' });
  });
});

describe("a list item's $select and $expand", () => {
  const items = () => `${S}/lists/${listId}/items`;

  it('a $select name the listItem does not declare is the service\'s 400, on the listing and on one item', async () => {
    for (const p of [`${items()}?$select=id,colour`, `${items()}/1?$select=id,colour`]) {
      expect(await refused(p)).toEqual({ code: 'BadRequest', message: "Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.listItem'.", innerError: expect.anything() });
    }
    // `Title` is a column (a field), not a listItem property
    expect((await refused(`${items()}?$select=Title`)).message).toContain("'Title' on type 'microsoft.graph.listItem'");
  });

  it('$expand: an undeclared name (no prefix matching), a structural property, a navigation property not served, an option other than $select', async () => {
    expect((await refused(`${items()}?$expand=fieldsXYZ`)).message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'fieldsXYZ' on type 'microsoft.graph.listItem'.");
    // the observed case (microsoftgraph/microsoft-graph-docs#9419)
    expect((await refused(`${items()}/1?$expand=sharepointIds`)).message).toBe(
      "Parsing OData Select and Expand failed: Property 'sharepointIds' on type 'microsoft.graph.listItem' is not a navigation property or complex property. Only navigation properties can be expanded.",
    );
    expect((await refused(`${items()}?$expand=fields,versions`)).message).toBe("Expanding 'versions' is not served by the local tenant.");
    expect((await refused(`${items()}?$expand=fields($filter=Title eq 'One')`)).message).toContain('$filter');
  });

  it('the engine\'s read (items?$expand=fields) answers every field', async () => {
    const r = await c.graph('GET', `${items()}?$expand=fields`);
    expect(r.status).toBe(200);
    expect(r.json.value[0].fields).toMatchObject({ id: '1', Title: 'One', Owned: 'yes' });
    expect(r.json.value[0]).toMatchObject({ id: '1', eTag: expect.any(String), webUrl: expect.any(String) });
  });

  it('$select (any case) and fields($select=…) are applied; a field name is a column\'s, exactly as written, and not checked', async () => {
    const r = await c.graph('GET', `${items()}?$select=ID,WebUrl&$expand=Fields($select=Title,NoSuchColumn,owned)`);
    expect(r.status).toBe(200);
    const item = r.json.value[0];
    expect(props(item)).toEqual(['fields', 'id', 'webUrl']);
    expect(item['@odata.etag']).toEqual(expect.any(String));
    // `owned` is not the column `Owned`: nothing is answered for it, nor for a name no column has
    expect(props(item.fields)).toEqual(['Title']);
    const one = await c.graph('GET', `${items()}/1?$select=eTag&$expand=fields($select=Owned)`);
    expect(one.status).toBe(200);
    expect(props(one.json)).toEqual(['eTag', 'fields']);
    expect(one.json.fields).toMatchObject({ Owned: 'yes' });
    expect(props(one.json.fields)).toEqual(['Owned']);
    // $select alone: no fields
    const bare = await c.graph('GET', `${items()}/1?$select=id,contentType`);
    expect(props(bare.json)).toEqual(['contentType', 'id']);
  });
});

describe('/organization, /teams and /groups/{id}/drive', () => {
  it('/organization: an undeclared $select name is the directory\'s 400; a declared one, in any case, is applied; $expand is refused', async () => {
    const bad = await c.graph('GET', '/organization?$select=id,colour');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Property 'colour' does not exist as a declared property or extension property." });
    const ok = await c.graph('GET', '/organization?$select=ID,DisplayName,verifiedDomains');
    expect(ok.status).toBe(200);
    expect(props(ok.json.value[0])).toEqual(['displayName', 'id', 'verifiedDomains']);
    expect((await refused('/organization?$expand=colour')).message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.organization'.");
    expect((await refused('/organization?$expand=extensions')).message).toBe("Expanding 'extensions' is not served by the local tenant.");
  });

  it('/teams: an undeclared $select name is 400 naming microsoft.graph.team; a declared one, in any case, is accepted (the list has id, displayName and description only); $expand is refused', async () => {
    expect(await refused('/teams?$select=id,colour')).toMatchObject({ code: 'BadRequest', message: "Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.team'." });
    expect((await c.graph('PUT', `/groups/${groupId}/team`, {})).status).toBeLessThan(300);
    let listed: Record<string, unknown>[] = [];
    for (let i = 0; i < 50 && !listed.some((x) => x.id === groupId); i++) {
      const r = await c.graph('GET', '/teams?$select=ID,DisplayName,isArchived');
      expect(r.status).toBe(200);
      listed = r.json.value;
      if (!listed.some((x) => x.id === groupId)) await new Promise((res) => setTimeout(res, 100));
    }
    const mine = listed.find((x) => x.id === groupId)!;
    // the list gives only id, displayName and description (List teams): isArchived is accepted, and absent
    expect(props(mine)).toEqual(['displayName', 'id']);
    const whole = (await c.graph('GET', '/teams')).json.value.find((x: { id: string }) => x.id === groupId);
    expect(props(whole)).toEqual(['description', 'displayName', 'id']);
    expect((await refused('/teams?$expand=channels')).message).toBe("Expanding 'channels' is not served by the local tenant.");
  });

  it('/groups/{id}/drive[s]: an undeclared $select name is the service\'s 400 naming microsoft.graph.drive; a declared one, in any case, is applied; $expand is refused', async () => {
    for (const p of [`/groups/${groupId}/drive?$select=webUrl,colour`, `/groups/${groupId}/drives?$select=webUrl,colour`]) {
      expect(await refused(p)).toMatchObject({ code: 'BadRequest', message: "Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.drive'." });
    }
    const ok = await c.graph('GET', `/groups/${groupId}/drive?$select=WEBURL,driveType`);
    expect(ok.status).toBe(200);
    expect(props(ok.json)).toEqual(['driveType', 'webUrl']);
    const listed = await c.graph('GET', `/groups/${groupId}/drives?$select=Name`);
    expect(listed.json.value.map(props)).toEqual([['name']]);
    expect((await refused(`/groups/${groupId}/drive?$expand=root`)).message).toBe("Expanding 'root' is not served by the local tenant.");
  });
});

it("a content type's $expand of a structural property is the service's 400 for one", async () => {
  const ct = (await c.graph('GET', `${S}/contentTypes?$select=id`)).json.value[0].id as string;
  expect((await refused(`${S}/contentTypes/${ct}?$expand=name`)).message).toBe(
    "Parsing OData Select and Expand failed: Property 'name' on type 'microsoft.graph.contentType' is not a navigation property or complex property. Only navigation properties can be expanded.",
  );
});

it("the new tables are the v1.0 metadata's declared properties, inherited and navigation ones included", () => {
  expect(declaredNames(LIST_ITEM_TYPE), 'listItem').toEqual(referenceNames('listItem'));
  expect(declaredNames(DRIVE_TYPE), 'drive').toEqual(referenceNames('drive'));
  expect(declaredNames(TEAM_TYPE), 'team').toEqual(referenceNames('team'));
});
