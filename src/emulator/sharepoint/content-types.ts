/**
 * SharePoint REST routes of content types (see routes-api.ts):
 *   _api/web/contenttypes[('id')[/fieldlinks[(guid'id')]]]     GET; POST (create with Id.StringValue); MERGE; DELETE
 *   _api/web/lists(...)/contenttypes[('id')]                   GET; DELETE
 *   _api/web/lists(...)/contenttypes/addavailablecontenttype   POST { contentTypeId }
 *   _api/web/lists(...)/rootfolder                              GET (with ContentTypeOrder, UniqueContentTypeOrder); MERGE UniqueContentTypeOrder
 *   _api/web/getfolderbyserverrelativeurl('...') | getfolderbyserverrelativepath(decodedurl='...')   the same, for a list's root folder
 * The records are the same ones Graph projects (store.meta).
 */
import { emptyRes, isObj, type Res } from '../http.ts';
import { normCtId } from '../metadata-store.ts';
import type { ContentTypeRec } from '../metadata-types.ts';
import { isGuid, normGuid } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import { apiBase, folderEntity, listServerRelativeUrl, type SpEntity } from './project.ts';
import { notFoundSegment, SpError, type SpRouteCtx, type SpRoutes } from './routes-api.ts';

type State =
  | { k: 'cts'; list: ListRec | null }
  | { k: 'ct'; list: ListRec | null; ct: ContentTypeRec }
  | { k: 'addAvailable'; list: ListRec }
  | { k: 'links'; ct: ContentTypeRec }
  | { k: 'link'; ct: ContentTypeRec; fieldId: string }
  | { k: 'folder'; list: ListRec };

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

export const contentTypeRoutes: SpRoutes = {
  enter(at, seg, ctx) {
    const n = seg.name.toLowerCase();
    if (n === 'contenttypes' && (at.k === 'web' || at.k === 'list')) {
      const list = at.k === 'list' ? at.list : null;
      if (seg.arg === null) return { k: 'cts', list } satisfies State;
      const ct = ctx.store.meta.getContentType(ctx.site.id, list, seg.arg);
      if (!ct) throw ctNotFound();
      return { k: 'ct', list, ct } satisfies State;
    }
    if (n === 'rootfolder' && at.k === 'list') return { k: 'folder', list: at.list } satisfies State;
    if ((n === 'getfolderbyserverrelativeurl' || n === 'getfolderbyserverrelativepath') && at.k === 'web' && seg.arg !== null) {
      const list = listOfFolder(ctx.site, ctx, seg.arg);
      return list ? ({ k: 'folder', list } satisfies State) : undefined;
    }
    return undefined;
  },
  step(state, seg, ctx) {
    const s = state as State;
    const n = seg.name.toLowerCase();
    if (s.k === 'cts') {
      if (n === 'getbyid' && seg.arg !== null) {
        const ct = ctx.store.meta.getContentType(ctx.site.id, s.list, seg.arg);
        if (!ct) throw ctNotFound();
        return { k: 'ct', list: s.list, ct } satisfies State;
      }
      if (n === 'addavailablecontenttype' && s.list) return { k: 'addAvailable', list: s.list } satisfies State;
    }
    if (s.k === 'ct' && n === 'fieldlinks') {
      if (seg.arg === null) return { k: 'links', ct: s.ct } satisfies State;
      if (!isGuid(seg.arg)) throw notFoundSegment(seg);
      return { k: 'link', ct: s.ct, fieldId: normGuid(seg.arg) } satisfies State;
    }
    if (s.k === 'links' && n === 'getbyid' && seg.arg !== null && isGuid(seg.arg)) return { k: 'link', ct: s.ct, fieldId: normGuid(seg.arg) } satisfies State;
    return undefined;
  },
  execute(state, ctx): Res | undefined {
    const s = state as State;
    const { method, store, site } = ctx;
    const meta = store.meta;
    switch (s.k) {
      case 'cts':
        if (method === 'GET') return ctx.collection(meta.contentTypesOf(site.id, s.list).map((c) => contentTypeEntity(ctx, c)), 'SP.ApiData.ContentTypes');
        if (method === 'POST' && !s.list) {
          const b = ctx.body();
          const idv = isObj(b.Id) ? b.Id.StringValue : b.Id;
          const name = b.Name;
          if (typeof name !== 'string' || !name.trim()) throw argument('The content type name cannot be empty.');
          if (typeof idv !== 'string' || !/^0x[0-9a-f]*$/i.test(idv) || idv.length < 4) throw argument('Id.StringValue must be a content type id (0x...).');
          const id = normCtId(idv);
          const parent = meta.contentTypesOf(site.id, null).filter((c) => id.startsWith(c.id) && id !== c.id).sort((a, b2) => b2.id.length - a.id.length)[0];
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
        return undefined;
      case 'ct':
        if (method === 'GET') return ctx.entity(contentTypeEntity(ctx, s.ct), 'SP.ApiData.ContentTypes');
        if (method === 'MERGE' || method === 'PATCH') {
          const b = ctx.body();
          const patch: Parameters<typeof meta.updateContentType>[1] = {};
          if (typeof b.Name === 'string' && b.Name.trim()) patch.name = b.Name;
          if (typeof b.Description === 'string') patch.description = b.Description;
          if (typeof b.Group === 'string') patch.group = b.Group;
          if (typeof b.Hidden === 'boolean') patch.hidden = b.Hidden;
          if (typeof b.ReadOnly === 'boolean') patch.readOnly = b.ReadOnly;
          meta.updateContentType(s.ct, patch);
          return emptyRes(204);
        }
        if (method === 'DELETE') {
          if (!s.list && s.ct.builtin) throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'A built-in content type cannot be deleted.');
          if (!s.list && meta.contentTypesOf(site.id, null).some((c) => c.parentId === s.ct.id))
            throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'The content type has dependent content types.');
          if (!s.list && meta.inUse(site.id, s.ct)) throw new SpError(500, '-2146232832, Microsoft.SharePoint.SPException', 'The content type is in use.');
          meta.deleteContentType(s.ct);
          return emptyRes(200);
        }
        return undefined;
      case 'addAvailable': {
        if (method !== 'POST') return undefined;
        const b = ctx.body();
        const id = typeof b.contentTypeId === 'string' ? b.contentTypeId : undefined;
        const source = id ? meta.getContentType(site.id, null, id) : undefined;
        if (!source) throw ctNotFound();
        const copy = meta.addToList(s.list, source);
        return ctx.entity(contentTypeEntity(ctx, copy), 'SP.ApiData.ContentTypes');
      }
      case 'links':
        if (method === 'GET') return ctx.collection(s.ct.links.map((l) => linkEntity(ctx, s.ct, l)), 'SP.ApiData.FieldLinks');
        return undefined;
      case 'link': {
        const l = s.ct.links.find((x) => x.fieldId === s.fieldId);
        if (!l) throw argument('The field link does not exist.');
        if (method === 'GET') return ctx.entity(linkEntity(ctx, s.ct, l), 'SP.ApiData.FieldLinks');
        if (method === 'MERGE' || method === 'PATCH') {
          const b = ctx.body();
          const next = { ...l, ...(typeof b.Required === 'boolean' ? { required: b.Required } : {}), ...(typeof b.Hidden === 'boolean' ? { hidden: b.Hidden } : {}) };
          meta.updateContentType(s.ct, { links: s.ct.links.map((x) => (x === l ? next : x)) });
          return emptyRes(204);
        }
        if (method === 'DELETE') {
          meta.updateContentType(s.ct, { links: s.ct.links.filter((x) => x !== l) });
          return emptyRes(200);
        }
        return undefined;
      }
      case 'folder':
        if (method === 'GET') return ctx.entity(folderWithOrder(ctx, s.list), 'SP.ApiData.Folders');
        if (method === 'MERGE' || method === 'PATCH') {
          const b = ctx.body();
          if (b.UniqueContentTypeOrder !== undefined) {
            if (b.UniqueContentTypeOrder === null) meta.setContentTypeOrder(s.list, null);
            else {
              const ids = idsOf(b.UniqueContentTypeOrder);
              const all = meta.contentTypesOf(site.id, s.list);
              for (const id of ids) if (!all.some((c) => c.id === id)) throw argument(`The content type ${id} is not in the list.`);
              if (ids.length === 0) throw argument('The content type order cannot be empty.');
              meta.setContentTypeOrder(s.list, ids);
            }
          }
          return emptyRes(204);
        }
        return undefined;
    }
  },
};
