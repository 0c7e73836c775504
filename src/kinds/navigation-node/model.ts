/**
 * navigationNode: a node of a site's quick launch or top navigation bar, keyed by its title
 * among its siblings (`site[/sites/x]/navigation[quickLaunch]/node[title]`, a child
 * `…/node[parent]/node[title]`). Its props, its addresses and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface NavigationNodeProps {
  /** quickLaunch or topNavigation: which navigation the node is in (part of the identity). */
  location: 'quickLaunch' | 'topNavigation';
  /** The node's title: its identity among its siblings. */
  title: string;
  /** Server-relative or absolute URL. */
  url?: string;
  /**
   * The title of the declared sibling this node comes right after, `''` for the first one.
   * Undeclared nodes in between are ignored: only the order of the declared nodes is compared.
   */
  after?: string;
  /** Titles of the declared siblings, in order (create-only: used to compute and apply the order). */
  siblings: string[];
}

/** Address of a navigation node: `site[…]/navigation[quickLaunch]/node[title]`, a child under its parent node. */
export function navigationNodeAddress(parent: Address, title: string): Address {
  return `${parent}/node[${title}]`;
}

/** Address of one navigation of a site (not a resource itself): `site[…]/navigation[quickLaunch]`. */
export function navigationAddress(site: Address, location: 'quickLaunch' | 'topNavigation'): Address {
  return `${site}/navigation[${location}]`;
}

/**
 * A node's facts (src/model/facts.ts), for its child nodes: the navigation it is in (the child
 * nodes' collection, `…/QuickLaunch/getById(id)/children` or `…/TopNavigationBar/…`).
 */
export type NavigationNodeFacts = { location: NavigationNodeProps['location'] };

/** A top-level node lives in a site, a child node in its parent node; nodes can be pruned. */
export const navigationNodeDeclaration = declareKind<NavigationNodeProps, NavigationNodeFacts>()('navigationNode', {
  prunable: true,
  parentKinds: ['teamSite', 'commSite', 'navigationNode'],
});
