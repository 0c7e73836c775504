/**
 * hubSite: a site registered as a hub site (`site[/sites/x]/hub`). Its props, its address and
 * its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface HubSiteProps {
  /** Server-relative URL of the site registered as a hub (identity: one hub per site). */
  siteUrl: string;
  /** The hub's title (SP.HubSite Title). */
  title?: string;
  /** The hub's logo URL. */
  logoUrl?: string;
  description?: string;
}

/** Address of a site's hub registration: `site[/sites/x]/hub`. */
export function hubSiteAddress(site: Address): Address {
  return `${site}/hub`;
}

/** A hub registration lives in a site and can be pruned (the site leaves being a hub). */
export const hubSiteDeclaration = declareKind<HubSiteProps>()('hubSite', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
