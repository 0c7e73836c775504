/**
 * The pure rules of a term: its path of labels in the blueprint's language is the identity, that
 * language and the owner marker are set at creation only, its labels per language and its custom
 * properties are partial maps (stated keys compared one by one).
 */
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
};
