/**
 * Graph routes of the tenant's term store, reached through any site:
 *   /sites/{id}/termStore[/groups[/{id}[/sets]] | /sets[/{id}[/children | /terms[/{id}[/children]]]]]
 * Routed by metadata.ts; the records are the metadata store's (metadata-store.ts), the same CSOM
 * taxonomy projects.
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, isObj, jsonRes, type Res } from '../http.ts';
import type { KeyValueRec, LabelRec, LocalizedNameRec, TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { normGuid, type Store } from '../store.ts';
import { GraphError } from './errors.ts';
import { body, ctx, invalid, notFound, type MetaCtx } from './metadata-context.ts';

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

/** `/sites/{id}/termStore/...` (the segments after termStore). */
export function termStoreRoutes(c: MetaCtx, rest: string[], op: (n: string) => void): Res {
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
