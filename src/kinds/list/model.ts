/**
 * list: a document library or a generic list on a site, keyed by its URL segment
 * (`site[/sites/x]/list[Decisions]`). Its props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** Desired props of a list; `undefined` is not stated (neither compared nor written). */
export interface ListProps {
  /** The list's URL segment, e.g. `Decisions` for `/sites/plan/Decisions`. Identity. */
  url: string;
  title: string;
  template: 'documentLibrary' | 'genericList';
  description?: string;
}

/** Address of a list or library under a site, keyed by the list's URL segment. */
export function listAddress(site: Address, listUrl: string): Address {
  return `${site}/list[${listUrl}]`;
}

/** A list lives in a site and can be pruned (deleting one that holds items needs consent). */
export const listDeclaration = declareKind<ListProps>()('list', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
