/**
 * tab: a website tab (teamsApp `com.microsoft.teamspace.tab.web`) or a document-library tab
 * (`com.microsoft.teamspace.tab.files.sharepoint`) in a channel, keyed by display name. Read and
 * written through Graph `/teams/{id}/channels/{id}/tabs` (with `$expand=teamsApp`). The tab's
 * configuration (contentUrl, websiteUrl) is updated in place (a change of its app is a replace).
 * A library tab is stated by the library's URL segment and points at `<site webUrl>/<segment>`.
 */
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { KindEffects, ReadContext, WriteContext } from '../kind-effects.ts';
import { tabAddress, type TabProps } from './model.ts';
import { forgetRunMemo, runMemo } from '../shared/run-memo.ts';

export interface GraphTab {
  id: string;
  displayName: string;
  configuration?: { entityId?: string | null; contentUrl?: string | null; websiteUrl?: string | null; removeUrl?: string | null } | null;
  teamsApp?: { id?: string } | null;
}

export const TAB_APPS: Record<TabProps['app'], string> = {
  website: 'com.microsoft.teamspace.tab.web',
  library: 'com.microsoft.teamspace.tab.files.sharepoint',
};

function tabsOf(ctx: ReadContext, teamId: string, channelId: string): Promise<GraphTab[]> {
  return ctx.memo(`tabs:${teamId}:${channelId}`, () =>
    ctx.tenant.graph.list<GraphTab>(`/teams/${teamId}/channels/${encodeURIComponent(channelId)}/tabs?$expand=teamsApp`),
  );
}

function appOf(tab: GraphTab): string | undefined {
  const id = tab.teamsApp?.id;
  if (!id) return undefined;
  return (Object.keys(TAB_APPS) as TabProps['app'][]).find((k) => TAB_APPS[k] === id) ?? id;
}

/** The absolute URL the tab's configuration holds for a stated contentUrl. */
export function absoluteContentUrl(p: TabProps, webUrl: string | undefined): string {
  if (p.app !== 'library') return p.contentUrl;
  if (!webUrl) throw new Error('the team site has no webUrl for a library tab');
  return `${webUrl.replace(/\/+$/, '')}/${encodeURI(p.contentUrl)}`;
}

/** The blueprint form of an observed contentUrl (a library's segment when it is on the team's site). */
function statedContentUrl(app: string | undefined, url: string, webUrl: string | undefined): string {
  if (app !== 'library' || !webUrl) return url;
  const base = `${webUrl.replace(/\/+$/, '')}/`;
  if (!url.toLowerCase().startsWith(base.toLowerCase())) return url;
  try {
    return decodeURI(url.slice(base.length));
  } catch {
    return url.slice(base.length);
  }
}

/**
 * Refuses a library tab whose library the team's site does not have (a URL segment the blueprint
 * neither declares nor finds: BP507 warns of it): Teams would make a tab that opens nothing. The
 * blueprint's own libraries are made before their tabs (the tab's `after`). The site's lists are
 * read once a run for all its tabs, and again when one is not among them (made since).
 */
async function requireLibrary(ctx: Pick<WriteContext, 'tenant' | 'run'>, ids: ResourceIds, p: TabProps): Promise<void> {
  if (p.app !== 'library' || !ids.siteId) return;
  const key = `tab-libraries:${ids.siteId}`;
  const read = () => runMemo(ctx, key, () => ctx.tenant.graph.list<{ name: string }>(`/sites/${ids.siteId}/lists?$select=name`));
  const wanted = p.contentUrl.toLowerCase();
  const has = (lists: { name: string }[]) => lists.some((l) => l.name.toLowerCase() === wanted);
  let lists = await read();
  if (!has(lists)) {
    forgetRunMemo(ctx, key);
    lists = await read();
  }
  if (!has(lists)) {
    throw new Error(`the team's site has no library '${p.contentUrl}' for the tab to open (it has: ${lists.map((l) => l.name).join(', ') || 'none'}): declare the library on the site, or name one it has`);
  }
}

function configuration(p: TabProps, webUrl: string | undefined): Record<string, unknown> {
  const contentUrl = absoluteContentUrl(p, webUrl);
  return { entityId: '', contentUrl, websiteUrl: p.websiteUrl ?? contentUrl, removeUrl: null };
}

export const tabEffects: KindEffects<'tab'> = {
  writesOutsideSharePoint: true,
  async read(resource, ctx): Promise<ObservedState<'tab'>> {
    const { teamId, channelId } = ctx.parentIds;
    if (!teamId || !channelId) return { status: 'unknown', reason: 'the channel has no id yet' };
    const tabs = await tabsOf(ctx, teamId, channelId);
    const wanted = resource.props.displayName.toLowerCase();
    const tab = tabs.find((t) => t.displayName.toLowerCase() === wanted);
    if (!tab) return { status: 'absent' };
    return { status: 'present', id: tab.id, ids: tabIds(ctx.parentIds, tab.id), props: tabProps(tab, ctx.parentIds.webUrl) };
  },

  async create(resource, ctx) {
    const { tenant, parentIds } = ctx;
    const { teamId, channelId } = parentIds;
    if (!teamId || !channelId) throw new Error('the channel has no id');
    const p = resource.props;
    await requireLibrary(ctx, parentIds, p);
    const tab = await tenant.graph.post<GraphTab>(`/teams/${teamId}/channels/${encodeURIComponent(channelId)}/tabs`, {
      displayName: p.displayName,
      'teamsApp@odata.bind': tenant.graph.url(`/appCatalogs/teamsApps/${TAB_APPS[p.app]}`),
      configuration: configuration(p, parentIds.webUrl),
    });
    return { id: tab.id, ids: tabIds(parentIds, tab.id) };
  },

  async update(resource, id, ids, changed, ctx) {
    const { tenant } = ctx;
    if (!changed.includes('contentUrl') && !changed.includes('websiteUrl')) return;
    const { teamId, channelId } = ids;
    if (!teamId || !channelId) throw new Error('the channel has no id');
    await requireLibrary(ctx, ids, resource.props);
    const config = configuration(resource.props, ids.webUrl);
    delete config.removeUrl;
    await tenant.graph.patch(`/teams/${teamId}/channels/${encodeURIComponent(channelId)}/tabs/${id}`, { configuration: config });
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    const { teamId, channelId } = parentIds;
    if (!teamId || !channelId) return [];
    const tabs = await tabsOf(ctx, teamId, channelId);
    return tabs.map((t) => ({ address: tabAddress(parent, t.displayName), id: t.id, ids: tabIds(parentIds, t.id), props: tabProps(t, parentIds.webUrl) }));
  },

  async delete(_address, _before, id, ids, { tenant }) {
    const { teamId, channelId } = ids;
    if (!teamId || !channelId) throw new Error('the channel has no id');
    await tenant.graph.delete(`/teams/${teamId}/channels/${encodeURIComponent(channelId)}/tabs/${id}`);
  },
};

function tabProps(tab: GraphTab, webUrl: string | undefined): Partial<TabProps> {
  const app = appOf(tab);
  const contentUrl = tab.configuration?.contentUrl ?? '';
  const websiteUrl = tab.configuration?.websiteUrl ?? '';
  return {
    displayName: tab.displayName,
    ...(app ? { app: app as TabProps['app'] } : {}),
    contentUrl: statedContentUrl(app, contentUrl, webUrl),
    websiteUrl,
  };
}

function tabIds(parentIds: ResourceIds, tabId: string): ResourceIds {
  return {
    teamId: parentIds.teamId ?? '',
    channelId: parentIds.channelId ?? '',
    tabId,
    ...(parentIds.siteId ? { siteId: parentIds.siteId } : {}),
    ...(parentIds.webUrl ? { webUrl: parentIds.webUrl } : {}),
  };
}
