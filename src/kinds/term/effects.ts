/**
 * The effects of a term of a term set, keyed by its path of labels in the blueprint's language
 * (`Bygglov/Ansökan`). Read level by level through CSOM taxonomy (`TermSet.Terms`,
 * `Term.Terms` with their labels, one read per parent, descriptions in the blueprint's language),
 * created with `CreateTerm` (the id its blueprint address gives it) + `CreateLabel` per language
 * + `SetDescription` + `SetCustomProperty`, updated the same way (a stated default label replaces
 * the value of its language's default label, or a synonym of that value becomes the default),
 * deleted with `DeleteObject`.
 * Created terms carry the `m365provision.owner` custom property; `listExisting` reports unmarked
 * terms as not owned, marked ones are owned when the ownership ledger says so.
 */
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { containerOf } from '../../model/address.ts';
import { lcidOf, P, readChildren, readTerm, tagOf, termStoreInfo, writeTaxonomy, type CsomTerm, type TaxonomyRequest } from '../shared/taxonomy-csom.ts';
import { defaultLabels, eqName, labelIn, OWNER_PROPERTY, ownerOf, propertiesOf, taxonomyId } from '../shared/term-store.ts';
import type { KindEffects } from '../kind-effects.ts';
import type { TermSetFacts } from '../term-set/model.ts';
import { termAddress, type TermFacts, type TermProps } from './model.ts';

/**
 * The language terms are keyed by their labels in, handed down by the term's set (and by a parent
 * term) as a fact (`TermSetFacts`/`TermFacts`). The one place a term reads it from its parent.
 */
function inheritedLanguage(parentFacts: Partial<TermSetFacts> | undefined): string | undefined {
  return parentFacts?.language;
}

/** A term's ids: its group's, its set's and its own (service ids only). */
function termIds(parentIds: ResourceIds, termId: string): ResourceIds {
  return { groupId: parentIds.groupId ?? '', setId: parentIds.setId ?? '', termId };
}

/** A term's facts: the language it got from its parent, for its own child terms. */
function termFacts(parentFacts: Partial<TermSetFacts> | undefined): { facts?: TermFacts } {
  const language = inheritedLanguage(parentFacts);
  return language ? { facts: { language } } : {};
}

/** Every stated default label per language tag, the identity label included. */
function statedLabels(p: TermProps): Record<string, string> {
  return { ...(p.labels ?? {}), [p.language]: p.name };
}

/** A sibling holding, as its default label in `tag`, a label a term would take (created, or updated). */
interface HeldLabel {
  tag: string;
  label: string;
  /** The sibling's name: its label in the blueprint's language, else another of its labels. */
  sibling: string;
}

/**
 * The first of `labels` (language tag → default label) that one of `siblings` holds as its
 * default label in that language: the term store allows one term a default label per language
 * among siblings, compared case-insensitively ("There is already a term with the same default
 * label and parent term."). The sibling is named in the blueprint's `language`.
 */
function heldLabel(siblings: readonly CsomTerm[], labels: Record<string, string>, language: string): HeldLabel | undefined {
  for (const [tag, label] of Object.entries(labels)) {
    const sibling = siblings.find((x) => eqName(labelIn(x, tag), label));
    if (sibling) return { tag, label, sibling: labelIn(sibling, language) ?? Object.values(defaultLabels(sibling))[0] ?? sibling.id };
  }
  return undefined;
}

/**
 * The default labels a term to create takes: the stated ones (its own name in its language
 * included), and one in the store's default language `defaultTag` (its name, when the blueprint
 * states none there).
 */
function labelsOfNew(p: TermProps, defaultTag: string): Record<string, string> {
  const labels = statedLabels(p);
  return Object.keys(labels).some((tag) => tag.toLowerCase() === defaultTag.toLowerCase()) ? labels : { ...labels, [defaultTag]: p.name };
}

/** The stated labels an existing term `t` does not have yet (what an update of its labels writes). */
function labelsToWrite(t: CsomTerm, p: Pick<TermProps, 'labels'>): Record<string, string> {
  return Object.fromEntries(Object.entries(p.labels ?? {}).filter(([tag, label]) => !eqName(labelIn(t, tag), label)));
}

/** The address of the sibling named `sibling` of the term at `address` (path `path`), as a prune would find it. */
function siblingAddress(address: string, path: string, sibling: string): string {
  const parentPath = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
  return termAddress(containerOf(address)!, `${parentPath}${sibling}`);
}

/** Why a term to create is not planned, and the two ways out (another label, or the rename made in the store). */
function heldLabelReason(h: HeldLabel, p: Pick<TermProps, 'name' | 'language'>): string {
  return (
    `the term '${h.sibling}' under the same parent has the default ${h.tag} label '${h.label}', and the term store gives a default label in a language to one term among siblings, so this term's create would be refused: ` +
    `give it another ${h.tag} label; or, if it renames '${h.sibling}', rename that term in the term store (its ${p.language} label to '${p.name}'): the next plan finds it as this one, with its id and what is tagged with it kept`
  );
}

/**
 * Makes `name` the default label of `tag`: a synonym of that value in the language becomes the
 * default; else the current default label takes the new value (renamed in place, so no stale
 * synonym is left); else a new default label is made.
 */
function setDefaultLabel(q: TaxonomyRequest, term: number, current: CsomTerm | undefined, tag: string, name: string): void {
  const lcid = lcidOf(tag);
  const existing = current?.labels.find((l) => l.lcid === lcid && l.value === name);
  if (existing?.isDefault) return;
  const def = current?.labels.find((l) => l.lcid === lcid && l.isDefault);
  if (existing?.identity) q.call(q.identity(existing.identity), 'SetAsDefaultForLanguage');
  else if (def?.identity) q.setProperty(q.identity(def.identity), 'Value', P.str(name));
  else q.method(term, 'CreateLabel', [P.str(name), P.int(lcid), P.bool(true)]);
}

function setProperties(q: TaxonomyRequest, term: number, props: Record<string, string>): void {
  for (const [k, v] of Object.entries(props)) q.call(term, 'SetCustomProperty', [P.str(k), P.str(v)]);
}


export const termEffects: KindEffects<'term', TermSetFacts> = {
  uniqueKey: true,
  async read(resource, { tenant, parentIds, parentFacts, memo }): Promise<ObservedState<'term'>> {
    const setId = parentIds.setId;
    if (!setId) return { status: 'unknown', reason: 'the term set is not provisioned yet' };
    const p = resource.props;
    const lcid = lcidOf(p.language);
    const children = await memo(`terms:${setId}/${parentIds.termId ?? ''}:${lcid}`, () => readChildren(tenant, setId, parentIds.termId, lcid));
    const t = children.find((x) => eqName(labelIn(x, p.language), p.name));
    if (!t) {
      // a sibling's default label in one of the new term's languages would refuse its create
      const held = heldLabel(children, labelsOfNew(p, tagOf((await termStoreInfo(tenant)).defaultLcid)), p.language);
      // planned after the sibling's delete when the plan prunes it, else not (src/plan/held-keys.ts)
      return held ? { status: 'absent', heldBy: { address: siblingAddress(resource.address, p.path, held.sibling), reason: heldLabelReason(held, p) } } : { status: 'absent' };
    }
    const toWrite = labelsToWrite(t, p);
    const held = Object.keys(toWrite).length > 0 ? heldLabel(children.filter((x) => x !== t), toWrite, p.language) : undefined;
    return {
      status: 'present',
      id: t.id,
      ids: termIds(parentIds, t.id),
      ...termFacts(parentFacts),
      ...(held ? { heldBy: { address: siblingAddress(resource.address, p.path, held.sibling), props: ['labels'], reason: `the term '${held.sibling}' under the same parent has the default ${held.tag} label '${held.label}', and the term store gives a default label in a language to one term among siblings: change that term's label first (in the blueprint, if it is declared, or in the term store)` } } : {}),
      props: { path: p.path, name: labelIn(t, p.language) ?? p.name, labels: defaultLabels(t), description: t.description, properties: propertiesOf(t.properties) },
    };
  },

  async create(resource, { tenant, parentIds, parentFacts }) {
    const p = resource.props;
    if (!parentIds.setId) throw new Error('the term set is not known');
    const store = await termStoreInfo(tenant);
    const id = taxonomyId(resource.address);
    const labels = statedLabels(p);
    // created with its default-language label when the blueprint states one, else with its own language
    const defaultTag = Object.keys(labels).find((t) => lcidOf(t) === store.defaultLcid);
    const [firstTag, firstName] = defaultTag ? [defaultTag, labels[defaultTag]!] : [p.language, p.name];
    await writeTaxonomy(tenant, (q) => {
      const parent = parentIds.termId ? q.method(q.store, 'GetTerm', [P.guid(parentIds.termId)]) : q.method(q.store, 'GetTermSet', [P.guid(parentIds.setId!)]);
      const term = q.method(parent, 'CreateTerm', [P.str(firstName), P.int(lcidOf(firstTag)), P.guid(id)]);
      for (const [tag, name] of Object.entries(labels)) if (tag !== firstTag) setDefaultLabel(q, term, undefined, tag, name);
      if (p.description) q.call(term, 'SetDescription', [P.str(p.description), P.int(lcidOf(p.language))]);
      setProperties(q, term, { ...(p.properties ?? {}), [OWNER_PROPERTY]: p.owner ?? 'm365-provision' });
    });
    return { id, ids: termIds(parentIds, id), ...termFacts(parentFacts) };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    const p = resource.props;
    const current = await readTerm(tenant, id, lcidOf(p.language));
    await writeTaxonomy(tenant, (q) => {
      const term = q.method(q.store, 'GetTerm', [P.guid(id)]);
      if (changed.includes('labels') || changed.includes('name')) {
        for (const [tag, name] of Object.entries(statedLabels(p))) {
          const has = current.labels.find((l) => l.isDefault && tagOf(l.lcid).toLowerCase() === tag.toLowerCase());
          if (has?.value !== name) setDefaultLabel(q, term, current, tag, name);
        }
      }
      if (changed.includes('description')) q.call(term, 'SetDescription', [P.str(p.description ?? ''), P.int(lcidOf(p.language))]);
      if (changed.includes('properties')) {
        setProperties(q, term, Object.fromEntries(Object.entries(p.properties ?? {}).filter(([k, v]) => current.properties[k] !== v)));
      }
    });
  },

  async listExisting(parent, parentIds, { tenant, parentFacts }): Promise<ExistingResource[]> {
    if (!parentIds.setId) return [];
    const m = /^(.*)\/term\[(.*)\]$/.exec(parent);
    const setAddress = m ? m[1]! : parent;
    const prefix = m ? `${m[2]}/` : '';
    const language = inheritedLanguage(parentFacts);
    const children = await readChildren(tenant, parentIds.setId, parentIds.termId, language ? lcidOf(language) : undefined);
    return children.map((t) => {
      const owner = ownerOf(t.properties);
      const name = (language ? labelIn(t, language) : undefined) ?? t.labels.find((l) => l.isDefault)?.value ?? t.id;
      return {
        address: termAddress(setAddress, `${prefix}${name}`),
        id: t.id,
        ids: termIds(parentIds, t.id),
        ...termFacts(parentFacts),
        props: { name, labels: defaultLabels(t), properties: propertiesOf(t.properties), ...(owner ? { owner } : {}) },
        // Unmarked terms were not made by the engine; marked ones are this blueprint's when its ledger says so.
        ...(owner === undefined ? { owned: false } : {}),
      };
    });
  },

  async delete(_address, _before, id, _ids, { tenant }) {
    await writeTaxonomy(tenant, (q) => q.call(q.method(q.store, 'GetTerm', [P.guid(id)]), 'DeleteObject'));
  },
};
