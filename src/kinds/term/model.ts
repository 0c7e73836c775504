/**
 * term: a term of a term set, keyed by its path of default labels (`…/termSet[S]/term[A/B]`).
 * Its props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import type { LocalizedText } from '../../model/localized-text.ts';
import { declareKind } from '../kind-declaration.ts';

export interface TermProps {
  /** Path of default-language labels from the set, e.g. `Bygglov/Ansökan`: the identity in its set. */
  path: string;
  /** The default label in the term store's default language (the last segment of the path). */
  name: string;
  /** Default labels per language (the default-language one included). */
  labels?: LocalizedText;
  /** Description in the default language. */
  description?: string;
  /** Custom properties (key -> value), compared key by key on the stated keys. */
  properties?: Record<string, string>;
  /** The term store's default language tag (create-only). */
  language: string;
  /** The blueprint that owns it: written as the `m365provision.owner` property at creation (create-only). */
  owner?: string;
}

/**
 * A term's facts (src/model/facts.ts), for its child terms: the language tag terms are keyed in,
 * copied from its set's (or parent term's) facts.
 */
export type TermFacts = { language: string };

/** Address of a term under its set, by its path of default-language labels (`Bygglov/Ansökan`). */
export function termAddress(set: Address, path: string): Address {
  return `${set}/term[${path}]`;
}

/** A term lives in a term set or under another term and can be pruned. */
export const termDeclaration = declareKind<TermProps, TermFacts>()('term', { prunable: true, parentKinds: ['termSet', 'term'] });
