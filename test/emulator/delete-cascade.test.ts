/**
 * Deletes cascade through every part of the local tenant's state (the sub-stores of
 * src/emulator/sub-stores.ts), from the client's side over real HTTP: what belongs to a deleted
 * list, site, group or team leaves with it (views, role assignments, content types, navigation,
 * hub registration and association, channels, tabs, private channel sites), nothing of it is
 * left in the persisted state, and a list or site made again at the same URL starts fresh. A
 * soft delete keeps everything for a restore; the persisted state is a fixpoint of a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { client, newGroup, start, tempDir, uniq, type Client } from './helpers.ts';

const OWNER = 'admin@contoso.onmicrosoft.com';
const EMPTY = '00000000-0000-0000-0000-000000000000';
const G = 'https://graph.microsoft.com/v1.0';

async function commSite(c: Client, name: string): Promise<string> {
  const r = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: name, Url: `https://contoso.sharepoint.com/sites/${name}`, Owner: OWNER, Lcid: 1033 } });
  expect(r.json.SiteStatus).toBe(2);
  return `/sites/${name}`;
}

async function siteId(c: Client, site: string): Promise<string> {
  return (await c.sp('GET', `${site}/_api/site?$select=Id`)).json.Id as string;
}

/** A list with state in every list-scoped sub-store: unique permissions, a view, a content type copy. */
async function richList(c: Client, site: string, title: string): Promise<string> {
  const made = await c.sp('POST', `${site}/_api/web/lists`, { Title: title, BaseTemplate: 100 });
  expect(made.status).toBe(201);
  const id = made.json.Id as string;
  const api = `${site}/_api/web/lists(guid'${id}')`;
  const group = (await c.sp('POST', `${site}/_api/web/sitegroups`, { Title: uniq('Handläggare') })).json.Id as number;
  expect((await c.sp('POST', `${api}/breakroleinheritance(copyRoleAssignments=false,clearSubscopes=true)`)).status).toBe(200);
  expect((await c.sp('POST', `${api}/roleassignments/addroleassignment(principalid=${group},roledefid=1073741826)`)).status).toBe(200);
  expect((await c.sp('POST', `${api}/views`, { Title: 'Senaste', RowLimit: 10 })).status).toBe(201);
  const gsite = (await c.graph('GET', `/sites/contoso.sharepoint.com:${site}`)).json.id as string;
  const ctId = `0x0100${uniq('').replace(/[^0-9a-f]/gi, '').padEnd(32, 'A').slice(0, 32).toUpperCase()}`;
  expect((await c.sp('POST', `${site}/_api/web/contenttypes`, { Id: { StringValue: ctId }, Name: uniq('Beslut') })).status).toBe(201);
  expect((await c.sp('POST', api, { ContentTypesEnabled: true }, { 'x-http-method': 'MERGE' })).status).toBe(204);
  expect((await c.graph('POST', `/sites/${gsite}/lists/${id}/contentTypes/addCopy`, { contentType: `${G}/sites/${gsite}/contentTypes/${ctId}` })).status).toBe(201);
  return id;
}

/** Snapshot lines (the whole persisted state after a close) that mention one of the ids. */
function mentions(dir: string, ids: string[]): string[] {
  const text = fs.readFileSync(path.join(dir, 'snapshot.jsonl'), 'utf8');
  const needles = ids.flatMap((id) => [id.toLowerCase(), id.replace(/-/g, '').toLowerCase()]);
  return text.split('\n').filter((l) => needles.some((n) => l.toLowerCase().includes(n)));
}

async function teamWithPrivateChannel(c: Client, nick: string): Promise<{ groupId: string; channelId: string; channelSite: string }> {
  const g = await newGroup(c, nick, { 'members@odata.bind': [`${G}/users/anna.andersson@contoso.onmicrosoft.com`] });
  expect((await c.graph('PUT', `/groups/${g.id}/team`, {})).status).toBe(201);
  const ch = await c.graph('POST', `/teams/${g.id}/channels`, {
    displayName: 'Ledning',
    membershipType: 'private',
    members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': `${G}/users('${OWNER}')`, roles: ['owner'] }],
  });
  expect(ch.status).toBe(201);
  const general = (await c.graph('GET', `/teams/${g.id}/primaryChannel`)).json.id as string;
  const tab = await c.graph('POST', `/teams/${g.id}/channels/${encodeURIComponent(general)}/tabs`, {
    displayName: 'Webb',
    'teamsApp@odata.bind': `${G}/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web`,
    configuration: { contentUrl: 'https://example.org', websiteUrl: 'https://example.org' },
  });
  expect(tab.status).toBe(201);
  const channelSite = `/sites/${nick}-Ledning`;
  expect((await c.graph('GET', `/sites/contoso.sharepoint.com:${channelSite}`)).status).toBe(200);
  return { groupId: g.id, channelId: ch.json.id as string, channelSite };
}

describe('delete cascade', () => {
  it('a deleted list takes its views, role assignments and content types; a new list at its URL starts fresh; nothing of it is persisted', async () => {
    const dir = tempDir('lt-cascade-');
    let { t, c } = await start(dir);
    try {
      const site = await commSite(c, uniq('casc'));
      const id = await richList(c, site, 'Beslut');
      // a sibling on the same site, whose state must survive its neighbour's delete
      const keptId = await richList(c, site, 'Arkiv');
      const kept = `${site}/_api/web/lists(guid'${keptId}')`;
      const keptState = async () => ({
        unique: (await c.sp('GET', `${kept}?$select=HasUniqueRoleAssignments`)).json.HasUniqueRoleAssignments,
        assignments: (await c.sp('GET', `${kept}/roleassignments`)).json.value.length,
        views: (await c.sp('GET', `${kept}/views`)).json.value.map((v: { Title: string }) => v.Title).sort(),
        contentTypes: (await c.sp('GET', `${kept}/contenttypes`)).json.value.length,
      });
      const keptBefore = await keptState();
      expect(keptBefore.unique).toBe(true);
      expect(keptBefore.views).toContain('Senaste');
      expect((await c.sp('DELETE', `${site}/_api/web/lists(guid'${id}')`)).status).toBe(200);
      expect(await keptState()).toEqual(keptBefore);

      const again = await c.sp('POST', `${site}/_api/web/lists`, { Title: 'Beslut', BaseTemplate: 100 });
      expect(again.json.RootFolder?.ServerRelativeUrl ?? (await c.sp('GET', `${site}/_api/web/lists(guid'${again.json.Id}')/rootfolder`)).json.ServerRelativeUrl).toBe(`${site}/Lists/Beslut`);
      const api = `${site}/_api/web/lists(guid'${again.json.Id}')`;
      expect((await c.sp('GET', `${api}?$select=HasUniqueRoleAssignments`)).json.HasUniqueRoleAssignments).toBe(false);
      expect((await c.sp('GET', `${api}/views`)).json.value.map((v: { Title: string }) => v.Title)).toEqual(['All Items']);
      expect((await c.sp('GET', `${api}/contenttypes`)).json.value.map((x: { Name: string }) => x.Name)).toEqual(['Item', 'Folder']);

      await t.close();
      expect(mentions(dir, [id])).toEqual([]);
      expect(mentions(dir, [keptId]).length).toBeGreaterThan(1);
      ({ t } = await start(dir));
      c = await client(t);
      expect((await c.sp('GET', `${site}/_api/web/lists(guid'${id}')`)).status).toBe(404);
      expect(await keptState()).toEqual(keptBefore);
    } finally {
      await t.close();
    }
  });

  it("a purged group's hub site frees the sites associated with it; a new site at its URL starts fresh; nothing of it is persisted", async () => {
    const dir = tempDir('lt-cascade-');
    let { t, c } = await start(dir);
    try {
      const g = await newGroup(c);
      const hub = `/sites/${g.mailNickname}`;
      const hubId = await siteId(c, hub);
      expect((await c.sp('POST', `${hub}/_api/site/RegisterHubSite`)).status).toBe(200);
      expect((await c.sp('POST', `${hub}/_api/web/navigation/quicklaunch`, { Title: 'Hem', Url: hub })).status).toBe(201);
      expect((await c.sp('POST', `${hub}/_api/web/sitegroups`, { Title: 'Extra' })).status).toBe(201);
      await richList(c, hub, 'Beslut');
      const member = await commSite(c, uniq('member'));
      expect((await c.sp('POST', `${member}/_api/site/JoinHubSite('${hubId}')`)).status).toBe(204);

      // soft delete: the association stays for a restore
      expect((await c.graph('DELETE', `/groups/${g.id}`)).status).toBe(204);
      expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(hubId);
      expect((await c.graph('DELETE', `/directory/deletedItems/${g.id}`)).status).toBe(204);

      // purged: the hub is gone and so is the association to it
      expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(EMPTY);
      expect((await c.sp('GET', `${member}/_api/web/HubSiteData`)).json.value).toBeNull();
      expect((await c.sp('GET', '/_api/HubSites')).json.value.map((h: { ID: string }) => h.ID)).not.toContain(hubId);

      // the same nickname again: a new site at the same URL, with nothing of the old one
      const again = await newGroup(c, g.mailNickname);
      expect((await c.graph('GET', `/groups/${again.id}/sites/root`)).json.webUrl).toBe(`https://contoso.sharepoint.com${hub}`);
      expect((await c.sp('GET', `${hub}/_api/site?$select=IsHubSite,HubSiteId`)).json).toMatchObject({ IsHubSite: false, HubSiteId: EMPTY });
      expect((await c.sp('GET', `${hub}/_api/web/navigation/quicklaunch`)).json.value).toEqual([]);
      expect((await c.sp('GET', `${hub}/_api/web/sitegroups`)).json.value).toHaveLength(3);
      expect((await c.sp('GET', `${hub}/_api/web/lists`)).json.value.map((l: { Title: string }) => l.Title)).toEqual(['Documents']);

      await t.close();
      expect(mentions(dir, [hubId, g.id])).toEqual([]);
      ({ t } = await start(dir));
      c = await client(t);
      expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(EMPTY);
    } finally {
      await t.close();
    }
  });

  it("a deleted group's private channel sites go with it, come back with a restore and are freed by a purge with its channels and tabs", async () => {
    const dir = tempDir('lt-cascade-');
    let { t, c } = await start(dir);
    try {
      const nick = uniq('kan');
      const { groupId, channelId, channelSite } = await teamWithPrivateChannel(c, nick);
      const channelSiteId = await siteId(c, channelSite);

      expect((await c.graph('DELETE', `/groups/${groupId}`)).status).toBe(204);
      expect((await c.graph('GET', `/sites/contoso.sharepoint.com:${channelSite}`)).status).toBe(404);
      expect((await c.sp('GET', `${channelSite}/_api/web`)).status).toBe(404);

      expect((await c.graph('POST', `/directory/deletedItems/${groupId}/restore`)).status).toBe(200);
      expect((await c.graph('GET', `/sites/contoso.sharepoint.com:${channelSite}`)).status).toBe(200);
      expect((await c.graph('GET', `/teams/${groupId}/channels/${encodeURIComponent(channelId)}`)).status).toBe(200);

      expect((await c.graph('DELETE', `/groups/${groupId}`)).status).toBe(204);
      expect((await c.graph('DELETE', `/directory/deletedItems/${groupId}`)).status).toBe(204);
      // the channel site's URL is free again
      const made = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'Ny', Url: `https://contoso.sharepoint.com${channelSite}`, Owner: OWNER } });
      expect(made.json.SiteStatus).toBe(2);

      await t.close();
      expect(mentions(dir, [groupId, channelSiteId, channelId])).toEqual([]);
      ({ t } = await start(dir));
      c = await client(t);
      expect((await c.sp('GET', `${channelSite}/_api/web?$select=Title`)).json.Title).toBe('Ny');
    } finally {
      await t.close();
    }
  });

  it('a state folder that a version without the cascade left with orphans in it loads without them', async () => {
    const dir = tempDir('lt-cascade-');
    let { t, c } = await start(dir);
    try {
      const hub = await commSite(c, uniq('oldhub'));
      const hubId = await siteId(c, hub);
      expect((await c.sp('POST', `${hub}/_api/site/RegisterHubSite`)).status).toBe(200);
      await richList(c, hub, 'Beslut');
      const member = await commSite(c, uniq('member'));
      expect((await c.sp('POST', `${member}/_api/site/JoinHubSite('${hubId}')`)).status).toBe(204);
      await t.close();
      // what the old purge left: the site, its lists, fields and items gone, the other parts' records of them kept
      const snapshot = path.join(dir, 'snapshot.jsonl');
      const content = new Set(['site', 'list', 'field', 'item', 'delField']);
      const lines = fs.readFileSync(snapshot, 'utf8').split('\n').filter(Boolean);
      const kept = lines.filter((l) => !(content.has((JSON.parse(l) as { k: string }).k) && l.includes(hubId)));
      fs.writeFileSync(snapshot, kept.join('\n') + '\n');
      expect(mentions(dir, [hubId]).length).toBeGreaterThan(2);

      ({ t } = await start(dir));
      c = await client(t);
      expect((await c.sp('GET', `${hub}/_api/web`)).status).toBe(404);
      expect((await c.sp('GET', `${member}/_api/site?$select=HubSiteId`)).json.HubSiteId).toBe(EMPTY);
      expect((await c.sp('GET', '/_api/HubSites')).json.value.map((h: { ID: string }) => h.ID)).not.toContain(hubId);
      await t.close();
      expect(mentions(dir, [hubId])).toEqual([]);
      ({ t } = await start(dir));
    } finally {
      await t.close();
    }
  });

  it('the persisted state is a fixpoint: a restart writes back exactly what it loaded, for every sub-store, also from a snapshot in the order written before the split', async () => {
    const dir = tempDir('lt-cascade-');
    let { t, c } = await start(dir);
    try {
      const site = await commSite(c, uniq('fix'));
      const listId = await richList(c, site, 'Beslut');
      const gsite = (await c.graph('GET', `/sites/contoso.sharepoint.com:${site}`)).json.id as string;
      expect((await c.graph('POST', `/sites/${gsite}/lists/${listId}/items`, { fields: { Title: 'Ett' } })).status).toBe(201);
      expect((await c.graph('POST', `/sites/${gsite}/columns`, { name: 'CaseNo', text: {} })).status).toBe(201);
      expect((await c.sp('POST', `${site}/_api/site/RegisterHubSite`)).status).toBe(200);
      expect((await c.sp('POST', `${site}/_api/web/navigation/topnavigationbar`, { Title: 'Hem', Url: site })).status).toBe(201);
      await teamWithPrivateChannel(c, uniq('fx'));
      await t.close();
      const first = fs.readFileSync(path.join(dir, 'snapshot.jsonl'), 'utf8');
      const kinds = new Set(first.split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { k: string }).k));
      for (const k of ['user', 'site', 'group', 'team', 'teamsx', 'list', 'item', 'field', 'ia', 'sec', 'ct']) expect(kinds).toContain(k);
      ({ t } = await start(dir));
      await t.close();
      expect(fs.readFileSync(path.join(dir, 'snapshot.jsonl'), 'utf8')).toBe(first);

      // a state folder written before the store was split (its snapshot in that order of kinds) loads to the same state
      const before = ['user', 'site', 'group', 'team', 'teamsx', 'list', 'ia', 'sec', 'item', 'field', 'delField'];
      const rank = (l: string) => {
        const i = before.indexOf((JSON.parse(l) as { k: string }).k);
        return i < 0 ? before.length : i;
      };
      const lines = first.split('\n').filter(Boolean);
      const oldOrder = lines.map((l, i) => [l, i] as const).sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1]).map(([l]) => l);
      expect(oldOrder).not.toEqual(lines);
      fs.writeFileSync(path.join(dir, 'snapshot.jsonl'), oldOrder.join('\n') + '\n');
      ({ t } = await start(dir));
      await t.close();
      expect(fs.readFileSync(path.join(dir, 'snapshot.jsonl'), 'utf8')).toBe(first);
      ({ t } = await start(dir));
    } finally {
      await t.close();
    }
  });
});
