/**
 * hubAssociation: a site joined to a hub site (`site[/sites/x]/hubAssociation`). Its props, its
 * address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface HubAssociationProps {
  /** Server-relative URL of the associated site (identity). */
  siteUrl: string;
  /** Server-relative URL of the hub site it joins. */
  hubUrl: string;
}

/** Address of a site's association with a hub: `site[/sites/x]/hubAssociation`. */
export function hubAssociationAddress(site: Address): Address {
  return `${site}/hubAssociation`;
}

/** An association lives in a site and can be pruned (the site leaves its hub). */
export const hubAssociationDeclaration = declareKind<HubAssociationProps>()('hubAssociation', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
