/**
 * Graph routes of the tenant's term store, reached through any site:
 *   /sites/{id}/termStore[/groups[/{id}[/sets]] | /sets[/{id}[/children | /terms[/{id}[/children]]]]]
 * Their route table entries are `termStoreRoutes` (listed below a site in routes-sites.ts); the
 * records are the metadata store's (metadata-store.ts), the same CSOM taxonomy projects.
 */
import { randomUUID } from 'node:crypto';
import { emptyRes, isObj, jsonRes, type Res } from '../http.ts';
import type { KeyValueRec, LabelRec, LocalizedNameRec, TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { normGuid, type Store } from '../store.ts';
import { GraphError } from './errors.ts';
import { body, ctx, invalid, notFound } from './metadata-context.ts';
import type { GraphCtx } from './route-context.ts';
import type { GraphRoute, ParamResolvers } from './route-table.ts';

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

function termStoreInfo(c: GraphCtx): Res {
  const meta = c.store.meta;
  return jsonRes(200, { '@odata.context': ctx('termStore/$entity'), id: meta.termStoreId, defaultLanguageTag: meta.defaultLanguageTag, languageTags: meta.languageTags });
}

function createGroup(c: GraphCtx): Res {
  const meta = c.store.meta;
  const b = body(c.req);
  const name = b.displayName;
  if (typeof name !== 'string' || !name.trim()) throw invalid('displayName is required.');
  if ([...meta.termGroups.values()].some((g) => g.displayName.toLowerCase() === name.toLowerCase())) throw new GraphError(409, 'nameAlreadyExists', `A group named '${name}' already exists.`);
  const g = meta.putTermGroup({
    id: randomUUID(),
    displayName: name,
    description: typeof b.description === 'string' ? b.description : '',
    scope: b.scope === 'system' || b.scope === 'siteCollection' ? b.scope : 'global',
    createdDateTime: c.store.nowIso(),
  });
  return jsonRes(201, { '@odata.context': ctx('termStore/groups/$entity'), ...groupJson(g) });
}

function patchGroup(c: GraphCtx): Res {
  const b = body(c.req);
  const next = { ...c.termGroup! };
  if (typeof b.displayName === 'string' && b.displayName.trim()) next.displayName = b.displayName;
  if (typeof b.description === 'string') next.description = b.description;
  c.store.meta.putTermGroup(next);
  return jsonRes(200, { '@odata.context': ctx('termStore/groups/$entity'), ...groupJson(next) });
}

function deleteGroup(c: GraphCtx): Res {
  const g = c.termGroup!;
  if (c.store.meta.setsOf(g.id).length) throw new GraphError(400, 'invalidRequest', 'The group has term sets: delete them first.');
  c.store.meta.deleteTermGroup(g);
  return emptyRes(204);
}

/** A new term set in the group, its name not taken there. */
function createSet(c: GraphCtx, groupId: string, b: Record<string, unknown>): Res {
  const { store } = c;
  const meta = store.meta;
  const group = mustGroup(c, groupId);
  const names = localizedNames(store, b.localizedNames);
  const name = names.find((x) => x.languageTag === meta.defaultLanguageTag)?.name ?? names[0]!.name;
  if (meta.setsOf(group.id).some((s) => s.localizedNames.some((x) => x.name.toLowerCase() === name.toLowerCase()))) throw new GraphError(409, 'nameAlreadyExists', `A term set named '${name}' already exists in the group.`);
  const set = meta.putTermSet({
    id: randomUUID(),
    groupId: group.id,
    localizedNames: names,
    description: typeof b.description === 'string' ? b.description : '',
    properties: keyValues(b.properties),
    createdDateTime: store.nowIso(),
  });
  return jsonRes(201, { '@odata.context': ctx('termStore/sets/$entity'), ...setJson(set) });
}

/** `POST /termStore/sets` with `parentGroup`. */
function createSetInParent(c: GraphCtx): Res {
  const b = body(c.req);
  const pg = isObj(b.parentGroup) && typeof b.parentGroup.id === 'string' ? b.parentGroup.id : undefined;
  if (!pg) throw invalid('parentGroup is required.');
  return createSet(c, pg, b);
}

function patchSet(c: GraphCtx): Res {
  const b = body(c.req);
  const next: TermSetRec = { ...c.termSet! };
  if (b.localizedNames !== undefined) next.localizedNames = localizedNames(c.store, b.localizedNames);
  if (typeof b.description === 'string') next.description = b.description;
  if (b.properties !== undefined) next.properties = keyValues(b.properties);
  c.store.meta.putTermSet(next);
  return jsonRes(200, { '@odata.context': ctx('termStore/sets/$entity'), ...setJson(next) });
}

/** A new term of the set, under `parent` (null: at the set's top), its default label not taken at that level. */
function createTerm(c: GraphCtx, parent: TermRec | null): Res {
  const { store } = c;
  const meta = store.meta;
  const set = c.termSet!;
  const b = body(c.req);
  const now = store.nowIso();
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
}

function patchTerm(c: GraphCtx): Res {
  const b = body(c.req);
  const next: TermRec = { ...c.term!, lastModifiedDateTime: c.store.nowIso() };
  if (b.labels !== undefined) next.labels = labels(c.store, b.labels);
  if (b.descriptions !== undefined) next.descriptions = descriptions(c.store, b.descriptions);
  if (b.properties !== undefined) next.properties = keyValues(b.properties);
  c.store.meta.putTerm(next);
  return jsonRes(200, { '@odata.context': ctx('termStore/sets/terms/$entity'), ...termJson(next) });
}

/** No term store route serves the path: 400 naming the segment `back` segments before the tail. */
function unknownAt(back: number): (c: GraphCtx) => Res {
  return (c) => {
    throw new GraphError(400, 'invalidRequest', `Resource not found for the segment '${c.segs[c.segs.length - c.rest.length - back] ?? ''}'.`);
  };
}

/** The routes of a term set at `prefix` (a pattern ending `{termset}`), their operations named under `base`. */
function setRoutes(prefix: string, base: string): GraphRoute[] {
  const meta = (c: GraphCtx) => c.store.meta;
  return [
    { method: 'GET', pattern: prefix, op: base, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/sets/$entity'), ...setJson(c.termSet!) }) },
    { method: 'PATCH', pattern: prefix, op: base, handler: patchSet },
    { method: 'DELETE', pattern: prefix, op: base, handler: (c) => (meta(c).deleteTermSet(c.termSet!), emptyRes(204)) },
    { method: 'GET', pattern: `${prefix}/children`, op: `${base}/children`, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/sets/children'), value: meta(c).childrenOf(c.termSet!.id, null).map(termJson) }) },
    { method: 'POST', pattern: `${prefix}/children`, op: `${base}/children`, handler: (c) => createTerm(c, null) },
    { method: 'GET', pattern: `${prefix}/terms`, op: `${base}/terms`, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/sets/terms'), value: meta(c).termsOf(c.termSet!.id).map(termJson) }) },
    { method: 'GET', pattern: `${prefix}/terms/{term}`, op: `${base}/terms/{id}`, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/sets/terms/$entity'), ...termJson(c.term!) }) },
    { method: 'PATCH', pattern: `${prefix}/terms/{term}`, op: `${base}/terms/{id}`, handler: patchTerm },
    { method: 'DELETE', pattern: `${prefix}/terms/{term}`, op: `${base}/terms/{id}`, handler: (c) => (meta(c).deleteTerm(c.term!), emptyRes(204)) },
    {
      method: 'GET',
      pattern: `${prefix}/terms/{term}/children`,
      op: `${base}/terms/{id}/children`,
      handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/sets/terms/children'), value: meta(c).childrenOf(c.termSet!.id, c.term!.id).map(termJson) }),
    },
    { method: 'POST', pattern: `${prefix}/terms/{term}/children`, op: `${base}/terms/{id}/children`, handler: (c) => createTerm(c, c.term!) },
    { method: '*', pattern: `${prefix}/terms/{term}/{...}`, op: `${base}/(unknown)`, handler: unknownAt(2) },
    { method: '*', pattern: `${prefix}/{...}`, op: `${base}/(unknown)`, handler: unknownAt(0) },
  ];
}

const B = '/sites/{id}/termStore';

/** The term store's routes, relative to a site (the store is the tenant's one, whatever the site), in their order of precedence. */
export const TERM_STORE_ROUTES: GraphRoute[] = [
  { method: 'GET', pattern: '/termStore', op: B, handler: termStoreInfo },
  { method: 'GET', pattern: '/termStore/groups', op: `${B}/groups`, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/groups'), value: [...c.store.meta.termGroups.values()].map(groupJson) }) },
  { method: 'POST', pattern: '/termStore/groups', op: `${B}/groups`, handler: createGroup },
  { method: 'GET', pattern: '/termStore/groups/{termgroup}', op: `${B}/groups/{id}`, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/groups/$entity'), ...groupJson(c.termGroup!) }) },
  { method: 'PATCH', pattern: '/termStore/groups/{termgroup}', op: `${B}/groups/{id}`, handler: patchGroup },
  { method: 'DELETE', pattern: '/termStore/groups/{termgroup}', op: `${B}/groups/{id}`, handler: deleteGroup },
  { method: 'GET', pattern: '/termStore/groups/{termgroup}/sets', op: `${B}/groups/{id}/sets`, handler: (c) => jsonRes(200, { '@odata.context': ctx('termStore/groups/sets'), value: c.store.meta.setsOf(c.termGroup!.id).map(setJson) }) },
  { method: 'POST', pattern: '/termStore/groups/{termgroup}/sets', op: `${B}/groups/{id}/sets`, handler: (c) => createSet(c, c.termGroup!.id, body(c.req)) },
  ...setRoutes('/termStore/groups/{termgroup}/sets/{termset}', `${B}/groups/{id}/sets/{id}`),
  { method: '*', pattern: '/termStore/groups/{termgroup}/{...}', op: `${B}/(unknown)`, handler: unknownAt(2) },
  { method: 'POST', pattern: '/termStore/sets', op: `${B}/sets`, handler: createSetInParent },
  ...setRoutes('/termStore/sets/{termset}', `${B}/sets/{id}`),
  { method: '*', pattern: '/termStore/{...}', op: `${B}/(unknown)`, handler: unknownAt(0) },
];

function mustGroup(c: GraphCtx, id: string): TermGroupRec {
  const g = c.store.meta.termGroups.get(normGuid(id));
  if (!g) throw notFound('Group');
  return g;
}

/** The resolvers of the term store's parameters (a term set reached through a group must be that group's). */
export const TERM_STORE_PARAMS: ParamResolvers = {
  termgroup: (c, id) => {
    c.termGroup = mustGroup(c, id);
  },
  termset: (c, id) => {
    const s = c.store.meta.termSets.get(normGuid(id));
    if (!s || (c.termGroup && s.groupId !== c.termGroup.id)) throw notFound('Set');
    c.termSet = s;
  },
  term: (c, id) => {
    const t = c.store.meta.terms.get(normGuid(id));
    if (!t || t.setId !== c.termSet!.id) throw notFound('Term');
    c.term = t;
  },
};
