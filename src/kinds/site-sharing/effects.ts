/**
 * siteSharing: who a site may be shared with outside the organisation (SharingCapability). A
 * tenant-admin property of the site: read and written on the admin host,
 * `https://<tenant>-admin.sharepoint.com/_api/SPO.Tenant/sites('<site id>')` (GET
 * `?$select=SharingCapability`, PATCH `{ SharingCapability }`), which accepts app-only tokens
 * (Sites.FullControl.All). Graph has no per-site sharing setting. Widening sharing is
 * destructive (flag allow-wider-sharing); narrowing is a plain update.
 */
import type { Change, Destructive } from '../../model/change.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { SharingCapability } from '../../model/resources.ts';
import type { Provider } from '../../providers/provider.ts';
import { SHARING_VALUES, SHARING_WIDTH, sharingName, siteCollectionId } from '../../providers/sp-security.ts';

/** What a new site gets from SharePoint Online's default tenant settings. */
export const NEW_SITE_SHARING: SharingCapability = 'ExternalUserSharingOnly';

function path(collectionId: string): string {
  return `_api/SPO.Tenant/sites('${collectionId}')`;
}

export const siteSharingProvider: Provider<'siteSharing'> = {
  kind: 'siteSharing',
  api: 'SharePoint REST (admin host) _api/SPO.Tenant/sites(…)',
  identity: [],
  createOnly: [],
  parentKinds: ['teamSite', 'commSite'],

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
