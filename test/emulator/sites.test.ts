import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { groupSite, newGroup, start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

describe('Graph sites, lists, columns', () => {
  it('a Unified group gets a team site at /sites/{mailNickname}, suffixed when taken', async () => {
    const nick = uniq('plan');
    const g = await newGroup(c, nick);
    const s = await c.graph('GET', `/groups/${g.id}/sites/root`);
    expect(s.status).toBe(200);
    expect(s.json).toMatchObject({ displayName: g.displayName, name: nick, webUrl: `https://contoso.sharepoint.com/sites/${nick}`, siteCollection: { hostname: 'contoso.sharepoint.com' } });
    expect(s.json.id).toMatch(/^contoso\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    // a communication site takes the next url; the group then gets a suffixed one
    const nick2 = uniq('taken');
    const cs = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'Taken', Url: `https://contoso.sharepoint.com/sites/${nick2}`, Owner: 'admin@contoso.onmicrosoft.com' } });
    expect(cs.json.SiteStatus).toBe(2);
    const g2 = await newGroup(c, nick2);
    const s2 = await c.graph('GET', `/groups/${g2.id}/sites/root`);
    expect(s2.json.webUrl).toBe(`https://contoso.sharepoint.com/sites/${nick2}2`);
    const sec = await c.graph('POST', '/groups', { displayName: 'sec', mailNickname: uniq('sec'), mailEnabled: false, securityEnabled: true });
    expect((await c.graph('GET', `/groups/${sec.json.id}/sites/root`)).status).toBe(404);
  });

  it('gets a site by path (with and without trailing colon), by id, root, with $select', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    for (const p of [`/sites/contoso.sharepoint.com:${site.path}`, `/sites/contoso.sharepoint.com:${site.path}:`, `/sites/${site.id}`]) {
      const r = await c.graph('GET', p);
      expect(r.status, p).toBe(200);
      expect(r.json.id).toBe(site.id);
      expect(r.json['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#sites/$entity');
    }
    const sel = await c.graph('GET', `/sites/${site.id}?$select=displayName,webUrl`);
    expect(Object.keys(sel.json).sort()).toEqual(['@odata.context', 'displayName', 'webUrl']);
    const root = await c.graph('GET', '/sites/root');
    expect(root.json).toMatchObject({ webUrl: 'https://contoso.sharepoint.com', root: {} });
    const nf = await c.graph('GET', '/sites/contoso.sharepoint.com:/sites/does-not-exist');
    expect(nf.status).toBe(404);
    expect(nf.json.error.code).toBe('itemNotFound');
    const nf2 = await c.graph('GET', '/sites/contoso.sharepoint.com,00000000-0000-0000-0000-000000000000,00000000-0000-0000-0000-000000000000');
    expect(nf2.status).toBe(404);
  });

  it('the team site has the Documents library and built-in site columns', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const lists = await c.graph('GET', `/sites/${site.id}/lists`);
    expect(lists.json.value).toHaveLength(1);
    expect(lists.json.value[0]).toMatchObject({ name: 'Shared Documents', displayName: 'Documents', list: { template: 'documentLibrary', hidden: false }, webUrl: `${site.webUrl}/Shared%20Documents` });
    const byName = await c.graph('GET', `/sites/${site.id}/lists/Documents`);
    expect(byName.json.id).toBe(lists.json.value[0].id);
    const cols = await c.graph('GET', `/sites/${site.id}/columns`);
    const title = cols.json.value.find((x: { name: string }) => x.name === 'Title');
    expect(title).toMatchObject({ id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', columnGroup: expect.any(String), text: { maxLength: 255 } });
    expect(cols.json.value.length).toBeGreaterThanOrEqual(5);
  });

  it('creates a list with columns; name comes from displayName; $expand=columns', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const r = await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Books & More', description: 'd', columns: [{ name: 'Author', text: {} }, { name: 'PageCount', number: {} }], list: { template: 'genericList' } });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ displayName: 'Books & More', name: 'Books  More'.replace('  ', ' '), description: 'd', list: { template: 'genericList' } });
    expect(r.json.webUrl).toBe(`${site.webUrl}/Lists/Books%20More`);
    const dup = await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Books & More' });
    expect(dup.status).toBe(409);
    const got = await c.graph('GET', `/sites/${site.id}/lists/${r.json.id}?$expand=columns`);
    const names = got.json.columns.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(['Title', 'Author', 'PageCount']));
    const lib = await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Policies', list: { template: 'documentLibrary' } });
    expect(lib.json.webUrl).toBe(`${site.webUrl}/Policies`);
    const all = await c.graph('GET', `/sites/${site.id}/lists?$select=id,displayName`);
    expect(all.json.value).toHaveLength(3);
    expect((await c.graph('GET', `/sites/${site.id}/lists/nope`)).status).toBe(404);
  });

  it('site and list columns: create each facet, get, patch, delete', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const facets: Record<string, unknown>[] = [
      { name: 'Summary', text: { allowMultipleLines: true, linesForEditing: 6 } },
      { name: 'Stage', choice: { choices: ['Draft', 'Final'], displayAs: 'dropDownMenu', allowTextEntry: false }, defaultValue: { value: 'Draft' } },
      { name: 'Tags', choice: { choices: ['a', 'b'], displayAs: 'checkBoxes' } },
      { name: 'Amount', number: { decimalPlaces: 'two', minimum: 0, maximum: 100 } },
      { name: 'Approved', boolean: {}, defaultValue: { value: '0' } },
      { name: 'Due', dateTime: { format: 'dateOnly' } },
      { name: 'Reviewer', personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleOnly' } },
    ];
    for (const body of facets) {
      const r = await c.graph('POST', `/sites/${site.id}/columns`, { ...body, columnGroup: 'Plan Columns', description: 'x' });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
      expect(r.json).toMatchObject({ name: body.name, displayName: body.name, columnGroup: 'Plan Columns', description: 'x' });
      const facet = Object.keys(body).find((k) => !['name', 'defaultValue'].includes(k))!;
      expect(r.json[facet]).toBeTruthy();
    }
    const dup = await c.graph('POST', `/sites/${site.id}/columns`, { name: 'Stage', text: {} });
    expect(dup.status).toBe(409);
    expect(dup.json.error.code).toBe('nameAlreadyExists');
    const list = await c.graph('GET', `/sites/${site.id}/columns`);
    const stage = list.json.value.find((x: { name: string }) => x.name === 'Stage');
    expect(stage.defaultValue).toEqual({ value: 'Draft' });
    expect(list.json.value.find((x: { name: string }) => x.name === 'Tags').choice.displayAs).toBe('checkBoxes');
    expect(list.json.value.find((x: { name: string }) => x.name === 'Due').dateTime.format).toBe('dateOnly');
    const p = await c.graph('PATCH', `/sites/${site.id}/columns/${stage.id}`, { choice: { choices: ['Draft', 'Review', 'Final'] }, required: true, description: 'new', displayName: 'Stage!' });
    expect(p.status).toBe(200);
    expect(p.json).toMatchObject({ id: stage.id, required: true, description: 'new', displayName: 'Stage!', choice: { choices: ['Draft', 'Review', 'Final'], displayAs: 'dropDownMenu' } });
    const one = await c.graph('GET', `/sites/${site.id}/columns/${stage.id}`);
    expect(one.json.choice.choices).toEqual(['Draft', 'Review', 'Final']);
    expect((await c.graph('DELETE', `/sites/${site.id}/columns/${stage.id}`)).status).toBe(204);
    expect((await c.graph('GET', `/sites/${site.id}/columns/${stage.id}`)).status).toBe(404);

    const docs = (await c.graph('GET', `/sites/${site.id}/lists/Documents`)).json;
    const lc = await c.graph('POST', `/sites/${site.id}/lists/${docs.id}/columns`, { name: 'Owner2', personOrGroup: {} });
    expect(lc.status).toBe(201);
    const lcs = await c.graph('GET', `/sites/${site.id}/lists/${docs.id}/columns`);
    expect(lcs.json.value.map((x: { name: string }) => x.name)).toContain('Owner2');
    const lp = await c.graph('PATCH', `/sites/${site.id}/lists/${docs.id}/columns/${lc.json.id}`, { hidden: true });
    expect(lp.json.hidden).toBe(true);
    expect((await c.graph('DELETE', `/sites/${site.id}/lists/${docs.id}/columns/${lc.json.id}`)).status).toBe(204);
  });
});

describe('SharePoint REST', () => {
  it('web: GET with $select in the three metadata levels, MERGE Title visible through Graph', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const min = await c.sp('GET', `${site.path}/_api/web?$select=Title,Id,ServerRelativeUrl,WebTemplate`);
    expect(min.status).toBe(200);
    expect(min.json).toMatchObject({ 'odata.type': 'SP.Web', 'odata.id': `${site.webUrl}/_api/Web`, Title: g.displayName, ServerRelativeUrl: site.path, WebTemplate: 'GROUP' });
    expect(min.json['odata.metadata']).toBe(`${site.webUrl}/_api/$metadata#SP.ApiData.Webs/@Element`);
    const nom = await c.sp('GET', `${site.path}/_api/web?$select=Title`, undefined, { accept: 'application/json;odata=nometadata' });
    expect(nom.json).toEqual({ Title: g.displayName });
    const verbose = await c.sp('GET', `${site.path}/_api/web`, undefined, { accept: 'application/json;odata=verbose' });
    expect(verbose.json.d.__metadata).toMatchObject({ type: 'SP.Web', uri: `${site.webUrl}/_api/Web` });
    expect(verbose.json.d.Url).toBe(site.webUrl);
    const m = await c.sp('POST', `${site.path}/_api/web`, { __metadata: { type: 'SP.Web' }, Title: 'Retitled', Description: 'About' }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
    expect(m.status).toBe(204);
    const gs = await c.graph('GET', `/sites/${site.id}`);
    expect(gs.json).toMatchObject({ displayName: 'Retitled', description: 'About' });
    const patch = await c.sp('PATCH', `${site.path}/_api/web`, { Title: 'Again' });
    expect(patch.status).toBe(204);
    expect((await c.sp('GET', `${site.path}/_api/web?$select=Title`)).json.Title).toBe('Again');
    const s = await c.sp('GET', `${site.path}/_api/site?$select=Id,Url`);
    expect(s.json.Url).toBe(site.webUrl);
    expect(site.id.split(',')[1]).toBe(s.json.Id);
  });

  it('404 for a web that does not exist', async () => {
    const r = await c.sp('GET', '/sites/nope-nope/_api/web');
    expect(r.status).toBe(404);
    expect(r.json['odata.error']).toMatchObject({ code: '-2147024894, System.IO.FileNotFoundException', message: { lang: 'en-US', value: expect.any(String) } });
    const v = await c.sp('GET', '/sites/nope-nope/_api/web', undefined, { accept: 'application/json;odata=verbose' });
    expect(v.json.error.code).toBe('-2147024894, System.IO.FileNotFoundException');
  });

  it('lists: create (plain and verbose bodies), get by guid/title/url, $filter/$expand, MERGE', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const a = await c.sp('POST', `${site.path}/_api/web/lists`, { AllowContentTypes: false, BaseTemplate: 100, ContentTypesEnabled: false, Description: 'Risks', Title: 'Risk Register' });
    expect(a.status).toBe(201);
    expect(a.json).toMatchObject({ Title: 'Risk Register', BaseTemplate: 100, BaseType: 0, Description: 'Risks', EntityTypeName: 'Risk_x0020_RegisterList', ItemCount: 0, Hidden: false });
    const b = await c.sp('POST', `${site.path}/_api/web/lists`, { __metadata: { type: 'SP.List' }, BaseTemplate: 101, Title: 'Policies' }, { accept: 'application/json;odata=verbose', 'content-type': 'application/json;odata=verbose' });
    expect(b.status).toBe(201);
    expect(b.json.d).toMatchObject({ Title: 'Policies', BaseType: 1, __metadata: { type: 'SP.List' } });
    const dup = await c.sp('POST', `${site.path}/_api/web/lists`, { BaseTemplate: 100, Title: 'risk register' });
    expect(dup.status).toBeGreaterThanOrEqual(400);
    expect(dup.json['odata.error'].code).toBe('-2130575342, Microsoft.SharePoint.SPException');
    const byGuid = await c.sp('GET', `${site.path}/_api/web/lists(guid'${a.json.Id}')?$select=Title,RootFolder/ServerRelativeUrl&$expand=RootFolder`);
    expect(byGuid.json).toMatchObject({ Title: 'Risk Register', RootFolder: { ServerRelativeUrl: `${site.path}/Lists/Risk Register` } });
    const byTitle = await c.sp('GET', `${site.path}/_api/web/lists/getbytitle('Risk%20Register')?$select=Id`);
    expect(byTitle.json.Id).toBe(a.json.Id);
    const byUrl = await c.sp('GET', `${site.path}/_api/web/GetList('${encodeURIComponent(`${site.path}/Lists/Risk Register`)}')?$select=Id`);
    expect(byUrl.json.Id).toBe(a.json.Id);
    const missing = await c.sp('GET', `${site.path}/_api/web/lists/getbytitle('Nope')`);
    expect(missing.status).toBe(404);
    const filtered = await c.sp('GET', `${site.path}/_api/web/lists?$filter=${encodeURIComponent('BaseTemplate eq 101')}&$select=Title&$expand=RootFolder`, undefined, { accept: 'application/json;odata=nometadata' });
    expect(filtered.json.value.map((l: { Title: string }) => l.Title).sort()).toEqual(['Documents', 'Policies']);
    expect(filtered.json.value[0].RootFolder.ServerRelativeUrl).toMatch(/^\/sites\//);
    const merge = await c.sp('POST', `${site.path}/_api/web/lists(guid'${a.json.Id}')`, { Title: 'Risks', Description: 'All risks' }, { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' });
    expect(merge.status).toBe(204);
    const gl = await c.graph('GET', `/sites/${site.id}/lists/${a.json.Id}`);
    expect(gl.json).toMatchObject({ displayName: 'Risks', description: 'All risks', name: 'Risk Register' });
  });

  it('fields: CreateFieldAsXml honours ID, parses entities, refuses duplicates; filters, getters and MERGE', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const id = '2a0e2f8d-31a6-5b3c-9d7e-4a1b2c3d4e5f';
    const xml = `<Field ID="{${id}}" Name="PlanStage" StaticName="PlanStage" DisplayName="Plan &amp; Stage &#228;" Type="Choice" Required="TRUE" Description="The &quot;stage&quot;" Group="Plan &lt;Columns&gt;"><Default>Draft</Default><CHOICES><CHOICE>Draft</CHOICE><CHOICE>Final &amp; done</CHOICE></CHOICES></Field>`;
    const r = await c.sp('POST', `${site.path}/_api/web/fields/CreateFieldAsXml`, { parameters: { SchemaXml: xml, Options: 8 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      Id: id,
      InternalName: 'PlanStage',
      StaticName: 'PlanStage',
      Title: 'Plan & Stage ä',
      TypeAsString: 'Choice',
      FieldTypeKind: 6,
      Required: true,
      Description: 'The "stage"',
      Group: 'Plan <Columns>',
      DefaultValue: 'Draft',
      Choices: ['Draft', 'Final & done'],
    });
    expect(r.json.SchemaXml).toContain(`ID="{${id}}"`);
    const dup = await c.sp('POST', `${site.path}/_api/web/fields/createfieldasxml`, { parameters: { __metadata: { type: 'SP.XmlSchemaFieldCreationInformation' }, SchemaXml: '<Field Name="PlanStage" DisplayName="x" Type="Text" />', Options: 8 } });
    expect(dup.status).toBeGreaterThanOrEqual(400);
    expect(dup.json['odata.error'].message.value).toBe('A duplicate field name "PlanStage" was found.');
    const f1 = await c.sp('GET', `${site.path}/_api/web/fields?$filter=${encodeURIComponent("InternalName eq 'PlanStage'")}&$select=Id,Choices`, undefined, { accept: 'application/json;odata=verbose' });
    expect(f1.json.d.results).toHaveLength(1);
    expect(f1.json.d.results[0].Choices).toEqual({ __metadata: { type: 'Collection(Edm.String)' }, results: ['Draft', 'Final & done'] });
    const f2 = await c.sp('GET', `${site.path}/_api/web/fields/getbyinternalnameortitle('PlanStage')?$select=Title`);
    expect(f2.json.Title).toBe('Plan & Stage ä');
    const f3 = await c.sp('GET', `${site.path}/_api/web/fields(guid'${id}')?$select=InternalName`);
    expect(f3.json.InternalName).toBe('PlanStage');
    const f4 = await c.sp('GET', `${site.path}/_api/web/fields/getbyid('${id}')?$select=InternalName`);
    expect(f4.json.InternalName).toBe('PlanStage');
    expect((await c.sp('GET', `${site.path}/_api/web/fields/getbyinternalnameortitle('Nope')`)).status).toBeGreaterThanOrEqual(400);
    const m = await c.sp('POST', `${site.path}/_api/web/fields(guid'${id}')`, { __metadata: { type: 'SP.FieldChoice' }, Title: 'Stage', Choices: { results: ['A', 'B'] }, Required: false }, { 'X-HTTP-Method': 'MERGE', 'content-type': 'application/json;odata=verbose' });
    expect(m.status).toBe(204);
    const after = await c.sp('GET', `${site.path}/_api/web/fields(guid'${id}')`);
    expect(after.json).toMatchObject({ Title: 'Stage', Choices: ['A', 'B'], Required: false });

    const types: [string, Record<string, unknown>][] = [
      ['<Field Name="Notes1" DisplayName="Notes" Type="Note" NumLines="6" RichText="FALSE" />', { TypeAsString: 'Note', FieldTypeKind: 3, NumberOfLines: 6, RichText: false }],
      ['<Field Name="Cnt" DisplayName="Count" Type="Number" Min="0" Max="10" />', { TypeAsString: 'Number', MinimumValue: 0, MaximumValue: 10 }],
      ['<Field Name="Ok" DisplayName="Ok" Type="Boolean"><Default>1</Default></Field>', { TypeAsString: 'Boolean', FieldTypeKind: 8, DefaultValue: '1' }],
      ['<Field Name="When" DisplayName="When" Type="DateTime" Format="DateOnly" />', { TypeAsString: 'DateTime', DisplayFormat: 0 }],
      ['<Field Name="Who" DisplayName="Who" Type="User" UserSelectionMode="PeopleOnly" />', { TypeAsString: 'User', FieldTypeKind: 20, SelectionMode: 0 }],
      ['<Field Name="Many" DisplayName="Many" Type="MultiChoice"><CHOICES><CHOICE>x</CHOICE></CHOICES></Field>', { TypeAsString: 'MultiChoice', FieldTypeKind: 15, Choices: ['x'] }],
    ];
    for (const [x, expected] of types) {
      const res = await c.sp('POST', `${site.path}/_api/web/fields/CreateFieldAsXml`, { parameters: { SchemaXml: x, Options: 8 } });
      expect(res.status, x).toBe(200);
      expect(res.json).toMatchObject(expected);
    }
  });

  it('SPSiteManager: create a communication site, status, taken url, unknown owner', async () => {
    const name = uniq('comm');
    const url = `https://contoso.sharepoint.com/sites/${name}`;
    const r = await c.sp('POST', '/_api/SPSiteManager/create', {
      request: { Title: 'Intranet', Url: url, Lcid: 1033, ShareByEmailEnabled: false, Description: 'News', WebTemplate: 'SITEPAGEPUBLISHING#0', SiteDesignId: '6142d2a0-63a5-4ba0-aede-d9fefca2c767', Owner: 'admin@contoso.onmicrosoft.com' },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ SiteStatus: 2, SiteUrl: url, SiteId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const st = await c.sp('GET', `/_api/SPSiteManager/status?url='${encodeURIComponent(url)}'`);
    expect(st.json).toMatchObject({ SiteStatus: 2, SiteUrl: url, SiteId: r.json.SiteId });
    const none = await c.sp('GET', `/_api/SPSiteManager/status?url='${encodeURIComponent('https://contoso.sharepoint.com/sites/none-here')}'`);
    expect(none.json.SiteStatus).toBe(0);
    const again = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'Intranet', Url: url, Owner: 'admin@contoso.onmicrosoft.com' } });
    expect(again.json.SiteStatus).toBe(3);
    const bad = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'X', Url: `https://contoso.sharepoint.com/sites/${uniq('x')}`, Owner: 'ghost@contoso.onmicrosoft.com' } });
    expect(bad.status).toBe(400);
    const web = await c.sp('GET', `/sites/${name}/_api/web?$select=Title,WebTemplate,Description`);
    expect(web.json).toMatchObject({ Title: 'Intranet', WebTemplate: 'SITEPAGEPUBLISHING', Description: 'News' });
    const gs = await c.graph('GET', `/sites/contoso.sharepoint.com:/sites/${name}`);
    expect(gs.json.displayName).toBe('Intranet');
    const lists = await c.graph('GET', `/sites/${gs.json.id}/lists`);
    expect(lists.json.value.map((l: { name: string }) => l.name)).toEqual(['Shared Documents']);
    const verbose = await c.sp('GET', `/_api/SPSiteManager/status?url='${encodeURIComponent(url)}'`, undefined, { accept: 'application/json;odata=verbose' });
    expect(verbose.json.d.Status.SiteStatus).toBe(2);
  });

  it('contextinfo answers a form digest', async () => {
    const r = await c.sp('POST', '/_api/contextinfo');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ FormDigestTimeoutSeconds: 1800, FormDigestValue: expect.any(String), WebFullUrl: 'https://contoso.sharepoint.com' });
  });
});

describe('one store, two faces', () => {
  it('a list made through SP REST is on Graph with the same id and name', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const l = await c.sp('POST', `${site.path}/_api/web/lists`, { BaseTemplate: 101, Title: 'Contracts' });
    const gl = await c.graph('GET', `/sites/${site.id}/lists/${l.json.Id}`);
    expect(gl.status).toBe(200);
    expect(gl.json).toMatchObject({ id: l.json.Id, name: 'Contracts', displayName: 'Contracts', list: { template: 'documentLibrary' } });
  });

  it('a list made through Graph is in SP REST with the same id', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const gl = await c.graph('POST', `/sites/${site.id}/lists`, { displayName: 'Tasks X', list: { template: 'genericList' } });
    const sl = await c.sp('GET', `${site.path}/_api/web/lists(guid'${gl.json.id}')?$select=Title,BaseTemplate,RootFolder/ServerRelativeUrl&$expand=RootFolder`);
    expect(sl.json).toMatchObject({ Title: 'Tasks X', BaseTemplate: 100, RootFolder: { ServerRelativeUrl: `${site.path}/Lists/Tasks X` } });
  });

  it('CreateFieldAsXml fields are Graph columns with the given id and the right facet', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const list = await c.sp('POST', `${site.path}/_api/web/lists`, { BaseTemplate: 100, Title: 'Cases' });
    const cases: [string, string, Record<string, unknown>][] = [
      ['11111111-0000-4000-8000-000000000001', '<Field ID="{11111111-0000-4000-8000-000000000001}" Name="CaseNote" DisplayName="Case note" Type="Note" NumLines="8" />', { text: { allowMultipleLines: true, linesForEditing: 8 } }],
      ['11111111-0000-4000-8000-000000000002', '<Field ID="{11111111-0000-4000-8000-000000000002}" Name="CaseOwner" DisplayName="Owner" Type="User" UserSelectionMode="PeopleAndGroups" />', { personOrGroup: { allowMultipleSelection: false, chooseFromType: 'peopleAndGroups' } }],
      ['11111111-0000-4000-8000-000000000003', '<Field ID="{11111111-0000-4000-8000-000000000003}" Name="CaseKinds" DisplayName="Kinds" Type="MultiChoice"><CHOICES><CHOICE>a</CHOICE><CHOICE>b</CHOICE></CHOICES></Field>', { choice: { choices: ['a', 'b'], displayAs: 'checkBoxes' } }],
      ['11111111-0000-4000-8000-000000000004', '<Field ID="{11111111-0000-4000-8000-000000000004}" Name="CaseDue" DisplayName="Due" Type="DateTime" Format="DateOnly" />', { dateTime: { format: 'dateOnly' } }],
      ['11111111-0000-4000-8000-000000000005', '<Field ID="{11111111-0000-4000-8000-000000000005}" Name="CaseOpen" DisplayName="Open" Type="Boolean"><Default>1</Default></Field>', { boolean: {}, defaultValue: { value: '1' } }],
      ['11111111-0000-4000-8000-000000000006', '<Field ID="{11111111-0000-4000-8000-000000000006}" Name="CaseTitle2" DisplayName="T2" Type="Text" MaxLength="100" Required="TRUE" />', { text: { allowMultipleLines: false, maxLength: 100 }, required: true }],
    ];
    for (const [id, xml, facet] of cases) {
      const r = await c.sp('POST', `${site.path}/_api/web/lists(guid'${list.json.Id}')/fields/CreateFieldAsXml`, { parameters: { SchemaXml: xml, Options: 8 } });
      expect(r.status).toBe(200);
      const col = await c.graph('GET', `/sites/${site.id}/lists/${list.json.Id}/columns/${id}`);
      expect(col.status).toBe(200);
      expect(col.json).toMatchObject({ id, ...facet });
    }
    // site column too
    await c.sp('POST', `${site.path}/_api/web/fields/CreateFieldAsXml`, { parameters: { SchemaXml: '<Field ID="{11111111-0000-4000-8000-0000000000aa}" Name="SiteCol" DisplayName="Site col" Type="Text" Group="Mine" />', Options: 8 } });
    const sc = await c.graph('GET', `/sites/${site.id}/columns/11111111-0000-4000-8000-0000000000aa`);
    expect(sc.json).toMatchObject({ name: 'SiteCol', displayName: 'Site col', columnGroup: 'Mine', text: { allowMultipleLines: false } });
  });

  it('a Graph PATCH of choices is seen in SP Choices, and a Graph column is an SP field', async () => {
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const col = await c.graph('POST', `/sites/${site.id}/columns`, { name: 'Phase', choice: { choices: ['One', 'Two'] }, defaultValue: { value: 'One' } });
    const sp1 = await c.sp('GET', `${site.path}/_api/web/fields(guid'${col.json.id}')`);
    expect(sp1.json).toMatchObject({ InternalName: 'Phase', TypeAsString: 'Choice', Choices: ['One', 'Two'], DefaultValue: 'One' });
    await c.graph('PATCH', `/sites/${site.id}/columns/${col.json.id}`, { choice: { choices: ['One', 'Two', 'Three'] } });
    const sp2 = await c.sp('GET', `${site.path}/_api/web/fields/getbyinternalnameortitle('Phase')?$select=Choices`, undefined, { accept: 'application/json;odata=nometadata' });
    expect(sp2.json).toEqual({ Choices: ['One', 'Two', 'Three'] });
    const b = await c.graph('POST', `/sites/${site.id}/columns`, { name: 'Flag', boolean: {}, defaultValue: { value: '1' } });
    const sp3 = await c.sp('GET', `${site.path}/_api/web/fields(guid'${b.json.id}')?$select=TypeAsString,DefaultValue`);
    expect(sp3.json).toMatchObject({ TypeAsString: 'Boolean', DefaultValue: '1' });
    const p = await c.graph('POST', `/sites/${site.id}/columns`, { name: 'Approver', personOrGroup: { allowMultipleSelection: true } });
    const sp4 = await c.sp('GET', `${site.path}/_api/web/fields(guid'${p.json.id}')?$select=TypeAsString,AllowMultipleValues`);
    expect(sp4.json).toMatchObject({ TypeAsString: 'UserMulti', AllowMultipleValues: true });
    // SP MERGE seen on Graph
    await c.sp('POST', `${site.path}/_api/web/fields(guid'${col.json.id}')`, { Description: 'From SP', Required: true }, { 'X-HTTP-Method': 'MERGE' });
    const g2 = await c.graph('GET', `/sites/${site.id}/columns/${col.json.id}`);
    expect(g2.json).toMatchObject({ description: 'From SP', required: true });
  });
});
