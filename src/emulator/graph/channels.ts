/**
 * Teams content on the Graph face: team members (`/teams/{id}/members`, the group's owners and
 * members as conversationMembers), channels (`/teams/{id}/channels`, General included;
 * `primaryChannel`), a private or shared channel's own members
 * (`/teams/{id}/channels/{id}/members`) and tabs (`/teams/{id}/channels/{id}/tabs`, channel-tabs.ts).
 * The team itself (creation, GET/PATCH) is graph/teams.ts; the routes' entries are
 * routes-channels.ts. A private or shared channel gets its own SharePoint site
 * (`/sites/<team site>-<channel>`) at once.
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, isObj, jsonRes, type Req, type Res } from '../http.ts';
import { evaluate, parseFilter } from '../odata.ts';
import type { Store } from '../store.ts';
import type { ChannelRec } from '../teams-state.ts';
import type { GroupRec, UserRec } from '../types.ts';
import { checkBodyNames } from './body-names.ts';
import { checkedFilter, type FilterCasts } from './filter-names.ts';
import { AAD_USER_CONVERSATION_MEMBER_TYPE, CHANNEL_TYPE } from './teams-schema.ts';
import { driveId } from './group-drive.ts';
import { GraphError } from './errors.ts';
import { checkOwnerCount } from './group-limits.ts';
import { GRAPH_BASE } from './project.ts';
import { queryOption, shapeOf } from './collection.ts';
import type { SharePointType } from './sharepoint-schema.ts';
import { sharePointSelect } from './sharepoint-select.ts';
import { body, type TeamCtx } from './team-context.ts';
import { permissionsOf } from '../auth-claims.ts';
import { mayManageTeamOwners } from '../teams-permissions.ts';

/** `full` cut to the request's `$select` (`*`: all of it), whose names are checked against `type` first (sharepoint-select.ts). */
export function select(req: Req, type: SharePointType, full: Record<string, unknown>): Record<string, unknown> {
  return shapeOf(full, () => ({}), sharePointSelect(req, type), false);
}

/**
 * A collection of `type` items: `$filter`ed, each cut to the `$select` (both checked against `type`
 * once); `casts`: the derived types its items are, which a `$filter` may cast to (filter-names.ts).
 */
export function collection(req: Req, type: SharePointType, context: string, items: Record<string, unknown>[], casts: FilterCasts = {}): Res {
  const sel = sharePointSelect(req, type);
  const f = queryOption(req, 'filter');
  const filter = f ? checkedFilter(parseFilter(f), type, casts) : null;
  const kept = filter ? items.filter((i) => evaluate(filter, i) === true) : items;
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#${context}`, '@odata.count': kept.length, value: kept.map((i) => shapeOf(i, () => ({}), sel, false)) });
}

// ---------------------------------------------------------------- members (shared helpers)

export function groupHas(g: GroupRec, userId: string): boolean {
  return g.owners.includes(userId) || g.members.includes(userId);
}

export function teamMembers(c: TeamCtx): UserRec[] {
  const ids = [...new Set([...c.group.owners, ...c.group.members])];
  return ids.map((id) => c.store.getUser(id)).filter((u): u is UserRec => !!u);
}

/** conversationMember ids are base64 of `<team or channel id>##<user id>`, as the service makes them. */
function membershipId(scope: string, userId: string): string {
  return Buffer.from(`${scope}##${userId}`, 'utf8').toString('base64');
}

export function memberUser(c: TeamCtx, scope: string, id: string): UserRec | undefined {
  const text = Buffer.from(id, 'base64').toString('utf8');
  const i = text.lastIndexOf('##');
  if (i < 0 || text.slice(0, i).toLowerCase() !== scope.toLowerCase()) return undefined;
  return c.store.getUser(text.slice(i + 2));
}

export function memberJson(c: TeamCtx, scope: string, u: UserRec, owner: boolean): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    id: membershipId(scope, u.id),
    roles: owner ? ['owner'] : [],
    displayName: u.displayName,
    visibleHistoryStartDateTime: '0001-01-01T00:00:00Z',
    userId: u.id,
    email: u.mail ?? u.userPrincipalName,
    tenantId: c.tenantId,
  };
}

/** The user of a member body (`user@odata.bind`: users('id'), users/id or users('upn')) and whether it is an owner. */
function memberInput(c: TeamCtx, b: Record<string, unknown>): { user: UserRec; owner: boolean } {
  checkBodyNames(b, AAD_USER_CONVERSATION_MEMBER_TYPE);
  const bind = b['user@odata.bind'];
  const key = typeof bind === 'string' ? /users(?:\('([^']+)'\)|\/([^/?]+))/i.exec(bind) : null;
  const id = key ? decodeURIComponent(key[1] ?? key[2] ?? '') : '';
  const user = id ? c.store.getUser(id) : undefined;
  if (!user) throw new GraphError(400, 'BadRequest', `Invalid value for 'user@odata.bind': ${String(bind)}.`);
  const roles = Array.isArray(b.roles) ? b.roles.map((r) => String(r).toLowerCase()) : [];
  return { user, owner: roles.includes('owner') };
}

function rolesOf(b: Record<string, unknown>): boolean {
  checkBodyNames(b, AAD_USER_CONVERSATION_MEMBER_TYPE);
  if (!Array.isArray(b.roles)) throw new GraphError(400, 'BadRequest', "The property 'roles' is required.");
  return b.roles.map((r) => String(r).toLowerCase()).includes('owner');
}

function setGroupRole(c: TeamCtx, userId: string, owner: boolean | null): void {
  const g = c.store.getGroup(c.group.id)!;
  const members = owner === null ? g.members.filter((x) => x !== userId) : g.members.includes(userId) ? g.members : [...g.members, userId];
  const owners = owner === true ? (g.owners.includes(userId) ? g.owners : [...g.owners, userId]) : g.owners.filter((x) => x !== userId);
  checkOwnerCount(owners, 'BadRequest');
  c.group = c.store.updateGroup(g, { owners, members });
}

/**
 * TeamMember.ReadWriteNonOwnerRole.All adds, changes and removes members "with non-owner role":
 * a write that gives, takes or removes the owner role needs TeamMember.ReadWrite.All.
 */
function requireOwnerRights(c: TeamCtx): void {
  const roles = c.req.claims ? permissionsOf(c.req.claims) : [];
  if (!mayManageTeamOwners(roles)) {
    throw new GraphError(403, 'Forbidden', `Missing role permissions on the request. Changing an owner of a team requires 'TeamMember.ReadWrite.All'. Roles on the request '${roles.join(', ')}'.`);
  }
}

export function addTeamMember(c: TeamCtx): Res {
  const { user, owner } = memberInput(c, body(c.req));
  if (owner) requireOwnerRights(c);
  setGroupRole(c, user.id, owner);
  return jsonRes(201, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team.id}')/members/$entity`, ...memberJson(c, c.team.id, user, owner) });
}

/**
 * The team's last owner cannot be removed or demoted: the service keeps a team (its group) with at
 * least one owner ("Once owners are assigned to a group, the last owner ... cannot be removed",
 * Remove group owner; "The last owner cannot be removed from the team", Teams PowerShell's
 * Remove-TeamUser). The message of the Teams route's refusal is assumed.
 */
function refuseLastOwner(c: TeamCtx, userId: string): void {
  const g = c.store.getGroup(c.group.id)!;
  if (g.owners.length === 1 && g.owners[0] === userId) throw new GraphError(400, 'BadRequest', 'The last owner of a team cannot be removed.');
}

export function patchTeamMember(c: TeamCtx, user: UserRec): Res {
  const owner = rolesOf(body(c.req));
  if (owner || c.group.owners.includes(user.id)) requireOwnerRights(c);
  if (!owner) refuseLastOwner(c, user.id);
  setGroupRole(c, user.id, owner);
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team.id}')/members/$entity`, ...memberJson(c, c.team.id, user, owner) });
}

/** A user who leaves a team (its group) leaves its private channels too: a channel's members are a subset of the team's. */
export function leavePrivateChannels(store: Store, teamId: string, userId: string): void {
  for (const ch of store.teamsx.channelsOf(teamId)) {
    if (ch.membershipType === 'private' && ch.members.includes(userId)) {
      store.commit({ k: 'teamsx', op: { t: 'channel', v: { ...ch, members: ch.members.filter((x) => x !== userId), owners: ch.owners.filter((x) => x !== userId) } } });
    }
  }
}

export function removeTeamMember(c: TeamCtx, user: UserRec): Res {
  if (c.group.owners.includes(user.id)) requireOwnerRights(c);
  refuseLastOwner(c, user.id);
  setGroupRole(c, user.id, null);
  leavePrivateChannels(c.store, c.team.id, user.id);
  return emptyRes(204);
}

// ---------------------------------------------------------------- channels

export function general(c: TeamCtx): ChannelRec {
  const stored = c.store.teamsx.channels.get(c.team.internalId);
  if (stored) return stored;
  return {
    id: c.team.internalId,
    teamId: c.team.id,
    displayName: 'General',
    description: c.group.description,
    membershipType: 'standard',
    createdDateTime: c.team.createdDateTime,
    members: [],
    owners: [],
    siteId: null,
    general: true,
  };
}

export function channels(c: TeamCtx): ChannelRec[] {
  return [general(c), ...c.store.teamsx.channelsOf(c.team.id).filter((x) => !x.general)];
}

export function channelJson(c: TeamCtx, ch: ChannelRec): Record<string, unknown> {
  return {
    id: ch.id,
    createdDateTime: ch.createdDateTime,
    displayName: ch.displayName,
    description: ch.description,
    isFavoriteByDefault: null,
    email: '',
    webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(ch.id)}/${encodeURIComponent(ch.displayName)}?groupId=${c.team.id}&tenantId=${c.tenantId}`,
    membershipType: ch.membershipType,
    isArchived: false,
    tenantId: c.tenantId,
    layoutType: 'post',
  };
}

export function channelMemberIds(c: TeamCtx, ch: ChannelRec): string[] {
  return ch.membershipType === 'standard' ? [...new Set([...c.group.owners, ...c.group.members])] : ch.members;
}

export function channelOwners(c: TeamCtx, ch: ChannelRec): string[] {
  return ch.membershipType === 'standard' ? c.group.owners : ch.owners;
}

/** People a private channel's create may carry. */
const PRIVATE_CREATE_MAX = 200;
/** How long a deleted channel stays restorable, its name taken in the team ("can be restored within 30 days"). */
const CHANNEL_HELD_MS = 30 * 24 * 3600_000;

export function createChannel(c: TeamCtx): Res {
  const b = body(c.req);
  checkBodyNames(b, CHANNEL_TYPE);
  const name = b.displayName;
  if (typeof name !== 'string' || !name.trim()) throw new GraphError(400, 'BadRequest', "The property 'displayName' is required.");
  if (name.length > 50 || /[~#%&*{}+/\\:<>?|'"]/.test(name) || /^[_.]/.test(name)) throw new GraphError(400, 'BadRequest', `Channel name '${name}' is not valid.`);
  if (channels(c).some((x) => x.displayName.toLowerCase() === name.toLowerCase())) {
    throw new GraphError(400, 'BadRequest', 'Channel name already existed, please use other name.');
  }
  // A deleted channel stays restorable, its name taken, for 30 days (microsoftgraph/microsoft-graph-docs#6168, #6649).
  if (c.store.teamsx.nameHeld(c.team.id, name, c.store.nowIso())) throw new GraphError(400, 'NameAlreadyExists', 'Channel name already existed, please use other name');
  const typeIn = typeof b.membershipType === 'string' ? b.membershipType : 'standard';
  if (!['standard', 'private', 'shared'].includes(typeIn)) throw new GraphError(400, 'BadRequest', `Invalid membershipType '${typeIn}'.`);
  const type = typeIn as ChannelRec['membershipType'];
  let members: string[] = [];
  let owners: string[] = [];
  if (type !== 'standard') {
    const list = Array.isArray(b.members) ? b.members.filter(isObj) : [];
    for (const mb of list) {
      const { user, owner } = memberInput(c, mb);
      if (type === 'private' && !groupHas(c.group, user.id)) throw new GraphError(400, 'BadRequest', `User ${user.id} is not a member of the team; a private channel's members must be team members.`);
      if (!members.includes(user.id)) members.push(user.id);
      if (owner && !owners.includes(user.id)) owners.push(user.id);
    }
    if (owners.length === 0) throw new GraphError(400, 'BadRequest', `A ${type} channel created with application permissions needs an owner in 'members'.`);
    // channel-post: "You can create shared channels with only one owner initially. Adding multiple
    // owners results in a 400 Bad Request"; "If you're creating a private channel, you can add a
    // maximum of 200 members."
    if (type === 'shared' && owners.length > 1) throw new GraphError(400, 'BadRequest', 'A shared channel can be created with only one owner; add the other owners once it exists.');
    if (type === 'private' && members.length > PRIVATE_CREATE_MAX) throw new GraphError(400, 'BadRequest', `A private channel can be created with at most ${PRIVATE_CREATE_MAX} members; add the others once it exists.`);
  }
  const id = `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`;
  let siteId: string | null = null;
  if (type !== 'standard') siteId = channelSite(c, name, type, owners[0] ?? null);
  members = [...new Set(members)];
  owners = [...new Set(owners)];
  const ch: ChannelRec = {
    id,
    teamId: c.team.id,
    displayName: name,
    description: typeof b.description === 'string' ? b.description : null,
    membershipType: type,
    createdDateTime: c.store.nowIso(),
    members,
    owners,
    siteId,
  };
  c.store.commit({ k: 'teamsx', op: { t: 'channel', v: ch } });
  return jsonRes(201, { '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team.id}')/channels/$entity`, ...channelJson(c, ch) }, {
    location: `/teams('${c.team.id}')/channels('${id}')`,
  });
}

/**
 * The channel's files folder (a driveItem): a folder of the team site's library for a standard
 * channel; the root folder of the channel's own site's library for a private or shared one,
 * which answers 404 until that site is provisioned, as the service does.
 */
export function filesFolder(c: TeamCtx, ch: ChannelRec): Res {
  const siteId = ch.siteId ?? c.group.siteId;
  const site = siteId ? c.store.sites.get(siteId) : undefined;
  if (!site || !c.store.isVisible(site)) throw new GraphError(404, 'NotFound', 'The files folder of this channel is not provisioned yet.');
  const library = `${site.url === '/' ? '' : site.url}/Shared Documents`;
  const name = ch.siteId ? 'Shared Documents' : ch.displayName;
  const libraryList = c.store.getListByUrl(site.id, 'Shared Documents');
  return jsonRes(200, {
    '@odata.context': `${GRAPH_BASE}/$metadata#teams('${c.team.id}')/channels('${encodeURIComponent(ch.id)}')/filesFolder/$entity`,
    id: `01${ch.id.replace(/[^A-Za-z0-9]/g, '').slice(0, 30).toUpperCase()}`,
    createdDateTime: ch.createdDateTime,
    lastModifiedDateTime: ch.createdDateTime,
    name,
    webUrl: c.store.absoluteUrl(ch.siteId ? library : `${library}/${ch.displayName}`),
    size: 0,
    parentReference: { driveId: libraryList ? driveId(site, libraryList) : `b!${site.id.replace(/-/g, '')}`, driveType: 'documentLibrary' },
    fileSystemInfo: { createdDateTime: ch.createdDateTime, lastModifiedDateTime: ch.createdDateTime },
    folder: { childCount: 0 },
  });
}

/** A private or shared channel's own site: `/sites/<team site name>-<channel name>`, a TEAMCHANNEL site. */
function channelSite(c: TeamCtx, name: string, type: ChannelRec['membershipType'], owner: string | null): string {
  const teamSite = c.group.siteId ? c.store.sites.get(c.group.siteId) : undefined;
  const baseSeg = teamSite ? teamSite.url.slice(teamSite.url.lastIndexOf('/') + 1) : c.group.mailNickname;
  const seg = `${baseSeg}-${name.replace(/[^A-Za-z0-9_-]/g, '')}`;
  const site = c.store.createSite({
    url: c.store.uniqueSiteUrl(`/sites/${seg}`),
    title: `${teamSite?.title ?? c.group.displayName} - ${name}`,
    description: '',
    webTemplate: 'TEAMCHANNEL',
    configuration: type === 'shared' ? 1 : 0,
    lcid: teamSite?.lcid ?? 1033,
    groupId: null,
    owner,
  });
  return site.id;
}

export function patchChannel(c: TeamCtx, ch: ChannelRec): Res {
  const b = body(c.req);
  checkBodyNames(b, CHANNEL_TYPE);
  if (b.membershipType !== undefined && b.membershipType !== ch.membershipType) {
    throw new GraphError(400, 'BadRequest', 'You cannot update the membershipType value for an existing channel.');
  }
  const next: ChannelRec = { ...ch };
  if (typeof b.displayName === 'string' && b.displayName !== ch.displayName) {
    if (ch.general) throw new GraphError(400, 'BadRequest', 'The General channel cannot be renamed.');
    if (channels(c).some((x) => x.id !== ch.id && x.displayName.toLowerCase() === (b.displayName as string).toLowerCase())) {
      throw new GraphError(400, 'BadRequest', 'Channel name already existed, please use other name.');
    }
    next.displayName = b.displayName;
  }
  if (b.description !== undefined) next.description = typeof b.description === 'string' ? b.description : null;
  c.store.commit({ k: 'teamsx', op: { t: 'channel', v: next } });
  return emptyRes(204);
}

export function deleteChannel(c: TeamCtx, ch: ChannelRec): Res {
  if (ch.general) throw new GraphError(400, 'BadRequest', 'The General channel cannot be deleted.');
  const heldUntil = new Date(Date.parse(c.store.nowIso()) + CHANNEL_HELD_MS).toISOString();
  c.store.commit({ k: 'teamsx', op: { t: 'delChannel', id: ch.id, heldUntil } });
  if (ch.siteId && c.store.sites.has(ch.siteId)) c.store.commit({ k: 'delSite', id: ch.siteId });
  return emptyRes(204);
}

export function addChannelMember(c: TeamCtx, ch: ChannelRec): Res {
  if (ch.membershipType === 'standard') throw new GraphError(400, 'BadRequest', 'Members cannot be added to a standard channel; add them to the team.');
  const { user, owner } = memberInput(c, body(c.req));
  if (ch.membershipType === 'private' && !groupHas(c.group, user.id)) throw new GraphError(400, 'BadRequest', `User ${user.id} is not a member of the team.`);
  const next: ChannelRec = {
    ...ch,
    members: ch.members.includes(user.id) ? ch.members : [...ch.members, user.id],
    owners: owner ? (ch.owners.includes(user.id) ? ch.owners : [...ch.owners, user.id]) : ch.owners.filter((x) => x !== user.id),
  };
  c.store.commit({ k: 'teamsx', op: { t: 'channel', v: next } });
  return jsonRes(201, memberJson(c, ch.id, user, owner));
}

export function patchChannelMember(c: TeamCtx, ch: ChannelRec, user: UserRec): Res {
  if (ch.membershipType === 'standard') throw new GraphError(400, 'BadRequest', "A standard channel's members are the team's.");
  const owner = rolesOf(body(c.req));
  const owners = owner ? (ch.owners.includes(user.id) ? ch.owners : [...ch.owners, user.id]) : ch.owners.filter((x) => x !== user.id);
  c.store.commit({ k: 'teamsx', op: { t: 'channel', v: { ...ch, owners } } });
  return jsonRes(200, memberJson(c, ch.id, user, owner));
}

export function removeChannelMember(c: TeamCtx, ch: ChannelRec, user: UserRec): Res {
  if (ch.membershipType === 'standard') throw new GraphError(400, 'BadRequest', "A standard channel's members are the team's.");
  c.store.commit({ k: 'teamsx', op: { t: 'channel', v: { ...ch, members: ch.members.filter((x) => x !== user.id), owners: ch.owners.filter((x) => x !== user.id) } } });
  return emptyRes(204);
}
