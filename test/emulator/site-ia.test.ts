/**
 * The local tenant's views, navigation, hub sites, web settings and CSOM ProcessQuery routes,
 * over real HTTP: shapes of the documented answers (SP.HubSite as in Microsoft's RegisterHubSite
 * and GetById examples, JoinHubSite's 204), errors, and that every change survives a restart
 * (journaled ops).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTenant, type LocalTenant } from '../../src/emulator/index.ts';
import { realClock } from '../../src/emulator/clock.ts';
import { defaultWebSettings } from '../../src/emulator/site-ia.ts';
import { processQuery } from '../../src/emulator/sharepoint/csom.ts';
import { Store } from '../../src/emulator/store.ts';
import { certificateToken, client, start, tempDir, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let dir: string;
const OWNER = 'admin@contoso.onmicrosoft.com';

async function commSite(name: string): Promise<string> {
  const url = `https://contoso.sharepoint.com/sites/${name}`;
  const r = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: name, Url: url, Owner: OWNER, Lcid: 1033 } });
  expect(r.status).toBe(200);
  return `/sites/${name}`;
}

beforeAll(async () => {
  dir = tempDir('lt-ia-');
  ({ t, c } = await start(dir));
});

afterAll(async () => {
  await t?.close();
});

const EMPTY = '00000000-0000-0000-0000-000000000000';

describe('views', () => {
  it('a list has its builtin default view; add, MERGE, view fields, default switch, delete', async () => {
    const site = await commSite(uniq('v'));
    const lib = await c.sp('GET', `${site}/_api/web/getlist('${site}/Shared Documents')?$select=Id`);
    const views = `${site}/_api/web/lists(guid'${lib.json.Id}')/views`;
    const initial = await c.sp('GET', `${views}?$expand=ViewFields`);
    expect(initial.json.value.map((v: { Title: string; DefaultView: boolean }) => [v.Title, v.DefaultView])).toEqual([['All Documents', true]]);
    expect(initial.json.value[0].ViewFields.Items).toEqual(['DocIcon', 'LinkFilename', 'Modified', 'Editor']);

    const q = '<OrderBy><FieldRef Name="Modified" Ascending="FALSE" /></OrderBy>';
    const add = await c.sp('POST', views, { Title: 'Senaste', ViewQuery: q, RowLimit: 10, PersonalView: false });
    expect(add.status).toBe(201);
    expect(add.json).toMatchObject({ 'odata.type': 'SP.View', Title: 'Senaste', ViewQuery: q, RowLimit: 10, DefaultView: false, PersonalView: false });
    const id = add.json.Id as string;
    const dup = await c.sp('POST', views, { Title: 'senaste' });
    expect(dup.status).toBe(500);

    expect((await c.sp('POST', `${views}('${id}')/viewfields/removeallviewfields`)).status).toBe(200);
    for (const f of ['LinkFilename', 'Modified', 'DocIcon']) expect((await c.sp('POST', `${views}('${id}')/viewfields/addviewfield('${f}')`)).status).toBe(200);
    expect((await c.sp('POST', `${views}('${id}')/viewfields/moveviewfieldto`, { field: 'DocIcon', index: 0 })).status).toBe(200);
    const unknown = await c.sp('POST', `${views}('${id}')/viewfields/addviewfield('Nope')`);
    expect(unknown.status).toBe(400);
    const fields = await c.sp('GET', `${views}('${id}')/viewfields`);
    expect(fields.json.Items).toEqual(['DocIcon', 'LinkFilename', 'Modified']);
    expect(fields.json.SchemaXml).toBe('<FieldRefs><FieldRef Name="DocIcon" /><FieldRef Name="LinkFilename" /><FieldRef Name="Modified" /></FieldRefs>');

    const merge = await c.sp('POST', `${views}/getbytitle('Senaste')`, { RowLimit: 25, DefaultView: true }, { 'x-http-method': 'MERGE', 'if-match': '*' });
    expect(merge.status).toBe(204);
    const after = await c.sp('GET', `${views}?$select=Title,DefaultView,RowLimit`);
    expect(after.json.value.map((v: { Title: string; DefaultView: boolean; RowLimit: number }) => [v.Title, v.DefaultView, v.RowLimit])).toEqual([
      ['All Documents', false, 30],
      ['Senaste', true, 25],
    ]);
    const defaultView = await c.sp('GET', `${site}/_api/web/lists(guid'${lib.json.Id}')/defaultview?$select=Title`);
    expect(defaultView.json.Title).toBe('Senaste');
    expect((await c.sp('DELETE', `${views}('${id}')`)).status).toBe(500); // the default view cannot be deleted
    const allDocs = after.json.value[0];
    void allDocs;
    const rowLimit = await c.sp('POST', views, { Title: 'X', RowLimit: 0 });
    expect(rowLimit.status).toBe(400);
  });

  it('views/add takes an SP.ViewCreationInformation: its ViewFields (verbose or not) and ViewTypeKind make the view', async () => {
    const site = await commSite(uniq('va'));
    const lib = await c.sp('GET', `${site}/_api/web/getlist('${site}/Shared Documents')?$select=Id`);
    const views = `${site}/_api/web/lists(guid'${lib.json.Id}')/views`;
    // as CLI for Microsoft 365's `spo list view add` sends it: verbose collection, fields by name or title
    const verbose = await c.sp('POST', `${views}/add`, { parameters: { Title: 'Nyckel', ViewFields: { results: ['LinkFilename', 'Modified', 'Modified By', 'LinkFilename'] }, PersonalView: false, SetAsDefaultView: false, Paged: true, RowLimit: 50 } });
    expect(verbose.status).toBe(201);
    const fields = await c.sp('GET', `${views}('${verbose.json.Id}')/viewfields`);
    expect(fields.json.Items).toEqual(['LinkFilename', 'Modified', 'Editor']);
    // a plain array, and a grid (SP.ViewType.Grid = 2048)
    const grid = await c.sp('POST', `${views}/add`, { parameters: { Title: 'Rutnät', ViewFields: ['DocIcon', 'LinkFilename'], ViewTypeKind: 2048 } });
    expect(grid.status).toBe(201);
    expect(grid.json).toMatchObject({ Title: 'Rutnät', ViewType: 'GRID' });
    expect((await c.sp('GET', `${views}('${grid.json.Id}')/viewfields`)).json.Items).toEqual(['DocIcon', 'LinkFilename']);
    // without ViewFields the view has the list's default fields, and is an HTML view
    const plain = await c.sp('POST', `${views}/add`, { parameters: { Title: 'Vanlig' } });
    expect(plain.json.ViewType).toBe('HTML');
    expect((await c.sp('GET', `${views}('${plain.json.Id}')/viewfields`)).json.Items).toEqual(['DocIcon', 'LinkFilename', 'Modified', 'Editor']);
    // a field the list does not have, a value that is not a collection of names, a view type that is not one: refused, nothing made
    const unknown = await c.sp('POST', `${views}/add`, { parameters: { Title: 'Fel', ViewFields: ['Nope'] } });
    expect(unknown.status).toBe(400);
    expect(unknown.json['odata.error'].message.value).toBe("Column 'Nope' does not exist. It may have been deleted by another user.");
    expect((await c.sp('POST', `${views}/add`, { parameters: { Title: 'Fel', ViewFields: 'LinkFilename' } })).status).toBe(400);
    expect((await c.sp('POST', `${views}/add`, { parameters: { Title: 'Fel', ViewTypeKind: 3 } })).status).toBe(400);
    const titles = (await c.sp('GET', `${views}?$select=Title`)).json.value.map((v: { Title: string }) => v.Title);
    expect(titles).toEqual(['All Documents', 'Nyckel', 'Rutnät', 'Vanlig']);
  });
});

describe('navigation', () => {
  it('quick launch: add, children, MoveAfter, MERGE, GetNodeById, delete', async () => {
    const site = await commSite(uniq('n'));
    const ql = `${site}/_api/web/navigation/quicklaunch`;
    const ids: number[] = [];
    for (const title of ['A', 'B', 'C']) {
      const r = await c.sp('POST', ql, { Title: title, Url: `${site}/${title}` });
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ 'odata.type': 'SP.NavigationNode', Title: title, Url: `${site}/${title}`, IsExternal: false, IsVisible: true });
      ids.push(r.json.Id);
    }
    const ext = await c.sp('POST', `${ql}(${ids[0]})/children`, { Title: 'Extern', Url: 'https://www.botkyrka.se' });
    expect(ext.json.IsExternal).toBe(true);
    expect((await c.sp('POST', `${ql}/MoveAfter`, { nodeId: ids[0], previousNodeId: ids[2] })).status).toBe(200);
    const list = await c.sp('GET', `${ql}?$expand=Children`);
    expect(list.json.value.map((n: { Title: string }) => n.Title)).toEqual(['B', 'C', 'A']);
    expect(list.json.value[2].Children.map((n: { Title: string }) => n.Title)).toEqual(['Extern']);
    expect((await c.sp('POST', `${ql}/MoveAfter`, { nodeId: ids[0], previousNodeId: 0 })).status).toBe(200);
    expect((await c.sp('GET', ql)).json.value.map((n: { Title: string }) => n.Title)).toEqual(['A', 'B', 'C']);
    expect((await c.sp('POST', `${site}/_api/web/navigation/GetNodeById(${ids[1]})`, { Url: `${site}/bee` }, { 'x-http-method': 'MERGE' })).status).toBe(204);
    expect((await c.sp('GET', `${ql}/getbyid(${ids[1]})`)).json.Url).toBe(`${site}/bee`);
    expect((await c.sp('DELETE', `${ql}(${ids[0]})`)).status).toBe(200); // its child goes with it
    expect((await c.sp('GET', ql)).json.value.map((n: { Title: string }) => n.Title)).toEqual(['B', 'C']);
    expect((await c.sp('GET', `${site}/_api/web/navigation/GetNodeById(${ext.json.Id})`)).status).toBe(404);
    expect((await c.sp('GET', `${site}/_api/web/navigation/topnavigationbar`)).json.value).toEqual([]);
  });
});

describe('hub sites', () => {
  it('RegisterHubSite, GetById (documented shape), MERGE, HubSites, JoinHubSite, HubSiteData, UnRegisterHubSite', async () => {
    const hub = await commSite(uniq('hub'));
    const member = await commSite(uniq('member'));
    const reg = await c.sp('POST', `${hub}/_api/site/RegisterHubSite`);
    expect(reg.status).toBe(200);
    const site = await c.sp('GET', `${hub}/_api/site?$select=Id,IsHubSite,HubSiteId`);
    expect(site.json.IsHubSite).toBe(true);
    expect(site.json.HubSiteId).toBe(site.json.Id);
    // the fields of Microsoft's documented SP.HubSite answer
    expect(reg.json).toMatchObject({ 'odata.type': 'SP.HubSite', ID: site.json.Id, SiteId: site.json.Id, SiteUrl: `https://contoso.sharepoint.com${hub}`, LogoUrl: null, Description: null, Targets: null });
    for (const k of ['ID', 'Title', 'SiteId', 'TenantInstanceId', 'SiteUrl', 'LogoUrl', 'Description', 'Targets']) expect(reg.json).toHaveProperty(k);
    const again = await c.sp('POST', `${hub}/_api/site/RegisterHubSite`);
    expect(again.status).toBe(400);
    // the words the engine reads as the key taken (service-error.ts), so that a registration sent again is adopted
    expect(JSON.stringify(again.json)).toContain('This site is already a HubSite.');

    const byId = `/_api/HubSites/GetById?hubSiteId='${site.json.Id}'`;
    expect((await c.sp('POST', byId, { Title: 'Samhällsbyggnad', LogoUrl: 'https://x/logo.png' }, { 'x-http-method': 'MERGE', 'if-match': '*' })).status).toBe(204);
    expect((await c.sp('GET', byId)).json).toMatchObject({ Title: 'Samhällsbyggnad', LogoUrl: 'https://x/logo.png' });
    expect((await c.sp('GET', '/_api/HubSites')).json.value.map((h: { ID: string }) => h.ID)).toContain(site.json.Id);
    expect((await c.sp('GET', `/_api/HubSites/GetById?hubSiteId='${EMPTY}'`)).status).toBe(404);

    expect((await c.sp('POST', `${member}/_api/site/JoinHubSite('${site.json.Id}')`)).status).toBe(204);
    expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(site.json.Id);
    await c.sp('POST', `${hub}/_api/web/navigation/topnavigationbar`, { Title: 'Hem', Url: hub });
    const data = await c.sp('GET', `${member}/_api/web/HubSiteData`);
    expect(JSON.parse(data.json.value)).toMatchObject({ name: 'Samhällsbyggnad', navigation: [{ Title: 'Hem', Url: hub }] });
    expect((await c.sp('POST', `${member}/_api/site/JoinHubSite('${EMPTY}')`)).status).toBe(204);
    expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(EMPTY);
    expect((await c.sp('POST', `${member}/_api/site/JoinHubSite('${EMPTY.replace(/0$/, '1')}')`)).status).toBe(404);

    await c.sp('POST', `${member}/_api/site/JoinHubSite('${site.json.Id}')`);
    expect((await c.sp('POST', `${hub}/_api/site/UnRegisterHubSite`)).status).toBe(200);
    expect((await c.sp('GET', `${hub}/_api/site?$select=IsHubSite`)).json.IsHubSite).toBe(false);
    expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(EMPTY);
  });
});

function csom(actions: string, paths: string): string {
  return (
    '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="test" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
    `<Actions>${actions}</Actions><ObjectPaths><StaticProperty Id="1" TypeId="{3747adcd-a3c3-41b9-bfab-4a64dd2f1e0a}" Name="Current" /><Property Id="2" ParentId="1" Name="Web" />${paths}</ObjectPaths></Request>`
  );
}

describe('web settings and CSOM', () => {
  it('property bag (SetFieldValue + Update), regional settings, site logo, and a restart keeps them', async () => {
    const site = await commSite(uniq('s'));
    const pq = `${site}/_vti_bin/client.svc/ProcessQuery`;
    // a new modern site denies custom script (test/emulator/custom-script.test.ts): allow it, as an administrator would
    const siteId = (await c.sp('GET', `${site}/_api/site?$select=Id`)).json.Id as string;
    const adminToken = (await certificateToken(t, 'https://contoso-admin.sharepoint.com/.default')).json.access_token as string;
    const allowed = await c.sp('PATCH', `/_api/SPO.Tenant/sites('${siteId}')`, { DenyAddAndCustomizePages: 1 }, { 'x-forwarded-host': 'contoso-admin.sharepoint.com', authorization: `Bearer ${adminToken}` });
    expect(allowed.status).toBe(204);
    const bag = csom(
      '<Method Name="SetFieldValue" Id="10" ObjectPathId="4"><Parameters><Parameter Type="String">botkyrka.dept</Parameter><Parameter Type="String">SBF &amp; co</Parameter></Parameters></Method><Method Name="Update" Id="11" ObjectPathId="2" />',
      '<Property Id="4" ParentId="2" Name="AllProperties" />',
    );
    const r = await c.sp('POST', pq, bag, { 'content-type': 'text/xml' });
    expect(r.status).toBe(200);
    expect(r.json[0]).toMatchObject({ SchemaVersion: '15.0.0.0', ErrorInfo: null });
    expect((await c.sp('GET', `${site}/_api/web/AllProperties`)).json.botkyrka_x002e_dept).toBe('SBF & co');

    // without Web.Update nothing is saved
    const noUpdate = bag.replace('<Method Name="Update" Id="11" ObjectPathId="2" />', '').replace('SBF &amp; co', 'other');
    await c.sp('POST', pq, noUpdate, { 'content-type': 'text/xml' });
    expect((await c.sp('GET', `${site}/_api/web/AllProperties`)).json.botkyrka_x002e_dept).toBe('SBF & co');

    const regional = csom(
      '<SetProperty Id="20" ObjectPathId="5" Name="LocaleId"><Parameter Type="UInt32">1053</Parameter></SetProperty><SetProperty Id="21" ObjectPathId="5" Name="TimeZone"><Parameter ObjectPathId="7" /></SetProperty><Method Name="Update" Id="22" ObjectPathId="5" />',
      '<Property Id="5" ParentId="2" Name="RegionalSettings" /><Property Id="6" ParentId="5" Name="TimeZones" /><Method Id="7" ParentId="6" Name="GetById"><Parameters><Parameter Type="Int32">4</Parameter></Parameters></Method>',
    );
    expect((await c.sp('POST', pq, regional, { 'content-type': 'text/xml' })).json[0].ErrorInfo).toBeNull();
    expect((await c.sp('GET', `${site}/_api/web/RegionalSettings?$select=LocaleId,Time24`)).json).toMatchObject({ LocaleId: 1053, Time24: true });
    expect((await c.sp('GET', `${site}/_api/web/RegionalSettings/TimeZone`)).json).toMatchObject({ Id: 4, Description: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna' });
    const badTz = await c.sp('POST', pq, regional.replace('<Parameter Type="Int32">4</Parameter>', '<Parameter Type="Int32">9999</Parameter>'), { 'content-type': 'text/xml' });
    expect(badTz.status).toBe(200);
    expect(badTz.json[0].ErrorInfo).toMatchObject({ ErrorTypeName: 'System.ArgumentException' });
    const unsupported = await c.sp('POST', pq, csom('<Method Name="DeleteObject" Id="3" ObjectPathId="2" />', ''), { 'content-type': 'text/xml' });
    expect(unsupported.json[0].ErrorInfo).not.toBeNull();

    expect((await c.sp('POST', `${site}/_api/siteiconmanager/setsitelogo`, { relativeLogoUrl: `${site}/SiteAssets/logo.png`, type: 0, aspect: 1 })).status).toBe(200);
    expect((await c.sp('GET', `${site}/_api/web?$select=SiteLogoUrl`)).json.SiteLogoUrl).toBe(`${site}/SiteAssets/logo.png`);

    // everything above is journaled: a restart finds it again
    await t.close();
    t = await startLocalTenant({ stateDir: dir });
    c = await client(t);
    expect((await c.sp('GET', `${site}/_api/web/AllProperties`)).json.botkyrka_x002e_dept).toBe('SBF & co');
    expect((await c.sp('GET', `${site}/_api/web/RegionalSettings/TimeZone`)).json.Id).toBe(4);
    expect((await c.sp('GET', `${site}/_api/web?$select=SiteLogoUrl`)).json.SiteLogoUrl).toBe(`${site}/SiteAssets/logo.png`);
  });

  it('a property bag write on a site that denies custom scripts is refused as SharePoint does', () => {
    // DenyAddAndCustomizePages is a tenant-admin site property; set on the store directly here
    const store = new Store({ tenantName: 'contoso', clock: realClock });
    const site = store.createSite({ url: '/sites/noscript', title: 'No script', description: '', webTemplate: 'SITEPAGEPUBLISHING', configuration: 0, lcid: 1033, groupId: null, owner: null });
    store.commit({ k: 'ia', op: { t: 'web', v: { ...defaultWebSettings(site.id), denyAddAndCustomizePages: true } } });
    const body = csom(
      '<Method Name="SetFieldValue" Id="10" ObjectPathId="4"><Parameters><Parameter Type="String">k</Parameter><Parameter Type="String">v</Parameter></Parameters></Method><Method Name="Update" Id="11" ObjectPathId="2" />',
      '<Property Id="4" ParentId="2" Name="AllProperties" />',
    );
    const req = { method: 'POST', host: 'contoso.sharepoint.com', rawPath: '/sites/noscript/_vti_bin/client.svc/ProcessQuery', rawQuery: '', query: new URLSearchParams(), headers: { 'content-type': 'text/xml' }, body: Buffer.from(body), requestId: 'x' };
    const r = processQuery(store, req, site, { delegated: false, roles: ['Sites.FullControl.All'], appIsTermStoreAdmin: true });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body!)[0].ErrorInfo).toMatchObject({ ErrorCode: -2147024891, ErrorTypeName: 'System.UnauthorizedAccessException' });
    expect(store.ia.web(site.id)!.props).toEqual({});
  });
});

describe('themes and sensitivity labels', () => {
  const palette = (primary: string) => JSON.stringify({ isInverted: false, palette: { themePrimary: primary, white: '#ffffff' } });

  it('GetTenantThemingOptions lists the tenant themes; AddTenantTheme adds one (false for a taken name); ApplyTheme stores the palette; a restart keeps them', async () => {
    const site = await commSite(uniq('th'));
    const opts = await c.sp('POST', `${site}/_api/thememanager/GetTenantThemingOptions`);
    expect(opts.status).toBe(200);
    expect(opts.json).toMatchObject({ 'odata.type': 'SP.Utilities.ThemingOptions', hideDefaultThemes: false });
    const names = (j: { themePreviews: { name: string; themeJson: string }[] }) => j.themePreviews.map((p) => p.name);
    expect(names(opts.json)).toEqual(['Botkyrka', 'Kontrast']);
    expect(JSON.parse(opts.json.themePreviews[0].themeJson).palette.themePrimary).toBe('#00573f');
    const verbose = await c.sp('POST', `${site}/_api/thememanager/GetTenantThemingOptions`, undefined, { accept: 'application/json;odata=verbose' });
    expect(verbose.json.d.themePreviews.results.map((p: { name: string }) => p.name)).toEqual(['Botkyrka', 'Kontrast']);

    const name = uniq('Tema');
    expect((await c.sp('POST', '/_api/thememanager/AddTenantTheme', { name, themeJson: palette('#123456') })).json.value).toBe(true);
    expect((await c.sp('POST', '/_api/thememanager/AddTenantTheme', { name: name.toUpperCase(), themeJson: palette('#654321') })).json.value).toBe(false);
    expect((await c.sp('POST', '/_api/thememanager/AddTenantTheme', { name: 'x', themeJson: '{"no":"palette"}' })).status).toBe(400);
    expect(names((await c.sp('POST', `${site}/_api/thememanager/GetTenantThemingOptions`)).json)).toEqual(['Botkyrka', 'Kontrast', name]);

    expect((await c.sp('GET', `${site}/_api/SP.Web.GetContextWebThemeData`)).json.value).toBeNull();
    const applied = await c.sp('POST', `${site}/_api/thememanager/ApplyTheme`, { name, themeJson: palette('#123456') });
    expect(applied.status).toBe(200);
    expect(applied.json.value).toBe(true);
    expect(JSON.parse((await c.sp('GET', `${site}/_api/SP.Web.GetContextWebThemeData`)).json.value).palette.themePrimary).toBe('#123456');
    expect((await c.sp('POST', `${site}/_api/thememanager/ApplyTheme`, { name: '', themeJson: palette('#000000') })).status).toBe(400);
    expect((await c.sp('POST', `${site}/_api/thememanager/ApplyTheme`, { name: 'y', themeJson: 'not json' })).status).toBe(400);

    await t.close();
    t = await startLocalTenant({ stateDir: dir });
    c = await client(t);
    expect(names((await c.sp('POST', `${site}/_api/thememanager/GetTenantThemingOptions`)).json)).toEqual(['Botkyrka', 'Kontrast', name]);
    expect(JSON.parse((await c.sp('GET', `${site}/_api/SP.Web.GetContextWebThemeData`)).json.value).palette.themePrimary).toBe('#123456');
  });

  it('Graph lists the published sensitivity labels; the admin API reads and sets a site label (SensitivityLabel2), refuses an unknown one, and a restart keeps it', async () => {
    const labels = await c.graph('GET', '/security/dataSecurityAndGovernance/sensitivityLabels');
    expect(labels.status).toBe(200);
    expect(labels.json.value.map((l: { name: string }) => l.name)).toEqual(['Offentlig', 'Intern', 'Konfidentiell']);
    const intern = labels.json.value[1] as { id: string; name: string; isEnabled: boolean };
    expect(intern).toMatchObject({ name: 'Intern', isEnabled: true });
    expect((await c.graph('GET', `/security/dataSecurityAndGovernance/sensitivityLabels/${intern.id}`)).json.name).toBe('Intern');
    expect((await c.graph('GET', '/security/dataSecurityAndGovernance/sensitivityLabels/00000000-0000-0000-0000-000000000001')).status).toBe(404);

    const site = await commSite(uniq('lb'));
    const siteId = (await c.sp('GET', `${site}/_api/site?$select=Id`)).json.Id as string;
    const admin = (method: string, body?: unknown) =>
      c.sp(method, `/_api/SPO.Tenant/sites('${siteId}')`, body, { 'x-forwarded-host': t.sharepointHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com') });
    expect((await admin('GET')).json).toMatchObject({ SensitivityLabel: EMPTY, SensitivityLabel2: '' });
    expect((await admin('PATCH', { SensitivityLabel2: intern.id })).status).toBe(204);
    expect((await admin('GET')).json).toMatchObject({ SensitivityLabel: intern.id, SensitivityLabel2: intern.id });
    const bad = await admin('PATCH', { SensitivityLabel2: '11111111-2222-4333-8444-555555555555', SharingCapability: 0 });
    expect(bad.status).toBe(400);
    // nothing of a refused PATCH is written
    expect((await admin('GET')).json).toMatchObject({ SensitivityLabel2: intern.id, SharingCapability: 1 });

    await t.close();
    t = await startLocalTenant({ stateDir: dir });
    c = await client(t);
    expect((await admin('GET')).json.SensitivityLabel2).toBe(intern.id);
    expect((await admin('PATCH', { SensitivityLabel2: '' })).status).toBe(204);
    expect((await admin('GET')).json.SensitivityLabel2).toBe('');
  });
});
