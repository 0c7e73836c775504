/**
 * Columns on the Graph face: site columns (`/sites/{id}/columns`) and list columns
 * (`/sites/{id}/lists/{id}/columns`), Graph column id = SharePoint field Id; the columnDefinition
 * <-> field mapping is project.ts.
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, jsonRes, type Res } from '../http.ts';
import { compileFilter } from '../odata.ts';
import { isGuid } from '../store.ts';
import type { FieldRec, ListRec, SiteRec } from '../types.ts';
import { checkBodyNames } from './body-names.ts';
import { collectionRes, contextUrlOf, pageOf, queryOption, shapeOf } from './collection.ts';
import { GraphError } from './errors.ts';
import { columnJson, columnPatch, GRAPH_BASE, graphSiteId } from './project.ts';
import { jsonBody, type GraphCtx } from './route-context.ts';
import { COLUMN_TYPE } from './sharepoint-schema.ts';
import { SITE_COLUMN_IN_CONTENT_TYPES } from '../metadata-store.ts';
import { sharePointSelect } from './sharepoint-select.ts';

const ctxBase = `${GRAPH_BASE}/$metadata#`;

/**
 * The Graph columns of a site or list as an expansion answers them (`$expand=columns($select=…)`):
 * fields Graph does not show left out, hidden ones too unless `select` names `hidden` (the
 * listing's rule, `listsHidden`), each shaped by `select`.
 */
export function columnsOf(c: GraphCtx, scope: string, select: string[] | null): Record<string, unknown>[] {
  const hidden = listsHidden(select);
  const out: Record<string, unknown>[] = [];
  for (const f of c.store.fieldsOf(scope)) {
    if (f.hidden && !hidden) continue;
    const j = columnJson(f);
    if (j) out.push(shapeOf(j, () => ({}), select, false));
  }
  return out;
}

/** A column of the scope (site or list id) by id or internal name; 404 `itemNotFound`. */
export function resolveColumn(c: GraphCtx, scope: string, key: string): FieldRec {
  const f = (isGuid(key) ? c.store.getField(scope, key) : undefined) ?? c.store.getFieldByName(scope, key);
  if (!f || !columnJson(f)) throw new GraphError(404, 'itemNotFound', 'The specified column was not found');
  return f;
}

function colCtx(c: GraphCtx, site: SiteRec, list: ListRec | null): string {
  const s = `sites('${graphSiteId(c.store, site)}')`;
  return list ? `${s}/lists('${list.id}')/columns` : `${s}/columns`;
}

/**
 * Whether a listing of columns shows hidden ones: only when its `$select` names `hidden`
 * ("By default, columnDefinitions and field values for hidden columns aren't shown. To list
 * hidden columnDefinitions, include hidden in your $select statement": the columnDefinition
 * resource type). A `$select=*` does not name it.
 */
export function listsHidden(select: string[] | null): boolean {
  return select !== null && select.some((s) => s.toLowerCase() === 'hidden');
}

/** `GET /sites/{id}[/lists/{id}]/columns` (`$filter`, `$select`, paging; hidden columns only when selected) */
export function listColumns(c: GraphCtx, site: SiteRec, list: ListRec | null): Res {
  const sel = sharePointSelect(c.req, COLUMN_TYPE);
  const hidden = listsHidden(sel);
  const all: Record<string, unknown>[] = [];
  for (const f of c.store.fieldsOf(list ? list.id : site.id)) {
    if (f.hidden && !hidden) continue;
    const j = columnJson(f);
    if (j) all.push(j);
  }
  const f = queryOption(c.req, 'filter');
  const filtered = f ? all.filter(compileFilter(f)) : all;
  const { items, nextLink } = pageOf(c.req, filtered, 1000, 5000);
  return collectionRes(c.req, colCtx(c, site, list), items.map((j) => shapeOf(j, () => ({}), sel, false)), nextLink);
}

/** `GET .../columns/{id}` */
export function columnOut(c: GraphCtx, site: SiteRec, list: ListRec | null, col: FieldRec): Res {
  const sel = sharePointSelect(c.req, COLUMN_TYPE);
  return jsonRes(200, { '@odata.context': contextUrlOf(colCtx(c, site, list), sel, true), ...shapeOf(columnJson(col)!, () => ({}), sel, false) });
}

/** A new field record from a columnDefinition, with the defaults the service gives it. */
export function newField(c: GraphCtx, site: SiteRec, list: ListRec | null, name: string, p: Partial<FieldRec>): FieldRec {
  const f = c.store.newField(site.id, list ? list.id : null, randomUUID(), name, { staticName: name, title: name, ...p });
  if (f.type === 'Text' && f.maxLength === undefined) f.maxLength = 255;
  if ((f.type === 'Choice' || f.type === 'MultiChoice') && !f.choices) f.choices = [];
  return f;
}

/** `POST .../columns`: the name is checked (characters, taken) before the body's facets. */
export function createColumn(c: GraphCtx, site: SiteRec, list: ListRec | null): Res {
  const b = jsonBody(c.req);
  checkBodyNames(b, COLUMN_TYPE, 'invalidRequest');
  if (typeof b.name !== 'string' || !b.name.trim()) throw new GraphError(400, 'invalidRequest', "The column 'name' must be specified.");
  if (/[\s"#%&*:<>?\\/{|}~]/.test(b.name)) throw new GraphError(400, 'invalidRequest', `The column name '${b.name}' contains characters that are not allowed.`);
  const scope = list ? list.id : site.id;
  if (c.store.getFieldByName(scope, b.name)) throw new GraphError(409, 'nameAlreadyExists', `A column with the name '${b.name}' already exists.`);
  const p = columnPatch(b, null);
  const f = c.store.addField(newField(c, site, list, b.name, p));
  return jsonRes(201, { '@odata.context': `${ctxBase}${colCtx(c, site, list)}/$entity`, ...columnJson(f)! });
}

/** `PATCH .../columns/{id}`: id and name are fixed, the type changes only within text or choice. */
export function patchColumn(c: GraphCtx, site: SiteRec, list: ListRec | null, col: FieldRec): Res {
  const b = jsonBody(c.req);
  checkBodyNames(b, COLUMN_TYPE, 'invalidRequest');
  if (b.id !== undefined && b.id !== col.id) throw new GraphError(400, 'invalidRequest', "The property 'id' cannot be updated.");
  if (b.name !== undefined && b.name !== col.internalName) throw new GraphError(400, 'invalidRequest', "The property 'name' cannot be updated.");
  const p = columnPatch(b, col);
  if (p.type && p.type !== col.type && !(isTextType(p.type) && isTextType(col.type)) && !(isChoiceType(p.type) && isChoiceType(col.type)))
    throw new GraphError(400, 'invalidRequest', 'The column type cannot be changed.');
  const next = c.store.updateField(col, p);
  return jsonRes(200, { '@odata.context': `${ctxBase}${colCtx(c, site, list)}/$entity`, ...columnJson(next)! });
}

/** `DELETE .../columns/{id}`: a sealed column is 403; a site column content types link stays. */
export function deleteColumn(c: GraphCtx, col: FieldRec): Res {
  if (col.sealed) throw new GraphError(403, 'accessDenied', 'The column cannot be deleted.');
  if (c.store.meta.linkingSiteColumn(col).length > 0) throw new GraphError(400, 'invalidRequest', SITE_COLUMN_IN_CONTENT_TYPES);
  c.store.deleteField(col);
  return emptyRes(204);
}

function isTextType(t: string): boolean {
  return t === 'Text' || t === 'Note';
}
function isChoiceType(t: string): boolean {
  return t === 'Choice' || t === 'MultiChoice';
}
