/**
 * The effects of a term set of a term group, keyed by its name in the blueprint's language. Read,
 * created (with the id its blueprint address gives it), renamed per language, described and
 * deleted through CSOM taxonomy (`TermGroup.TermSets`, `CreateTermSet`, `WorkingLanguage` +
 * `Name`, `Description`, `DeleteObject`). The engine marks the sets it creates with the
 * `m365provision.owner` custom property (the blueprint's name) and `m365provision.language` (the
 * language of the identity name); `listExisting` reports unmarked sets as not owned, marked ones
 * are owned when the ownership ledger says so.
 */
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { containerOf } from '../../model/address.ts';
import { countAllTerms, lcidOf, P, readSet, readSets, termStoreInfo, writeTaxonomy, type CsomSet, type TaxonomyRequest } from '../shared/taxonomy-csom.ts';
import { eqName, LANGUAGE_PROPERTY, nameIn, namesOf, OWNER_PROPERTY, ownerOf, taxonomyId } from '../shared/term-store.ts';
import type { KindEffects } from '../kind-effects.ts';
import { termSetAddress, type TermSetFacts, type TermSetProps } from './model.ts';

/** A set's ids: its group's and its own (service ids only). */
function setIds(parentIds: ResourceIds, setId: string): ResourceIds {
  return { groupId: parentIds.groupId ?? '', setId };
}

/** A set's facts: the language its terms are keyed by their labels in (none when unknown). */
function setFacts(language: string | undefined): { facts?: TermSetFacts } {
  return language ? { facts: { language } } : {};
}

/**
 * The first name of a set to create or rename that another set of the group has in any language:
 * the term store refuses it ("It conflicts with the name of an existing TermSet in the same Group"),
 * comparing names across languages, case-insensitively. `holder`: that set's name in the
 * blueprint's language (else its first).
 */
function heldName(sets: readonly CsomSet[], names: Record<string, string>, language: string): { name: string; holder: string } | undefined {
  for (const name of Object.values(names)) {
    const holder = sets.find((x) => Object.values(x.names).some((n) => eqName(n, name)));
    if (holder) return { name, holder: nameIn(holder, language) ?? Object.values(holder.names)[0] ?? name };
  }
  return undefined;
}

function heldNameReason(h: { name: string; holder: string }, p: Pick<TermSetProps, 'name' | 'language'>): string {
  return (
    `the term set '${h.holder}' of the same group is named '${h.name}' in one of its languages, and the term store gives a name to one set of a group in any language, so this set's create would be refused: ` +
    `give it another name there; or, if it renames '${h.holder}', rename that set in the term store (its ${p.language} name to '${p.name}'): the next plan finds it as this one, with its id and terms kept`
  );
}

/** Every stated name per language tag, the identity name included. */
function statedNames(p: TermSetProps): Record<string, string> {
  return { ...(p.names ?? {}), [p.language]: p.name };
}

/** The stated names (per language tag) a set named `current` does not have yet: what an update of its names writes. */
function namesToWrite(current: Record<string, string>, p: TermSetProps): Record<string, string> {
  const lower = new Map(Object.entries(current).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.fromEntries(Object.entries(statedNames(p)).filter(([t, n]) => lower.get(t.toLowerCase()) !== n));
}

/** Names the set in each language (`WorkingLanguage` then `Name`), then back to the default language. */
function nameSet(q: TaxonomyRequest, set: number, names: Record<string, string>, defaultLcid: number): void {
  const entries = Object.entries(names);
  for (const [tag, name] of entries) {
    q.setProperty(q.store, 'WorkingLanguage', P.int(lcidOf(tag)));
    q.setProperty(set, 'Name', P.str(name));
  }
  if (entries.length) q.setProperty(q.store, 'WorkingLanguage', P.int(defaultLcid));
}

export const termSetEffects: KindEffects<'termSet'> = {
  uniqueKey: true,
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'termSet'>> {
    const groupId = parentIds.groupId;
    if (!groupId) return { status: 'unknown', reason: 'the term group is not provisioned yet' };
    const sets = await memo(`termSets:${groupId}`, () => readSets(tenant, groupId));
    const p = resource.props;
    const s = sets.find((x) => eqName(nameIn(x, p.language), p.name));
    if (!s) {
      // a set of the group named so in any language would refuse its create
      // planned after that set's delete when the plan prunes it, else not (src/plan/held-keys.ts)
      const held = heldName(sets, statedNames(p), p.language);
      return held ? { status: 'absent', heldBy: { address: termSetAddress(containerOf(resource.address)!, held.holder), reason: heldNameReason(held, p) } } : { status: 'absent' };
    }
    // a name it is to take that another set of the group has would refuse the rename
    const held = heldName(sets.filter((x) => x !== s), namesToWrite(namesOf(s), p), p.language);
    return {
      status: 'present',
      id: s.id,
      ids: setIds(parentIds, s.id),
      ...setFacts(p.language),
      ...(held ? { heldBy: { address: termSetAddress(containerOf(resource.address)!, held.holder), props: ['names'], reason: `the term set '${held.holder}' of the same group is named '${held.name}' in one of its languages, and the term store gives a name to one set of a group in any language: rename that set first (in the blueprint, if it is declared, or in the term store)` } } : {}),
      props: { name: nameIn(s, p.language) ?? p.name, names: namesOf(s), description: s.description },
    };
  },

  async create(resource, { tenant, parentIds }) {
    const p = resource.props;
    if (!parentIds.groupId) throw new Error('the term group is not known');
    const store = await termStoreInfo(tenant);
    const id = taxonomyId(resource.address);
    const names = statedNames(p);
    // created in the store's default language when the blueprint names it so, else in its own language
    const defaultTag = Object.keys(names).find((t) => lcidOf(t) === store.defaultLcid);
    const [firstTag, firstName] = defaultTag ? [defaultTag, names[defaultTag]!] : [p.language, p.name];
    const rest = Object.fromEntries(Object.entries(names).filter(([t]) => t !== firstTag));
    await writeTaxonomy(tenant, (q) => {
      const set = q.method(q.method(q.store, 'GetGroup', [P.guid(parentIds.groupId!)]), 'CreateTermSet', [P.str(firstName), P.guid(id), P.int(lcidOf(firstTag))]);
      nameSet(q, set, rest, store.defaultLcid);
      if (p.description) q.setProperty(set, 'Description', P.str(p.description));
      q.call(set, 'SetCustomProperty', [P.str(OWNER_PROPERTY), P.str(p.owner ?? 'm365-provision')]);
      q.call(set, 'SetCustomProperty', [P.str(LANGUAGE_PROPERTY), P.str(p.language)]);
    });
    return { id, ids: setIds(parentIds, id), ...setFacts(p.language) };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    const p = resource.props;
    const store = await termStoreInfo(tenant);
    const names = changed.includes('names') ? namesToWrite(namesOf(await readSet(tenant, id)), p) : {};
    const describe = changed.includes('description');
    if (!Object.keys(names).length && !describe) return;
    await writeTaxonomy(tenant, (q) => {
      const set = q.method(q.store, 'GetTermSet', [P.guid(id)]);
      nameSet(q, set, names, store.defaultLcid);
      if (describe) q.setProperty(set, 'Description', P.str(p.description ?? ''));
    });
  },

  async listExisting(parent, parentIds, { tenant }): Promise<ExistingResource[]> {
    if (!parentIds.groupId) return [];
    const sets = await readSets(tenant, parentIds.groupId);
    const out: ExistingResource[] = [];
    for (const s of sets) {
      const owner = ownerOf(s.properties);
      const language = s.properties[LANGUAGE_PROPERTY];
      const termCount = await countAllTerms(tenant, s.id);
      // keyed by the name in the language it was made in (the blueprint's), else its first name
      const name = (language ? nameIn(s, language) : undefined) ?? Object.values(s.names)[0] ?? s.id;
      out.push({
        address: termSetAddress(parent, name),
        id: s.id,
        ids: setIds(parentIds, s.id),
        ...setFacts(language),
        props: { name, names: namesOf(s), description: s.description, ...(owner ? { owner } : {}), termCount },
        // Unmarked sets were not made by the engine; marked ones are this blueprint's when its ledger says so.
        ...(owner === undefined ? { owned: false } : {}),
      });
    }
    return out;
  },

  async delete(_address, _before, id, _ids, { tenant }) {
    await writeTaxonomy(tenant, (q) => q.call(q.method(q.store, 'GetTermSet', [P.guid(id)]), 'DeleteObject'));
  },
};

