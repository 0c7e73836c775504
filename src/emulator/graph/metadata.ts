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
import { GraphError } from './errors.ts';
import { columnJson, graphSiteId } from './project.ts';
import { body, ctx, invalid, notFound, type MetaCtx } from './metadata-context.ts';

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

function ctColumnJson(f: FieldRec, required: boolean): Record<string, unknown> | null {
  const j = columnJson(f);
  if (!j) return null;
  return { ...j, required };
}

/** `{base}/contentTypes/...` (the segments after contentTypes) of a site (`list` null) or a list; names its operations under `base`. */
export function contentTypeRoutes(c: MetaCtx, list: ListRec | null, rest: string[], base: string, op: (n: string) => void): Res {
  const { req, store, site } = c;
  const m = req.method;
  const n = rest.length;
  const scope = list?.id ?? site.id;
  if (n === 0) {
    if (m === 'GET') {
      op(`${base}/contentTypes`);
      const all = store.meta.contentTypesOf(site.id, list).map((ct) => contentTypeJson(store, site, ct));
      return jsonRes(200, { '@odata.context': ctx(`sites('${graphSiteId(store, site)}')/contentTypes`), value: all });
    }
    if (m === 'POST' && !list) {
      op(`${base}/contentTypes`);
      const b = body(req);
      const name = b.name;
      if (typeof name !== 'string' || !name.trim()) throw invalid('A content type needs a name.');
      const baseId = isObj(b.base) && typeof b.base.id === 'string' ? b.base.id : typeof b.parentId === 'string' ? b.parentId : '0x01';
      if (!store.meta.getContentType(site.id, null, baseId)) throw invalid(`The parent content type ${baseId} does not exist.`);
      if (store.meta.contentTypesOf(site.id, null).some((x) => x.name.toLowerCase() === name.toLowerCase()))
        throw new GraphError(409, 'nameAlreadyExists', 'A duplicate content type name was found.');
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
  }
  if (n === 1 && list && rest[0]!.toLowerCase() === 'addcopy' && m === 'POST') {
    op(`${base}/contentTypes/addCopy`);
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
  const ct = store.meta.getContentType(site.id, list, rest[0]!);
  if (!ct) {
    op(`${base}/contentTypes/{id}`);
    throw notFound('Content type');
  }
  if (n === 1) {
    op(`${base}/contentTypes/{id}`);
    if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('contentTypes/$entity'), ...contentTypeJson(store, site, ct) });
    if (m === 'PATCH') {
      const b = body(req);
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
      const next = store.meta.updateContentType(ct, patch);
      // the documented PATCH response carries an eTag (the version of the content type)
      const eTag = `"${Date.parse(next.modified) || 1}"`;
      return jsonRes(200, { '@odata.context': ctx('contentTypes/$entity'), ...contentTypeJson(store, site, next), eTag });
    }
    if (m === 'DELETE') {
      if (!list && store.meta.contentTypesOf(site.id, null).some((x) => x.parentId === ct.id))
        throw new GraphError(400, 'invalidRequest', 'The content type has children and cannot be deleted.');
      if (!list && ct.builtin) throw new GraphError(400, 'invalidRequest', 'A built-in content type cannot be deleted.');
      if (!list && store.meta.inUse(site.id, ct)) throw new GraphError(400, 'invalidRequest', 'The content type is in use: remove it from the lists that use it first.');
      store.meta.deleteContentType(ct);
      return emptyRes(204);
    }
  }
  if (rest[1]?.toLowerCase() === 'columns') {
    const fieldOf = (link: { fieldId: string }) => store.getField(scope, link.fieldId) ?? store.getField(site.id, link.fieldId);
    if (n === 2 && m === 'GET') {
      op(`${base}/contentTypes/{id}/columns`);
      const value = ct.links.flatMap((l) => {
        const f = fieldOf(l);
        const j = f ? ctColumnJson(f, l.required) : null;
        return j ? [j] : [];
      });
      return jsonRes(200, { '@odata.context': ctx('columns'), value });
    }
    if (n === 2 && m === 'POST') {
      op(`${base}/contentTypes/{id}/columns`);
      const b = body(req);
      const bind = b['sourceColumn@odata.bind'];
      if (typeof bind !== 'string') throw invalid('sourceColumn@odata.bind is required.');
      const cm = /\/columns\/([^/?]+)$/i.exec(bind);
      const f = cm && isGuid(cm[1]!) ? (store.getField(scope, cm[1]!) ?? store.getField(site.id, cm[1]!)) : undefined;
      if (!f) throw notFound('Column');
      if (ct.links.some((l) => l.fieldId === f.id)) throw new GraphError(409, 'nameAlreadyExists', 'The column is already in the content type.');
      if (ct.readOnly || ct.sealed) throw new GraphError(423, 'resourceLocked', 'The content type is read only.');
      const required = typeof b.required === 'boolean' ? b.required : f.required;
      store.meta.updateContentType(ct, { links: [...ct.links, { fieldId: f.id, name: f.internalName, required, hidden: false }] });
      return jsonRes(200, { '@odata.context': ctx('columns/$entity'), ...ctColumnJson(f, required) });
    }
    if (n === 3) {
      op(`${base}/contentTypes/{id}/columns/{id}`);
      const link = ct.links.find((l) => l.fieldId === normGuid(rest[2]!) || l.name.toLowerCase() === rest[2]!.toLowerCase());
      const f = link ? fieldOf(link) : undefined;
      if (!link || !f) throw notFound('Column');
      if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('columns/$entity'), ...ctColumnJson(f, link.required) });
      if (m === 'PATCH') {
        const b = body(req);
        const next = { ...link };
        if (typeof b.required === 'boolean') next.required = b.required;
        if (typeof b.hidden === 'boolean') next.hidden = b.hidden;
        store.meta.updateContentType(ct, { links: ct.links.map((l) => (l === link ? next : l)) });
        return jsonRes(200, { '@odata.context': ctx('columns/$entity'), ...ctColumnJson(f, next.required) });
      }
      if (m === 'DELETE') {
        store.meta.updateContentType(ct, { links: ct.links.filter((l) => l !== link) });
        return emptyRes(204);
      }
    }
  }
  op(`${base}/contentTypes/(unknown)`);
  throw new GraphError(400, 'invalidRequest', `Resource not found for the segment '${rest[1] ?? rest[0] ?? ''}'.`);
}

/** A new content type starts with its parent's column links. */
export function inheritedLinks(store: Store, site: SiteRec, parentId: string): ContentTypeRec['links'] {
  return (store.meta.getContentType(site.id, null, parentId)?.links ?? []).map((l) => ({ ...l }));
}
