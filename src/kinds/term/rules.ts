/**
 * The pure rules of a term: its path of labels in the blueprint's language is the identity, that
 * language and the owner marker are set at creation only, its labels per language and its custom
 * properties are partial maps (stated keys compared one by one); deleting one needs
 * allow-delete-content, as a term set's does.
 */
import type { Change } from '../../model/change.ts';
import { sameStated } from '../../model/same-stated.ts';
import type { KindRules } from '../kind-rules.ts';
import { termDeclaration } from './model.ts';

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
  // Whether items are tagged with it cannot be read from the term store: every delete asks.
  destructive(change: Change) {
    if (change.action !== 'delete') return undefined;
    return { flag: 'allow-delete-content', reason: 'deleting a term deletes the terms under it too, and items tagged with them keep values that no longer resolve' };
  },
};
