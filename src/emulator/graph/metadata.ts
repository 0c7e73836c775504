/**
 * Graph routes of content types and the term store:
 *   /sites/{id}/contentTypes[/{ctId}[/columns[/{colId}]]]
 *   /sites/{id}/lists/{id}/contentTypes[/addCopy | /{ctId}[/columns[/{colId}]]]
 *   /sites/{id}/termStore[/groups[/{id}[/sets]] | /sets[/{id}[/children | /terms[/{id}[/children]]]]]
 * The term store is the tenant's one store, whatever site it is reached through (term-store.ts).
 * Their entries in the route table are routes-sites.ts.
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, isObj, jsonRes, type Res } from '../http.ts';
import { normCtId } from '../metadata-store.ts';
import type { ContentTypeRec } from '../metadata-types.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { FieldRec, ListRec, SiteRec } from '../types.ts';
import { checkBodyNames } from './body-names.ts';
import { GraphError } from './errors.ts';
import { shapeOf } from './collection.ts';
import { listsHidden } from './columns.ts';
import { columnJson, graphSiteId } from './project.ts';
import { body, ctx, invalid, notFound } from './metadata-context.ts';
import type { GraphCtx } from './route-context.ts';
import { COLUMN_TYPE, CONTENT_TYPE_TYPE } from './sharepoint-schema.ts';
import { sharePointExpand, sharePointSelect } from './sharepoint-select.ts';
import type { GraphRoute, ParamResolvers } from './route-table.ts';

/** The list of a content type route (`/sites/{id}/lists/{list}/contentTypes`): by id, title or URL name, of this site; 404 otherwise. */
export function contentTypeList(store: Store, site: SiteRec, key: string): ListRec {
  let l: ListRec | undefined;
  if (isGuid(key)) l = store.getList(normGuid(key));
  else {
    const k = key.toLowerCase();
    l = store.listsOf(site.id).find((x) => x.title.toLowerCase() === k || x.url.split('/').pop()!.toLowerCase() === k);
  }
  if (!l || l.siteId !== site.id) throw notFound('List');
  return l;
}

// ---------------------------------------------------------------- content types

export function contentTypeJson(store: Store, site: SiteRec, ct: ContentTypeRec): Record<string, unknown> {
  const parent = ct.listId ? store.meta.getContentType(site.id, null, ct.parentId) : store.meta.getContentType(site.id, null, ct.parentId);
  const o: Record<string, unknown> = {
    id: ct.id,
    description: ct.description,
    group: ct.group,
    hidden: ct.hidden,
    isBuiltIn: !!ct.builtin,
    name: ct.name,
    parentId: ct.parentId,
    readOnly: ct.readOnly,
    sealed: ct.sealed,
    // the parent content type (documented with its own description, group, hidden, readOnly, sealed)
    base: parent
      ? { id: parent.id, name: parent.name, description: parent.description, group: parent.group, hidden: parent.hidden, readOnly: parent.readOnly, sealed: parent.sealed }
      : { id: ct.parentId, name: '' },
  };
  if (ct.listId && ct.sourceId) {
    o.inheritedFrom = { siteId: graphSiteId(store, site) };
  }
  return o;
}

/** A field as a column of a content type: `required` and `hidden` are the type's link's (SPFieldLink) where it sets them. */
function ctColumnJson(f: FieldRec, link: { required: boolean; hidden?: boolean }): Record<string, unknown> | null {
  const j = columnJson(f);
  if (!j) return null;
  return { ...j, required: link.required, hidden: f.hidden || link.hidden === true };
}

/** The operation names' base of a content type route: the site's or the list's. */
function baseOf(c: GraphCtx): string {
  return c.list ? '/sites/{id}/lists/{id}' : '/sites/{id}';
}

/** `GET .../contentTypes` (`$select`) */
function listContentTypes(c: GraphCtx): Res {
  const { store } = c;
  const site = c.site!;
  const sel = sharePointSelect(c.req, CONTENT_TYPE_TYPE);
  const all = store.meta.contentTypesOf(site.id, c.list ?? null).map((ct) => shapeOf(contentTypeJson(store, site, ct), () => ({}), sel, false));
  return jsonRes(200, { '@odata.context': ctx(`sites('${graphSiteId(store, site)}')/contentTypes`), value: all });
}

/** `POST /sites/{id}/contentTypes`: a name not taken, a parent that exists. */
function createContentType(c: GraphCtx): Res {
  const { req, store } = c;
  const site = c.site!;
  const b = body(req);
  checkBodyNames(b, CONTENT_TYPE_TYPE, 'invalidRequest');
  const name = b.name;
  if (typeof name !== 'string' || !name.trim()) throw invalid('A content type needs a name.');
  const baseId = isObj(b.base) && typeof b.base.id === 'string' ? b.base.id : typeof b.parentId === 'string' ? b.parentId : '0x01';
  if (!store.meta.getContentType(site.id, null, baseId)) throw invalid(`The parent content type ${baseId} does not exist.`);
  if (store.meta.contentTypesOf(site.id, null).some((x) => x.name.toLowerCase() === name.toLowerCase())) throw new GraphError(409, 'nameAlreadyExists', 'A duplicate content type name was found.');
  const ct = store.meta.createContentType({
    id: `${normCtId(baseId)}00${randomUUID().replace(/-/g, '').toUpperCase()}`,
    siteId: site.id,
    listId: null,
    name,
    description: typeof b.description === 'string' ? b.description : '',
    group: typeof b.group === 'string' ? b.group : 'Custom Content Types',
    parentId: baseId,
    hidden: b.hidden === true,
    readOnly: false,
    sealed: false,
    links: inheritedLinks(store, site, baseId),
  });
  return jsonRes(201, { '@odata.context': ctx(`sites('${graphSiteId(store, site)}')/contentTypes/$entity`), ...contentTypeJson(store, site, ct) });
}

/** `POST /sites/{id}/lists/{id}/contentTypes/addCopy`: a copy of a site content type in the list. */
function addCopy(c: GraphCtx): Res {
  const { req, store } = c;
  const site = c.site!;
  const list = c.list!;
  const b = body(req);
  const ref = b.contentType;
  if (typeof ref !== 'string') throw invalid('contentType (the canonical URL of a site content type) is required.');
  const mm = /\/sites\/([^/]+)\/contentTypes\/([^/?]+)/i.exec(ref);
  if (!mm) throw invalid('contentType must be the URL of a site content type.');
  const source = store.meta.getContentType(site.id, null, decodeURIComponent(mm[2]!));
  if (!source) throw notFound('Content type');
  const copy = store.meta.addToList(list, source);
  return jsonRes(201, { '@odata.context': ctx(`sites('${graphSiteId(store, site)}')/lists('${list.id}')/contentTypes/$entity`), ...contentTypeJson(store, site, copy) });
}

/** `GET .../contentTypes/{id}` (`$select`; an expanded `columns` is answered whatever the top-level `$select` names) */
function getContentTypeRoute(c: GraphCtx): Res {
  const sel = sharePointSelect(c.req, CONTENT_TYPE_TYPE);
  const out: Record<string, unknown> = { '@odata.context': ctx('contentTypes/$entity'), ...shapeOf(contentTypeJson(c.store, c.site!, c.contentType!), () => ({}), sel, false) };
  // the navigation properties a content type declares; the local tenant expands `columns`
  const exp = sharePointExpand(c.req, CONTENT_TYPE_TYPE, { columns: COLUMN_TYPE });
  if (exp.has('columns')) out.columns = contentTypeColumns(c, exp.get('columns')!);
  return jsonRes(200, out);
}

/** `PATCH .../contentTypes/{id}`: a read-only content type changes only when the patch sets readOnly false. */
function patchContentType(c: GraphCtx): Res {
  const ct = c.contentType!;
  const b = body(c.req);
  checkBodyNames(b, CONTENT_TYPE_TYPE, 'invalidRequest');
  const patch: Parameters<Store['meta']['updateContentType']>[1] = {};
  if (typeof b.name === 'string') {
    if (!b.name.trim()) throw invalid('The name cannot be empty.');
    patch.name = b.name;
  }
  if (typeof b.description === 'string') patch.description = b.description;
  if (typeof b.group === 'string') patch.group = b.group;
  if (typeof b.hidden === 'boolean') patch.hidden = b.hidden;
  if (ct.readOnly && b.readOnly !== false) throw new GraphError(423, 'resourceLocked', 'The content type is read only.');
  if (typeof b.readOnly === 'boolean') patch.readOnly = b.readOnly;
  const next = c.store.meta.updateContentType(ct, patch);
  // the documented PATCH response carries an eTag (the version of the content type)
  const eTag = `"${Date.parse(next.modified) || 1}"`;
  return jsonRes(200, { '@odata.context': ctx('contentTypes/$entity'), ...contentTypeJson(c.store, c.site!, next), eTag });
}

/** `DELETE .../contentTypes/{id}`: a site content type with children, built in or in use stays; a list's that items are of, or its last, stays. */
function deleteContentType(c: GraphCtx): Res {
  const { store } = c;
  const site = c.site!;
  const ct = c.contentType!;
  if (!c.list && store.meta.contentTypesOf(site.id, null).some((x) => x.parentId === ct.id)) throw new GraphError(400, 'invalidRequest', 'The content type has children and cannot be deleted.');
  if (!c.list && ct.builtin) throw new GraphError(400, 'invalidRequest', 'A built-in content type cannot be deleted.');
  if (!c.list && store.meta.inUse(site.id, ct)) throw new GraphError(400, 'invalidRequest', 'The content type is in use: remove it from the lists that use it first.');
  const refusal = c.list ? store.meta.listRemovalRefusal(c.list, ct) : undefined;
  if (refusal) throw new GraphError(400, 'invalidRequest', refusal);
  store.meta.deleteContentType(ct);
  return emptyRes(204);
}

/** A content type link's field: the list's, else the site's. */
function fieldOf(c: GraphCtx, link: { fieldId: string }): FieldRec | undefined {
  return c.store.getField(c.list?.id ?? c.site!.id, link.fieldId) ?? c.store.getField(c.site!.id, link.fieldId);
}

/**
 * `GET .../contentTypes/{id}/columns` (`$select`): a column hidden in the type (its link) or
 * in itself is listed only when `$select` names `hidden`, as for site and list columns.
 */
function listContentTypeColumns(c: GraphCtx): Res {
  return jsonRes(200, { '@odata.context': ctx('columns'), value: contentTypeColumns(c, sharePointSelect(c.req, COLUMN_TYPE)) });
}

/**
 * The content type's columns, listed or expanded (`$expand=columns($select=…)`): hidden ones
 * only when the `$select` names `hidden`, as the site's columns.
 */
function contentTypeColumns(c: GraphCtx, sel: string[] | null): Record<string, unknown>[] {
  const hidden = listsHidden(sel);
  return c.contentType!.links.flatMap((l) => {
    const f = fieldOf(c, l);
    if (!f || ((f.hidden || l.hidden) && !hidden)) return [];
    const j = ctColumnJson(f, l);
    return j ? [shapeOf(j, () => ({}), sel, false)] : [];
  });
}

/** `POST .../contentTypes/{id}/columns` with `sourceColumn@odata.bind`. */
function addContentTypeColumn(c: GraphCtx): Res {
  const { store } = c;
  const site = c.site!;
  const ct = c.contentType!;
  const scope = c.list?.id ?? site.id;
  const b = body(c.req);
  checkBodyNames(b, COLUMN_TYPE, 'invalidRequest');
  const bind = b['sourceColumn@odata.bind'];
  if (typeof bind !== 'string') throw invalid('sourceColumn@odata.bind is required.');
  const cm = /\/columns\/([^/?]+)$/i.exec(bind);
  const found = cm && isGuid(cm[1]!) ? (store.getField(scope, cm[1]!) ?? store.getField(site.id, cm[1]!)) : undefined;
  if (!found) throw notFound('Column');
  if (ct.links.some((l) => l.fieldId === found.id)) throw new GraphError(409, 'nameAlreadyExists', 'The column is already in the content type.');
  if (ct.readOnly || ct.sealed) throw new GraphError(423, 'resourceLocked', 'The content type is read only.');
  // a site column linked to a list's content type is added to the list too (its values live there)
  const f = c.list ? (store.meta.copyFieldToList(c.list, found.id) ?? found) : found;
  const required = typeof b.required === 'boolean' ? b.required : f.required;
  store.meta.updateContentType(ct, { links: [...ct.links, { fieldId: f.id, name: f.internalName, required, hidden: false }] });
  return jsonRes(200, { '@odata.context': ctx('columns/$entity'), ...ctColumnJson(f, { required, hidden: false }) });
}

/** `GET .../contentTypes/{id}/columns/{id}` (`$select`) */
function getContentTypeColumn(c: GraphCtx): Res {
  const sel = sharePointSelect(c.req, COLUMN_TYPE);
  const j = ctColumnJson(c.contentTypeColumn!.field, c.contentTypeColumn!.link);
  return jsonRes(200, { '@odata.context': ctx('columns/$entity'), ...(j && shapeOf(j, () => ({}), sel, false)) });
}

function patchContentTypeColumn(c: GraphCtx): Res {
  const { link, field } = c.contentTypeColumn!;
  const ct = c.contentType!;
  const b = body(c.req);
  checkBodyNames(b, COLUMN_TYPE, 'invalidRequest');
  const next = { ...link };
  if (typeof b.required === 'boolean') next.required = b.required;
  if (typeof b.hidden === 'boolean') next.hidden = b.hidden;
  c.store.meta.updateContentType(ct, { links: ct.links.map((l) => (l === link ? next : l)) });
  return jsonRes(200, { '@odata.context': ctx('columns/$entity'), ...ctColumnJson(field, next) });
}

function removeContentTypeColumn(c: GraphCtx): Res {
  const ct = c.contentType!;
  c.store.meta.updateContentType(ct, { links: ct.links.filter((l) => l !== c.contentTypeColumn!.link) });
  return emptyRes(204);
}

/** No content type route serves the path: 400 naming the segment after the content type. */
function unknownContentTypePath(c: GraphCtx): Res {
  throw new GraphError(400, 'invalidRequest', `Resource not found for the segment '${c.rest[0] ?? c.params.ct ?? 'contentTypes'}'.`);
}

/**
 * The content type routes of a site (`/contentTypes`, op base `/sites/{id}`) or a list
 * (`/lists/{ctlist}/contentTypes`, op base `/sites/{id}/lists/{id}`), relative to the site.
 */
export function contentTypeRoutes(prefix: string, base: string, list: boolean): GraphRoute[] {
  const cts = `${base}/contentTypes`;
  return [
    { method: 'GET', pattern: prefix, op: cts, handler: listContentTypes },
    ...(list ? [{ method: 'POST', pattern: `${prefix}/addCopy`, op: `${cts}/addCopy`, handler: addCopy } as const] : [{ method: 'POST', pattern: prefix, op: cts, handler: createContentType } as const]),
    { method: '*', pattern: prefix, op: `${cts}/(unknown)`, handler: unknownContentTypePath },
    { method: 'GET', pattern: `${prefix}/{ct}`, op: `${cts}/{id}`, handler: getContentTypeRoute },
    { method: 'PATCH', pattern: `${prefix}/{ct}`, op: `${cts}/{id}`, handler: patchContentType },
    { method: 'DELETE', pattern: `${prefix}/{ct}`, op: `${cts}/{id}`, handler: deleteContentType },
    { method: 'GET', pattern: `${prefix}/{ct}/columns`, op: `${cts}/{id}/columns`, handler: listContentTypeColumns },
    { method: 'POST', pattern: `${prefix}/{ct}/columns`, op: `${cts}/{id}/columns`, handler: addContentTypeColumn },
    { method: 'GET', pattern: `${prefix}/{ct}/columns/{ctcolumn}`, op: `${cts}/{id}/columns/{id}`, handler: getContentTypeColumn },
    { method: 'PATCH', pattern: `${prefix}/{ct}/columns/{ctcolumn}`, op: `${cts}/{id}/columns/{id}`, handler: patchContentTypeColumn },
    { method: 'DELETE', pattern: `${prefix}/{ct}/columns/{ctcolumn}`, op: `${cts}/{id}/columns/{id}`, handler: removeContentTypeColumn },
    { method: '*', pattern: `${prefix}/{ct}/columns/{ctcolumn}`, op: `${cts}/(unknown)`, handler: (c) => unknownContentTypePath({ ...c, rest: [c.segs[c.segs.length - 2]!] }) },
    { method: '*', pattern: `${prefix}/{ct}/{...}`, op: `${cts}/(unknown)`, handler: unknownContentTypePath },
  ];
}

/** The resolvers of the content type routes' parameters; each names the route before its 404, as the service's routes did. */
export const CONTENT_TYPE_PARAMS: ParamResolvers = {
  ctlist: (c, key) => {
    c.list = contentTypeList(c.store, c.site!, key);
  },
  ct: (c, key) => {
    const ct = c.store.meta.getContentType(c.site!.id, c.list ?? null, key);
    if (!ct) {
      c.op(`${baseOf(c)}/contentTypes/{id}`);
      throw notFound('Content type');
    }
    c.contentType = ct;
  },
  ctcolumn: (c, key) => {
    c.op(`${baseOf(c)}/contentTypes/{id}/columns/{id}`);
    const link = c.contentType!.links.find((l) => l.fieldId === normGuid(key) || l.name.toLowerCase() === key.toLowerCase());
    const field = link ? fieldOf(c, link) : undefined;
    if (!link || !field) throw notFound('Column');
    c.contentTypeColumn = { link, field };
  },
};

/** A new content type starts with its parent's column links. */
export function inheritedLinks(store: Store, site: SiteRec, parentId: string): ContentTypeRec['links'] {
  return (store.meta.getContentType(site.id, null, parentId)?.links ?? []).map((l) => ({ ...l }));
}
