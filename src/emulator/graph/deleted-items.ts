/**
 * Soft delete of groups: DELETE /groups/{id} moves the group to /directory/deletedItems (its
 * site to the recycle bin); restore brings both back; a permanent delete frees the mailNickname
 * and the site URL. Until then the name stays taken, with the directory's own error.
 */
import { emptyRes, jsonRes, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { GroupRec } from '../types.ts';
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

function listDeletedGroups(c: GraphCtx): Res {
  const value = [...c.store.deletedGroups.values()].map((g) => ({ '@odata.type': '#microsoft.graph.group', ...groupJson(g, c.store) }));
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects(microsoft.graph.group)`, value });
}

function getDeletedGroup(c: GraphCtx): Res {
  const g = deletedGroup(c);
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.group', ...groupJson(g, c.store) });
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
