/**
 * siteSharing: who a site may be shared with outside the organisation (SharingCapability). A
 * tenant-admin property of the site: read and written on the admin host,
 * `https://<tenant>-admin.sharepoint.com/_api/SPO.Tenant/sites('<site id>')` (GET
 * `?$select=SharingCapability`, PATCH `{ SharingCapability }`), which accepts app-only tokens
 * (Sites.FullControl.All). Graph has no per-site sharing setting. Widening sharing is
 * destructive (flag allow-wider-sharing, rules.ts); narrowing is a plain update.
 */
import type { ObservedState } from '../../model/observed.ts';
import { siteCollectionId } from '../shared/sp-security.ts';
import type { KindEffects } from '../kind-effects.ts';
import type { SharingCapability } from './model.ts';

/** SharingCapabilities as SharePoint numbers them. */
export const SHARING_VALUES: Readonly<Record<SharingCapability, number>> = {
  Disabled: 0,
  ExternalUserSharingOnly: 1,
  ExternalUserAndGuestSharing: 2,
  ExistingExternalUserSharingOnly: 3,
};

function path(collectionId: string): string {
  return `_api/SPO.Tenant/sites('${collectionId}')`;
}

export const siteSharingEffects: KindEffects<'siteSharing'> = {
  async read(_resource, { tenant, parentIds }): Promise<ObservedState<'siteSharing'>> {
    if (!parentIds.siteId) return { status: 'unknown', reason: 'the parent site is not provisioned yet' };
    const id = siteCollectionId(parentIds.siteId);
    const site = await tenant.sp.admin.get<{ SharingCapability?: number }>(`${path(id)}?$select=SharingCapability`);
    const capability = typeof site.SharingCapability === 'number' ? sharingName(site.SharingCapability) : undefined;
    return { status: 'present', id, ids: parentIds, props: capability ? { capability } : {} };
  },

  async create(resource, { tenant, parentIds }) {
    if (!parentIds.siteId) throw new Error('the site has no known id');
    const id = siteCollectionId(parentIds.siteId);
    await tenant.sp.admin.patch(path(id), { SharingCapability: SHARING_VALUES[resource.props.capability] });
    return { id, ids: parentIds };
  },

  async update(resource, id, _ids, changed, { tenant }) {
    if (!changed.includes('capability')) return;
    await tenant.sp.admin.patch(path(id), { SharingCapability: SHARING_VALUES[resource.props.capability] });
  },
  // A site always has a sharing capability: no listExisting, no delete (never pruned).
};

export function sharingName(value: number): SharingCapability | undefined {
  return (Object.keys(SHARING_VALUES) as SharingCapability[]).find((k) => SHARING_VALUES[k] === value);
}
