/**
 * The engine's path: PnPjs v4 with the real SharePoint URLs, rerouted to the local tenant by a global
 * undici dispatcher that adds x-forwarded-host (as the engine does).
 */
import { spfi, DefaultHeaders, DefaultInit, type SPFI } from '@pnp/sp';
import '@pnp/sp/webs/index.js';
import '@pnp/sp/lists/index.js';
import '@pnp/sp/fields/index.js';
import '@pnp/sp/sites/index.js';
import '@pnp/sp/batching.js';
import { BrowserFetchWithRetry, DefaultParse, InjectHeaders } from '@pnp/queryable';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let previous: Dispatcher;

beforeAll(async () => {
  ({ t, c } = await start());
  const target = new URL(t.url);
  class Reroute extends Agent {
    override dispatch(opts: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
      const o = new URL(String(opts.origin));
      if (o.hostname.endsWith('.sharepoint.com') || o.hostname === 'graph.microsoft.com' || o.hostname === 'login.microsoftonline.com') {
        opts = { ...opts, origin: target.origin, headers: { ...(opts.headers as Record<string, string>), 'x-forwarded-host': o.host } };
      }
      return super.dispatch(opts, handler);
    }
  }
  previous = getGlobalDispatcher();
  setGlobalDispatcher(new Reroute());
});
afterAll(async () => {
  setGlobalDispatcher(previous);
  await t?.close();
});

function sp(url: string): SPFI {
  return spfi(url).using(DefaultHeaders(), DefaultInit(), BrowserFetchWithRetry(), DefaultParse(), InjectHeaders({ Authorization: `Bearer ${c.spToken}` }));
}

describe('PnPjs v4 against the local tenant', () => {
  it('creates a communication site, a list and a field, updates them, and reads them back', async () => {
    const url = `https://contoso.sharepoint.com/sites/${uniq('pnp')}`;
    const created = await sp('https://contoso.sharepoint.com/').site.createCommunicationSite('PnP site', 1033, false, url, 'desc', undefined, undefined, undefined, 'admin@contoso.onmicrosoft.com');
    expect(created).toMatchObject({ SiteStatus: 2, SiteUrl: url });
    const web = sp(url).web;
    expect(await web.select('Title')()).toMatchObject({ Title: 'PnP site' });
    const added = (await web.lists.add('PnP List', 'd', 100, false)) as unknown as { Id: string };
    expect(added.Id).toMatch(/^[0-9a-f-]{36}$/);
    const list = web.lists.getByTitle('PnP List');
    await list.fields.createFieldAsXml({ SchemaXml: '<Field ID="{12345678-1234-4234-8234-123456789012}" Name="PnpCol" DisplayName="Pnp col" Type="Choice"><CHOICES><CHOICE>x</CHOICE></CHOICES></Field>', Options: 8 });
    await list.fields.getById('12345678-1234-4234-8234-123456789012').update({ Title: 'Renamed' });
    expect(await list.fields.getByInternalNameOrTitle('PnpCol').select('Title', 'Choices')()).toMatchObject({ Title: 'Renamed', Choices: ['x'] });
    await web.update({ Title: 'PnP renamed' });
    expect((await web.lists.ensure('PnP List')).created).toBe(false);
    const lists = await web.lists.select('Title', 'Id').filter('BaseTemplate eq 100')();
    expect(lists.map((l) => l.Id)).toEqual([added.Id]);
    await expect(web.lists.getByTitle('Nope')()).rejects.toThrow(/404/);
    // the same objects through Graph
    const g = await c.graph('GET', `/sites/contoso.sharepoint.com:${new URL(url).pathname}`);
    expect(g.json.displayName).toBe('PnP renamed');
    const col = await c.graph('GET', `/sites/${g.json.id}/lists/${added.Id}/columns/12345678-1234-4234-8234-123456789012`);
    expect(col.json).toMatchObject({ displayName: 'Renamed', choice: { choices: ['x'] } });
  });
  it('CreateFieldAsXml without AddFieldInternalNameHint ignores Name: the internal name comes from the display name, escaped, cut at 32, made unique', async () => {
    const url = `https://contoso.sharepoint.com/sites/${uniq('pnpf')}`;
    await sp('https://contoso.sharepoint.com/').site.createCommunicationSite('Fields', 1033, false, url, 'd', undefined, undefined, undefined, 'admin@contoso.onmicrosoft.com');
    const web = sp(url).web;
    await web.lists.add('Ärenden', '', 100, false);
    const list = web.lists.getByTitle('Ärenden');
    const internalOf = async (xml: string, options?: number) => {
      const f = (await list.fields.createFieldAsXml(options === undefined ? xml : { SchemaXml: xml, Options: options })) as { InternalName: string; StaticName: string; Title: string };
      return [f.InternalName, f.StaticName, f.Title];
    };
    // a string (no Options): Name and StaticName are ignored
    expect(await internalOf('<Field Name="CaseStatus" StaticName="CaseStatus" DisplayName="Case status" Type="Text" />')).toEqual(['Case_x0020_status', 'Case_x0020_status', 'Case status']);
    expect(await internalOf('<Field Name="Handlaggare" DisplayName="Handläggare på förvaltningen" Type="Text" />', 0)).toEqual([
      'Handl_x00e4_ggare_x0020_p_x00e5_',
      'Handl_x00e4_ggare_x0020_p_x00e5_',
      'Handläggare på förvaltningen',
    ]);
    // taken: a numeric suffix, still at most 32 characters
    expect((await internalOf('<Field Name="X" DisplayName="Case status" Type="Text" />'))[0]).toBe('Case_x0020_status0');
    expect((await internalOf('<Field Name="X" DisplayName="Handläggare på förvaltningen" Type="Text" />', 4))[0]).toBe('Handl_x00e4_ggare_x0020_p_x00e50');
    // with the hint (alone or with other options), Name is the internal name
    expect(await internalOf('<Field Name="CaseOwner" DisplayName="Case owner" Type="Text" />', 8 | 1)).toEqual(['CaseOwner', 'CaseOwner', 'Case owner']);
    const names = (await list.fields.select('InternalName').filter("Hidden eq false")()).map((f) => (f as { InternalName: string }).InternalName);
    expect(names).toEqual(expect.arrayContaining(['Case_x0020_status', 'Case_x0020_status0', 'Handl_x00e4_ggare_x0020_p_x00e5_', 'Handl_x00e4_ggare_x0020_p_x00e50', 'CaseOwner']));
    expect(names).not.toContain('CaseStatus');
    // site columns follow the same rule, and fields.add (a title only) names the field the same way
    const site = (await web.fields.createFieldAsXml('<Field Name="Diarienummer" DisplayName="Diarie nr" Type="Text" />')) as { InternalName: string };
    expect(site.InternalName).toBe('Diarie_x0020_nr');
    const added = (await web.fields.addText('Diarie nr')) as { InternalName: string };
    expect(added.InternalName).toBe('Diarie_x0020_nr0');
  });
  it('runs a PnPjs batch (changeset of writes + GETs) through SharePoint $batch', async () => {
    const url = `https://contoso.sharepoint.com/sites/${uniq('pnpb')}`;
    await sp('https://contoso.sharepoint.com/').site.createCommunicationSite('Batch site', 1033, false, url, 'd', undefined, undefined, undefined, 'admin@contoso.onmicrosoft.com');
    const [batched, execute] = sp(url).batched();
    const out: unknown[] = [];
    batched.web.lists.add('Batch A', '', 100, false).then((r) => out.push(r));
    batched.web.lists.add('Batch B', '', 100, false).then((r) => out.push(r));
    let title = '';
    batched.web.select('Title')().then((w) => (title = (w as { Title: string }).Title));
    await execute();
    expect(out).toHaveLength(2);
    expect(title).toBe('Batch site');
    const lists = await sp(url).web.lists.filter("startswith(Title,'Batch')").select('Title')();
    expect(lists.map((l) => l.Title).sort()).toEqual(['Batch A', 'Batch B']);
    expect(t.stats().byOperation['SP POST $batch']).toBe(1);
  });
});
