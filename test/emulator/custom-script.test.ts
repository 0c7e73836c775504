/**
 * Custom script (NoScript, DenyAddAndCustomizePages) on the local tenant, over real HTTP: new
 * modern sites deny it, a property bag write is refused with the service's CSOM answer, the
 * tenant admin API allows it per site, and 24 simulated hours later the site denies it again.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { certificateToken, groupSite, newGroup, start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let admin: Record<string, string>;

beforeAll(async () => {
  ({ t, c } = await start());
  const tok = await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default');
  admin = { 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${tok.json.access_token as string}`, 'odata-version': '4.0' };
});
afterAll(async () => t?.close());

const DAY = 24 * 60 * 60 * 1000;

function setBag(key: string, value: string): string {
  return (
    '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="test" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
    `<Actions><Method Name="SetFieldValue" Id="10" ObjectPathId="4"><Parameters><Parameter Type="String">${key}</Parameter><Parameter Type="String">${value}</Parameter></Parameters></Method><Method Name="Update" Id="11" ObjectPathId="2" /></Actions>` +
    '<ObjectPaths><StaticProperty Id="1" TypeId="{3747adcd-a3c3-41b9-bfab-4a64dd2f1e0a}" Name="Current" /><Property Id="2" ParentId="1" Name="Web" /><Property Id="4" ParentId="2" Name="AllProperties" /></ObjectPaths></Request>'
  );
}

async function commSite(): Promise<{ path: string; id: string }> {
  const name = uniq('ns');
  const r = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: name, Url: `https://contoso.sharepoint.com/sites/${name}`, Owner: 'admin@contoso.onmicrosoft.com', Lcid: 1033 } });
  expect(r.json.SiteStatus).toBe(2);
  return { path: `/sites/${name}`, id: r.json.SiteId as string };
}

const denyOf = async (id: string) => (await c.sp('GET', `/_api/SPO.Tenant/sites('${id}')?$select=DenyAddAndCustomizePages`, undefined, admin)).json.DenyAddAndCustomizePages;
const bagOf = async (path: string) => (await c.sp('GET', `${path}/_api/web/AllProperties`)).json as Record<string, unknown>;
const write = (path: string, key: string, value: string) => c.sp('POST', `${path}/_vti_bin/client.svc/ProcessQuery`, setBag(key, value), { 'content-type': 'text/xml' });

test('a new communication site and a new group site deny custom script: a property bag write is refused as the service refuses it', async () => {
  const g = await newGroup(c);
  const team = await groupSite(c, g.id);
  const comm = await commSite();
  for (const site of [comm, { path: team.path, id: (await c.sp('GET', `${team.path}/_api/site?$select=Id`)).json.Id as string }]) {
    expect(await denyOf(site.id)).toBe(2);
    const r = await write(site.path, 'botkyrka.dept', 'SBF');
    expect(r.status).toBe(200);
    expect(r.json[0].ErrorInfo).toMatchObject({
      ErrorMessage: 'Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))',
      ErrorCode: -2147024891,
      ErrorTypeName: 'System.UnauthorizedAccessException',
    });
    expect((await bagOf(site.path)).botkyrka_x002e_dept).toBeUndefined();
  }
});

test('the tenant admin API allows custom script on one site; 24 simulated hours later the site denies it again', async () => {
  const site = await commSite();
  const other = await commSite();
  expect((await c.sp('PATCH', `/_api/SPO.Tenant/sites('${site.id}')`, { DenyAddAndCustomizePages: 1 }, admin)).status).toBe(204);
  expect(await denyOf(site.id)).toBe(1);
  expect(await denyOf(other.id)).toBe(2);
  expect((await write(site.path, 'botkyrka.dept', 'SBF')).json[0].ErrorInfo).toBeNull();
  expect((await bagOf(site.path)).botkyrka_x002e_dept).toBe('SBF');
  expect((await write(other.path, 'botkyrka.dept', 'SBF')).json[0].ErrorInfo).not.toBeNull();

  t.advanceClock(DAY - 60_000);
  expect(await denyOf(site.id)).toBe(1);
  t.advanceClock(60_000);
  expect(await denyOf(site.id)).toBe(2);
  expect((await write(site.path, 'botkyrka.dept', 'Other')).json[0].ErrorInfo).toMatchObject({ ErrorTypeName: 'System.UnauthorizedAccessException' });
  // what was written stays; only new writes are refused
  expect((await bagOf(site.path)).botkyrka_x002e_dept).toBe('SBF');

  // the enum by name, and back to denied at once
  expect((await c.sp('PATCH', `/_api/SPO.Tenant/sites('${site.id}')`, { DenyAddAndCustomizePages: 'Disabled' }, admin)).status).toBe(204);
  expect(await denyOf(site.id)).toBe(1);
  expect((await c.sp('PATCH', `/_api/SPO.Tenant/sites('${site.id}')`, { DenyAddAndCustomizePages: 2 }, admin)).status).toBe(204);
  expect(await denyOf(site.id)).toBe(2);
  const bad = await c.sp('PATCH', `/_api/SPO.Tenant/sites('${site.id}')`, { DenyAddAndCustomizePages: 7, SharingCapability: 0 }, admin);
  expect(bad.status).toBe(400);
  // nothing of a refused PATCH is written
  expect((await c.sp('GET', `/_api/SPO.Tenant/sites('${site.id}')?$select=SharingCapability`, undefined, admin)).json.SharingCapability).not.toBe(0);
});
