/**
 * The pure rules of a site's sharing capability: one per site (no identity prop); widening
 * sharing is destructive (flag allow-wider-sharing), narrowing is a plain update.
 */
import type { Change, Destructive } from '../../model/change.ts';
import type { KindRules } from '../kind-rules.ts';
import { siteSharingDeclaration, type SharingCapability } from './model.ts';

/** How far each level lets a site be shared outside the organisation (higher is wider). */
export const SHARING_WIDTH: Readonly<Record<SharingCapability, number>> = {
  Disabled: 0,
  ExistingExternalUserSharingOnly: 1,
  ExternalUserSharingOnly: 2,
  ExternalUserAndGuestSharing: 3,
};

/** What a new site gets from SharePoint Online's default tenant settings. */
export const NEW_SITE_SHARING: SharingCapability = 'ExternalUserSharingOnly';

export const siteSharingRules: KindRules<'siteSharing'> = {
  kind: siteSharingDeclaration.kind,
  api: 'SharePoint REST (admin host) _api/SPO.Tenant/sites(…)',
  identity: [],
  createOnly: [],
  parentKinds: siteSharingDeclaration.parentKinds,

  destructive(change: Change): Destructive | undefined {
    return widening(change);
  },
};

/** Pure: a change that lets the site be shared more widely than it is (or than a new site is). */
export function widening(change: Change): Destructive | undefined {
  let before: SharingCapability | undefined;
  let after: SharingCapability | undefined;
  if (change.action === 'update' || change.action === 'replace') {
    before = change.before.capability as SharingCapability | undefined;
    after = change.after.capability as SharingCapability | undefined;
  } else if (change.action === 'create') {
    before = NEW_SITE_SHARING;
    after = change.after.capability as SharingCapability | undefined;
  } else return undefined;
  if (!after || !(after in SHARING_WIDTH)) return undefined;
  // unknown before: only Disabled is surely not a widening
  const from = before && before in SHARING_WIDTH ? SHARING_WIDTH[before] : 0;
  if (SHARING_WIDTH[after] <= from) return undefined;
  return {
    flag: 'allow-wider-sharing',
    reason: `widens external sharing of the site from ${before ?? 'unknown'} to ${after}`,
  };
}
