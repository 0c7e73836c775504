/**
 * Graph routes of content types and the term store:
 *   /sites/{id}/contentTypes[/{ctId}[/columns[/{colId}]]]
 *   /sites/{id}/lists/{id}/contentTypes[/addCopy | /{ctId}[/columns[/{colId}]]]
 *   /sites/{id}/termStore[/groups[/{id}[/sets]] | /sets[/{id}[/children | /terms[/{id}[/children]]]]]
 * The term store is the tenant's one store, whatever site it is reached through.
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, isObj, jsonRes, parseJsonBody, type Req, type Res } from '../http.ts';
import { normCtId } from '../metadata-store.ts';
import type { ContentTypeRec, KeyValueRec, LabelRec, LocalizedNameRec, TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { FieldRec, ListRec, SiteRec } from '../types.ts';
import { GraphError } from './errors.ts';
import { columnJson, GRAPH_BASE, graphSiteId } from './project.ts';

export interface MetaCtx {
  req: Req;
  store: Store;
  site: SiteRec;
}

const ctx = (s: string) => `${GRAPH_BASE}/$metadata#${s}`;

function body(req: Req): Record<string, unknown> {
  const b = parseJsonBody(req);
  if (!isObj(b)) throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  return b;
}

function invalid(message: string): GraphError {
  return new GraphError(400, 'invalidRequest', message);
}

function notFound(what: string): GraphError {
  return new GraphError(404, 'itemNotFound', `${what} not found`);
}

/** Routes of this module, or undefined when the path is not one of them. */
export function metadataRoutes(c: MetaCtx, rest: string[], op: (name: string) => void): Res | undefined {
  const r0 = rest[0]?.toLowerCase();
  if (r0 === 'contenttypes') return contentTypeRoutes(c, null, rest.slice(1), '/sites/{id}', op);
  if (r0 === 'lists' && rest.length >= 3 && rest[2]!.toLowerCase() === 'contenttypes') {
    const list = resolveList(c.store, c.site, rest[1]!);
    return contentTypeRoutes(c, list, rest.slice(3), '/sites/{id}/lists/{id}', op);
  }
  if (r0 === 'termstore') return termStoreRoutes(c, rest.slice(1), op);
  return undefined;
}

function resolveList(store: Store, site: SiteRec, key: string): ListRec {
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

function contentTypeRoutes(c: MetaCtx, list: ListRec | null, rest: string[], base: string, op: (n: string) => void): Res {
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

// ---------------------------------------------------------------- term store

function groupJson(g: TermGroupRec): Record<string, unknown> {
  return { id: g.id, createdDateTime: g.createdDateTime, description: g.description, displayName: g.displayName, scope: g.scope };
}

function setJson(s: TermSetRec): Record<string, unknown> {
  return { id: s.id, createdDateTime: s.createdDateTime, description: s.description, localizedNames: s.localizedNames, properties: s.properties };
}

function termJson(t: TermRec): Record<string, unknown> {
  return {
    id: t.id,
    createdDateTime: t.createdDateTime,
    lastModifiedDateTime: t.lastModifiedDateTime,
    labels: t.labels,
    descriptions: t.descriptions,
    properties: t.properties,
  };
}

function checkLanguage(store: Store, tag: unknown): string {
  if (typeof tag !== 'string' || !store.meta.languageTags.some((l) => l.toLowerCase() === tag.toLowerCase()))
    throw invalid(`The language tag ${String(tag)} is not a working language of the term store (${store.meta.languageTags.join(', ')}).`);
  return store.meta.languageTags.find((l) => l.toLowerCase() === tag.toLowerCase())!;
}

function localizedNames(store: Store, v: unknown): LocalizedNameRec[] {
  if (!Array.isArray(v) || v.length === 0) throw invalid('localizedNames is required.');
  return v.map((x) => {
    if (!isObj(x) || typeof x.name !== 'string' || !x.name.trim()) throw invalid('Each localized name needs a name and a languageTag.');
    return { languageTag: checkLanguage(store, x.languageTag), name: x.name };
  });
}

function labels(store: Store, v: unknown): LabelRec[] {
  if (!Array.isArray(v) || v.length === 0) throw invalid('labels is required.');
  const out = v.map((x) => {
    if (!isObj(x) || typeof x.name !== 'string' || !x.name.trim()) throw invalid('Each label needs a name and a languageTag.');
    if (/[;"<>|\t]/.test(x.name) || x.name.length > 255) throw invalid(`The label '${x.name}' contains characters a term label cannot have or is too long.`);
    return { name: x.name, languageTag: checkLanguage(store, x.languageTag), isDefault: x.isDefault === true };
  });
  for (const tag of new Set(out.map((l) => l.languageTag))) {
    const defaults = out.filter((l) => l.languageTag === tag && l.isDefault).length;
    if (defaults !== 1) throw invalid(`There must be exactly one default label for ${tag}.`);
  }
  if (!out.some((l) => l.languageTag === store.meta.defaultLanguageTag && l.isDefault))
    throw invalid(`A term needs a default label in the term store's default language (${store.meta.defaultLanguageTag}).`);
  return out;
}

function keyValues(v: unknown): KeyValueRec[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid('properties must be a collection of key/value pairs.');
  return v.map((x) => {
    if (!isObj(x) || typeof x.key !== 'string' || typeof x.value !== 'string') throw invalid('Each property needs a key and a value.');
    return { key: x.key, value: x.value };
  });
}

function descriptions(store: Store, v: unknown): TermRec['descriptions'] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid('descriptions must be a collection.');
  return v.map((x) => {
    if (!isObj(x) || typeof x.description !== 'string') throw invalid('Each description needs a description and a languageTag.');
    return { description: x.description, languageTag: checkLanguage(store, x.languageTag) };
  });
}

function termStoreRoutes(c: MetaCtx, rest: string[], op: (n: string) => void): Res {
  const { req, store } = c;
  const meta = store.meta;
  const m = req.method;
  const n = rest.length;
  const r0 = rest[0]?.toLowerCase();
  const now = store.nowIso();
  if (n === 0 && m === 'GET') {
    op('/sites/{id}/termStore');
    return jsonRes(200, {
      '@odata.context': ctx('termStore/$entity'),
      id: meta.termStoreId,
      defaultLanguageTag: meta.defaultLanguageTag,
      languageTags: meta.languageTags,
    });
  }
  const mustGroup = (id: string) => {
    const g = meta.termGroups.get(normGuid(id));
    if (!g) throw notFound('Group');
    return g;
  };
  const mustSet = (id: string) => {
    const s = meta.termSets.get(normGuid(id));
    if (!s) throw notFound('Set');
    return s;
  };
  const mustTerm = (set: TermSetRec, id: string) => {
    const t = meta.terms.get(normGuid(id));
    if (!t || t.setId !== set.id) throw notFound('Term');
    return t;
  };
  const createSet = (groupId: string, b: Record<string, unknown>): Res => {
    const group = mustGroup(groupId);
    const names = localizedNames(store, b.localizedNames);
    const name = names.find((x) => x.languageTag === meta.defaultLanguageTag)?.name ?? names[0]!.name;
    if (meta.setsOf(group.id).some((s) => s.localizedNames.some((x) => x.name.toLowerCase() === name.toLowerCase())))
      throw new GraphError(409, 'nameAlreadyExists', `A term set named '${name}' already exists in the group.`);
    const set = meta.putTermSet({
      id: randomUUID(),
      groupId: group.id,
      localizedNames: names,
      description: typeof b.description === 'string' ? b.description : '',
      properties: keyValues(b.properties),
      createdDateTime: now,
    });
    return jsonRes(201, { '@odata.context': ctx('termStore/sets/$entity'), ...setJson(set) });
  };
  const createTerm = (set: TermSetRec, parent: TermRec | null, b: Record<string, unknown>): Res => {
    const ls = labels(store, b.labels);
    const def = ls.find((l) => l.languageTag === meta.defaultLanguageTag && l.isDefault)!.name;
    if (meta.childrenOf(set.id, parent?.id ?? null).some((t) => t.labels.some((l) => l.isDefault && l.languageTag === meta.defaultLanguageTag && l.name.toLowerCase() === def.toLowerCase())))
      throw new GraphError(409, 'nameAlreadyExists', `A term labelled '${def}' already exists at this level.`);
    const t = meta.putTerm({
      id: randomUUID(),
      setId: set.id,
      parentId: parent?.id ?? null,
      labels: ls,
      descriptions: descriptions(store, b.descriptions),
      properties: keyValues(b.properties),
      createdDateTime: now,
      lastModifiedDateTime: now,
    });
    return jsonRes(201, { '@odata.context': ctx('termStore/sets/terms/$entity'), ...termJson(t) });
  };
  const setRoutes = (set: TermSetRec, more: string[], base: string): Res => {
    const k = more.length;
    const s0 = more[0]?.toLowerCase();
    if (k === 0) {
      op(base);
      if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/sets/$entity'), ...setJson(set) });
      if (m === 'PATCH') {
        const b = body(req);
        const next: TermSetRec = { ...set };
        if (b.localizedNames !== undefined) next.localizedNames = localizedNames(store, b.localizedNames);
        if (typeof b.description === 'string') next.description = b.description;
        if (b.properties !== undefined) next.properties = keyValues(b.properties);
        meta.putTermSet(next);
        return jsonRes(200, { '@odata.context': ctx('termStore/sets/$entity'), ...setJson(next) });
      }
      if (m === 'DELETE') {
        meta.deleteTermSet(set);
        return emptyRes(204);
      }
    }
    if (s0 === 'children' && k === 1) {
      op(`${base}/children`);
      if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/sets/children'), value: meta.childrenOf(set.id, null).map(termJson) });
      if (m === 'POST') return createTerm(set, null, body(req));
    }
    if (s0 === 'terms') {
      if (k === 1 && m === 'GET') {
        op(`${base}/terms`);
        return jsonRes(200, { '@odata.context': ctx('termStore/sets/terms'), value: meta.termsOf(set.id).map(termJson) });
      }
      if (k >= 2) {
        const term = mustTerm(set, more[1]!);
        if (k === 2) {
          op(`${base}/terms/{id}`);
          if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/sets/terms/$entity'), ...termJson(term) });
          if (m === 'PATCH') {
            const b = body(req);
            const next: TermRec = { ...term, lastModifiedDateTime: now };
            if (b.labels !== undefined) next.labels = labels(store, b.labels);
            if (b.descriptions !== undefined) next.descriptions = descriptions(store, b.descriptions);
            if (b.properties !== undefined) next.properties = keyValues(b.properties);
            meta.putTerm(next);
            return jsonRes(200, { '@odata.context': ctx('termStore/sets/terms/$entity'), ...termJson(next) });
          }
          if (m === 'DELETE') {
            meta.deleteTerm(term);
            return emptyRes(204);
          }
        }
        if (k === 3 && more[2]!.toLowerCase() === 'children') {
          op(`${base}/terms/{id}/children`);
          if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/sets/terms/children'), value: meta.childrenOf(set.id, term.id).map(termJson) });
          if (m === 'POST') return createTerm(set, term, body(req));
        }
      }
    }
    op(`${base}/(unknown)`);
    throw new GraphError(400, 'invalidRequest', `Resource not found for the segment '${more[0] ?? ''}'.`);
  };
  if (r0 === 'groups') {
    if (n === 1) {
      op('/sites/{id}/termStore/groups');
      if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/groups'), value: [...meta.termGroups.values()].map(groupJson) });
      if (m === 'POST') {
        const b = body(req);
        const name = b.displayName;
        if (typeof name !== 'string' || !name.trim()) throw invalid('displayName is required.');
        if ([...meta.termGroups.values()].some((g) => g.displayName.toLowerCase() === name.toLowerCase()))
          throw new GraphError(409, 'nameAlreadyExists', `A group named '${name}' already exists.`);
        const g = meta.putTermGroup({
          id: randomUUID(),
          displayName: name,
          description: typeof b.description === 'string' ? b.description : '',
          scope: b.scope === 'system' || b.scope === 'siteCollection' ? b.scope : 'global',
          createdDateTime: now,
        });
        return jsonRes(201, { '@odata.context': ctx('termStore/groups/$entity'), ...groupJson(g) });
      }
    }
    if (n >= 2) {
      const g = mustGroup(rest[1]!);
      if (n === 2) {
        op('/sites/{id}/termStore/groups/{id}');
        if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/groups/$entity'), ...groupJson(g) });
        if (m === 'PATCH') {
          const b = body(req);
          const next = { ...g };
          if (typeof b.displayName === 'string' && b.displayName.trim()) next.displayName = b.displayName;
          if (typeof b.description === 'string') next.description = b.description;
          meta.putTermGroup(next);
          return jsonRes(200, { '@odata.context': ctx('termStore/groups/$entity'), ...groupJson(next) });
        }
        if (m === 'DELETE') {
          if (meta.setsOf(g.id).length) throw new GraphError(400, 'invalidRequest', 'The group has term sets: delete them first.');
          meta.deleteTermGroup(g);
          return emptyRes(204);
        }
      }
      if (rest[2]?.toLowerCase() === 'sets') {
        if (n === 3) {
          op('/sites/{id}/termStore/groups/{id}/sets');
          if (m === 'GET') return jsonRes(200, { '@odata.context': ctx('termStore/groups/sets'), value: meta.setsOf(g.id).map(setJson) });
          if (m === 'POST') return createSet(g.id, body(req));
        }
        if (n >= 4) {
          const set = mustSet(rest[3]!);
          if (set.groupId !== g.id) throw notFound('Set');
          return setRoutes(set, rest.slice(4), '/sites/{id}/termStore/groups/{id}/sets/{id}');
        }
      }
    }
  }
  if (r0 === 'sets') {
    if (n === 1 && m === 'POST') {
      op('/sites/{id}/termStore/sets');
      const b = body(req);
      const pg = isObj(b.parentGroup) && typeof b.parentGroup.id === 'string' ? b.parentGroup.id : undefined;
      if (!pg) throw invalid('parentGroup is required.');
      return createSet(pg, b);
    }
    if (n >= 2) return setRoutes(mustSet(rest[1]!), rest.slice(2), '/sites/{id}/termStore/sets/{id}');
  }
  op('/sites/{id}/termStore/(unknown)');
  throw new GraphError(400, 'invalidRequest', `Resource not found for the segment '${rest[0] ?? ''}'.`);
}
