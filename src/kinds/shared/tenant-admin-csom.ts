/**
 * One read-only method of the tenant admin API's `Tenant` object (CSOM on the tenant admin host,
 * `Microsoft.Online.SharePoint.TenantAdministration.Tenant`), called with one parameter, and what
 * a query of its result answers: the recycle bin's and the live sites' listings
 * (recycle-bin.ts, site-listing.ts) read the tenant this way, as CLI for Microsoft 365 and PnP
 * Framework do. App-only it needs Sites.FullControl.All; a delegated caller, a SharePoint admin.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { processAdminQuery } from './csom.ts';

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
