/**
 * SharePoint REST routes of content types (entries of the table in routes.ts):
 *   _api/web/contenttypes[('id')[/fieldlinks[(guid'id')]]]     GET; POST (create with Id.StringValue); MERGE; DELETE
 *   _api/web/lists(...)/contenttypes[('id')]                   GET; DELETE
 *   _api/web/lists(...)/contenttypes/addavailablecontenttype   POST { contentTypeId }
 *   _api/web/lists(...)/rootfolder                              GET (with ContentTypeOrder, UniqueContentTypeOrder); MERGE UniqueContentTypeOrder
 *   _api/web/getfolderbyserverrelativeurl('...') | getfolderbyserverrelativepath(decodedurl='...')   the same, for a list's root folder
 * The records are the same ones Graph projects (store.meta). `WEB_CONTENT_TYPE_ROUTES` are relative
 * to the web, `LIST_CONTENT_TYPE_ROUTES` to a list; `CONTENT_TYPE_RESOLVERS` find `{ct}`,
 * `{linkid}` and `{folderpath}`.
 */
import { emptyRes, isObj, type Res } from '../http.ts';
import { normCtId } from '../metadata-store.ts';
import type { ContentTypeRec } from '../metadata-types.ts';
import { isGuid, normGuid } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import { apiBase, folderEntity, listServerRelativeUrl, type SpEntity } from './project.ts';
import { notFoundSegment, SpError, type SpRouteCtx } from './route-context.ts';
import { mountAll, otherMethods, type SpResolvers, type SpRoute } from './route-table.ts';
import { SP_CONTENT_TYPE, SP_FIELD_LINK, SP_FOLDER } from './body-types.ts';

const argument = (msg: string) => new SpError(400, '-2147024809, System.ArgumentException', msg);
const ctNotFound = () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'The content type does not exist.');

function ctIdJson(id: string): Record<string, unknown> {
  return { StringValue: id };
}

export function contentTypeEntity(ctx: SpRouteCtx, ct: ContentTypeRec): SpEntity {
  const base = ct.listId ? `Web/Lists(guid'${ct.listId}')/ContentTypes('${ct.id}')` : `Web/ContentTypes('${ct.id}')`;
  return {
    type: 'SP.ContentType',
    id: `${apiBase(ctx.store, ctx.site)}/${base}`,
    editLink: base,
    props: {
      Description: ct.description,
      Group: ct.group,
      Hidden: ct.hidden,
      Id: ctIdJson(ct.id),
      Name: ct.name,
      ReadOnly: ct.readOnly,
      Sealed: ct.sealed,
      StringId: ct.id,
      Scope: ct.listId ? listServerRelativeUrl(ctx.site, ctx.store.getList(ct.listId)!) : ctx.site.url,
    },
  };
}

function linkEntity(ctx: SpRouteCtx, ct: ContentTypeRec, l: ContentTypeRec['links'][number]): SpEntity {
  const base = `Web/ContentTypes('${ct.id}')/FieldLinks(guid'${l.fieldId}')`;
  return {
    type: 'SP.FieldLink',
    id: `${apiBase(ctx.store, ctx.site)}/${base}`,
    editLink: base,
    props: { FieldInternalName: l.name, Hidden: l.hidden, Id: l.fieldId, Name: l.name, Required: l.required },
  };
}

function folderWithOrder(ctx: SpRouteCtx, list: ListRec): SpEntity {
  const e = folderEntity(ctx.store, ctx.site, list);
  const unique = ctx.store.meta.uniqueContentTypeOrder(list);
  return {
    ...e,
    props: {
      ...e.props,
      ContentTypeOrder: ctx.store.meta.contentTypeOrder(list).map(ctIdJson),
      UniqueContentTypeOrder: unique ? unique.map(ctIdJson) : null,
    },
  };
}

function listOfFolder(site: SiteRec, ctx: SpRouteCtx, path: string): ListRec | undefined {
  let p = path;
  if (/^https?:\/\//i.test(p)) p = new URL(p).pathname;
  const want = p.replace(/\/+$/, '').toLowerCase();
  return ctx.store.listsOf(site.id).find((l) => listServerRelativeUrl(site, l).toLowerCase() === want);
}

/** `{ results: [{StringValue}] }` (verbose), `[{StringValue}]` or `['0x..']`: a list of content type ids. */
function idsOf(v: unknown): string[] {
  const arr = isObj(v) && Array.isArray(v.results) ? v.results : v;
  if (!Array.isArray(arr)) throw argument('UniqueContentTypeOrder must be a collection of content type ids.');
  return arr.map((x) => {
    const s = typeof x === 'string' ? x : isObj(x) && typeof x.StringValue === 'string' ? x.StringValue : undefined;
    if (!s) throw argument('Each content type id needs a StringValue.');
    return normCtId(s);
  });
}

function createContentType(ctx: SpRouteCtx): Res {
  const { store, site } = ctx;
  const meta = store.meta;
  const b = ctx.body({ entity: SP_CONTENT_TYPE });
  const idv = isObj(b.Id) ? b.Id.StringValue : b.Id;
  const name = b.Name;
  if (typeof name !== 'string' || !name.trim()) throw argument('The content type name cannot be empty.');
  if (typeof idv !== 'string' || !/^0x[0-9a-f]*$/i.test(idv) || idv.length < 4) throw argument('Id.StringValue must be a content type id (0x...).');
  const id = normCtId(idv);
  const parent = meta.parentOf(site.id, id);
  if (!parent) throw argument(`The parent of content type ${id} does not exist on this site.`);
  if (meta.getContentType(site.id, null, id)) throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'A duplicate content type was found.');
  if (meta.contentTypesOf(site.id, null).some((c) => c.name.toLowerCase() === name.toLowerCase()))
    throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', `A duplicate content type "${name}" was found.`);
  const ct = meta.createContentType({
    id,
    siteId: site.id,
    listId: null,
    name,
    description: typeof b.Description === 'string' ? b.Description : '',
    group: typeof b.Group === 'string' && b.Group ? b.Group : 'Custom Content Types',
    parentId: parent.id,
    hidden: false,
    readOnly: false,
    sealed: false,
    links: parent.links.map((l) => ({ ...l })),
  });
  return ctx.entity(contentTypeEntity(ctx, ct), 'SP.ApiData.ContentTypes', 201);
}

function updateContentType(ctx: SpRouteCtx, ct: ContentTypeRec): Res {
  const b = ctx.body({ entity: SP_CONTENT_TYPE });
  const patch: Parameters<typeof ctx.store.meta.updateContentType>[1] = {};
  if (typeof b.Name === 'string' && b.Name.trim()) patch.name = b.Name;
  if (typeof b.Description === 'string') patch.description = b.Description;
  if (typeof b.Group === 'string') patch.group = b.Group;
  if (typeof b.Hidden === 'boolean') patch.hidden = b.Hidden;
  if (typeof b.ReadOnly === 'boolean') patch.readOnly = b.ReadOnly;
  ctx.store.meta.updateContentType(ct, patch);
  return emptyRes(204);
}

function deleteContentType(ctx: SpRouteCtx, ct: ContentTypeRec): Res {
  const { store, site } = ctx;
  const meta = store.meta;
  const onList = !!ctx.list;
  if (!onList && ct.builtin) throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'A built-in content type cannot be deleted.');
  if (!onList && meta.contentTypesOf(site.id, null).some((c) => c.parentId === ct.id))
    throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'The content type has dependent content types.');
  if (!onList && meta.inUse(site.id, ct)) throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'The content type is in use.');
  const refusal = ctx.list ? meta.listRemovalRefusal(ctx.list, ct) : undefined;
  if (refusal) throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', refusal);
  meta.deleteContentType(ct);
  return emptyRes(200);
}

/** The field link `c.linkId` of `c.contentType`: the service looks it up before it looks at the method. */
function linkOf(ctx: SpRouteCtx): ContentTypeRec['links'][number] {
  const l = ctx.contentType!.links.find((x) => x.fieldId === ctx.linkId);
  if (!l) throw argument('The field link does not exist.');
  return l;
}

/** A content type's field links, relative to the content type. */
const LINK_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(linkEntity(c, c.contentType!, linkOf(c)), 'SP.ApiData.FieldLinks') },
  {
    method: ['MERGE', 'PATCH'],
    pattern: '',
    handler: (c) => {
      const ct = c.contentType!;
      const l = linkOf(c);
      const b = c.body({ entity: SP_FIELD_LINK });
      const next = { ...l, ...(typeof b.Required === 'boolean' ? { required: b.Required } : {}), ...(typeof b.Hidden === 'boolean' ? { hidden: b.Hidden } : {}) };
      c.store.meta.updateContentType(ct, { links: ct.links.map((x) => (x === l ? next : x)) });
      return emptyRes(204);
    },
  },
  {
    method: 'DELETE',
    pattern: '',
    handler: (c) => {
      const l = linkOf(c);
      c.store.meta.updateContentType(c.contentType!, { links: c.contentType!.links.filter((x) => x !== l) });
      return emptyRes(200);
    },
  },
  otherMethods('', (c) => void linkOf(c)),
];

/** A content type (a web's or a list's: `c.list`), relative to it. */
const CONTENT_TYPE_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(contentTypeEntity(c, c.contentType!), 'SP.ApiData.ContentTypes') },
  { method: ['MERGE', 'PATCH'], pattern: '', handler: (c) => updateContentType(c, c.contentType!) },
  { method: 'DELETE', pattern: '', handler: (c) => deleteContentType(c, c.contentType!) },
  { method: 'GET', pattern: 'fieldlinks', handler: (c) => c.collection(c.contentType!.links.map((l) => linkEntity(c, c.contentType!, l)), 'SP.ApiData.FieldLinks') },
  ...mountAll(['fieldlinks({linkid})', 'fieldlinks/getbyid({linkid})'], LINK_ROUTES),
];

/** A content type under `contenttypes(...)` or `contenttypes/getbyid(...)`. */
const ONE_CONTENT_TYPE = mountAll(['contenttypes({ct})', 'contenttypes/getbyid({ct})'], CONTENT_TYPE_ROUTES);

/** A list's root folder (its content type order), relative to it. */
const FOLDER_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(folderWithOrder(c, c.list!), 'SP.ApiData.Folders') },
  { method: ['MERGE', 'PATCH'], pattern: '', handler: (c) => setFolderOrder(c, c.list!) },
];

/** Content types of the web, and the root folders of lists addressed from it; relative to the web. */
export const WEB_CONTENT_TYPE_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'contenttypes', handler: (c) => c.collection(c.store.meta.contentTypesOf(c.site.id, null).map((x) => contentTypeEntity(c, x)), 'SP.ApiData.ContentTypes') },
  { method: 'POST', pattern: 'contenttypes', handler: createContentType },
  ...ONE_CONTENT_TYPE,
  ...mountAll(['getfolderbyserverrelativeurl({folderpath})', 'getfolderbyserverrelativepath({folderpath})'], FOLDER_ROUTES),
];

/** Content types of a list and its root folder; relative to the list. */
export const LIST_CONTENT_TYPE_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'contenttypes', handler: (c) => c.collection(c.store.meta.contentTypesOf(c.site.id, c.list!).map((x) => contentTypeEntity(c, x)), 'SP.ApiData.ContentTypes') },
  {
    method: 'POST',
    pattern: 'contenttypes/addavailablecontenttype(*)',
    handler: (c) => {
      const b = c.body({ method: 'AddAvailableContentType', params: { contentTypeId: null } });
      const id = typeof b.contentTypeId === 'string' ? b.contentTypeId : undefined;
      const source = id ? c.store.meta.getContentType(c.site.id, null, id) : undefined;
      if (!source) throw ctNotFound();
      return c.entity(contentTypeEntity(c, c.store.meta.addToList(c.list!, source)), 'SP.ApiData.ContentTypes');
    },
  },
  ...ONE_CONTENT_TYPE,
  ...mountAll(['rootfolder(*)'], FOLDER_ROUTES),
];

/** `{ct}` (in the scope of `c.list`), `{linkid}` (a GUID), `{folderpath}` (a list's root folder). */
export const CONTENT_TYPE_RESOLVERS: SpResolvers = {
  ct: (c, seg) => {
    const ct = c.store.meta.getContentType(c.site.id, c.list ?? null, seg.arg!);
    if (!ct) throw ctNotFound();
    c.contentType = ct;
  },
  linkid: (c, seg) => {
    if (!isGuid(seg.arg!)) throw notFoundSegment(seg);
    c.linkId = normGuid(seg.arg!);
  },
  folderpath: (c, seg) => {
    const list = listOfFolder(c.site, c, seg.arg!);
    if (!list) throw notFoundSegment(seg);
    c.list = list;
  },
};

function setFolderOrder(ctx: SpRouteCtx, list: ListRec): Res {
  const meta = ctx.store.meta;
  const b = ctx.body({ entity: SP_FOLDER });
  if (b.UniqueContentTypeOrder !== undefined) {
    if (b.UniqueContentTypeOrder === null) meta.setContentTypeOrder(list, null);
    else {
      const ids = idsOf(b.UniqueContentTypeOrder);
      const all = meta.contentTypesOf(ctx.site.id, list);
      for (const id of ids) if (!all.some((c) => c.id === id)) throw argument(`The content type ${id} is not in the list.`);
      if (ids.length === 0) throw argument('The content type order cannot be empty.');
      meta.setContentTypeOrder(list, ids);
    }
  }
  return emptyRes(204);
}
