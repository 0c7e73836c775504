/**
 * Lists on the Graph face: a list by id, title or name, `GET|POST /sites/{id}/lists`, `GET|PATCH
 * /sites/{id}/lists/{id}` (Graph list id = SharePoint list Id, `name` = the URL's last segment).
 */
import { isObj, jsonRes, type Res } from '../http.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import { checkBodyNames } from './body-names.ts';
import { collectionRes, contextUrlOf, filterItems, pageOf, shapeOf } from './collection.ts';
import { columnsOf, newField } from './columns.ts';
import { GraphError } from './errors.ts';
import { columnPatch, GRAPH_BASE, graphSiteId, listExtra, listJson, listName, templateNumber } from './project.ts';
import { jsonBody, type GraphCtx } from './route-context.ts';
import { COLUMN_TYPE, LIST_TYPE } from './sharepoint-schema.ts';
import { sharePointExpand, sharePointSelect } from './sharepoint-select.ts';

const ctxBase = `${GRAPH_BASE}/$metadata#`;

/** A list of the site by id, title or URL name; 404 `itemNotFound`. */
export function resolveList(c: GraphCtx, site: SiteRec, key: string): ListRec {
  let l: ListRec | undefined;
  if (isGuid(key)) {
    l = c.store.getList(normGuid(key));
    if (l && l.siteId !== site.id) l = undefined;
  }
  l ??= c.store.getListByTitle(site.id, key) ?? c.store.listsOf(site.id).find((x) => listName(x).toLowerCase() === key.toLowerCase());
  if (!l) throw new GraphError(404, 'itemNotFound', 'The specified list was not found');
  return l;
}

/** What a list read expands: `columns`, with its nested `$select` (columnDefinition); the other navigation properties a list declares are refused as not served. */
const LIST_EXPANSIONS = { columns: COLUMN_TYPE };

/** A list's expanded `columns`: undefined when `$expand` does not name it, else the columns by the listing's rules, shaped by the nested `$select`. */
type ListExpansion = { columns: string[] | null } | undefined;

function listExpansion(c: GraphCtx): ListExpansion {
  const exp = sharePointExpand(c.req, LIST_TYPE, LIST_EXPANSIONS);
  return exp.has('columns') ? { columns: exp.get('columns')! } : undefined;
}

function listOut(c: GraphCtx, site: SiteRec, l: ListRec, sel: string[] | null, exp: ListExpansion): Record<string, unknown> {
  const o = shapeOf(listJson(c.store, site, l), () => listExtra(c.store, site, l, c.tenantId), sel, false);
  if (exp) o.columns = columnsOf(c, l.id, exp.columns);
  return o;
}

/** `GET /sites/{id}/lists` (`$filter`, `$select`, `$expand=columns($select=…)`, paging) */
export function listLists(c: GraphCtx, site: SiteRec): Res {
  const sel = sharePointSelect(c.req, LIST_TYPE);
  const exp = listExpansion(c);
  const lists = filterItems(c.req, c.store.listsOf(site.id), (l) => listJson(c.store, site, l));
  const { items, nextLink } = pageOf(c.req, lists, 200, 5000);
  return collectionRes(c.req, `sites('${graphSiteId(c.store, site)}')/lists`, items.map((l) => listOut(c, site, l, sel, exp)), nextLink);
}

/** `GET /sites/{id}/lists/{id}` (`$select`, `$expand=columns($select=…)`) */
export function getList(c: GraphCtx, site: SiteRec, l: ListRec): Res {
  const sel = sharePointSelect(c.req, LIST_TYPE);
  const exp = listExpansion(c);
  return jsonRes(200, {
    '@odata.context': contextUrlOf(`sites('${graphSiteId(c.store, site)}')/lists`, sel, true),
    ...listOut(c, site, l, sel, exp),
  });
}

/** `POST /sites/{id}/lists`: the URL comes from `displayName` (`name` refused); its columns are validated before anything is created. */
export function createList(c: GraphCtx, site: SiteRec): Res {
  const b = jsonBody(c.req);
  checkBodyNames(b, LIST_TYPE, 'invalidRequest');
  if (b.name !== undefined && b.displayName === undefined)
    throw new GraphError(400, 'invalidRequest', "Cannot define a 'name' for a list as it is assigned by the server. Instead, provide 'displayName'");
  if (typeof b.displayName !== 'string' || !b.displayName.trim()) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
  let baseTemplate = 100;
  let hidden = false;
  let ctEnabled = false;
  if (b.list !== undefined && b.list !== null) {
    if (!isObj(b.list)) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
    if (b.list.template !== undefined) {
      const t = typeof b.list.template === 'string' ? templateNumber(b.list.template) : undefined;
      if (t === undefined) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
      baseTemplate = t;
    }
    if (typeof b.list.hidden === 'boolean') hidden = b.list.hidden;
    if (typeof b.list.contentTypesEnabled === 'boolean') ctEnabled = b.list.contentTypesEnabled;
  }
  if (c.store.getListByTitle(site.id, b.displayName)) throw new GraphError(409, 'nameAlreadyExists', 'The specified list name already exists.');
  const cols = b.columns === undefined || b.columns === null ? [] : b.columns;
  if (!Array.isArray(cols) || cols.some((x) => !isObj(x) || typeof x.name !== 'string' || !x.name)) throw new GraphError(400, 'invalidRequest', 'One of the provided arguments is not acceptable.');
  // validate columns before creating anything
  const patches = (cols as Record<string, unknown>[]).map((col) => ({ name: col.name as string, p: columnPatch(col, null) }));
  const list = c.store.createList(site, {
    title: b.displayName,
    description: typeof b.description === 'string' ? b.description : '',
    baseTemplate,
    hidden,
    contentTypesEnabled: ctEnabled,
  });
  for (const { name, p } of patches) {
    if (c.store.getFieldByName(list.id, name)) continue;
    c.store.addField(newField(c, site, list, name, p));
  }
  const fresh = c.store.getList(list.id)!;
  return jsonRes(201, { '@odata.context': `${ctxBase}sites('${graphSiteId(c.store, site)}')/lists/$entity`, ...listJson(c.store, site, fresh) }, {
    location: `${GRAPH_BASE}/sites/${graphSiteId(c.store, site)}/lists/${fresh.id}`,
  });
}

/** `PATCH /sites/{id}/lists/{id}` */
export function patchList(c: GraphCtx, site: SiteRec, l: ListRec): Res {
  const b = jsonBody(c.req);
  checkBodyNames(b, LIST_TYPE, 'invalidRequest');
  const patch: Parameters<Store['updateList']>[1] = {};
  if (typeof b.displayName === 'string') {
    const other = c.store.getListByTitle(site.id, b.displayName);
    if (other && other.id !== l.id) throw new GraphError(409, 'nameAlreadyExists', 'The specified list name already exists.');
    patch.title = b.displayName;
  }
  if (typeof b.description === 'string') patch.description = b.description;
  if (isObj(b.list)) {
    if (typeof b.list.hidden === 'boolean') patch.hidden = b.list.hidden;
    if (typeof b.list.contentTypesEnabled === 'boolean') patch.contentTypesEnabled = b.list.contentTypesEnabled;
  }
  const next = c.store.updateList(l, patch);
  return jsonRes(200, { '@odata.context': `${ctxBase}sites('${graphSiteId(c.store, site)}')/lists/$entity`, ...listJson(c.store, site, next) });
}
