/**
 * Views, navigation, hub sites and site settings through the engine (in-process, over HTTP to the
 * local tenant): apply from empty, tenant state, convergence; one stated property per kind changed
 * gives exactly that change and converges; reordering nodes is an update of the order; deletes
 * of each kind (for pruning) leave the tenant as expected.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Change } from '../../src/model/change.ts';
import { kindOf as providerOf } from '../../src/kinds/registry.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';

const OWNER = 'anna.andersson@contoso.onmicrosoft.com';

function blueprint(o: {
  rowLimit?: number;
  nodeUrl?: string;
  hubTitle?: string;
  bagValue?: string;
  timeZone?: number;
  quickLaunch?: string[];
  filterValue?: string;
} = {}): string {
  const ql = o.quickLaunch ?? ['Detaljplan', 'Bygglov', 'Kontakt'];
  const urls: Record<string, string> = {
    Detaljplan: '/sites/ia-plan',
    Bygglov: o.nodeUrl ?? '/sites/ia-bygglov',
    Kontakt: 'https://www.botkyrka.se/kontakt',
  };
  return `
version: 1
name: site-ia-test
columns:
  processStep: { name: ProcessStep, type: choice, choices: [Inkommen, Beslut], displayName: Processteg }
  officer: { name: ResponsibleOfficer, type: user, displayName: Handläggare }
sites:
  - url: /sites/ia-hub
    type: communication
    title: Samhällsbyggnad
    owner: ${OWNER}
    hub:
      title: ${o.hubTitle ?? 'Samhällsbyggnad hub'}
      navigation:
        - title: Processer
          url: /sites/ia-hub
          children:
            - { title: Detaljplan, url: /sites/ia-plan }
            - { title: Bygglov, url: /sites/ia-bygglov }
    navigation:
      quickLaunch:
${ql.map((t) => `        - { title: ${t}, url: "${urls[t]}" }`).join('\n')}
    settings:
      propertyBag: { botkyrka.department: ${o.bagValue ?? 'SBF'}, botkyrka.ia: "process" }
      localeId: 1053
      timeZoneId: ${o.timeZone ?? 4}
  - url: /sites/ia-plan
    type: communication
    title: Detaljplan
    owner: ${OWNER}
    hubSite: /sites/ia-hub
    lists:
      - url: Arenden
        title: Ärenden
        template: documentLibrary
        columns:
          - use: processStep
          - use: officer
        views:
          - name: Beslutade
            columns: [DocIcon, LinkFilename, ProcessStep, ResponsibleOfficer, Modified]
            filter: { column: ProcessStep, eq: ${o.filterValue ?? 'Beslut'} }
            groupBy: [ResponsibleOfficer]
            collapsed: true
            orderBy: [{ column: Modified, ascending: false }]
            rowLimit: ${o.rowLimit ?? 50}
          - name: Mina
            columns: [LinkFilename, ProcessStep]
            filter: { and: [{ column: ProcessStep, neq: Beslut }, { column: ResponsibleOfficer, isNotNull: true }] }
            default: true
  - url: /sites/ia-bygglov
    type: communication
    title: Bygglov
    owner: ${OWNER}
    hubSite: /sites/ia-hub
`;
}

let target: Target;
const { changesOf, applyAndConverge } = engineSteps(() => target, 'site-ia.yaml', { allowCustomScript: true });

beforeAll(async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-site-ia-'));
  target = await openTarget({ tenant: 'local', cwd });
});

afterAll(async () => {
  await target?.close();
});




const host = () => `https://${target.client.sharepointHost}`;
const sp = (path: string) => target.client.sp.get<Record<string, unknown>>(path);

async function views(site: string, list: string) {
  const l = (await sp(`${site.slice(1)}/_api/web/getlist('${site}/${list}')?$select=Id`)) as { Id: string };
  return (await sp(`${site.slice(1)}/_api/web/lists(guid'${l.Id}')/views?$expand=ViewFields`)) as unknown as {
    Title: string;
    RowLimit: number;
    DefaultView: boolean;
    ViewQuery: string;
    ViewFields: { Items: string[] };
  }[];
}

async function quickLaunch(site: string) {
  return (await sp(`${site.slice(1)}/_api/web/navigation/quicklaunch`)) as unknown as { Id: number; Title: string; Url: string }[];
}

test('applies from empty: views, navigation, hub, association, settings; converges', async () => {
  const plan = await applyAndConverge(blueprint());
  const kinds = new Set(plan.changes.map((c) => c.kind));
  for (const k of ['view', 'navigationNode', 'hubSite', 'hubAssociation', 'siteSettings']) expect(kinds).toContain(k);

  // views
  const vs = await views('/sites/ia-plan', 'Arenden');
  const decided = vs.find((v) => v.Title === 'Beslutade')!;
  expect(decided.RowLimit).toBe(50);
  expect(decided.ViewFields.Items).toEqual(['DocIcon', 'LinkFilename', 'ProcessStep', 'ResponsibleOfficer', 'Modified']);
  expect(decided.ViewQuery).toContain('<Eq><FieldRef Name="ProcessStep" /><Value Type="Text">Beslut</Value></Eq>');
  expect(decided.ViewQuery).toContain('<GroupBy Collapse="TRUE"');
  expect(vs.filter((v) => v.DefaultView).map((v) => v.Title)).toEqual(['Mina']);

  // navigation
  expect((await quickLaunch('/sites/ia-hub')).map((n) => n.Title)).toEqual(['Detaljplan', 'Bygglov', 'Kontakt']);
  const top = (await sp(`sites/ia-hub/_api/web/navigation/topnavigationbar?$expand=Children`)) as unknown as { Title: string; Children: { Title: string }[] }[];
  expect(top.map((n) => n.Title)).toEqual(['Processer']);
  expect(top[0]!.Children.map((c) => c.Title)).toEqual(['Detaljplan', 'Bygglov']);

  // hub and associations
  const hub = (await sp('sites/ia-hub/_api/site?$select=Id,IsHubSite')) as { Id: string; IsHubSite: boolean };
  expect(hub.IsHubSite).toBe(true);
  const hubInfo = (await sp(`_api/HubSites/GetById?hubSiteId='${hub.Id}'`)) as { Title: string };
  expect(hubInfo.Title).toBe('Samhällsbyggnad hub');
  for (const s of ['ia-plan', 'ia-bygglov']) {
    const site = (await sp(`sites/${s}/_api/site?$select=HubSiteId`)) as { HubSiteId: string };
    expect(site.HubSiteId).toBe(hub.Id);
  }

  // settings
  const bag = await sp('sites/ia-hub/_api/web/AllProperties');
  expect(bag.botkyrka_x002e_department).toBe('SBF');
  const rs = (await sp('sites/ia-hub/_api/web/RegionalSettings?$select=LocaleId')) as { LocaleId: number };
  expect(rs.LocaleId).toBe(1053);
  const tz = (await sp('sites/ia-hub/_api/web/RegionalSettings/TimeZone')) as { Id: number };
  expect(tz.Id).toBe(4);
});

test('one stated property per kind: exactly that change, then converged', async () => {
  // each case keeps the changes before it, so that exactly one stated property differs
  const steps: { opts: Parameters<typeof blueprint>[0]; address: string; prop: string }[] = [
    { opts: { rowLimit: 100 }, address: 'site[/sites/ia-plan]/list[Arenden]/view[Beslutade]', prop: 'rowLimit' },
    { opts: { filterValue: 'Inkommen' }, address: 'site[/sites/ia-plan]/list[Arenden]/view[Beslutade]', prop: 'filter' },
    { opts: { nodeUrl: '/sites/ia-bygglov/SitePages/Start.aspx' }, address: 'site[/sites/ia-hub]/navigation[quickLaunch]/node[Bygglov]', prop: 'url' },
    { opts: { hubTitle: 'SBF' }, address: 'site[/sites/ia-hub]/hub', prop: 'title' },
    { opts: { bagValue: 'Samhällsbyggnad' }, address: 'site[/sites/ia-hub]/settings', prop: 'propertyBag' },
    { opts: { timeZone: 3 }, address: 'site[/sites/ia-hub]/settings', prop: 'timeZoneId' },
  ];
  let opts: Parameters<typeof blueprint>[0] = {};
  for (const c of steps) {
    opts = { ...opts, ...c.opts };
    const text = blueprint(opts);
    const changes = await changesOf(text);
    expect(changes.map((x) => `${x.action} ${x.address}`)).toEqual([`update ${c.address}`]);
    const ch = changes[0]!;
    expect(ch.action === 'update' ? ch.changes.map((d) => d.name) : []).toEqual([c.prop]);
    await applyAndConverge(text);
  }
  // the changed values are in the tenant
  const decided = (await views('/sites/ia-plan', 'Arenden')).find((v) => v.Title === 'Beslutade')!;
  expect(decided.RowLimit).toBe(100);
  expect(decided.ViewQuery).toContain('Inkommen');
  expect((await quickLaunch('/sites/ia-hub')).find((n) => n.Title === 'Bygglov')!.Url).toBe('/sites/ia-bygglov/SitePages/Start.aspx');
  const hub = (await sp('sites/ia-hub/_api/site?$select=Id')) as { Id: string };
  expect(((await sp(`_api/HubSites/GetById?hubSiteId='${hub.Id}'`)) as { Title: string }).Title).toBe('SBF');
  expect((await sp('sites/ia-hub/_api/web/AllProperties')).botkyrka_x002e_department).toBe('Samhällsbyggnad');
  expect(((await sp('sites/ia-hub/_api/web/RegionalSettings/TimeZone')) as { Id: number }).Id).toBe(3);
});

test('reordering nodes is an update of the order and converges in one apply, ignoring undeclared nodes', async () => {
  const base = { rowLimit: 100, filterValue: 'Inkommen', nodeUrl: '/sites/ia-bygglov/SitePages/Start.aspx', hubTitle: 'SBF', bagValue: 'Samhällsbyggnad', timeZone: 3 };
  // a node nobody declared, added by hand between the declared ones
  await target.client.sp.post('sites/ia-hub/_api/web/navigation/quicklaunch', { Title: 'Manuell', Url: '/sites/ia-hub/manual' });
  expect(await changesOf(blueprint(base))).toEqual([]);
  const reordered = blueprint({ ...base, quickLaunch: ['Kontakt', 'Detaljplan', 'Bygglov'] });
  const changes = await changesOf(reordered);
  expect(changes.every((c) => c.action === 'update' && c.kind === 'navigationNode' && c.changes.every((d) => d.name === 'after'))).toBe(true);
  expect(changes.length).toBeGreaterThan(0);
  await applyAndConverge(reordered);
  const titles = (await quickLaunch('/sites/ia-hub')).map((n) => n.Title);
  expect(titles.filter((t) => t !== 'Manuell')).toEqual(['Kontakt', 'Detaljplan', 'Bygglov']);
  expect(titles).toContain('Manuell');
});

test('delete (for pruning): a view, a node, the association and the hub; none is destructive', async () => {
  const desired = await desiredOf(blueprint());
  const ctx = { tenant: target.client, parentIds: {}, progress: () => {} };
  const readCtx = { tenant: target.client, parentIds: {}, memo: <T,>(_k: string, load: () => Promise<T>) => load() };
  const siteIds = async (url: string) => ({ webUrl: `${host()}${url}` });

  // a view
  const list = (await sp(`sites/ia-plan/_api/web/getlist('/sites/ia-plan/Arenden')?$select=Id`)) as { Id: string };
  const listIds = { ...(await siteIds('/sites/ia-plan')), listId: list.Id };
  const existingViews = await providerOf('view').listExisting!('site[/sites/ia-plan]/list[Arenden]', listIds, readCtx);
  const decided = existingViews.find((v) => v.address.endsWith('view[Beslutade]'))!;
  expect(providerOf('view').destructive!({ action: 'delete' } as Change)).toBeUndefined();
  await providerOf('view').delete!(decided.address, decided.props, decided.id, decided.ids, ctx);
  expect((await views('/sites/ia-plan', 'Arenden')).map((v) => v.Title)).not.toContain('Beslutade');

  // a node
  const nodes = await providerOf('navigationNode').listExisting!('site[/sites/ia-hub]', await siteIds('/sites/ia-hub'), readCtx);
  const manual = nodes.find((n) => n.address === 'site[/sites/ia-hub]/navigation[quickLaunch]/node[Manuell]')!;
  expect(manual).toBeDefined();
  await providerOf('navigationNode').delete!(manual.address, manual.props, manual.id, manual.ids, ctx);
  expect((await quickLaunch('/sites/ia-hub')).map((n) => n.Title)).not.toContain('Manuell');

  // the association, then the hub
  const assoc = await providerOf('hubAssociation').listExisting!('site[/sites/ia-bygglov]', await siteIds('/sites/ia-bygglov'), readCtx);
  expect(assoc.map((a) => a.address)).toEqual(['site[/sites/ia-bygglov]/hubAssociation']);
  await providerOf('hubAssociation').delete!(assoc[0]!.address, {}, assoc[0]!.id, assoc[0]!.ids, ctx);
  expect(((await sp('sites/ia-bygglov/_api/site?$select=HubSiteId')) as { HubSiteId: string }).HubSiteId).toBe('00000000-0000-0000-0000-000000000000');
  const hubs = await providerOf('hubSite').listExisting!('site[/sites/ia-hub]', await siteIds('/sites/ia-hub'), readCtx);
  await providerOf('hubSite').delete!(hubs[0]!.address, {}, hubs[0]!.id, hubs[0]!.ids, ctx);
  expect(((await sp('sites/ia-hub/_api/site?$select=IsHubSite')) as { IsHubSite: boolean }).IsHubSite).toBe(false);
  // the other associated site left the hub with it
  expect(((await sp('sites/ia-plan/_api/site?$select=HubSiteId')) as { HubSiteId: string }).HubSiteId).toBe('00000000-0000-0000-0000-000000000000');

  // and the blueprint puts everything back in one apply
  const plan = await planDesired(desired, target.client, target.name);
  expect(plan.changes.filter((c) => c.action === 'create').map((c) => c.address).sort()).toEqual(
    [
      'site[/sites/ia-bygglov]/hubAssociation',
      'site[/sites/ia-hub]/hub',
      'site[/sites/ia-plan]/hubAssociation',
      'site[/sites/ia-plan]/list[Arenden]/view[Beslutade]',
    ].sort(),
  );
});

function pruneBlueprint(all: boolean): string {
  return `
version: 1
name: site-ia-prune
prune: [view, navigationNode, hubAssociation]
sites:
  - url: /sites/ia-phub
    type: communication
    title: Prune hub
    owner: ${OWNER}
    hub: { title: Prune hub }
    navigation:
      quickLaunch:
        - { title: A, url: /sites/ia-phub/a }
${all ? '        - { title: B, url: /sites/ia-phub/b }\n' : ''}    lists:
      - url: Docs
        template: documentLibrary
        views:
          - { name: Keep, rowLimit: 10 }
${all ? '          - { name: Drop, rowLimit: 20 }\n' : ''}  - url: /sites/ia-pjoin
    type: communication
    title: Prune join
    owner: ${OWNER}
${all ? '    hubSite: /sites/ia-phub\n' : ''}`;
}

test('prune: owned views, nodes and associations no longer declared are deleted (no consent flag); hand-made ones stay', async () => {
  await applyAndConverge(pruneBlueprint(true));
  // made by hand: not owned, never pruned
  const list = (await sp(`sites/ia-phub/_api/web/getlist('/sites/ia-phub/Docs')?$select=Id`)) as { Id: string };
  await target.client.sp.post(`sites/ia-phub/_api/web/lists(guid'${list.Id}')/views`, { Title: 'Manual', PersonalView: false });
  await target.client.sp.post('sites/ia-phub/_api/web/navigation/quicklaunch', { Title: 'Manual', Url: '/sites/ia-phub/manual' });

  const changes = await changesOf(pruneBlueprint(false));
  expect(changes.map((c) => `${c.action} ${c.address}`).sort()).toEqual(
    [
      'delete site[/sites/ia-phub]/list[Docs]/view[Drop]',
      'delete site[/sites/ia-phub]/navigation[quickLaunch]/node[B]',
      'delete site[/sites/ia-pjoin]/hubAssociation',
    ].sort(),
  );
  expect(changes.every((c) => c.destructive === undefined)).toBe(true);
  await applyAndConverge(pruneBlueprint(false));
  expect((await views('/sites/ia-phub', 'Docs')).map((v) => v.Title).sort()).toEqual(['All Documents', 'Keep', 'Manual']);
  expect((await quickLaunch('/sites/ia-phub')).map((n) => n.Title)).toEqual(['A', 'Manual']);
  expect(((await sp('sites/ia-pjoin/_api/site?$select=HubSiteId')) as { HubSiteId: string }).HubSiteId).toBe('00000000-0000-0000-0000-000000000000');
});

test('moving a site to another hub is exactly an update of its association, and converges', async () => {
  const text = (hub: string) => `
version: 1
name: site-ia-move
sites:
  - { url: /sites/ia-h1, type: communication, title: H1, owner: ${OWNER}, hub: { title: Ett } }
  - { url: /sites/ia-h2, type: communication, title: H2, owner: ${OWNER}, hub: { title: Två } }
  - { url: /sites/ia-mover, type: communication, title: Mover, owner: ${OWNER}, hubSite: ${hub} }
`;
  await applyAndConverge(text('/sites/ia-h1'));
  const changes = await changesOf(text('/sites/ia-h2'));
  expect(changes.map((c) => `${c.action} ${c.address}`)).toEqual(['update site[/sites/ia-mover]/hubAssociation']);
  expect(changes[0]!.action === 'update' && changes[0]!.changes).toEqual([{ name: 'hubUrl', before: '/sites/ia-h1', after: '/sites/ia-h2' }]);
  await applyAndConverge(text('/sites/ia-h2'));
  const h2 = (await sp('sites/ia-h2/_api/site?$select=Id')) as { Id: string };
  expect(((await sp('sites/ia-mover/_api/site?$select=HubSiteId')) as { HubSiteId: string }).HubSiteId).toBe(h2.Id);
});
