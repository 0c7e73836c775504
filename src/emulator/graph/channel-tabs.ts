/**
 * A channel's tabs on the Graph face (`/teams/{id}/channels/{id}/tabs`, routed by channels.ts):
 * create with `teamsApp@odata.bind` to an app the team has (`TAB_APPS`), read (with
 * `$expand=teamsApp`), update the name and configuration.
 */
import { randomUUID } from 'node:crypto';
import { isObj, jsonRes, type Res } from '../http.ts';
import type { ChannelRec, TabRec } from '../teams-state.ts';
import { checkBodyNames } from './body-names.ts';
import { TEAMS_TAB_TYPE } from './teams-schema.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE } from './project.ts';
import { shapeOf } from './collection.ts';
import { body, type TeamCtx } from './team-context.ts';

/** Apps a tab can be pinned with (the built-in ones the engine uses, and a few common others). */
const TAB_APPS: Record<string, string> = {
  'com.microsoft.teamspace.tab.web': 'Website',
  'com.microsoft.teamspace.tab.files.sharepoint': 'Document Library',
  'com.microsoft.teamspace.tab.wiki': 'Wiki',
  'com.microsoft.teamspace.tab.planner': 'Planner',
};

/**
 * A tab as Graph answers it; `app` is its `$expand=teamsApp` (undefined: not expanded; null: the
 * whole app; names: the app cut to the nested `$select`, as `teamsApp($select=displayName)` asks).
 */
export function tabJson(c: TeamCtx, t: TabRec, app: string[] | null | undefined): Record<string, unknown> {
  const teamsApp = { id: t.teamsAppId, externalId: null, displayName: TAB_APPS[t.teamsAppId] ?? t.teamsAppId, distributionMethod: 'store' };
  return {
    id: t.id,
    displayName: t.displayName,
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(t.channelId)}/tab%3a%3a${t.id}?label=${encodeURIComponent(t.displayName)}&groupId=${c.team.id}&tenantId=${c.tenantId}`,
    configuration: { ...t.configuration },
    ...(app !== undefined ? { teamsApp: shapeOf(teamsApp, () => ({}), app, false) } : {}),
  };
}

function configInput(v: unknown, base: TabRec['configuration']): TabRec['configuration'] {
  if (v === undefined) return base;
  if (!isObj(v)) throw new GraphError(400, 'BadRequest', "'configuration' must be an object.");
  const str = (k: keyof TabRec['configuration']): string | null => (v[k] === undefined ? base[k] : typeof v[k] === 'string' ? (v[k] as string) : null);
  return { entityId: str('entityId'), contentUrl: str('contentUrl'), websiteUrl: str('websiteUrl'), removeUrl: str('removeUrl') };
}

export function createTab(c: TeamCtx, ch: ChannelRec): Res {
  const b = body(c.req);
  checkBodyNames(b, TEAMS_TAB_TYPE);
  const bind = b['teamsApp@odata.bind'];
  const appId = typeof bind === 'string' ? /teamsApps(?:\('([^']+)'\)|\/([^/?]+))/i.exec(bind) : null;
  const app = appId ? decodeURIComponent(appId[1] ?? appId[2] ?? '') : '';
  if (!app) throw new GraphError(400, 'BadRequest', "The property 'teamsApp@odata.bind' is required.");
  if (!TAB_APPS[app]) throw new GraphError(404, 'NotFound', `The app ${app} is not installed in the team.`);
  if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw new GraphError(400, 'BadRequest', "The property 'displayName' is required.");
  const tab: TabRec = {
    id: randomUUID(),
    teamId: c.team.id,
    channelId: ch.id,
    displayName: b.displayName,
    teamsAppId: app,
    configuration: configInput(b.configuration, { entityId: null, contentUrl: null, websiteUrl: null, removeUrl: null }),
  };
  c.store.commit({ k: 'teamsx', op: { t: 'tab', v: tab } });
  return jsonRes(201, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team.id}')/channels('${encodeURIComponent(ch.id)}')/tabs/$entity`, ...tabJson(c, tab, undefined) });
}

export function patchTab(c: TeamCtx, t: TabRec): Res {
  const b = body(c.req);
  checkBodyNames(b, TEAMS_TAB_TYPE);
  const next: TabRec = { ...t, configuration: configInput(b.configuration, t.configuration) };
  if (typeof b.displayName === 'string') next.displayName = b.displayName;
  c.store.commit({ k: 'teamsx', op: { t: 'tab', v: next } });
  return jsonRes(200, tabJson(c, next, undefined));
}
