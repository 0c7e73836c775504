/**
 * `GET /groups/{id}/drive` (and `/groups/{id}/drives`): a Microsoft 365 group's default document
 * library as a Graph drive (learn.microsoft.com/graph/api/drive-get). CLI for Microsoft 365 reads
 * its `webUrl` to find the group's site. A group whose site is not provisioned yet answers 404
 * `itemNotFound`, as the service does while the site is being made. A drive id is `b!` and the
 * base64url of the site, web and list ids (each as .NET writes a GUID's bytes), as the service's are.
 * `$select` names are checked against microsoft.graph.drive (sharepoint-select.ts); nothing is
 * expanded, so an `$expand` is refused, never ignored.
 */
import { jsonRes, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { GroupRec, ListRec, SiteRec } from '../types.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE } from './project.ts';
import { shapeOf } from './collection.ts';
import type { GraphCtx } from './route-context.ts';
import type { GraphRoute } from './route-table.ts';
import { DRIVE_TYPE } from './sharepoint-schema.ts';
import { sharePointExpand, sharePointSelect } from './sharepoint-select.ts';

/** A GUID's 16 bytes in .NET's order (the first three fields little-endian). */
function guidBytes(id: string): Buffer {
  const h = id.replace(/-/g, '');
  const b = Buffer.from(h, 'hex');
  return Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8, 16)]);
}

/** The drive id of a document library. */
export function driveId(site: SiteRec, list: ListRec): string {
  return `b!${Buffer.concat([guidBytes(site.id), guidBytes(site.webId), guidBytes(list.id)]).toString('base64url')}`;
}

function driveJson(store: Store, group: GroupRec, site: SiteRec, list: ListRec): Record<string, unknown> {
  const base = site.url === '/' ? '' : site.url;
  return {
    createdDateTime: site.created,
    description: '',
    id: driveId(site, list),
    lastModifiedDateTime: site.modified,
    name: list.title,
    webUrl: store.absoluteUrl(`${base}/${list.url}`),
    driveType: 'documentLibrary',
    createdBy: { user: { displayName: 'System Account' } },
    owner: { group: { id: group.id, displayName: group.displayName, email: `${group.mailNickname}@${store.domain}` } },
    quota: { deleted: 0, remaining: 1099511627776, state: 'normal', total: 1099511627776, used: 0 },
  };
}

/** `GET /groups/{id}/drive` (the drive) or `/drives` (a collection of it). */
function groupDrive(c: GraphCtx, collection: boolean): Res {
  const { store, req } = c;
  const sel = sharePointSelect(req, DRIVE_TYPE);
  sharePointExpand(req, DRIVE_TYPE, {});
  const id = c.params.groupid!;
  const group = store.getGroup(id);
  if (!group) throw new GraphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
  const site = group.siteId ? store.getSite(group.siteId) : undefined;
  const list = site && store.isVisible(site) ? store.getListByUrl(site.id, 'Shared Documents') : undefined;
  if (!site || !list) throw new GraphError(404, 'itemNotFound', 'The site of this group is not provisioned yet.');
  const drive = shapeOf(driveJson(store, group, site, list), () => ({}), sel, false);
  if (!collection) return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#drives/$entity`, ...drive });
  return jsonRes(200, { '@odata.context': `${GRAPH_BASE}/$metadata#drives`, value: [drive] });
}

/** A group's drive routes. */
export const GROUP_DRIVE_ROUTES: GraphRoute[] = [
  { method: 'GET', pattern: '/groups/{groupid}/drive', op: '/groups/{id}/drive', handler: (c) => groupDrive(c, false) },
  { method: 'GET', pattern: '/groups/{groupid}/drives', op: '/groups/{id}/drives', handler: (c) => groupDrive(c, true) },
];
