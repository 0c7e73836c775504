/**
 * termSet: a term set of a term group (`termGroup[G]/termSet[name]`). Its props, its address
 * and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import type { LocalizedText } from '../../model/localized-text.ts';
import { declareKind } from '../kind-declaration.ts';

export interface TermSetProps {
  /** The set's name in the term store's default language: the identity within its group. */
  name: string;
  /** Names per language (the default-language one included). */
  names?: LocalizedText;
  description?: string;
  /** The term store's default language tag the identity name is in (create-only). */
  language: string;
  /** The blueprint that owns it: written as the `m365provision.owner` property at creation (create-only). */
  owner?: string;
}

/**
 * The set's facts (src/model/facts.ts), for its terms: the language tag its terms are keyed in
 * (the blueprint's, or the `m365provision.language` mark of a set found for pruning). Absent when
 * a found set carries no mark.
 */
export type TermSetFacts = { language: string };

/** Address of a term set under its group, by its default-language name. */
export function termSetAddress(group: Address, name: string): Address {
  return `${group}/termSet[${name}]`;
}

/** A term set lives in a term group and can be pruned. */
export const termSetDeclaration = declareKind<TermSetProps, TermSetFacts>()('termSet', { prunable: true, parentKinds: ['termGroup'] });
