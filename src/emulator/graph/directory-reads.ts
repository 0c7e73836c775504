/**
 * Reads of the directory: `GET /users`, `/users/{id}`, `/users/$count`, `/groups`, `/groups/{id}`,
 * `/groups/$count`, `/groups/{id}/owners|members`, with the query options checked as the service
 * checks them (directory-query.ts) and `$expand=owners,members` on groups (at most 20 expanded
 * objects each, without a nextLink, as the service answers).
 */
import type { Req, Res } from '../http.ts';
import { jsonRes } from '../http.ts';
import { findEq, findValues } from '../odata.ts';
import type { Store } from '../store.ts';
import type { DirectoryLag } from '../directory-lag.ts';
import type { GroupRec, UserRec } from '../types.ts';
import { collectionRes, contextUrlOf, pageOf, selectOf, shapeOf } from './collection.ts';
import { directoryQuery, matches, ordered, type DirectoryQuery } from './directory-query.ts';
import { checkSelect, isEventual } from './directory-query.ts';
import { GROUP_TYPE, USER_TYPE } from './directory-schema.ts';
import { GraphError } from './errors.ts';
import { groupExtra, groupJson, userExtra, userJson } from './project.ts';

/** What a directory read needs: the store and the request. */
export interface DirectoryCtx {
  store: Store;
  req: Req;
  /** The directory's replication lag (directory-lag.ts): a new group is missing for a while. */
  lag?: DirectoryLag;
}

/** The service caps an expanded directory relationship at 20 objects. */
export const MAX_EXPANDED = 20;
const GROUP_EXPANDABLE = ['owners', 'members'];

function notFound(id: string): GraphError {
  return new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

const userFull = (u: UserRec) => ({ ...userJson(u), ...userExtra(u) });

function userOut(u: UserRec, sel: string[] | null): Record<string, unknown> {
  return shapeOf(userJson(u), () => userExtra(u), sel, false);
}

function groupOut(c: DirectoryCtx, g: GroupRec, q: Pick<DirectoryQuery, 'expand'>, sel: string[] | null): Record<string, unknown> {
  const o = shapeOf(groupJson(g, c.store), groupExtra, sel, true);
  for (const e of q.expand) {
    const kind = e.prop.toLowerCase() as 'owners' | 'members';
    checkSelect(USER_TYPE, e.select);
    o[kind] = g[kind]
      .map((id) => c.store.getUser(id))
      .filter((u): u is UserRec => !!u)
      .slice(0, MAX_EXPANDED)
      .map((u) => ({ '@odata.type': '#microsoft.graph.user', ...userOut(u, e.select) }));
  }
  return o;
}

function countRes(n: number): Res {
  return { status: 200, headers: { 'content-type': 'text/plain;charset=utf-8' }, body: String(n) };
}

function requireEventualForCount(req: Req): void {
  if (!isEventual(req)) throw new GraphError(400, 'Request_BadRequest', '$count is not currently supported.');
}

function usersMatching(c: DirectoryCtx, q: DirectoryQuery): UserRec[] {
  const key = q.filter ? (findEq(q.filter, 'userPrincipalName') ?? findEq(q.filter, 'id')) : null;
  const pool = key !== null ? [c.store.getUser(key)].filter((u): u is UserRec => !!u) : c.store.users.values();
  const out: UserRec[] = [];
  for (const u of pool) if (matches(q, userFull(u))) out.push(u);
  return out;
}

function groupsMatching(c: DirectoryCtx, q: DirectoryQuery): GroupRec[] {
  const out: GroupRec[] = [];
  for (const g of candidates(c, q)) if ((!c.lag || c.lag.inQueries(g.id)) && matches(q, { ...groupJson(g, c.store), ...groupExtra() })) out.push(g);
  return out;
}

/**
 * The groups a query can match: those its filter pins by nickname or id (from the store's
 * indexes) or by display name (`eq`, `in`, either side of an `and`), else every group. The whole
 * filter is still evaluated on each; the point is not to render all of a tenant's groups as JSON
 * to answer a lookup of 15 names (issue 12: most of the local tenant's time in a plan of 10,000
 * workspaces).
 */
function candidates(c: DirectoryCtx, q: DirectoryQuery): Iterable<GroupRec> {
  if (!q.filter) return c.store.groups.values();
  const byKey = (values: string[], get: (v: string) => GroupRec | undefined) => new Set(values.map(get).filter((g): g is GroupRec => !!g));
  const nicks = findValues(q.filter, 'mailNickname');
  if (nicks) return byKey(nicks, (n) => c.store.getGroupByNickname(n));
  const ids = findValues(q.filter, 'id');
  if (ids) return byKey(ids, (id) => c.store.getGroup(id));
  const names = findValues(q.filter, 'displayName');
  if (!names) return c.store.groups.values();
  const wanted = new Set(names.map((v) => v.toLowerCase()));
  return [...c.store.groups.values()].filter((g) => wanted.has(g.displayName.toLowerCase()));
}

/** GET /users */
export function listUsers(c: DirectoryCtx): Res {
  const q = directoryQuery(c.req, USER_TYPE);
  const users = ordered(q, usersMatching(c, q), userJson);
  const { items, nextLink } = pageOf(c.req, users, 100, 999);
  const sel = selectOf(c.req);
  return collectionRes(c.req, 'users', items.map((u) => userOut(u, sel)), nextLink, q.count ? users.length : undefined);
}

/** GET /users/$count (text/plain; needs ConsistencyLevel: eventual) */
export function countUsers(c: DirectoryCtx): Res {
  requireEventualForCount(c.req);
  return countRes(usersMatching(c, directoryQuery(c.req, USER_TYPE, { countSegment: true })).length);
}

/** GET /users/{id | userPrincipalName} */
export function getUser(c: DirectoryCtx, id: string): Res {
  const u = c.store.getUser(id);
  if (!u) throw notFound(id);
  const sel = selectOf(c.req);
  checkSelect(USER_TYPE, sel);
  return jsonRes(200, { '@odata.context': contextUrlOf('users', sel, true), ...userOut(u, sel) });
}

/** GET /groups */
export function listGroups(c: DirectoryCtx): Res {
  const q = directoryQuery(c.req, GROUP_TYPE, { expandable: GROUP_EXPANDABLE });
  const groups = ordered(q, groupsMatching(c, q), (g) => groupJson(g, c.store));
  const { items, nextLink } = pageOf(c.req, groups, 100, 999);
  const sel = selectOf(c.req);
  return collectionRes(c.req, 'groups', items.map((g) => groupOut(c, g, q, sel)), nextLink, q.count ? groups.length : undefined);
}

/** GET /groups/$count (text/plain; needs ConsistencyLevel: eventual) */
export function countGroups(c: DirectoryCtx): Res {
  requireEventualForCount(c.req);
  return countRes(groupsMatching(c, directoryQuery(c.req, GROUP_TYPE, { countSegment: true })).length);
}

/** GET /groups/{id} */
export function getGroup(c: DirectoryCtx, id: string): Res {
  const g = c.store.getGroup(id);
  if (!g || (c.lag && !c.lag.byId(g.id))) throw notFound(id);
  const sel = selectOf(c.req);
  const q = directoryQuery(c.req, GROUP_TYPE, { expandable: GROUP_EXPANDABLE });
  return jsonRes(200, { '@odata.context': contextUrlOf('groups', sel, true), ...groupOut(c, g, q, sel) });
}

/** GET /groups/{id}/owners|members: $filter and $search on a relationship need the advanced query parameters. */
export function listRefs(c: DirectoryCtx, id: string, kind: 'owners' | 'members'): Res {
  const g = c.store.getGroup(id);
  if (!g || (c.lag && !c.lag.byId(g.id))) throw notFound(id);
  const q = directoryQuery(c.req, USER_TYPE);
  if (q.filter && !(q.eventual && q.count)) throw new GraphError(400, 'Request_UnsupportedQuery', 'The specified filter to the reference property query is currently not supported.');
  const users = g[kind].map((uid) => c.store.getUser(uid)).filter((u): u is UserRec => !!u && matches(q, userFull(u)));
  const sorted = ordered(q, users, userJson);
  const { items, nextLink } = pageOf(c.req, sorted, 100, 999);
  const sel = selectOf(c.req);
  return collectionRes(
    c.req,
    'directoryObjects',
    items.map((u) => ({ '@odata.type': '#microsoft.graph.user', ...userOut(u, sel) })),
    nextLink,
    q.count ? sorted.length : undefined,
  );
}
