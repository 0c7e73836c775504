/**
 * SharePoint REST list items (entries of the table in routes.ts, relative to a list), read-only, as `m365 spo listitem list` and
 * PnPjs `items()` read them:
 *   _api/web/lists(guid'…')/items | lists/getbytitle('…')/items | getlist('…')/items   GET
 *   …/items(5) | …/items/getbyid(5)                                                     GET
 * `$select` (fields by internal name; `Author/Title` with `$expand=Author`), `$filter` (the
 * service's OData v3 rules, query-rules.ts: an unknown column is "Column 'X' does not exist"),
 * `$orderby`, `$top` (100 by default) and paging by `$skiptoken=Paged=TRUE&p_ID=<last id>`
 * (`odata.nextLink`). `$skip` is ignored, as the service ignores it for list items. Items are
 * written through Graph (`/sites/{id}/lists/{id}/items`); the same records.
 */
import { evaluate } from '../odata.ts';
import type { Res } from '../http.ts';
import type { FieldRec, ItemRec, ListRec, SiteRec } from '../types.ts';
import { apiBase, listEntity, listServerRelativeUrl, type SpEntity } from './project.ts';
import { noSuchProperty, spFilter } from './query-rules.ts';
import { SpError, type SpRouteCtx, type SpSeg } from './route-context.ts';
import type { SpResolvers, SpRoute } from './route-table.ts';

/** The page size when `$top` is not given, and the largest page the service returns. */
const DEFAULT_TOP = 100;
const MAX_TOP = 5000;

/** SharePoint's `SHAREPOINT\app` principal: the author of what an app-only token writes. */
const APP_USER = { Id: 1073741822, Title: 'SharePoint App', EMail: '' };

const noColumn = (name: string) => new SpError(400, '-2147024809, System.ArgumentException', `Column '${name}' does not exist. It may have been deleted by another user.`);
const noItem = () => new SpError(404, '-2147024809, System.ArgumentException', 'Item does not exist. It may have been deleted by another user.');

/** The REST property name of a field: `_X` is `OData__X`. */
function propName(internal: string): string {
  return internal.startsWith('_') ? `OData_${internal}` : internal;
}

function userEntity(ctx: SpRouteCtx, list: ListRec, id: number, nav: string): SpEntity {
  const rel = `Web/Lists(guid'${list.id}')/Items(${id})/${nav}`;
  return { type: 'SP.Data.UserInfoItem', id: `${apiBase(ctx.store, ctx.site)}/${rel}`, editLink: rel, props: { ...APP_USER } };
}

/** An item as `SP.Data.<EntityTypeName>Item`, the properties the service returns without `$select`. */
function itemEntity(ctx: SpRouteCtx, list: ListRec, item: ItemRec, fields: FieldRec[], typeName: string): SpEntity {
  const rel = `Web/Lists(guid'${list.id}')/Items(${item.id})`;
  const props: Record<string, unknown> = {
    FileSystemObjectType: 0,
    Id: item.id,
    ServerRedirectedEmbedUri: null,
    ServerRedirectedEmbedUrl: '',
    ContentTypeId: item.contentTypeId ?? `0x0100${list.id.replace(/-/g, '').toUpperCase()}`,
    Title: item.fields.Title ?? null,
  };
  for (const f of fields) {
    if (f.builtin) continue;
    const key = f.type === 'User' || f.type === 'Lookup' ? `${propName(f.internalName)}Id` : propName(f.internalName);
    props[key] = item.fields[f.internalName] ?? item.fields[`${f.internalName}LookupId`] ?? null;
  }
  Object.assign(props, { ID: item.id, Modified: item.modified, Created: item.created, AuthorId: APP_USER.Id, EditorId: APP_USER.Id, OData__UIVersionString: `${item.version ?? 1}.0`, Attachments: false, GUID: guidOf(list, item) });
  return {
    type: typeName,
    id: `${apiBase(ctx.store, ctx.site)}/${rel}`,
    editLink: rel,
    etag: `"${item.version ?? 1}"`,
    props,
    navs: { Author: () => userEntity(ctx, list, item.id, 'Author'), Editor: () => userEntity(ctx, list, item.id, 'Editor') },
  };
}

/** `SP.Data.<EntityTypeName>Item`, the type of the list's items. */
function itemTypeOf(ctx: SpRouteCtx, list: ListRec): string {
  return listEntity(ctx.store, ctx.site, list).props.ListItemEntityTypeFullName as string;
}

/** A stable GUID per item (the service gives every item one). */
function guidOf(list: ListRec, item: ItemRec): string {
  const hex = (list.id.replace(/-/g, '').slice(0, 24) + item.id.toString(16).padStart(8, '0')).slice(0, 32);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A field's value that only `$select` brings (FileLeafRef, FileRef, …), derived like the service's. */
function selectedExtra(site: SiteRec, list: ListRec, item: ItemRec, name: string): unknown {
  const dir = listServerRelativeUrl(site, list);
  switch (name.toLowerCase()) {
    case 'fileleafref':
      return `${item.id}_.000`;
    case 'fileref':
      return `${dir}/${item.id}_.000`;
    case 'filedirref':
      return dir;
    case 'fsobjtype':
      return 0;
    case 'uniqueid':
      return guidOf(list, item);
    default:
      return item.fields[name] ?? null;
  }
}

function hasName(names: Iterable<string>, name: string): boolean {
  const lk = name.toLowerCase();
  for (const n of names) if (n.toLowerCase() === lk) return true;
  return false;
}

/**
 * The list's fields, what a name may refer to, and the entity of an item with the fields `$select`
 * asks for beyond the default properties; a `$select` of something the list does not have is refused.
 */
function selection(ctx: SpRouteCtx, list: ListRec) {
  const fields = [...ctx.store.fieldsOf(list.id)];
  const fieldNames = fields.flatMap((f) => [f.internalName, propName(f.internalName), `${f.internalName}Id`]);
  const known = (name: string) => hasName(fieldNames, name) || hasName(['Id', 'ID', 'AuthorId', 'EditorId', 'Author', 'Editor', 'ContentTypeId', 'GUID'], name);
  const select = ctx.req.query.get('$select')?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  for (const s of select) if (s !== '*' && !known(s.split('/')[0]!)) throw noSuchProperty(s);
  const extras = select.filter((s) => !s.includes('/') && s !== '*');
  const typeName = itemTypeOf(ctx, list);
  const entity = (it: ItemRec) => {
    const e = itemEntity(ctx, list, it, fields, typeName);
    for (const s of extras) if (!hasName(Object.keys(e.props), s)) e.props[s] = selectedExtra(ctx.site, list, it, s);
    return e;
  };
  return { known, entity };
}

function listItems(ctx: SpRouteCtx, list: ListRec): Res {
  const q = ctx.req.query;
  const { known, entity } = selection(ctx, list);
  // the skip token first (ids ascend), then each item's entity once
  let items = ctx.store.itemsOf(list.id).sort((a, b) => a.id - b.id);
  const skipToken = q.get('$skiptoken');
  if (skipToken) {
    const m = /(?:^|&)p_ID=(\d+)/i.exec(skipToken);
    if (!m) throw new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The $skiptoken '${skipToken}' is not valid.`);
    items = items.filter((it) => it.id > Number(m[1]));
  }
  let rows = items.map((it) => ({ it, e: entity(it) }));
  const filter = q.get('$filter');
  if (filter) {
    const ast = spFilter(filter, known, noColumn);
    rows = rows.filter((r) => evaluate(ast, { ...r.it.fields, ...r.e.props }) === true);
  }
  const orderby = q.get('$orderby');
  if (orderby) {
    const [prop, dir] = orderby.trim().split(/\s+/);
    if (!known(prop!)) throw noColumn(prop!);
    const sign = dir?.toLowerCase() === 'desc' ? -1 : 1;
    const key = (e: SpEntity) => e.props[Object.keys(e.props).find((k) => k.toLowerCase() === prop!.toLowerCase()) ?? prop!] as string | number;
    rows = rows.map((r) => ({ ...r, k: key(r.e) })).sort((a, b) => (a.k < b.k ? -sign : a.k > b.k ? sign : 0));
  }
  const topRaw = q.get('$top');
  const top = topRaw === null ? DEFAULT_TOP : Number(topRaw);
  if (!Number.isInteger(top) || top < 0) throw new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `Invalid $top value '${topRaw}'.`);
  const size = Math.min(top, MAX_TOP);
  const page = rows.slice(0, size);
  const listUrl = `${apiBase(ctx.store, ctx.site)}/Web/Lists(guid'${list.id}')/Items`;
  let next: string | null = null;
  if (rows.length > size && page.length) {
    const params = new URLSearchParams();
    for (const k of ['$select', '$filter', '$orderby', '$expand']) if (q.get(k)) params.set(k, q.get(k)!);
    params.set('$skiptoken', `Paged=TRUE&p_ID=${page[page.length - 1]!.it.id}`);
    params.set('$top', String(size));
    next = `${listUrl}?${params.toString()}`;
  }
  const type = itemTypeOf(ctx, list);
  return ctx.page(page.map((r) => r.e), `${type}s`, listUrl, next, type);
}

function oneItem(ctx: SpRouteCtx, list: ListRec, id: number): Res {
  const item = ctx.store.getItem(list.id, id);
  if (!item) throw noItem();
  return ctx.entity(selection(ctx, list).entity(item), 'SP.ListItem');
}

function itemId(seg: SpSeg): number {
  const n = Number(seg.arg);
  if (!Number.isInteger(n) || n < 1) throw new SpError(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The expression "${seg.name}(${seg.raw ?? ''})" is not valid.`);
  return n;
}

function itemsRoute(ctx: SpRouteCtx): Res {
  ctx.req.op = 'SP GET lists()/items';
  return listItems(ctx, ctx.list!);
}

function itemRoute(ctx: SpRouteCtx): Res {
  ctx.req.op = 'SP GET lists()/items()';
  return oneItem(ctx, ctx.list!, ctx.itemId!);
}

/** A list's items, relative to the list. */
export const LIST_ITEM_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'items', handler: itemsRoute },
  { method: 'GET', pattern: 'items({item})', handler: itemRoute },
  { method: 'GET', pattern: 'items/getbyid({item})', handler: itemRoute },
];

/** `{item}`: a positive integer (else the service's 400 naming the segment). */
export const LIST_ITEM_RESOLVERS: SpResolvers = {
  item: (c, seg) => {
    c.itemId = itemId(seg);
  },
};
