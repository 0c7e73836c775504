/**
 * CSOM on the tenant admin host (`<tenant>-admin.sharepoint.com/_vti_bin/client.svc/ProcessQuery`,
 * the entry is csom.ts): the `Tenant` object (`Constructor` of TypeId
 * {268004ae-ef6b-4e9b-8425-127220d84719}, Microsoft.Online.SharePoint.TenantAdministration) and
 * its `GetDeletedSitePropertiesByUrl(url)`: the site deleted from that URL, while it is in the
 * tenant's recycle bin, as `DeletedSiteProperties` (`Status` "Recycled", `DaysRemaining` of its 93
 * days), as CLI for Microsoft 365 (`spo.siteExistsInTheRecycleBin`) and PnP Framework read it. A
 * URL with no deleted site is the service's `Microsoft.SharePoint.Client.UnknownError`, which those
 * clients take for "not in the recycle bin". And `GetDeletedSitePropertiesFromSharePoint(startIndex)`:
 * every site in the recycle bin, a page at a time (`SPODeletedSitePropertiesEnumerable`, its
 * `NextStartIndexFromSharePoint` the opaque start of the next page, null after the last), as CLI for
 * Microsoft 365's `spo site list --deleted` pages it; the service's page size is not documented,
 * the local tenant's is DELETED_PAGE (small, so that clients meet the paging). The live sites'
 * listing, `GetSitePropertiesFromSharePointByFilters`, is csom-tenant-sites.ts. App-only, the tenant
 * admin API needs Sites.FullControl.All, as its REST routes do.
 */
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { CsomError } from './csom-objects.ts';
import type { XmlEl } from './csom-xml.ts';
import { pathOnTenant } from './site-manager.ts';
import { listedSitesPage, siteListingAsk, type SiteListingAsk } from './csom-tenant-sites.ts';

const TENANT_TYPE = '{268004ae-ef6b-4e9b-8425-127220d84719}';
/** How long a deleted site stays in the tenant's recycle bin. */
const RECYCLE_DAYS = 93;
const DAY_MS = 86_400_000;

/** Deleted sites a page of `GetDeletedSitePropertiesFromSharePoint` holds in the local tenant. */
export const DELETED_PAGE = 50;

type TenantObj =
  | { t: 'tenant' }
  | { t: 'deletedSite'; url: string }
  | { t: 'deletedSites'; start: string }
  | { t: 'liveSites'; ask: SiteListingAsk }
  | { t: 'unknown'; what: string };

const unsupported = (what: string) => new CsomError(`The local tenant does not support ${what} in CSOM requests to the tenant admin host.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');

/**
 * Runs a CSOM `<Request>` on the tenant admin host for a caller with `roles` (or a delegated
 * one); the results that follow the answer's head (`[id, value, …]`).
 */
export function tenantProcessQuery(store: Store, request: XmlEl, roles: readonly string[], delegated: boolean): unknown[] {
  if (!delegated && !roles.includes('Sites.FullControl.All')) {
    throw new CsomError('Access denied. You do not have permission to perform this action or access this resource.', -2147024891, 'System.UnauthorizedAccessException');
  }
  const paths = new Map<string, XmlEl>();
  for (const p of request.children.find((e) => e.name === 'ObjectPaths')?.children ?? []) paths.set(p.attrs.Id ?? '', p);
  const resolve = (id: string): TenantObj => {
    const p = paths.get(id);
    if (!p) return { t: 'unknown', what: `object path ${id}` };
    if (p.name === 'Constructor' && (p.attrs.TypeId ?? '').toLowerCase() === TENANT_TYPE) return { t: 'tenant' };
    if (p.name === 'Method' && p.attrs.Name === 'GetDeletedSitePropertiesByUrl' && resolve(p.attrs.ParentId ?? '').t === 'tenant') {
      const url = p.children.find((e) => e.name === 'Parameters')?.children[0]?.text ?? '';
      return { t: 'deletedSite', url };
    }
    if (p.name === 'Method' && p.attrs.Name === 'GetDeletedSitePropertiesFromSharePoint' && resolve(p.attrs.ParentId ?? '').t === 'tenant') {
      const param = p.children.find((e) => e.name === 'Parameters')?.children[0];
      return { t: 'deletedSites', start: param?.attrs.Type === 'Null' ? '' : (param?.text ?? '') };
    }
    if (p.name === 'Method' && p.attrs.Name === 'GetSitePropertiesFromSharePointByFilters' && resolve(p.attrs.ParentId ?? '').t === 'tenant') {
      return { t: 'liveSites', ask: siteListingAsk(p) };
    }
    return { t: 'unknown', what: p.name === 'Method' ? `the method ${p.attrs.Name}` : p.name };
  };
  const results: unknown[] = [];
  for (const a of request.children.find((e) => e.name === 'Actions')?.children ?? []) {
    const target = resolve(a.attrs.ObjectPathId ?? '');
    if (target.t === 'unknown') throw unsupported(target.what);
    if (a.name !== 'ObjectPath' && a.name !== 'Query') throw unsupported(`the action ${a.name}`);
    if (target.t === 'tenant') {
      if (a.name === 'Query') throw unsupported('a query of the tenant');
      results.push(Number(a.attrs.Id), { IsNull: false });
      continue;
    }
    if (target.t === 'deletedSites') {
      results.push(Number(a.attrs.Id), a.name === 'ObjectPath' ? { IsNull: false } : deletedSitesPage(store, target.start));
      continue;
    }
    if (target.t === 'liveSites') {
      results.push(Number(a.attrs.Id), a.name === 'ObjectPath' ? { IsNull: false } : listedSitesPage(store, target.ask));
      continue;
    }
    const site = deletedSiteAt(store, target.url);
    if (!site) throw new CsomError('Unknown Error', -1, 'Microsoft.SharePoint.Client.UnknownError');
    results.push(Number(a.attrs.Id), a.name === 'ObjectPath' ? { IsNull: false } : deletedSiteProperties(store, site, target.url));
  }
  return results;
}

/** The site deleted from the absolute `url` that is still in the recycle bin, if any. */
function deletedSiteAt(store: Store, url: string): SiteRec | undefined {
  const path = pathOnTenant(store, url);
  const site = path === undefined ? undefined : store.getSiteByUrlAny(path.replace(/\/+$/, '') || '/');
  return site && site.deletedAt !== undefined ? site : undefined;
}

/**
 * A page of the sites in the recycle bin from the opaque `start` ('' or '0': the first), in the
 * order they were deleted; a start the local tenant did not give is refused as the service
 * refuses a bad argument.
 */
function deletedSitesPage(store: Store, start: string): Record<string, unknown> {
  const from = start === '' ? 0 : Number(start);
  if (!Number.isInteger(from) || from < 0) throw new CsomError(`The parameter startIndex is not valid: '${start}'.`, -2147024809, 'System.ArgumentException');
  const recycled = [...store.content.sites.values()].filter((x) => x.deletedAt !== undefined).sort((a, b) => a.deletedAt! - b.deletedAt! || a.url.localeCompare(b.url));
  const page = recycled.slice(from, from + DELETED_PAGE);
  const next = from + DELETED_PAGE < recycled.length ? String(from + DELETED_PAGE) : null;
  return {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SPODeletedSitePropertiesEnumerable',
    NextStartIndexFromSharePoint: next,
    _Child_Items_: page.map((x) => deletedSiteProperties(store, x, `https://${store.spHost}${x.url}`)),
  };
}

function deletedSiteProperties(store: Store, site: SiteRec, url: string): Record<string, unknown> {
  const at = new Date(site.deletedAt!);
  const left = Math.max(0, RECYCLE_DAYS - Math.floor((store.clock.now() - site.deletedAt!) / DAY_MS));
  return {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.DeletedSiteProperties',
    _ObjectIdentity_: `${site.id}|DeletedSiteProperties|${url}`,
    DaysRemaining: left,
    DeletionTime: `/Date(${at.getUTCFullYear()},${at.getUTCMonth()},${at.getUTCDate()},${at.getUTCHours()},${at.getUTCMinutes()},${at.getUTCSeconds()},${at.getUTCMilliseconds()})/`,
    SiteId: `/Guid(${site.id})/`,
    Status: 'Recycled',
    StorageMaximumLevel: 26214400,
    Url: url,
    UserCodeMaximumLevel: 0,
  };
}
