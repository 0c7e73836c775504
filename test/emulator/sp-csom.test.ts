/**
 * CSOM (`_vti_bin/client.svc/ProcessQuery`) as the service answers it: `Query` actions return the
 * requested properties; the body is taken with the Content-Type clients send (CLI for Microsoft 365
 * sends none); an app-only token without any role is refused. Over real HTTP with a
 * certificate-based token.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { start, tempDir, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => t?.close());

const HEAD = '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="CLI for Microsoft 365" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">';
const CONTEXT = '<StaticProperty Id="3" TypeId="{3747adcd-a3c3-41b9-bfab-4a64dd2f1e0a}" Name="Current" />';

/** What `spo.getCurrentWebIdentity` of CLI for Microsoft 365 posts. */
const WEB_IDENTITY = `${HEAD}<Actions><Query Id="1" ObjectPathId="5"><Query SelectAllProperties="false"><Properties><Property Name="ServerRelativeUrl" ScalarProperty="true" /></Properties></Query></Query></Actions><ObjectPaths><Property Id="5" ParentId="3" Name="Web" />${CONTEXT}</ObjectPaths></Request>`;

/** POSTs a CSOM body as bytes, so that fetch adds no Content-Type of its own (as axios sends a string). */
async function csom(body: string, headers: Record<string, string> = {}, client: Client = c, tenant: LocalTenant = t): Promise<{ status: number; json: unknown[] }> {
  const r = await fetch(`${tenant.url}/_vti_bin/client.svc/ProcessQuery`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.spToken}`, 'x-forwarded-host': tenant.sharepointHost, ...headers },
    body: Buffer.from(body, 'utf8'),
  });
  return { status: r.status, json: (await r.json()) as unknown[] };
}

test('a Query returns the requested properties with the object type and identity; SelectAllProperties returns all scalars', async () => {
  const r = await csom(WEB_IDENTITY);
  expect(r.status).toBe(200);
  expect(r.json[0]).toMatchObject({ SchemaVersion: '15.0.0.0', ErrorInfo: null });
  expect(r.json[1]).toBe(1);
  const web = r.json[2] as Record<string, unknown>;
  expect(web).toEqual({ _ObjectType_: 'SP.Web', _ObjectIdentity_: expect.stringMatching(/\|740c6a0b-85e2-48a0-a494-e0f1759d4aa7:site:[0-9a-f-]{36}:web:[0-9a-f-]{36}$/), ServerRelativeUrl: '/' });

  // the identity is an object path of its own (spo.getEffectiveBasePermissions)
  const perms = await csom(
    `${HEAD}<Actions><Query Id="11" ObjectPathId="5"><Query SelectAllProperties="false"><Properties><Property Name="EffectiveBasePermissions" ScalarProperty="true" /></Properties></Query></Query></Actions><ObjectPaths><Identity Id="5" Name="${web._ObjectIdentity_ as string}" /></ObjectPaths></Request>`,
  );
  expect(perms.json[2]).toMatchObject({ _ObjectType_: 'SP.Web', EffectiveBasePermissions: { _ObjectType_: 'SP.BasePermissions', High: expect.any(Number), Low: expect.any(Number) } });

  const all = await csom(WEB_IDENTITY.replace('SelectAllProperties="false"><Properties><Property Name="ServerRelativeUrl" ScalarProperty="true" /></Properties>', 'SelectAllProperties="true"><Properties />'));
  const full = all.json[2] as Record<string, unknown>;
  expect(full.Title).toEqual(expect.any(String));
  expect(full.Id).toMatch(/^\/Guid\([0-9a-f-]{36}\)\/$/);
  expect(full.Created).toMatch(/^\/Date\(\d{4},\d{1,2},\d{1,2},\d{1,2},\d{1,2},\d{1,2},\d{1,3}\)\/$/);

  const unknown = await csom(WEB_IDENTITY.replace('Name="ServerRelativeUrl"', 'Name="Nope"'));
  expect(unknown.json[0]).toMatchObject({ ErrorInfo: { ErrorMessage: 'Field or property "Nope" does not exist.', ErrorTypeName: 'Microsoft.SharePoint.Client.InvalidClientQueryException' } });
});

test('the body is read as XML with the Content-Types clients send; a JSON one is refused', async () => {
  for (const type of ['text/xml', 'text/xml; charset=utf-8', 'application/xml', 'application/x-www-form-urlencoded']) {
    const r = await csom(WEB_IDENTITY, { 'content-type': type });
    expect(r.status, type).toBe(200);
    expect((r.json[2] as { ServerRelativeUrl: string }).ServerRelativeUrl, type).toBe('/');
  }
  const json = await csom(WEB_IDENTITY, { 'content-type': 'application/json' });
  expect(json.status).toBe(400);
  expect(json.json[0]).toMatchObject({ ErrorInfo: { ErrorTypeName: 'System.ArgumentException' } });
});

test('an app-only token without any role is refused (401 UnauthorizedAccessException) and writes nothing', async () => {
  const dir = tempDir();
  const { t: bare, c: bareClient } = await start(dir, { appRoles: { sharepoint: [] } });
  const write = `${HEAD}<Actions><Method Name="SetFieldValue" Id="10" ObjectPathId="4"><Parameters><Parameter Type="String">k</Parameter><Parameter Type="String">v</Parameter></Parameters></Method><Method Name="Update" Id="11" ObjectPathId="5" /></Actions><ObjectPaths><Property Id="4" ParentId="5" Name="AllProperties" /><Property Id="5" ParentId="3" Name="Web" />${CONTEXT}</ObjectPaths></Request>`;
  try {
    for (const body of [WEB_IDENTITY, write]) {
      const r = await csom(body, { 'content-type': 'text/xml' }, bareClient, bare);
      expect(r.status).toBe(401);
      expect(r.json[0]).toMatchObject({ ErrorInfo: { ErrorMessage: 'Attempted to perform an unauthorized operation.', ErrorCode: -2147024891, ErrorTypeName: 'System.UnauthorizedAccessException' } });
    }
  } finally {
    await bare.close();
  }
  // the same tenant, its app with its roles again: the write did not happen
  const { t: again, c: full } = await start(dir);
  try {
    expect((await full.sp('GET', '/_api/web/AllProperties', undefined, { accept: 'application/json;odata=nometadata' })).json.k).toBeUndefined();
  } finally {
    await again.close();
  }
});

test('ContentTypes.Add as `m365 spo contenttype add` posts it creates the site content type REST and Graph see; a taken name is refused', async () => {
  const add = (id: string, name: string) =>
    `${HEAD}<Actions><ObjectPath Id="8" ObjectPathId="7" /><ObjectPath Id="10" ObjectPathId="9" /><ObjectIdentityQuery Id="11" ObjectPathId="9" /></Actions><ObjectPaths><Property Id="7" ParentId="5" Name="ContentTypes" /><Method Id="9" ParentId="7" Name="Add"><Parameters><Parameter TypeId="{168f3091-4554-4f14-8866-b20d48e45b54}"><Property Name="Description" Type="String">Ärenden</Property><Property Name="Group" Type="String">Botkyrka</Property><Property Name="Id" Type="String">${id}</Property><Property Name="Name" Type="String">${name}</Property><Property Name="ParentContentType" Type="Null" /></Parameter></Parameters></Method><Property Id="5" ParentId="3" Name="Web" />${CONTEXT}</ObjectPaths></Request>`;
  const id = '0x0100A33D9AD9805788419BDAAC2CD7A9CF01';
  const r = await csom(add(id, 'Ärende'));
  expect(r.status).toBe(200);
  expect(r.json[0]).toMatchObject({ ErrorInfo: null });
  expect(r.json[r.json.indexOf(11) + 1]).toEqual({ _ObjectIdentity_: expect.stringMatching(new RegExp(`:contenttype:${id}$`, 'i')) });
  const got = await c.sp('GET', `/_api/web/contenttypes('${id}')`, undefined, { accept: 'application/json;odata=nometadata' });
  expect(got.status).toBe(200);
  expect(got.json).toMatchObject({ Name: 'Ärende', Description: 'Ärenden', Group: 'Botkyrka', StringId: id });
  const again = await csom(add('0x0100A33D9AD9805788419BDAAC2CD7A9CF02', 'ärende'));
  expect(again.json[0]).toMatchObject({ ErrorInfo: { ErrorMessage: 'A duplicate content type "ärende" was found.', ErrorTypeName: 'Microsoft.SharePoint.SPException' } });
  // an id that extends its parent's neither by two hex digits (not 00) nor by 00 and a GUID has no parent ("Content Type IDs")
  const short = await csom(add('0x01010012', 'Kort'));
  expect(short.json[0]).toMatchObject({ ErrorInfo: { ErrorMessage: expect.stringContaining('does not exist on this site') } });
  expect((await c.sp('GET', `/_api/web/contenttypes('0x01010012')`, undefined, { accept: 'application/json;odata=nometadata' })).status).toBe(404);
});

test('a Query expands a navigation property as `m365 spo propertybag get` asks (AllProperties SelectAll): nested, with its own type', async () => {
  const bag = `${HEAD}<Actions><Query Id="97" ObjectPathId="5"><Query SelectAllProperties="false"><Properties><Property Name="ServerRelativeUrl" ScalarProperty="true" /><Property Name="AllProperties" SelectAll="true"><Query SelectAllProperties="false"><Properties /></Query></Property></Properties></Query></Query></Actions><ObjectPaths><Property Id="5" ParentId="3" Name="Web" />${CONTEXT}</ObjectPaths></Request>`;
  const r = await csom(bag);
  expect(r.status).toBe(200);
  const web = r.json[2] as { _ObjectType_: string; ServerRelativeUrl: string; AllProperties: Record<string, unknown> };
  expect(web._ObjectType_).toBe('SP.Web');
  expect(web.ServerRelativeUrl).toBe('/');
  expect(web.AllProperties._ObjectType_).toBe('SP.PropertyValues');
  const rest = (await c.sp('GET', '/_api/web/AllProperties', undefined, { accept: 'application/json;odata=nometadata' })).json as Record<string, unknown>;
  expect(rest.vti_defaultlanguage).toBeTruthy();
  expect(web.AllProperties.vti_defaultlanguage).toBe(rest.vti_defaultlanguage);
  // a navigation property the web does not have is refused as the service refuses it
  const wrong = await csom(bag.replace('Name="AllProperties"', 'Name="NoSuchThing"'));
  expect(wrong.json[0]).toMatchObject({ ErrorInfo: { ErrorMessage: 'Field or property "NoSuchThing" does not exist.' } });
});
