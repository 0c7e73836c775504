/**
 * Graph list items: `/sites/{id}/lists/{id}/items` (listItem with an optional `fields`
 * fieldValueSet), create, update fields, delete. Items are what makes a list "hold content",
 * which the engine must not delete without consent. Reads take `$select` (checked against
 * microsoft.graph.listItem) and `$expand=fields[($select=…)]` (sharepoint-select.ts).
 */
import { emptyRes, jsonRes, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { ItemRec, ListRec, SiteRec } from '../types.ts';
import { collectionRes, contextUrlOf, pageOf, shapeOf } from './collection.ts';
import { GraphError } from './errors.ts';
import { graphSiteId, NOTE_MAX_LENGTH } from './project.ts';
import { jsonBody, type GraphCtx } from './route-context.ts';
import { LIST_ITEM_TYPE } from './sharepoint-schema.ts';
import { sharePointExpand, sharePointSelect } from './sharepoint-select.ts';

const systemUser = { user: { displayName: 'System Account' } };

/** A listItem as Graph shows it; `fields` only when expanded. */
export function listItemJson(store: Store, site: SiteRec, list: ListRec, item: ItemRec, withFields: boolean): Record<string, unknown> {
  const webPath = site.url === '/' ? '' : site.url;
  const etag = itemETag(item);
  const out: Record<string, unknown> = {
    '@odata.etag': etag,
    createdDateTime: item.created,
    eTag: etag,
    id: String(item.id),
    lastModifiedDateTime: item.modified,
    webUrl: store.absoluteUrl(`${webPath}/${list.url}/DispForm.aspx?ID=${item.id}`),
    createdBy: systemUser,
    lastModifiedBy: systemUser,
    parentReference: { id: list.id, siteId: graphSiteId(store, site) },
    contentType: contentTypeOf(store, list, item),
  };
  if (withFields) out.fields = fieldsJson(item);
  return out;
}

/** The item's content type as Graph shows it (contentTypeInfo); an item saved before they were kept: its list's base type. */
function contentTypeOf(store: Store, list: ListRec, item: ItemRec): { id: string; name: string } {
  const ct = item.contentTypeId ? store.meta.getContentType(list.siteId, list, item.contentTypeId) : undefined;
  if (ct) return { id: ct.id, name: ct.name };
  return { id: list.baseTemplate === 101 ? '0x0101' : '0x01', name: list.baseTemplate === 101 ? 'Document' : 'Item' };
}

export function fieldsJson(item: ItemRec): Record<string, unknown> {
  return { '@odata.etag': itemETag(item), id: String(item.id), ...item.fields, Modified: item.modified, Created: item.created };
}

/** The item's eTag: it changes with every update (a version), as the service's does. */
export function itemETag(item: ItemRec): string {
  return `"${item.id},${item.version ?? 1}"`;
}

/**
 * `If-Match` on an update or delete (Graph listitem-update: "If this request header is included
 * and the eTag provided does not match the current eTag on the item, a 412 Precondition Failed
 * response is returned and the item will not be updated"). `*` matches any.
 */
export function eTagMatches(ifMatch: string | undefined, item: ItemRec): boolean {
  if (ifMatch === undefined) return true;
  const wanted = ifMatch.trim().replace(/^W\//, '');
  return wanted === '*' || wanted === itemETag(item);
}

/** Validates a `fields` object of a create or update: plain values keyed by internal name. */
export function itemFieldsInput(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k.startsWith('@odata')) continue;
    out[k] = v;
  }
  return out;
}

/**
 * The service's checks of a `fields` object against the list's columns: a name that is not one
 * of the list's columns' internal names, exactly as written, is refused ("Field 'X' is not
 * recognized", as Graph answers it: microsoftgraph/msgraph-sdk-powershell#3208,
 * msgraph-sdk-java#2054; the names are case-sensitive, `title` is not `Title`:
 * msgraph-sdk-powershell#1537), and so is a text longer than its column's maximum: a single line
 * of text 255 unless the column says otherwise, multiple lines of text 63,999 (the `maxLength`
 * Graph states for such a column, src/emulator/graph/project.ts).
 */
export function checkItemFields(c: GraphCtx, list: ListRec, fields: Record<string, unknown>): Record<string, unknown> {
  for (const [name, value] of Object.entries(fields)) {
    const field = c.store.getFieldByName(list.id, name);
    if (field?.internalName !== name) throw new GraphError(400, 'invalidRequest', `Field '${name}' is not recognized`);
    const max = field.type === 'Text' ? (field.maxLength ?? 255) : field.type === 'Note' ? NOTE_MAX_LENGTH : undefined;
    if (max !== undefined && typeof value === 'string' && value.length > max) {
      throw new GraphError(400, 'invalidRequest', `The value of field '${name}' is longer than its maximum length of ${max} characters.`);
    }
  }
  return fields;
}

/** An item of the list by its numeric id; 404 `itemNotFound`. */
export function resolveItem(c: GraphCtx, list: ListRec, id: string): ItemRec {
  const item = /^\d+$/.test(id) ? c.store.getItem(list.id, Number(id)) : undefined;
  if (!item) throw new GraphError(404, 'itemNotFound', 'The specified list item was not found');
  return item;
}

/**
 * What an item read expands: `fields`, a fieldValueSet (open: the names of its nested `$select`
 * are the list's columns, not the metadata's, so they are not checked); the other navigation
 * properties a listItem declares are refused as not served.
 */
const ITEM_EXPANSIONS = { fields: null };

/** A read's `$select` and `$expand` of items, checked: `fields` is undefined when not expanded, else its nested `$select`. */
interface ItemShape {
  select: string[] | null;
  fields: { select: string[] | null } | undefined;
}

function itemShape(c: GraphCtx): ItemShape {
  const select = sharePointSelect(c.req, LIST_ITEM_TYPE);
  const exp = sharePointExpand(c.req, LIST_ITEM_TYPE, ITEM_EXPANSIONS);
  return { select, fields: exp.has('fields') ? { select: exp.get('fields')! } : undefined };
}

/**
 * An item as a read answers it: the listItem's properties `$select` names (its `@odata.etag`
 * annotation kept), and `fields` when expanded with the fields its nested `$select` names, by the
 * column's internal name exactly as written (the names are case-sensitive, as in a write).
 */
function itemRead(c: GraphCtx, site: SiteRec, list: ListRec, item: ItemRec, shape: ItemShape): Record<string, unknown> {
  const full = listItemJson(c.store, site, list, item, false);
  const out: Record<string, unknown> = shape.select ? { '@odata.etag': full['@odata.etag'], ...shapeOf(full, () => ({}), shape.select, false) } : full;
  if (shape.fields) {
    const all = fieldsJson(item);
    const sel = shape.fields.select;
    out.fields = sel && !sel.includes('*') ? Object.fromEntries(Object.entries(all).filter(([k]) => k === '@odata.etag' || sel.includes(k))) : all;
  }
  return out;
}

/** `GET /sites/{id}/lists/{id}/items` (`$select`, `$expand=fields[($select=…)]`, paging) */
export function listItems(c: GraphCtx, site: SiteRec, list: ListRec): Res {
  const shape = itemShape(c);
  const { items, nextLink } = pageOf(c.req, c.store.itemsOf(list.id), 200, 5000);
  return collectionRes(c.req, `sites('${graphSiteId(c.store, site)}')/lists('${list.id}')/items`, items.map((i) => itemRead(c, site, list, i, shape)), nextLink);
}

/** `GET .../items/{id}` (`$select`, `$expand=fields[($select=…)]`) */
export function itemOut(c: GraphCtx, site: SiteRec, list: ListRec, item: ItemRec): Res {
  const shape = itemShape(c);
  return jsonRes(200, {
    '@odata.context': contextUrlOf(`sites('${graphSiteId(c.store, site)}')/lists('${list.id}')/items`, shape.select, true),
    ...itemRead(c, site, list, item, shape),
  });
}

/** `POST .../items` with `fields` */
export function createItem(c: GraphCtx, site: SiteRec, list: ListRec): Res {
  const fields = itemFieldsInput(jsonBody(c.req).fields);
  if (!fields) throw new GraphError(400, 'invalidRequest', 'Invalid request: fields must be an object.');
  const item = c.store.createItem(list, checkItemFields(c, list, fields));
  return jsonRes(201, {
    '@odata.context': contextUrlOf(`sites('${graphSiteId(c.store, site)}')/lists('${list.id}')/items`, null, true),
    ...listItemJson(c.store, site, list, item, true),
  });
}

function ifMatch(c: GraphCtx, item: ItemRec): void {
  const h = c.req.headers['if-match'];
  if (!eTagMatches(Array.isArray(h) ? h[0] : h, item)) throw new GraphError(412, 'preconditionFailed', 'The eTag provided does not match the current eTag of the item.');
}

/** `PATCH .../items/{id}/fields`: `If-Match` checked (412). */
export function patchItemFields(c: GraphCtx, list: ListRec, item: ItemRec): Res {
  ifMatch(c, item);
  const fields = itemFieldsInput(jsonBody(c.req));
  if (!fields) throw new GraphError(400, 'invalidRequest', 'Invalid request: fields must be an object.');
  return jsonRes(200, fieldsJson(c.store.updateItem(item, checkItemFields(c, list, fields))));
}

/** `DELETE .../items/{id}`: `If-Match` checked (412). */
export function deleteItem(c: GraphCtx, item: ItemRec): Res {
  ifMatch(c, item);
  c.store.deleteItem(item);
  return emptyRes(204);
}
