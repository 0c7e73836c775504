/**
 * One read-only method of the tenant admin API's `Tenant` object (CSOM on the tenant admin host,
 * `Microsoft.Online.SharePoint.TenantAdministration.Tenant`), called with one parameter, and what
 * a query of its result answers: the recycle bin's and the live sites' listings
 * (recycle-bin.ts, site-listing.ts) read the tenant this way, as CLI for Microsoft 365 and PnP
 * Framework do, and how such a listing is paged. App-only it needs Sites.FullControl.All; a
 * delegated caller, a SharePoint admin.
 */
import { TenantError } from '../../model/tenant-error.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { processAdminQuery } from './csom.ts';
import type { UrlListing } from './url-lookups.ts';

const TENANT_TYPE = '{268004ae-ef6b-4e9b-8425-127220d84719}';

/**
 * Calls `method` of the `Tenant` with `parameter` (one `<Parameter>` element, written by the
 * caller) and answers what `query` (the inner XML of its `<Query>` action) reads of the result;
 * `deniedHint` says what a refusal means.
 */
export async function tenantMethod(tenant: TenantClient, method: string, parameter: string, query: string, deniedHint: string): Promise<unknown> {
  const paths = `<Constructor Id="4" TypeId="${TENANT_TYPE}" /><Method Id="5" ParentId="4" Name="${method}"><Parameters>${parameter}</Parameters></Method>`;
  const actions = `<ObjectPath Id="6" ObjectPathId="5" /><Query Id="7" ObjectPathId="5">${query}</Query>`;
  const answer = await processAdminQuery(tenant, actions, paths, { readOnly: true, deniedHint });
  const i = answer.indexOf(7);
  return i >= 0 ? answer[i + 1] : undefined;
}

/** Whether the tenant admin API refused the caller (401/403: an app without Sites.FullControl.All, a delegated user who is no SharePoint administrator). */
export function refusedByTenantAdmin(error: unknown): boolean {
  return error instanceof TenantError && (error.status === 401 || error.status === 403);
}

/** A page of one of the `Tenant`'s listings: its rows, and where the next page starts (null after the last). */
interface ListingPage<Row> {
  NextStartIndexFromSharePoint?: string | null;
  _Child_Items_?: Row[];
}

/**
 * One of the `Tenant`'s listings (`method` called with `parameter(start)`, each page read with
 * `query`), a page at a time while `more(pagesRead)` says so, its rows kept by `keyed` (a
 * server-relative path in lower case and the answer, or undefined to skip the row): `complete`
 * when every page was read; undefined when the caller may not list (refusedByTenantAdmin).
 */
export async function listTenantPages<Row, T>(
  tenant: TenantClient,
  listing: { method: string; parameter: (start: string) => string; query: string; deniedHint: string },
  more: (pagesRead: number) => boolean,
  keyed: (row: Row) => [string, T] | undefined,
): Promise<UrlListing<T> | undefined> {
  const byPath = new Map<string, T>();
  let start: string | null = '0';
  for (let pages = 0; start !== null; pages++) {
    if (!more(pages)) return { byPath, complete: false };
    let page: ListingPage<Row> | undefined;
    try {
      page = (await tenantMethod(tenant, listing.method, listing.parameter(start), listing.query, listing.deniedHint)) as ListingPage<Row> | undefined;
    } catch (error) {
      if (refusedByTenantAdmin(error)) return undefined;
      throw error;
    }
    for (const row of page?._Child_Items_ ?? []) {
      const entry = keyed(row);
      if (entry) byPath.set(entry[0], entry[1]);
    }
    start = page?.NextStartIndexFromSharePoint || null;
  }
  return { byPath, complete: true };
}
