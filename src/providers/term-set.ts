/**
 * termSet: a term set of a term group, keyed by its name in the blueprint's language. Read,
 * created, updated and deleted through Graph `/sites/root/termStore/groups/{id}/sets` and
 * `/termStore/sets[/{id}]`. The engine marks the sets it creates with the `m365provision.owner`
 * property (the blueprint's name); `listExisting` reports unmarked sets as not owned, marked ones
 * are owned when the ownership ledger says so.
 */
import type { Change } from '../model/change.ts';
import type { ObservedState } from '../model/observed.ts';
import { termSetAddress } from '../model/address.ts';
import type { TermSetProps } from '../model/resources.ts';
import type { ExistingResource, Provider, ResourceIds } from './provider.ts';
import { eqName, namesOf, OWNER_PROPERTY, ownerOf, sameStated, TERM_STORE, type GraphSet } from './term-store.ts';

/** A set's ids carry the blueprint's language: its terms are keyed by their labels in it. */
function setIds(parentIds: ResourceIds, setId: string, language?: string): ResourceIds {
  return { groupId: parentIds.groupId ?? '', setId, ...(language ? { language } : {}) };
}

function nameIn(s: GraphSet, language: string): string | undefined {
  return (s.localizedNames ?? []).find((n) => n.languageTag.toLowerCase() === language.toLowerCase())?.name;
}

function localizedNames(p: TermSetProps, base: Record<string, string> = {}): { languageTag: string; name: string }[] {
  // The identity name first: a set's first name is the one `listExisting` keys it by.
  const all: Record<string, string> = { [p.language]: p.name, ...base, ...(p.names ?? {}), [p.language]: p.name };
  return Object.entries(all).map(([languageTag, name]) => ({ languageTag, name }));
}

export const termSetProvider: Provider<'termSet'> = {
  kind: 'termSet',
  api: 'Graph /sites/root/termStore/groups/{id}/sets, /termStore/sets/{id}',
  identity: ['name'],
  createOnly: ['language', 'owner'],
  parentKinds: ['termGroup'],
  partialMaps: ['names'],
  same(name, desired, observed) {
    return name === 'names' ? sameStated(desired, observed) : undefined;
  },

  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'termSet'>> {
    const groupId = parentIds.groupId;
    if (!groupId) return { status: 'unknown', reason: 'the term group is not provisioned yet' };
    const sets = await memo(`termSets:${groupId}`, () => tenant.graph.list<GraphSet>(`${TERM_STORE}/groups/${groupId}/sets`));
    const p = resource.props;
    const s = sets.find((x) => eqName(nameIn(x, p.language), p.name));
    if (!s) return { status: 'absent' };
    return {
      status: 'present',
      id: s.id,
      ids: setIds(parentIds, s.id, p.language),
      props: { name: nameIn(s, p.language) ?? p.name, names: namesOf(s), description: s.description ?? '' },
    };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    if (!parentIds.groupId) throw new Error('the term group is not known');
    const s = await tenant.graph.post<GraphSet>(`${TERM_STORE}/sets`, {
      parentGroup: { id: parentIds.groupId },
      localizedNames: localizedNames(p),
      description: p.description ?? '',
      properties: [{ key: OWNER_PROPERTY, value: p.owner ?? 'm365-provision' }],
    });
    return { id: s.id, ids: setIds(parentIds, s.id, p.language) };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    const p = resource.props;
    const patch: Record<string, unknown> = {};
    if (changed.includes('names')) {
      const current = await tenant.graph.get<GraphSet>(`${TERM_STORE}/sets/${id}`);
      patch.localizedNames = localizedNames(p, namesOf(current));
    }
    if (changed.includes('description')) patch.description = p.description ?? '';
    if (Object.keys(patch).length) await tenant.graph.patch(`${TERM_STORE}/sets/${id}`, patch);
  },

  async listExisting(parent, parentIds, { tenant }): Promise<ExistingResource[]> {
    if (!parentIds.groupId) return [];
    const sets = await tenant.graph.list<GraphSet>(`${TERM_STORE}/groups/${parentIds.groupId}/sets`);
    const out: ExistingResource[] = [];
    for (const s of sets) {
      const owner = ownerOf(s.properties);
      const terms = await tenant.graph.list<{ id: string }>(`${TERM_STORE}/sets/${s.id}/terms`);
      const name = s.localizedNames?.[0]?.name ?? s.id;
      out.push({
        address: termSetAddress(parent, name),
        id: s.id,
        ids: setIds(parentIds, s.id),
        props: { name, names: namesOf(s), description: s.description ?? '', ...(owner ? { owner } : {}), termCount: terms.length },
        // Unmarked sets were not made by the engine; marked ones are this blueprint's when its ledger says so.
        ...(owner === undefined ? { owned: false } : {}),
      });
    }
    return out;
  },

  async delete(_address, _before, id, _ids, { tenant }) {
    await tenant.graph.delete(`${TERM_STORE}/sets/${id}`);
  },

  destructive(change: Change) {
    if (change.action !== 'delete' && change.action !== 'replace') return undefined;
    const count = Number((change.before as { termCount?: unknown }).termCount ?? 0);
    if (count > 0) {
      return { flag: 'allow-delete-content', reason: `the term set holds ${count} term${count === 1 ? '' : 's'}; items tagged with them keep values that no longer resolve` };
    }
    return undefined;
  },
};
