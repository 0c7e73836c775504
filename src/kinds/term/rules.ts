/**
 * The pure rules of a term: its path of labels in the blueprint's language is the identity, that
 * language and the owner marker are set at creation only, its labels per language and its custom
 * properties are partial maps (stated keys compared one by one); deleting one needs
 * allow-delete-content, as a term set's does.
 */
import type { Change } from '../../model/change.ts';
import { sameStated } from '../../model/same-stated.ts';
import type { KindRules } from '../kind-rules.ts';
import { termDeclaration, type TermFacts } from './model.ts';

export const termRules: KindRules<'term'> = {
  kind: termDeclaration.kind,
  api: 'SharePoint CSOM taxonomy TermSet.Terms, Term.Terms',
  identity: ['path'],
  createOnly: ['language', 'owner'],
  parentKinds: termDeclaration.parentKinds,
  partialMaps: ['labels', 'properties'],
  same(name, desired, observed) {
    return name === 'labels' || name === 'properties' ? sameStated(desired, observed) : undefined;
  },
  // A label a sibling holds would be refused: planned, not written, with why (facts from the read).
  notApplied(change: Change) {
    if (change.action !== 'update' || !change.changes.some((d) => d.name === 'labels')) return undefined;
    const f = change.facts as Partial<TermFacts> | undefined;
    if (!f?.labelHeldTag) return undefined;
    return { props: ['labels'], reason: `the term '${f.labelHeldBy}' under the same parent has the default ${f.labelHeldTag} label '${f.labelHeld}', and the term store gives a default label in a language to one term among siblings: change that term's label first (in the blueprint, if it is declared, or in the term store)` };
  },
  // Whether items are tagged with it cannot be read from the term store: every delete asks.
  destructive(change: Change) {
    if (change.action !== 'delete') return undefined;
    return { flag: 'allow-delete-content', reason: 'deleting a term deletes the terms under it too, and items tagged with them keep values that no longer resolve' };
  },
};
