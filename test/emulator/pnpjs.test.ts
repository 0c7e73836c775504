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
    await list.fields.createFieldAsXml('<Field ID="{12345678-1234-4234-8234-123456789012}" Name="PnpCol" DisplayName="Pnp col" Type="Choice"><CHOICES><CHOICE>x</CHOICE></CHOICES></Field>');
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
