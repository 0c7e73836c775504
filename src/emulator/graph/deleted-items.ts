/**
 * Soft delete of groups: DELETE /groups/{id} moves the group to /directory/deletedItems (its
 * site to the recycle bin); restore brings both back; a permanent delete frees the mailNickname
 * and the site URL. Until then the name stays taken, with the directory's own error.
 */
import { emptyRes, jsonRes, type Req, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE, groupJson } from './project.ts';

function notFound(id: string): GraphError {
  return new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

export function deleteGroup(store: Store, id: string): Res {
  const g = store.getGroup(id);
  if (!g) throw notFound(id);
  store.softDeleteGroup(g);
  return emptyRes(204);
}

/** /directory/deletedItems/... ; undefined when the path is not one of these. */
export function deletedItemsRoute(store: Store, req: Req, segs: string[], op: (name: string) => void): Res | undefined {
  if (segs[0]?.toLowerCase() !== 'directory' || segs[1]?.toLowerCase() !== 'deleteditems') return undefined;
  const m = req.method;
  const n = segs.length;
  const key = segs[2];
  if (n === 3 && m === 'GET' && /^microsoft\.graph\.group$/i.test(key ?? '')) {
    op('/directory/deletedItems/microsoft.graph.group');
    const value = [...store.deletedGroups.values()].map((g) => ({ '@odata.type': '#microsoft.graph.group', ...groupJson(g, store) }));
    return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects(microsoft.graph.group)`, value });
  }
  if (!key) return undefined;
  const g = store.deletedGroups.get(key.toLowerCase());
  if (n === 3 && m === 'GET') {
    op('/directory/deletedItems/{id}');
    if (!g) throw notFound(key);
    return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.group', ...groupJson(g, store) });
  }
  if (n === 3 && m === 'DELETE') {
    op('/directory/deletedItems/{id}');
    if (!g) throw notFound(key);
    store.purgeGroup(g);
    return emptyRes(204);
  }
  if (n === 4 && m === 'POST' && segs[3]!.toLowerCase() === 'restore') {
    op('/directory/deletedItems/{id}/restore');
    if (!g) throw notFound(key);
    if (store.getGroupByNickname(g.mailNickname)) throw new GraphError(400, 'Request_BadRequest', 'Another object with the same value for property mailNickname already exists.');
    const r = store.restoreGroup(g);
    return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#directoryObjects/$entity`, '@odata.type': '#microsoft.graph.group', ...groupJson(r, store) });
  }
  return undefined;
}
