/**
 * term: a term of a term set, keyed by its path of labels in the blueprint's language
 * (`Bygglov/Ansökan`); term ids are the service's. Read level by level through Graph
 * (`/termStore/sets/{id}/children`, `/termStore/sets/{id}/terms/{id}/children`, one read per
 * parent), created there, updated through PATCH `/termStore/sets/{id}/terms/{id}` (labels,
 * descriptions and properties merged with what is there), deleted through DELETE. Created terms
 * carry the `m365provision.owner` property; `listExisting` reports unmarked terms as not owned,
 * marked ones are owned when the ownership ledger says so.
 */
import type { ObservedState } from '../model/observed.ts';
import { termAddress } from '../model/address.ts';
import type { TermProps } from '../model/resources.ts';
import type { ExistingResource, Provider, ResourceIds } from './provider.ts';
import { defaultLabels, eqName, OWNER_PROPERTY, ownerOf, propertiesOf, sameStated, TERM_STORE, type GraphTerm, type KeyValue } from './term-store.ts';

function childrenPath(ids: ResourceIds): string | undefined {
  if (!ids.setId) return undefined;
  return ids.termId ? `${TERM_STORE}/sets/${ids.setId}/terms/${ids.termId}/children` : `${TERM_STORE}/sets/${ids.setId}/children`;
}

/** A term's ids carry the blueprint's language (from its set): children are keyed by their labels in it. */
function termIds(parentIds: ResourceIds, termId: string): ResourceIds {
  return { groupId: parentIds.groupId ?? '', setId: parentIds.setId ?? '', termId, ...(parentIds.language ? { language: parentIds.language } : {}) };
}

function labelIn(t: GraphTerm, language: string): string | undefined {
  return (t.labels ?? []).find((l) => l.isDefault && l.languageTag.toLowerCase() === language.toLowerCase())?.name;
}

/** Labels to write: the stated default labels replace the default label of their language; others stay. */
function mergedLabels(p: TermProps, current: GraphTerm['labels'] = []): { name: string; languageTag: string; isDefault: boolean }[] {
  // The identity label first.
  const want: Record<string, string> = { [p.language]: p.name, ...(p.labels ?? {}), [p.language]: p.name };
  const langs = new Set(Object.keys(want).map((l) => l.toLowerCase()));
  const kept = current.filter((l) => !(l.isDefault && langs.has(l.languageTag.toLowerCase())) && !Object.entries(want).some(([t, n]) => t.toLowerCase() === l.languageTag.toLowerCase() && n === l.name));
  return [...Object.entries(want).map(([languageTag, name]) => ({ name, languageTag, isDefault: true })), ...kept];
}

function mergedProperties(p: TermProps, current: KeyValue[] = []): KeyValue[] {
  const out = new Map(current.map((kv) => [kv.key, kv.value]));
  for (const [k, v] of Object.entries(p.properties ?? {})) out.set(k, v);
  return [...out].map(([key, value]) => ({ key, value }));
}

function descriptionIn(t: GraphTerm, language: string): string {
  return (t.descriptions ?? []).find((d) => d.languageTag.toLowerCase() === language.toLowerCase())?.description ?? '';
}

export const termProvider: Provider<'term'> = {
  kind: 'term',
  api: 'Graph /sites/root/termStore/sets/{id}[/terms/{id}]/children',
  identity: ['path'],
  createOnly: ['language', 'owner'],
  parentKinds: ['termSet', 'term'],
  partialMaps: ['labels', 'properties'],
  same(name, desired, observed) {
    return name === 'labels' || name === 'properties' ? sameStated(desired, observed) : undefined;
  },

  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'term'>> {
    const path = childrenPath(parentIds);
    if (!path) return { status: 'unknown', reason: 'the term set is not provisioned yet' };
    const children = await memo(`terms:${path}`, () => tenant.graph.list<GraphTerm>(path));
    const p = resource.props;
    const t = children.find((x) => eqName(labelIn(x, p.language), p.name));
    if (!t) return { status: 'absent' };
    return {
      status: 'present',
      id: t.id,
      ids: termIds(parentIds, t.id),
      props: {
        path: p.path,
        name: labelIn(t, p.language) ?? p.name,
        labels: defaultLabels(t),
        description: descriptionIn(t, p.language),
        properties: propertiesOf(t.properties),
      },
    };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    const path = childrenPath(parentIds);
    if (!path) throw new Error('the term set is not known');
    const t = await tenant.graph.post<GraphTerm>(path, {
      labels: mergedLabels(p),
      ...(p.description !== undefined ? { descriptions: [{ description: p.description, languageTag: p.language }] } : {}),
      properties: [...mergedProperties(p), { key: OWNER_PROPERTY, value: p.owner ?? 'm365-provision' }],
    });
    return { id: t.id, ids: termIds(parentIds, t.id) };
  },

  async update(resource, id, ids, changed, { tenant }) {
    const p = resource.props;
    if (!ids.setId) throw new Error('the term set is not known');
    const url = `${TERM_STORE}/sets/${ids.setId}/terms/${id}`;
    const current = await tenant.graph.get<GraphTerm>(url);
    const patch: Record<string, unknown> = {};
    if (changed.includes('labels') || changed.includes('name')) patch.labels = mergedLabels(p, current.labels);
    if (changed.includes('description')) {
      const others = (current.descriptions ?? []).filter((d) => d.languageTag.toLowerCase() !== p.language.toLowerCase());
      patch.descriptions = [...others, ...(p.description ? [{ description: p.description, languageTag: p.language }] : [])];
    }
    if (changed.includes('properties')) patch.properties = mergedProperties(p, current.properties ?? []);
    if (Object.keys(patch).length) await tenant.graph.patch(url, patch);
  },

  async listExisting(parent, parentIds, { tenant }): Promise<ExistingResource[]> {
    const path = childrenPath(parentIds);
    if (!path) return [];
    const m = /^(.*)\/term\[(.*)\]$/.exec(parent);
    const setAddress = m ? m[1]! : parent;
    const prefix = m ? `${m[2]}/` : '';
    const children = await tenant.graph.list<GraphTerm>(path);
    return children.map((t) => {
      const owner = ownerOf(t.properties);
      const name = (parentIds.language ? labelIn(t, parentIds.language) : undefined) ?? (t.labels ?? []).find((l) => l.isDefault)?.name ?? t.id;
      return {
        address: termAddress(setAddress, `${prefix}${name}`),
        id: t.id,
        ids: termIds(parentIds, t.id),
        props: { name, labels: defaultLabels(t), properties: propertiesOf(t.properties), ...(owner ? { owner } : {}) },
        // Unmarked terms were not made by the engine; marked ones are this blueprint's when its ledger says so.
        ...(owner === undefined ? { owned: false } : {}),
      };
    });
  },

  async delete(_address, _before, id, ids, { tenant }) {
    if (!ids.setId) throw new Error('the term set is not known');
    await tenant.graph.delete(`${TERM_STORE}/sets/${ids.setId}/terms/${id}`);
  },
};
