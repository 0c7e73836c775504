/**
 * Whether a site deleted from a URL holds it in the tenant's recycle bin: SharePoint keeps a
 * deleted site 93 days and its URL with it, so a communication site declared there cannot be
 * created (SPSiteManager answers SiteStatus 3) until it is restored or removed. Read through the
 * tenant admin host's CSOM `Tenant.GetDeletedSitePropertiesByUrl`, as CLI for Microsoft 365 and
 * PnP Framework check it; the service answers a URL with no deleted site
 * `Microsoft.SharePoint.Client.UnknownError`. Read only for a site the plan finds absent, so that
 * the plan says so where it would have shown a create that fails; past a plan's first few such
 * sites, the recycle bin is listed once instead (`recycledAtUrls`, as for team sites).
 *
 * For team sites (`recycledAtUrls`): a group's site whose URL a deleted site holds goes to another
 * URL, and a rollout plans thousands of new team sites, so after the first few URLs of a plan the
 * recycle bin is listed once instead (`Tenant.GetDeletedSitePropertiesFromSharePoint`, a page at a
 * time, as CLI for Microsoft 365's `spo site list --deleted` pages it; url-lookups.ts bounds it),
 * and a caller who may not read it (401/403: a delegated user who is no SharePoint administrator)
 * plans on without it.
 */
import { TenantError } from '../../model/tenant-error.ts';
import type { ReadContext } from '../kind-effects.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { xmlText } from './csom.ts';
import { listTenantPages, refusedByTenantAdmin, tenantMethod } from './tenant-admin-csom.ts';
import { UrlLookups, type UrlListing } from './url-lookups.ts';
import { serverRelativePath } from './server-relative.ts';

const DENIED = 'reading the tenant recycle bin needs the tenant admin API (Sites.FullControl.All)';
const stringParameter = (value: string): string => `<Parameter Type="String">${xmlText(value)}</Parameter>`;

/** A deleted site in the recycle bin, as the tenant admin API gives it. */
export interface RecycledSite {
  /** when it was deleted (ISO date), when the answer says */
  deletedOn?: string;
  daysRemaining?: number;
}

/** The deleted site at `siteUrl` (absolute) while it is in the recycle bin, else undefined. */
export async function recycledSiteAt(tenant: TenantClient, siteUrl: string): Promise<RecycledSite | undefined> {
  let site: DeletedSite | undefined;
  try {
    site = (await tenantMethod(tenant, 'GetDeletedSitePropertiesByUrl', stringParameter(siteUrl), '<Query SelectAllProperties="true"><Properties /></Query>', DENIED)) as DeletedSite | undefined;
  } catch (error) {
    if (error instanceof TenantError && error.code === 'Microsoft.SharePoint.Client.UnknownError') return undefined;
    throw error;
  }
  if (!site || site.Status?.toLowerCase() !== 'recycled') return undefined;
  return recycledOf(site);
}

/** `/Date(2026,11,7,16,52,0,0)/` (month from 0) → `2026-12-07`. */
function csomDay(value: string): string | undefined {
  const m = /^\/Date\((\d+),(\d+),(\d+)/.exec(value);
  return m ? `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : undefined;
}

/** Why the plan does not create a site at `url`: the deleted site holds it, and the two ways out. */
export function recycledReason(url: string, recycled: RecycledSite): string {
  const left = recycled.daysRemaining !== undefined ? `, ${recycled.daysRemaining} days before SharePoint removes it for good` : '';
  const when = recycled.deletedOn ? ` (deleted ${recycled.deletedOn}${left})` : '';
  return `a site deleted from ${url} is in the tenant's recycle bin${when} and holds the URL: a new site cannot take it until it is restored (SharePoint admin center > Sites > Deleted sites > Restore; the next plan then finds it) or removed from there (Deleted sites > Delete, or Remove-SPODeletedSite)`;
}

/** A page of deleted sites, with where the next one starts. */
const PAGE_QUERY = '<Query SelectAllProperties="false"><Properties><Property Name="NextStartIndexFromSharePoint" ScalarProperty="true" /></Properties></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery>';

/**
 * The deleted sites in the recycle bin by server-relative path in lower case (SharePoint compares
 * paths so), a page at a time while `more(pagesRead)` says so (`complete: false` when it stopped
 * before the end); undefined when the caller may not read it (401/403).
 */
function listRecycledSites(tenant: TenantClient, more: (pagesRead: number) => boolean): Promise<UrlListing<RecycledSite> | undefined> {
  return listTenantPages<DeletedSite, RecycledSite>(
    tenant,
    { method: 'GetDeletedSitePropertiesFromSharePoint', parameter: stringParameter, query: PAGE_QUERY, deniedHint: DENIED },
    more,
    (site) => (site.Url && site.Status?.toLowerCase() === 'recycled' ? [serverRelativePath(site.Url).toLowerCase(), recycledOf(site)] : undefined),
  );
}

/**
 * The plan's lookups of deleted sites in the recycle bin by server-relative URL, shared through
 * the read memo: one read of a URL for the first few, one listing for the rest. `refusedIsEmpty`:
 * a caller who may not read the recycle bin finds nothing there and the plan goes on without it
 * (team sites: the bin only tells where a group's site would land); else the refusal fails the
 * read (communication sites: the tenant admin host is needed for them anyway).
 */
export function recycledAtUrls(memo: ReadContext['memo'], tenant: TenantClient, refusedIsEmpty: boolean): Promise<UrlLookups<RecycledSite>> {
  return memo(`recycledAtUrls:${refusedIsEmpty}`, async () =>
    new UrlLookups<RecycledSite>({
      one: async (url) => {
        try {
          return await recycledSiteAt(tenant, `${tenant.sp.origin}${serverRelativePath(url)}`);
        } catch (error) {
          if (refusedIsEmpty && refusedByTenantAdmin(error)) return undefined;
          throw error;
        }
      },
      all: (more) => listRecycledSites(tenant, more),
    }),
  );
}

/** A deleted site as the tenant admin API answers it. */
interface DeletedSite {
  Url?: string;
  Status?: string;
  DaysRemaining?: number;
  DeletionTime?: string;
}

function recycledOf(site: DeletedSite): RecycledSite {
  const day = site.DeletionTime ? csomDay(site.DeletionTime) : undefined;
  return { ...(day ? { deletedOn: day } : {}), ...(typeof site.DaysRemaining === 'number' ? { daysRemaining: site.DaysRemaining } : {}) };
}
