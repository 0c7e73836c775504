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

/**
 * A list's facts (src/model/facts.ts), for its own update: the URL segment of another list of the
 * site that has the title the blueprint gives this one (`titleHeldBy`), which SharePoint would
 * refuse it (one list of a site has a title).
 */
export type ListFacts = { titleHeldBy?: string };

/** Address of a list or library under a site, keyed by the list's URL segment. */
export function listAddress(site: Address, listUrl: string): Address {
  return `${site}/list[${listUrl}]`;
}

/** A list lives in a site and can be pruned (deleting one that holds items needs consent). */
export const listDeclaration = declareKind<ListProps, ListFacts>()('list', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
