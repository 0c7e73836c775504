/**
 * view: a public view of a list, keyed by its title (`site[/sites/x]/list[X]/view[name]`).
 * Its props, its address and its declaration. A leaf: `src/model/` derives the kind union from it.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** A view filter: a comparison on one column, or `and`/`or` of filters (CAML `<Where>`). */
export type ViewFilter =
  | { and: ViewFilter[] }
  | { or: ViewFilter[] }
  | { column: string; op: ViewFilterOp; value?: string | number | boolean };

/** CAML comparison operators, named as the blueprint names them. */
export type ViewFilterOp = 'eq' | 'neq' | 'gt' | 'lt' | 'geq' | 'leq' | 'contains' | 'beginsWith' | 'isNull' | 'isNotNull';

export interface ViewOrder {
  column: string;
  ascending: boolean;
}

/** Desired props of a view; `undefined` is not stated (neither compared nor written). */
export interface ViewProps {
  /** The view's title: its identity in the list. */
  name: string;
  /** View fields by internal name, in order. */
  columns?: string[];
  /** CAML `<OrderBy>`; `[]` means no sort. */
  orderBy?: ViewOrder[];
  /** CAML `<Where>`; `null` means no filter. */
  filter?: ViewFilter | null;
  /** CAML `<GroupBy>` columns (at most 2); `[]` means no grouping. */
  groupBy?: string[];
  /** Whether groups start collapsed (`Collapse` of `<GroupBy>`). */
  groupCollapsed?: boolean;
  rowLimit?: number;
  paged?: boolean;
  /** true: this is the list's default view. Only `true` is written (another view becomes default instead). */
  default?: boolean;
}

/** Address of a view of a list, by its title. */
export function viewAddress(list: Address, name: string): Address {
  return `${list}/view[${name}]`;
}

/** A view lives in a list and can be pruned. */
export const viewDeclaration = declareKind<ViewProps>()('view', { prunable: true, parentKinds: ['list'] });
