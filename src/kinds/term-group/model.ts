/**
 * termGroup: a group of the tenant's term store (`termGroup[name]`). Its props, its address and
 * its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface TermGroupProps {
  /** Display name: the identity in the term store. */
  name: string;
  description?: string;
}

/** Address of a term group of the tenant's term store, by its name. */
export function termGroupAddress(name: string): Address {
  return `termGroup[${name}]`;
}

/** A term group lives in the tenant's term store (no container) and can be pruned. */
export const termGroupDeclaration = declareKind<TermGroupProps>()('termGroup', { prunable: true });
