/**
 * Soft delete of groups: DELETE /groups/{id} moves the group to /directory/deletedItems (its
 * site to the recycle bin); restore brings both back; a permanent delete frees the mailNickname
 * and the site URL. Until then the name stays taken, with the directory's own error. The list
 * takes the directory's query options as `/groups` does (the engine finds a held name with
 * `$filter=startswith(mailNickname,…)`).
 */
import { emptyRes, jsonRes, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { GroupRec } from '../types.ts';
import { pageOf, selectOf, shapeOf } from './collection.ts';
import { checkedExpand, checkSelect, directoryQuery, matches, ordered } from './directory-query.ts';
import { GROUP_TYPE } from './directory-schema.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE, groupJson } from './project.ts';
import type { GraphCtx } from './route-context.ts';
import type { GraphRoute } from './route-table.ts';

function notFound(id: string): GraphError {
  return new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

export function deleteGroup(store: Store, id: string): Res {
  const g = store.getGroup(id);
  if (!g) throw notFound(id);
  store.softDeleteGroup(g);
  return emptyRes(204);
}

/** The group of a deleted-items key, 404 when it is not there. */
function deletedGroup(c: GraphCtx): GroupRec {
  const key = c.params.deleted!;
  const g = c.store.deletedGroups.get(key.toLowerCase());
  if (!g) throw notFound(key);
  return g;
}

/** A deleted group's JSON as listed or read, cut to the `$select` (checked against the group type, as on `/groups`). */
function deletedOut(json: Record<string, unknown>, sel: string[] | null): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.group', ...shapeOf(json, () => ({}), sel, true) };
}

/** `$filter`, `$search`, `$orderby`, `$count` and `$select` as on `/groups` (directory-query.ts), `$top` paging. */
function listDeletedGroups(c: GraphCtx): Res {
  const q = directoryQuery(c.req, GROUP_TYPE);
  const sel = selectOf(c.req);
  const all = ordered(q, [...c.store.deletedGroups.values()].map((g) => groupJson(g, c.store)).filter((json) => matches(q, json)), (json) => json);
  const { items, nextLink } = pageOf(c.req, all, 100, 999);
  return jsonRes(200, {
    '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects(microsoft.graph.group)`,
    ...(q.count ? { '@odata.count': all.length } : {}),
    value: items.map((json) => deletedOut(json, sel)),
    ...(nextLink ? { '@odata.nextLink': nextLink } : {}),
  });
}

function getDeletedGroup(c: GraphCtx): Res {
  const g = deletedGroup(c);
  const sel = selectOf(c.req);
  checkSelect(GROUP_TYPE, sel);
  checkedExpand(c.req, GROUP_TYPE, () => false);
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects/$entity`, ...deletedOut(groupJson(g, c.store), sel) });
}

function purgeDeletedGroup(c: GraphCtx): Res {
  c.store.purgeGroup(deletedGroup(c));
  return emptyRes(204);
}

function restoreDeletedGroup(c: GraphCtx): Res {
  const g = deletedGroup(c);
  if (c.store.getGroupByNickname(g.mailNickname)) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property mailNickname already exists.');
  const r = c.store.restoreGroup(g);
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.group', ...groupJson(r, c.store) });
}

/** `/directory/deletedItems/...`, in their order of precedence. */
export const DELETED_ITEMS_ROUTES: GraphRoute[] = [
  { method: 'GET', pattern: '/directory/deletedItems/microsoft.graph.group', op: '/directory/deletedItems/microsoft.graph.group', handler: listDeletedGroups },
  { method: 'GET', pattern: '/directory/deletedItems/{deleted}', op: '/directory/deletedItems/{id}', handler: getDeletedGroup },
  { method: 'DELETE', pattern: '/directory/deletedItems/{deleted}', op: '/directory/deletedItems/{id}', handler: purgeDeletedGroup },
  { method: 'POST', pattern: '/directory/deletedItems/{deleted}/restore', op: '/directory/deletedItems/{id}/restore', handler: restoreDeletedGroup },
];
