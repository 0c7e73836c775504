/**
 * column: a site column (parent is a site) or a list column (parent is a list), keyed by its
 * internal name (`site[/sites/x]/column[Name]`, `…/list[X]/column[Name]`). Its props, its type
 * and default, its address and its declaration. A leaf: `src/model/` derives the kind union from it.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** Column types, named as the blueprint names them. */
export type ColumnType = 'text' | 'note' | 'choice' | 'number' | 'boolean' | 'dateTime' | 'user' | 'taxonomy';

/** A scalar default value of a column, as the blueprint states it. */
export type ColumnDefault = string | number | boolean;

/** Desired props of a column; `undefined` is not stated (neither compared nor written). */
export interface ColumnProps {
  /** Internal name (StaticName). Identity within its parent. */
  name: string;
  /** Deterministic field id (UUID), derived from the blueprint; same on every site. */
  id: string;
  type: ColumnType;
  displayName: string;
  description?: string;
  required?: boolean;
  /** For `choice` columns. Order matters. */
  choices?: string[];
  default?: ColumnDefault;
  /**
   * `taxonomy` columns only: the bound term set as `Group/Set` (create-only: the binding is
   * written at creation and not compared afterwards).
   */
  termSet?: string;
  /** `taxonomy` columns only: whether several terms may be chosen (a change is a replace). */
  allowMultiple?: boolean;
}

/** Address of a column under a site or a list, keyed by its internal name. */
export function columnAddress(parent: Address, internalName: string): Address {
  return `${parent}/column[${internalName}]`;
}

/** A site column's address (`site[…]/column[x]`), not a list's. */
export function isSiteColumnAddress(address: Address): boolean {
  return /^site\[[^\]]*\]\/column\[[^\]]*\]$/.test(address);
}

/**
 * What a column's rules need that is not an id: a list column's list item count, read only when
 * the column may be deleted or replaced (what the delete would take with it).
 */
export type ColumnFacts = { listItemCount: number };

/** A column lives in a site or a list and can be pruned. */
export const columnDeclaration = declareKind<ColumnProps, ColumnFacts>()('column', { prunable: true, parentKinds: ['teamSite', 'commSite', 'list'] });
