/**
 * The Graph routes of a team's content: its members (`/teams/{id}/members`), channels
 * (`/teams/{id}/channels`, `primaryChannel`), a channel's members and tabs; the handlers are
 * channels.ts and channel-tabs.ts. A missing team or channel is 404 for any method and any path
 * below it (named `/teams/{id}/<what>` and `/teams/{id}/channels/{id}`), before a method that no
 * route serves is 400.
 */
import { emptyRes, jsonRes } from '../http.ts';
import type { UserRec } from '../types.ts';
import { createTab, patchTab, tabJson } from './channel-tabs.ts';
import {
  addChannelMember,
  addTeamMember,
  channelJson,
  channelMemberIds,
  channelOwners,
  channels,
  collection,
  createChannel,
  deleteChannel,
  filesFolder,
  general,
  groupHas,
  memberJson,
  memberUser,
  patchChannel,
  patchChannelMember,
  patchTeamMember,
  removeChannelMember,
  removeTeamMember,
  select,
  teamMembers,
} from './channels.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE } from './project.ts';
import { unknownPath, type GraphCtx } from './route-context.ts';
import type { GraphRoute, ParamResolvers } from './route-table.ts';
import type { TeamCtx } from './team-context.ts';
import { resolveTeam } from './teams.ts';
import { AAD_USER_CONVERSATION_MEMBER_TYPE, CHANNEL_TYPE, CONVERSATION_MEMBER_TYPE, TEAMS_APP_TYPE, TEAMS_TAB_TYPE } from './teams-schema.ts';
import { sharePointExpand } from './sharepoint-select.ts';

/** The team context of a request whose `{team}` was resolved. */
function tc(c: GraphCtx): TeamCtx {
  return { store: c.store, tenantId: c.tenantId, req: c.req, team: c.team!, group: c.teamGroup! };
}

/** A members collection's items are aadUserConversationMembers: a `$filter` may cast to it ("List members of team"). */
const MEMBER_CASTS = { 'microsoft.graph.aadUserConversationMember': AAD_USER_CONVERSATION_MEMBER_TYPE };
/** A tab's `$expand=teamsApp` (checked as the service checks it): undefined without it, else its nested `$select` (null: the whole app). */
const expandApp = (c: GraphCtx) => sharePointExpand(c.req, TEAMS_TAB_TYPE, { teamsapp: TEAMS_APP_TYPE }).get('teamsapp');
const channelBase = (c: GraphCtx) => `teams('${c.team!.id}')/channels('${encodeURIComponent(c.channel!.id)}')`;

/** A team's content routes, in their order of precedence (`{...}` entries: nothing serves the path). */
export const TEAM_CONTENT_ROUTES: GraphRoute[] = [
  {
    method: 'GET',
    pattern: '/teams/{team}/members',
    op: '/teams/{id}/members',
    handler: (c) => collection(c.req, CONVERSATION_MEMBER_TYPE, `teams('${c.team!.id}')/members`, teamMembers(tc(c)).map((u) => memberJson(tc(c), c.team!.id, u, c.teamGroup!.owners.includes(u.id))), MEMBER_CASTS),
  },
  { method: 'POST', pattern: '/teams/{team}/members', op: '/teams/{id}/members', handler: (c) => addTeamMember(tc(c)) },
  {
    method: 'GET',
    pattern: '/teams/{team}/members/{member}',
    op: '/teams/{id}/members/{id}',
    handler: (c) =>
      jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team!.id}')/members/$entity`, ...select(c.req, CONVERSATION_MEMBER_TYPE, memberJson(tc(c), c.team!.id, c.member!, c.teamGroup!.owners.includes(c.member!.id))) }),
  },
  { method: 'PATCH', pattern: '/teams/{team}/members/{member}', op: '/teams/{id}/members/{id}', handler: (c) => patchTeamMember(tc(c), c.member!) },
  { method: 'DELETE', pattern: '/teams/{team}/members/{member}', op: '/teams/{id}/members/{id}', handler: (c) => removeTeamMember(tc(c), c.member!) },
  { method: '*', pattern: '/teams/{team}/members/{member}', op: '(unknown)', handler: unknownPath },
  { method: '*', pattern: '/teams/{team}/members/{...}', op: '(unknown)', handler: unknownPath },
  {
    method: 'GET',
    pattern: '/teams/{team}/primaryChannel',
    op: '/teams/{id}/primaryChannel',
    handler: (c) => jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team!.id}')/primaryChannel/$entity`, ...select(c.req, CHANNEL_TYPE, channelJson(tc(c), general(tc(c)))) }),
  },
  { method: '*', pattern: '/teams/{team}/primaryChannel/{...}', op: '(unknown)', handler: unknownPath },
  { method: 'GET', pattern: '/teams/{team}/channels', op: '/teams/{id}/channels', handler: (c) => collection(c.req, CHANNEL_TYPE, `teams('${c.team!.id}')/channels`, channels(tc(c)).map((ch) => channelJson(tc(c), ch))) },
  { method: 'POST', pattern: '/teams/{team}/channels', op: '/teams/{id}/channels', handler: (c) => createChannel(tc(c)) },
  {
    method: 'GET',
    pattern: '/teams/{team}/channels/{channel}',
    op: '/teams/{id}/channels/{id}',
    handler: (c) => jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team!.id}')/channels/$entity`, ...select(c.req, CHANNEL_TYPE, channelJson(tc(c), c.channel!)) }),
  },
  { method: 'PATCH', pattern: '/teams/{team}/channels/{channel}', op: '/teams/{id}/channels/{id}', handler: (c) => patchChannel(tc(c), c.channel!) },
  { method: 'DELETE', pattern: '/teams/{team}/channels/{channel}', op: '/teams/{id}/channels/{id}', handler: (c) => deleteChannel(tc(c), c.channel!) },
  { method: 'GET', pattern: '/teams/{team}/channels/{channel}/filesFolder', op: '/teams/{id}/channels/{id}/filesFolder', handler: (c) => filesFolder(tc(c), c.channel!) },
  {
    method: 'GET',
    pattern: '/teams/{team}/channels/{channel}/members',
    op: '/teams/{id}/channels/{id}/members',
    handler: (c) => {
      const ch = c.channel!;
      const users = channelMemberIds(tc(c), ch)
        .map((id) => c.store.getUser(id))
        .filter((u): u is UserRec => !!u);
      return collection(c.req, CONVERSATION_MEMBER_TYPE, `${channelBase(c)}/members`, users.map((u) => memberJson(tc(c), ch.id, u, channelOwners(tc(c), ch).includes(u.id))), MEMBER_CASTS);
    },
  },
  { method: 'POST', pattern: '/teams/{team}/channels/{channel}/members', op: '/teams/{id}/channels/{id}/members', handler: (c) => addChannelMember(tc(c), c.channel!) },
  {
    method: 'GET',
    pattern: '/teams/{team}/channels/{channel}/members/{channelmember}',
    op: '/teams/{id}/channels/{id}/members/{id}',
    handler: (c) => jsonRes(200, select(c.req, CONVERSATION_MEMBER_TYPE, memberJson(tc(c), c.channel!.id, c.member!, channelOwners(tc(c), c.channel!).includes(c.member!.id)))),
  },
  { method: 'PATCH', pattern: '/teams/{team}/channels/{channel}/members/{channelmember}', op: '/teams/{id}/channels/{id}/members/{id}', handler: (c) => patchChannelMember(tc(c), c.channel!, c.member!) },
  { method: 'DELETE', pattern: '/teams/{team}/channels/{channel}/members/{channelmember}', op: '/teams/{id}/channels/{id}/members/{id}', handler: (c) => removeChannelMember(tc(c), c.channel!, c.member!) },
  { method: '*', pattern: '/teams/{team}/channels/{channel}/members/{channelmember}', op: '(unknown)', handler: unknownPath },
  {
    method: 'GET',
    pattern: '/teams/{team}/channels/{channel}/tabs',
    op: '/teams/{id}/channels/{id}/tabs',
    handler: (c) => {
      const app = expandApp(c);
      return collection(c.req, TEAMS_TAB_TYPE, `${channelBase(c)}/tabs`, c.store.teamsx.tabsOf(c.channel!.id).map((t) => tabJson(tc(c), t, app)));
    },
  },
  { method: 'POST', pattern: '/teams/{team}/channels/{channel}/tabs', op: '/teams/{id}/channels/{id}/tabs', handler: (c) => createTab(tc(c), c.channel!) },
  {
    method: 'GET',
    pattern: '/teams/{team}/channels/{channel}/tabs/{tab}',
    op: '/teams/{id}/channels/{id}/tabs/{id}',
    handler: (c) => jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#${channelBase(c)}/tabs/$entity`, ...select(c.req, TEAMS_TAB_TYPE, tabJson(tc(c), c.tab!, expandApp(c))) }),
  },
  { method: 'PATCH', pattern: '/teams/{team}/channels/{channel}/tabs/{tab}', op: '/teams/{id}/channels/{id}/tabs/{id}', handler: (c) => patchTab(tc(c), c.tab!) },
  {
    method: 'DELETE',
    pattern: '/teams/{team}/channels/{channel}/tabs/{tab}',
    op: '/teams/{id}/channels/{id}/tabs/{id}',
    handler: (c) => {
      if (c.store.teamsx.tabs.has(c.tab!.id)) c.store.commit({ k: 'teamsx', op: { t: 'delTab', id: c.tab!.id } });
      return emptyRes(204);
    },
  },
  { method: '*', pattern: '/teams/{team}/channels/{channel}/tabs/{tab}', op: '(unknown)', handler: unknownPath },
  { method: '*', pattern: '/teams/{team}/channels/{channel}/{...}', op: '(unknown)', handler: unknownPath },
  { method: '*', pattern: '/teams/{team}/channels/{...}', op: '(unknown)', handler: unknownPath },
];

/** The resolvers of a team's content parameters (their records on the context, or 404). */
export const TEAM_CONTENT_PARAMS: ParamResolvers = {
  team: (c, id) => {
    const team = resolveTeam(c.store, id);
    const group = team ? c.store.getGroup(team.id) : undefined;
    if (!team || !group) {
      c.op(`/teams/{id}/${c.segs[2]!.toLowerCase()}`);
      throw new GraphError(404, 'NotFound', `No team found with Group Id ${id}`);
    }
    c.team = team;
    c.teamGroup = group;
  },
  member: (c, key) => {
    const user = memberUser(tc(c), c.team!.id, key);
    if (!user || !groupHas(c.teamGroup!, user.id)) throw new GraphError(404, 'NotFound', `Member ${key} was not found in the team.`);
    c.member = user;
  },
  channel: (c, key) => {
    const ch = channels(tc(c)).find((x) => x.id === key || x.id.toLowerCase() === key.toLowerCase());
    if (!ch) {
      c.op('/teams/{id}/channels/{id}');
      throw new GraphError(404, 'NotFound', `Channel ${key} was not found.`);
    }
    c.channel = ch;
  },
  channelmember: (c, key) => {
    const user = memberUser(tc(c), c.channel!.id, key);
    if (!user || !channelMemberIds(tc(c), c.channel!).includes(user.id)) throw new GraphError(404, 'NotFound', `Member ${key} was not found in the channel.`);
    c.member = user;
  },
  tab: (c, key) => {
    const tab = c.store.teamsx.tabs.get(key);
    if (!tab || tab.channelId !== c.channel!.id) throw new GraphError(404, 'NotFound', `Tab ${key} was not found.`);
    c.tab = tab;
  },
};
