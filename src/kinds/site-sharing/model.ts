/**
 * siteSharing: who a site may be shared with outside the organisation (`site[/sites/x]/sharing`).
 * Its props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** SharePoint's SharingCapabilities, narrowest first: Disabled < ExistingExternalUserSharingOnly < ExternalUserSharingOnly < ExternalUserAndGuestSharing. */
export const SHARING_CAPABILITIES = ['Disabled', 'ExistingExternalUserSharingOnly', 'ExternalUserSharingOnly', 'ExternalUserAndGuestSharing'] as const;

export type SharingCapability = (typeof SHARING_CAPABILITIES)[number];

/** Who a site may be shared with outside the organisation. */
export interface SiteSharingProps {
  capability: SharingCapability;
}

/** Address of a site's external sharing capability: `site[/sites/x]/sharing`. */
export function siteSharingAddress(site: Address): Address {
  return `${site}/sharing`;
}

/** A site always has a sharing capability: it cannot be deleted, so never pruned. */
export const siteSharingDeclaration = declareKind<SiteSharingProps>()('siteSharing', { prunable: false, parentKinds: ['teamSite', 'commSite'] });
