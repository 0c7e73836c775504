/**
 * The tenant's live sites, listed through the tenant admin host's CSOM
 * `Tenant.GetSitePropertiesFromSharePointByFilters` a page at a time, as CLI for Microsoft 365's
 * `spo site list` and PnP's `Get-PnPTenantSite` page it (OneDrive sites left out). A plan that
 * must know of many URLs whether a site holds them (a rollout's new team sites) reads the tenant's
 * few pages once instead of one URL at a time (url-lookups.ts decides which).
 *
 * The listing is a snapshot, as a read of one URL is: a site made after it is not in it. How
 * fresh the service's listing is, is not documented; a URL it does not list counts as free of
 * live sites until the create, as after a read of that URL.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { serverRelativePath } from './server-relative.ts';
import { xmlText } from './csom.ts';
import { listTenantPages } from './tenant-admin-csom.ts';
import type { UrlListing } from './url-lookups.ts';

/** A live site as the listing gives it. */
export interface ListedSite {
  /** absolute URL */
  webUrl: string;
  displayName: string;
  /** the Microsoft 365 group whose site it is; null for a site of no group */
  groupId: string | null;
}

const FILTER_TYPE = '{b92aeee2-c92c-4b67-abcc-024e471bc140}';
const NO_GROUP = '00000000-0000-0000-0000-000000000000';
const DENIED = "listing the tenant's sites needs the tenant admin API (Sites.FullControl.All)";
const PAGE_QUERY =
  '<Query SelectAllProperties="false"><Properties><Property Name="NextStartIndexFromSharePoint" ScalarProperty="true" /></Properties></Query>' +
  '<ChildItemQuery SelectAllProperties="false"><Properties><Property Name="Url" ScalarProperty="true" /><Property Name="Title" ScalarProperty="true" /><Property Name="GroupId" ScalarProperty="true" /></Properties></ChildItemQuery>';

/** The filter object as CLI for Microsoft 365's `spo site list` sends it: no filter, OneDrive left out, the sites of `template` only ('' for all). */
const filterParameter = (start: string, template: string): string =>
  `<Parameter TypeId="${FILTER_TYPE}"><Property Name="Filter" Type="String"></Property><Property Name="IncludeDetail" Type="Boolean">false</Property>` +
  `<Property Name="IncludePersonalSite" Type="Enum">0</Property><Property Name="StartIndex" Type="String">${xmlText(start)}</Property><Property Name="Template" Type="String">${xmlText(template)}</Property></Parameter>`;

/** `/Guid(…)/` (CSOM's JSON) or a bare GUID → the GUID in lower case; the empty GUID → null. */
function guidOf(value: string | undefined): string | null {
  const g = (value ?? '').replace(/^\/Guid\(|\)\/$/g, '').toLowerCase();
  return g === '' || g === NO_GROUP ? null : g;
}

/**
 * The tenant's live sites by server-relative path in lower case (SharePoint compares paths so), a
 * page at a time while `more(pagesRead)` says so (the caller's bound: a listing stopped before its
 * end is `complete: false`, and what it lacks must be read another way); undefined when the
 * caller may not list them (401/403: a delegated user who is no SharePoint administrator, an app
 * without Sites.FullControl.All). `template` (e.g. `GROUP#0`, the sites of Microsoft 365 groups)
 * lists the sites of that template only; '' lists all.
 */
export function listLiveSites(tenant: TenantClient, more: (pagesRead: number) => boolean, template = ''): Promise<UrlListing<ListedSite> | undefined> {
  return listTenantPages<{ Url?: string; Title?: string; GroupId?: string }, ListedSite>(
    tenant,
    { method: 'GetSitePropertiesFromSharePointByFilters', parameter: (start) => filterParameter(start, template), query: PAGE_QUERY, deniedHint: DENIED },
    more,
    (s) => (s.Url ? [serverRelativePath(s.Url).toLowerCase(), { webUrl: s.Url, displayName: s.Title ?? '', groupId: guidOf(s.GroupId) }] : undefined),
  );
}
