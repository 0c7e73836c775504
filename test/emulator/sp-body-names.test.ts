/**
 * SharePoint REST write bodies checked as the service's OData reader checks them (body-check.ts):
 * a name the entity type does not declare, a parameter the method does not take, a type name the
 * model does not know are the service's 400 before anything changes; a derived type named in
 * `__metadata` brings its own properties. Bodies are written by hand here, not by PnPjs, and the
 * type table is held against Microsoft's own representations (test/fixtures/reference, a copy of ../shared/reference).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { spEntityType } from '../../src/emulator/sharepoint/body-types.ts';
import { REF } from './conformance-helpers.ts';
import { batchOf, certificateToken, start, statusesOf, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

const MERGE = { 'x-http-method': 'MERGE' };
const VERBOSE = { accept: 'application/json;odata=verbose', 'content-type': 'application/json;odata=verbose' };
const propertyError = (name: string, type: string) => `The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type.`;

async function webTitle(): Promise<string> {
  return (await c.sp('GET', '/_api/web?$select=Title')).json.Title as string;
}

it("a web's MERGE with a name SP.Web does not declare is 400 and changes nothing; exact names only", async () => {
  const before = await webTitle();
  const bad = await c.sp('POST', '/_api/web', { Title: 'Changed', Titel: 'typo' }, MERGE);
  expect(bad.status).toBe(400);
  expect(bad.text).toContain(propertyError('Titel', 'SP.Web'));
  expect(bad.text).toContain('Microsoft.SharePoint.Client.InvalidClientQueryException');
  expect(await webTitle()).toBe(before);
  const lower = await c.sp('POST', '/_api/web', { title: 'Changed' }, MERGE);
  expect(lower.status).toBe(400);
  expect(lower.text).toContain(propertyError('title', 'SP.Web'));
  expect((await c.sp('POST', '/_api/web', { Title: 'Changed' }, MERGE)).status).toBe(204);
  expect(await webTitle()).toBe('Changed');
});

it('a field body may hold the properties of the derived type its __metadata names, not of another', async () => {
  const text = { __metadata: { type: 'SP.FieldText' }, Title: 'Bodycheck Text', FieldTypeKind: 2, MaxLength: 40 };
  expect((await c.sp('POST', '/_api/web/fields', text, VERBOSE)).status).toBe(201);
  const base = await c.sp('POST', '/_api/web/fields', { ...text, __metadata: { type: 'SP.Field' }, Title: 'Bodycheck Base' }, VERBOSE);
  expect(base.status).toBe(400);
  expect(base.text).toContain(propertyError('MaxLength', 'SP.Field'));
  const unknown = await c.sp('POST', '/_api/web/fields', { ...text, __metadata: { type: 'SP.FieldTexts' }, Title: 'Bodycheck Unknown' }, VERBOSE);
  expect(unknown.status).toBe(400);
  expect(unknown.text).toContain("A type named 'SP.FieldTexts' could not be resolved by the model.");
  const foreign = await c.sp('POST', '/_api/web/fields', { ...text, __metadata: { type: 'SP.List' }, Title: 'Bodycheck Foreign' }, VERBOSE);
  expect(foreign.status).toBe(400);
  expect(foreign.text).toContain("An entry with type 'SP.List' was found, but it is not assignable to the expected type 'SP.Field'.");
  const titles = ((await c.sp('GET', "/_api/web/fields?$select=Title&$filter=startswith(Title,'Bodycheck')")).json.value as { Title: string }[]).map((f) => f.Title);
  expect(titles).toEqual(['Bodycheck Text']);
});

it("a method's body holds its parameters only, and an object parameter is checked as its type", async () => {
  const lists = async () => ((await c.sp('GET', '/_api/web/lists?$select=Title')).json.value as { Title: string }[]).map((l) => l.Title);
  const flat = await c.sp('POST', '/_api/web/lists/add', { Title: 'Flat', TemplateType: 100 });
  expect(flat.status).toBe(400);
  expect(flat.text).toContain('The parameter Title does not exist in method Add.');
  const wrongName = await c.sp('POST', '/_api/web/lists/add', { parameters: { Title: 'Wrong', BaseTemplate: 100 } });
  expect(wrongName.status).toBe(400);
  expect(wrongName.text).toContain(propertyError('BaseTemplate', 'SP.ListCreationInformation'));
  expect(await lists()).not.toEqual(expect.arrayContaining(['Flat']));
  expect(await lists()).not.toEqual(expect.arrayContaining(['Wrong']));
  expect((await c.sp('POST', '/_api/web/lists/add', { parameters: { Title: 'Right', TemplateType: 100 } })).status).toBe(200);
  expect(await lists()).toContain('Right');
  const verbose = await c.sp('POST', "/_api/web/ensureuser", { d: { logonName: 'i:0#.f|membership|admin@contoso.onmicrosoft.com' } });
  expect(verbose.status).toBe(400);
  expect(verbose.text).toContain('The parameter d does not exist in method EnsureUser.');
  expect((await c.sp('POST', '/_api/web/ensureuser', { logonName: 'i:0#.f|membership|admin@contoso.onmicrosoft.com' })).status).toBe(200);
});

it("a complex value the table knows is checked as its type (a role definition's BasePermissions, a content type id)", async () => {
  const level = { Name: 'Bodycheck level', Description: '', Order: 200 };
  const bad = await c.sp('POST', '/_api/web/roledefinitions', { ...level, BasePermissions: { High: '0', Low: '1', Medium: '2' } });
  expect(bad.status).toBe(400);
  expect(bad.text).toContain(propertyError('Medium', 'SP.BasePermissions'));
  const ct = await c.sp('POST', '/_api/web/contenttypes', { Id: { StringValue: '0x0100B0D1C2E3F4A5B6C7D8E9F0A1B2C3D4E5', Value: 'x' }, Name: 'Bodycheck type', Group: 'Custom Content Types' });
  expect(ct.status).toBe(400);
  expect(ct.text).toContain(propertyError('Value', 'SP.ContentTypeId'));
  expect((await c.sp('POST', '/_api/web/roledefinitions', { ...level, BasePermissions: { High: '0', Low: '1' } })).status).toBe(201);
});

it("a site's properties on the admin host: an undeclared name is 400 and the declared ones beside it are not written", async () => {
  const id = (await c.sp('GET', '/_api/site?$select=Id')).json.Id as string;
  const admin = await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default');
  const h = { 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${admin.json.access_token as string}`, 'odata-version': '4.0' };
  const before = (await c.sp('GET', `/_api/SPO.Tenant/sites('${id}')?$select=SharingCapability`, undefined, h)).json.SharingCapability as number;
  const bad = await c.sp('PATCH', `/_api/SPO.Tenant/sites('${id}')`, { SharingCapability: before === 0 ? 1 : 0, Sharing: 1 }, h);
  expect(bad.status).toBe(400);
  expect(bad.text).toContain(propertyError('Sharing', 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties'));
  expect((await c.sp('GET', `/_api/SPO.Tenant/sites('${id}')?$select=SharingCapability`, undefined, h)).json.SharingCapability).toBe(before);
});

it("a write inside a $batch is checked as the same write alone: its part is 400 and only the part beside it runs", async () => {
  const host = `https://${t.sharepointHost}`;
  const { body, contentType } = batchOf([
    ['POST', `${host}/_api/web/lists`, { Title: 'Batch typo', BaseTemplat: 100 }],
    ['POST', `${host}/_api/web/lists`, { Title: 'Batch right', BaseTemplate: 100 }],
  ]);
  const r = await c.sp('POST', '/_api/$batch', body, { 'content-type': contentType });
  expect(r.status).toBe(200);
  expect(statusesOf(r.text)).toEqual([400, 201]);
  expect(r.text).toContain(propertyError('BaseTemplat', 'SP.List'));
  const titles = ((await c.sp('GET', '/_api/web/lists?$select=Title')).json.value as { Title: string }[]).map((l) => l.Title);
  expect(titles).toContain('Batch right');
  expect(titles).not.toContain('Batch typo');
});

/** The properties of a verbose representation quoted in the reference notes (its navigation properties, `__deferred`, left out). */
function referenceProperties(typeName: string): string[] {
  const notes = readFileSync(join(REF, 'sharepoint-rest-notes.md'), 'utf8');
  const blocks = [...notes.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!.replace(/\{,/g, '{')); // the docs' stray `{,`
  const block = blocks.find((b) => b.startsWith('{"d":{') && new RegExp(`"type":\\s*"${typeName.replace('.', '\\.')}"`).test(b));
  if (!block) throw new Error(`no verbose ${typeName} in the reference notes`);
  const entity = (JSON.parse(block) as { d: Record<string, unknown> }).d;
  return Object.keys(entity).filter((k) => k !== '__metadata' && !(typeof entity[k] === 'object' && entity[k] !== null && '__deferred' in entity[k]));
}

it.each(['SP.Web', 'SP.List', 'SP.Group', 'SP.RoleDefinition'])("the table declares every property of the reference's %s", (typeName) => {
  const props = referenceProperties(typeName);
  expect(props.length).toBeGreaterThan(6);
  const declared = spEntityType(typeName)!.properties;
  expect(props.filter((p) => !declared.has(p))).toEqual([]);
});
