/**
 * siteGroup: a SharePoint site group of a site (`site[/sites/x]/group[name]`). Its props, its
 * address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** A SharePoint site group. */
export interface SiteGroupProps {
  /** The group's name (Title): its identity in the site collection. */
  name: string;
  description?: string;
  /** The group's owner: another site group's name, or a user principal name. */
  owner?: string;
  /** UPNs (or `entra:<group>`) that must be members (others may be members too). Compared case-insensitively. */
  members?: string[];
  /** UPNs (or `entra:<group>`) that must be exactly the members (the blueprint prunes members: others are removed). */
  exactMembers?: string[];
}

/** Address of a SharePoint site group: `site[/sites/x]/group[name]`. */
export function siteGroupAddress(site: Address, name: string): Address {
  return `${site}/group[${name}]`;
}

/** A group lives in a site and can be pruned (the site's own Owners, Members, Visitors never are declared). */
export const siteGroupDeclaration = declareKind<SiteGroupProps>()('siteGroup', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
