/**
 * Writes of groups on the Graph face: `POST /groups`, `PATCH /groups/{id}`, owners and members
 * `$ref` adds and removes (the reads are directory-reads.ts, soft delete deleted-items.ts).
 * References to a group that is still replicating are refused (directory-lag.ts).
 */
import { REFERENCES_NOT_REPLICATED } from '../directory-lag.ts';
import { emptyRes, jsonRes, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { GroupRec, UserRec } from '../types.ts';
import { MAIL_NICKNAME } from './directory-schema.ts';
import { GraphError, invalidValue } from './errors.ts';
import { checkLinkChanges, checkOwnerCount } from './group-limits.ts';
import { assertDirectoryRoom } from './directory-room.ts';
import { leavePrivateChannels } from './channels.ts';
import { GRAPH_BASE, groupJson } from './project.ts';
import { jsonBody, safeDecode, type GraphCtx } from './route-context.ts';

/** A group's reference collections. */
export type RefKind = 'owners' | 'members';

const ctxBase = `${GRAPH_BASE}/$metadata#`;

/** The group of an id, 404 as the directory answers while it is missing or still replicating. */
export function mustGroup(c: GraphCtx, id: string): GroupRec {
  const g = c.store.getGroup(id);
  if (!g || !c.lag.byId(g.id)) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  return g;
}

/** Resolve `https://graph.microsoft.com/v1.0/users/{id|upn}` (or directoryObjects/{id}) to a user. */
function bindUser(c: GraphCtx, ref: unknown, forCreate: boolean): UserRec {
  if (typeof ref !== 'string') throw new GraphError(400, 'Request_BadRequest', 'Invalid URL format specified in @odata.bind for owners or members.');
  const m = /\/(users|directoryObjects)\/([^/?]+)\/?$/i.exec(ref) ?? /^([^/]+)$/.exec(ref);
  const key = m ? safeDecode(m[m.length - 1]!) : null;
  if (!key) throw new GraphError(400, 'Request_BadRequest', `Invalid URL format specified in @odata.bind: '${ref}'.`);
  const u = c.store.getUser(key.replace(/^'|'$/g, ''));
  if (!u) {
    if (forCreate) throw new GraphError(400, 'Request_BadRequest', `Invalid object identifier '${key}'.`);
    throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`);
  }
  return u;
}

function bindList(c: GraphCtx, b: Record<string, unknown>, key: string): string[] | undefined {
  const v = b[key];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new GraphError(400, 'Request_BadRequest', `Invalid value for '${key}': an array of URLs is expected.`);
  return v.map((r) => bindUser(c, r, true).id);
}

/** `POST /groups`, validated as the directory validates it before anything is created. */
export function createGroup(c: GraphCtx): Res {
  const b = jsonBody(c.req);
  const missing = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'].filter((k) => b[k] === undefined || b[k] === null);
  if (missing.length) throw invalidValue('Group', missing[0]!);
  if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw invalidValue('Group', 'displayName');
  if (typeof b.mailNickname !== 'string' || !MAIL_NICKNAME.test(b.mailNickname))
    throw invalidValue('Group', 'mailNickname');
  if (typeof b.mailEnabled !== 'boolean' || typeof b.securityEnabled !== 'boolean') throw invalidValue('Group', 'mailEnabled');
  const groupTypes = b.groupTypes === undefined || b.groupTypes === null ? [] : b.groupTypes;
  if (!Array.isArray(groupTypes) || groupTypes.some((t) => typeof t !== 'string')) throw invalidValue('Group', 'groupTypes');
  const unified = (groupTypes as string[]).some((t) => t.toLowerCase() === 'unified');
  if (!unified && b.mailEnabled === true && b.securityEnabled === false)
    throw new GraphError(400, 'Request_BadRequest', 'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.');
  // the directory refuses an empty string for a string property ("" is not "no description": send none or null)
  if (b.description !== undefined && b.description !== null && (typeof b.description !== 'string' || b.description === ''))
    throw invalidValue('Group', 'description');
  let visibility: string | null = null;
  if (b.visibility !== undefined && b.visibility !== null) {
    if (typeof b.visibility !== 'string' || !['public', 'private', 'hiddenmembership'].includes(b.visibility.toLowerCase()))
      throw invalidValue('Group', 'visibility');
    visibility = canonicalVisibility(b.visibility);
  }
  if (c.store.nicknameTaken(b.mailNickname)) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property mailNickname already exists.');
  assertDirectoryRoom(c.store);
  checkLinkChanges(b);
  const owners = bindList(c, b, 'owners@odata.bind') ?? [];
  const members = bindList(c, b, 'members@odata.bind') ?? [];
  const g = c.store.createGroup({
    displayName: b.displayName,
    description: typeof b.description === 'string' ? b.description : null,
    mailNickname: b.mailNickname,
    mailEnabled: b.mailEnabled,
    securityEnabled: b.securityEnabled,
    groupTypes: groupTypes as string[],
    visibility,
    owners,
    members,
  });
  return jsonRes(
    201,
    {
      '@odata.context': `${ctxBase}groups/$entity`,
      '@odata.id': `https://graph.microsoft.com/v2/${c.tenantId}/directoryObjects/${g.id}/Microsoft.DirectoryServices.Group`,
      ...groupJson(g, c.store),
    },
    { location: `https://graph.microsoft.com/v2/${c.tenantId}/directoryObjects/${g.id}/Microsoft.DirectoryServices.Group` },
  );
}

/** `PATCH /groups/{id}`: properties and `owners|members@odata.bind` additions. */
export function patchGroup(c: GraphCtx, id: string): Res {
  const g = mustGroup(c, id);
  const b = jsonBody(c.req);
  const patch: Parameters<Store['updateGroup']>[1] = {};
  if (b.displayName !== undefined) {
    if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw invalidValue('Group', 'displayName');
    patch.displayName = b.displayName;
  }
  if (b.description !== undefined) {
    if (b.description !== null && typeof b.description !== 'string') throw invalidValue('Group', 'description');
    patch.description = b.description === '' ? null : (b.description as string | null);
  }
  if (b.visibility !== undefined) {
    if (typeof b.visibility !== 'string' || !['public', 'private', 'hiddenmembership'].includes(b.visibility.toLowerCase()))
      throw invalidValue('Group', 'visibility');
    patch.visibility = canonicalVisibility(b.visibility);
  }
  if (b.mailNickname !== undefined && b.mailNickname !== g.mailNickname) {
    if (typeof b.mailNickname !== 'string' || !MAIL_NICKNAME.test(b.mailNickname)) throw invalidValue('Group', 'mailNickname');
    const other = c.store.getGroupByNickname(b.mailNickname);
    if ((other && other.id !== g.id) || (!other && c.store.nicknameTaken(b.mailNickname))) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property mailNickname already exists.');
    patch.mailNickname = b.mailNickname;
  }
  checkLinkChanges(b);
  const addOwners = bindList(c, b, 'owners@odata.bind');
  const addMembers = bindList(c, b, 'members@odata.bind');
  if ((addOwners || addMembers) && !c.lag.refsAccepted(g.id)) throw new GraphError(400, 'Request_BadRequest', REFERENCES_NOT_REPLICATED);
  if (addOwners) {
    if (addOwners.some((u) => g.owners.includes(u))) throw alreadyExists('owners');
    patch.owners = [...g.owners, ...addOwners];
    checkOwnerCount(patch.owners);
  }
  if (addMembers) {
    if (addMembers.some((u) => g.members.includes(u))) throw alreadyExists('members');
    patch.members = [...g.members, ...addMembers];
  }
  c.store.updateGroup(g, patch);
  return emptyRes(204);
}

/** `POST /groups/{id}/owners|members/$ref`: refused while the group replicates (directory-lag.ts). */
export function addRef(c: GraphCtx, id: string, kind: RefKind): Res {
  const g = mustGroup(c, id);
  const b = jsonBody(c.req);
  const u = bindUser(c, b['@odata.id'], false);
  if (!c.lag.refsAccepted(g.id)) throw new GraphError(400, 'Request_BadRequest', REFERENCES_NOT_REPLICATED);
  if (g[kind].includes(u.id)) throw alreadyExists(kind);
  if (kind === 'owners') checkOwnerCount([...g.owners, u.id]);
  c.store.updateGroup(g, { [kind]: [...g[kind], u.id] });
  return emptyRes(204);
}

/** `DELETE /groups/{id}/owners|members/{id}/$ref`: a Microsoft 365 group keeps its last owner. */
export function removeRef(c: GraphCtx, id: string, kind: RefKind, uid: string): Res {
  const g = mustGroup(c, id);
  const u = c.store.getUser(uid);
  if (!u || !g[kind].includes(u.id)) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${uid}' does not exist or one of its queried reference-property objects are not present.`);
  if (kind === 'owners' && g.owners.length === 1 && g.groupTypes.some((t) => t.toLowerCase() === 'unified')) {
    throw new GraphError(400, 'Request_BadRequest', 'The group must have at least one owner, hence this owner cannot be removed.');
  }
  c.store.updateGroup(g, { [kind]: g[kind].filter((x) => x !== u.id) });
  // A team's roster is its group's: a member removed from the group leaves the team's private channels too.
  if (kind === 'members') leavePrivateChannels(c.store, g.id, u.id);
  return emptyRes(204);
}

function alreadyExists(kind: string): GraphError {
  return new GraphError(400, 'Request_BadRequest', `One or more added object references already exist for the following modified properties: '${kind}'.`);
}

function canonicalVisibility(v: string): string {
  const l = v.toLowerCase();
  return l === 'public' ? 'Public' : l === 'private' ? 'Private' : 'HiddenMembership';
}
