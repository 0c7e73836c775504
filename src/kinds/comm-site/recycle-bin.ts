/**
 * Whether a site deleted from a URL holds it in the tenant's recycle bin: SharePoint keeps a
 * deleted site 93 days and its URL with it, so a communication site declared there cannot be
 * created (SPSiteManager answers SiteStatus 3) until it is restored or removed. Read through the
 * tenant admin host's CSOM `Tenant.GetDeletedSitePropertiesByUrl`, as CLI for Microsoft 365 and
 * PnP Framework check it; the service answers a URL with no deleted site
 * `Microsoft.SharePoint.Client.UnknownError`. Read only for a site the plan finds absent, so that
 * the plan says so where it would have shown a create that fails.
 */
import { TenantError } from '../../model/tenant-error.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { processAdminQuery, xmlText } from '../shared/csom.ts';

const TENANT_TYPE = '{268004ae-ef6b-4e9b-8425-127220d84719}';

/** A deleted site in the recycle bin, as the tenant admin API gives it. */
export interface RecycledSite {
  /** when it was deleted (ISO date), when the answer says */
  deletedOn?: string;
  daysRemaining?: number;
}

/** The deleted site at `siteUrl` (absolute) while it is in the recycle bin, else undefined. */
export async function recycledSiteAt(tenant: TenantClient, siteUrl: string): Promise<RecycledSite | undefined> {
  const paths = `<Constructor Id="4" TypeId="${TENANT_TYPE}" /><Method Id="5" ParentId="4" Name="GetDeletedSitePropertiesByUrl"><Parameters><Parameter Type="String">${xmlText(siteUrl)}</Parameter></Parameters></Method>`;
  const actions = '<ObjectPath Id="6" ObjectPathId="5" /><Query Id="7" ObjectPathId="5"><Query SelectAllProperties="true"><Properties /></Query></Query>';
  let answer: unknown[];
  try {
    answer = await processAdminQuery(tenant, actions, paths, { readOnly: true, deniedHint: 'reading the tenant recycle bin needs the tenant admin API (Sites.FullControl.All)' });
  } catch (error) {
    if (error instanceof TenantError && error.code === 'Microsoft.SharePoint.Client.UnknownError') return undefined;
    throw error;
  }
  const i = answer.indexOf(7);
  const site = (i >= 0 ? answer[i + 1] : undefined) as { Status?: string; DaysRemaining?: number; DeletionTime?: string } | undefined;
  if (!site || site.Status?.toLowerCase() !== 'recycled') return undefined;
  return { ...(site.DeletionTime ? { deletedOn: csomDay(site.DeletionTime) } : {}), ...(typeof site.DaysRemaining === 'number' ? { daysRemaining: site.DaysRemaining } : {}) };
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
