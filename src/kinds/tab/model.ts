/**
 * tab: a website or document-library tab in a channel (`…/channel[X]/tab[displayName]`). Its
 * props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface TabProps {
  /** Display name: the identity within the channel. */
  displayName: string;
  /** website (com.microsoft.teamspace.tab.web) or library (com.microsoft.teamspace.tab.files.sharepoint). A change is a replace. */
  app: 'website' | 'library';
  /**
   * website: the page's absolute URL. library: the library's URL segment on the team's site
   * (e.g. `Beslut`), which the provider makes absolute from the site's webUrl.
   */
  contentUrl: string;
  /** website only: the URL opened outside Teams (the service defaults it to contentUrl). */
  websiteUrl?: string;
}

/** Address of a tab of a channel, keyed by its display name. */
export function tabAddress(channel: Address, displayName: string): Address {
  return `${channel}/tab[${displayName}]`;
}

/** A tab lives in a channel and can be pruned. */
export const tabDeclaration = declareKind<TabProps>()('tab', { prunable: true, parentKinds: ['channel'] });
