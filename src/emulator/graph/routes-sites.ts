/**
 * The Graph routes of sites and what is below a site: lists, list items, columns (site and list),
 * content types and the term store. The site routes are declared relative to the site and mounted
 * twice: under `/sites/{site}` (an id, `root`, `{host},{id},{id}`, or a path: `sites/{host}:/{path}:`
 * is rewritten by the face to `sites/{bypath}`) and under `/groups/{rootgroup}/sites/root`, whose
 * operation names read `/groups/{id}/sites/root/...`.
 */
import type { Res } from '../http.ts';
import { columnOut, createColumn, deleteColumn, listColumns, patchColumn, resolveColumn } from './columns.ts';
import { GraphError, unknownSegment } from './errors.ts';
import { mustGroup } from './group-writes.ts';
import { createItem, deleteItem, itemOut, listItems, patchItemFields, resolveItem } from './list-items.ts';
import { createList, getList, listLists, patchList, resolveList } from './lists.ts';
import { contentTypeRoutes } from './metadata.ts';
import type { GraphCtx } from './route-context.ts';
import { mount, type GraphRoute, type ParamResolvers } from './route-table.ts';
import { getSite, resolveSite, searchSites } from './sites.ts';
import { TERM_STORE_ROUTES } from './term-store.ts';

/** No site route serves the path: 400 naming the first segment below the site. */
function unknownBelowSite(c: GraphCtx): Res {
  throw unknownSegment(c.below[0], 'invalidRequest');
}

/** The routes below a site, relative to it, in their order of precedence. */
const SITE_ROUTES: GraphRoute[] = [
  ...contentTypeRoutes('/contentTypes', '/sites/{id}', false),
  ...contentTypeRoutes('/lists/{ctlist}/contentTypes', '/sites/{id}/lists/{id}', true),
  ...TERM_STORE_ROUTES,
  { method: 'GET', pattern: '', op: '/sites/{id}', handler: (c) => getSite(c, c.site!) },
  { method: 'GET', pattern: '/lists', op: '/sites/{id}/lists', handler: (c) => listLists(c, c.site!) },
  { method: 'POST', pattern: '/lists', op: '/sites/{id}/lists', handler: (c) => createList(c, c.site!) },
  { method: 'GET', pattern: '/lists/{list}', op: '/sites/{id}/lists/{id}', handler: (c) => getList(c, c.site!, c.list!) },
  { method: 'PATCH', pattern: '/lists/{list}', op: '/sites/{id}/lists/{id}', handler: (c) => patchList(c, c.site!, c.list!) },
  { method: 'GET', pattern: '/lists/{list}/items', op: '/sites/{id}/lists/{id}/items', handler: (c) => listItems(c, c.site!, c.list!) },
  { method: 'POST', pattern: '/lists/{list}/items', op: '/sites/{id}/lists/{id}/items', handler: (c) => createItem(c, c.site!, c.list!) },
  { method: 'GET', pattern: '/lists/{list}/items/{item}', op: '/sites/{id}/lists/{id}/items/{id}', handler: (c) => itemOut(c, c.site!, c.list!, c.item!) },
  { method: 'DELETE', pattern: '/lists/{list}/items/{item}', op: '/sites/{id}/lists/{id}/items/{id}', handler: (c) => deleteItem(c, c.item!) },
  { method: 'PATCH', pattern: '/lists/{list}/items/{item}/fields', op: '/sites/{id}/lists/{id}/items/{id}/fields', handler: (c) => patchItemFields(c, c.list!, c.item!) },
  { method: '*', pattern: '/lists/{list}/items/{item}/{...}', op: '/sites/{id}/(unknown)', handler: unknownBelowSite },
  { method: 'GET', pattern: '/lists/{list}/columns', op: '/sites/{id}/lists/{id}/columns', handler: (c) => listColumns(c, c.site!, c.list!) },
  { method: 'POST', pattern: '/lists/{list}/columns', op: '/sites/{id}/lists/{id}/columns', handler: (c) => createColumn(c, c.site!, c.list!) },
  { method: 'GET', pattern: '/lists/{list}/columns/{column}', op: '/sites/{id}/lists/{id}/columns/{id}', handler: (c) => columnOut(c, c.site!, c.list!, c.column!) },
  { method: 'PATCH', pattern: '/lists/{list}/columns/{column}', op: '/sites/{id}/lists/{id}/columns/{id}', handler: (c) => patchColumn(c, c.site!, c.list!, c.column!) },
  { method: 'DELETE', pattern: '/lists/{list}/columns/{column}', op: '/sites/{id}/lists/{id}/columns/{id}', handler: (c) => deleteColumn(c, c.column!) },
  { method: '*', pattern: '/lists/{list}/columns/{column}', op: '/sites/{id}/(unknown)', handler: unknownBelowSite },
  { method: '*', pattern: '/lists/{list}/{...}', op: '/sites/{id}/(unknown)', handler: unknownBelowSite },
  { method: 'GET', pattern: '/columns', op: '/sites/{id}/columns', handler: (c) => listColumns(c, c.site!, null) },
  { method: 'POST', pattern: '/columns', op: '/sites/{id}/columns', handler: (c) => createColumn(c, c.site!, null) },
  { method: 'GET', pattern: '/columns/{column}', op: '/sites/{id}/columns/{id}', handler: (c) => columnOut(c, c.site!, null, c.column!) },
  { method: 'PATCH', pattern: '/columns/{column}', op: '/sites/{id}/columns/{id}', handler: (c) => patchColumn(c, c.site!, null, c.column!) },
  { method: 'DELETE', pattern: '/columns/{column}', op: '/sites/{id}/columns/{id}', handler: (c) => deleteColumn(c, c.column!) },
  { method: '*', pattern: '/columns/{column}', op: '/sites/{id}/(unknown)', handler: unknownBelowSite },
  { method: '*', pattern: '/{...}', op: '/sites/{id}/(unknown)', handler: unknownBelowSite },
];

/** Operation names of the site routes reached through a group: `/groups/{id}/sites/root/...`. */
const throughGroup = (op: string) => (op.startsWith('/sites/{id}') ? `/groups/{id}/sites/root${op.slice('/sites/{id}'.length)}` : op);

/** Sites and everything below them, in their order of precedence. */
export const SITES_ROUTES: GraphRoute[] = [
  { method: 'GET', pattern: '/sites', op: '/sites', handler: searchSites },
  ...mount('/sites/{site}', SITE_ROUTES, (op) => op),
  ...mount('/groups/{rootgroup}/sites/root', SITE_ROUTES, throughGroup),
];

/** The resolvers of the site routes' parameters (their records on the context, or 404); those of content types and the term store are theirs (metadata.ts, term-store.ts). */
export const SITES_PARAMS: ParamResolvers = {
  site: (c, key) => {
    c.site ??= resolveSite(c, key);
  },
  rootgroup: (c, id) => {
    // named before the group is looked up: a missing group or site is counted under this route
    c.op('/groups/{id}/sites/root' + (c.segs.length > 4 ? '/...' : ''));
    const g = mustGroup(c, id);
    const site = g.siteId ? c.store.getSite(g.siteId) : undefined;
    if (!site) throw new GraphError(404, 'itemNotFound', 'Requested site could not be found');
    c.site = site;
  },
  list: (c, key) => {
    c.list = resolveList(c, c.site!, key);
  },
  item: (c, key) => {
    c.item = resolveItem(c, c.list!, key);
  },
  column: (c, key) => {
    c.column = resolveColumn(c, c.list ? c.list.id : c.site!.id, key);
  },
};
