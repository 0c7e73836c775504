/**
 * Custom script on a site (NoScript, `DenyAddAndCustomizePages`) through the tenant admin API,
 * `https://<tenant>-admin.sharepoint.com/_api/SPO.Tenant/sites('<site collection id>')`, the same
 * SiteProperties the sharing capability and the sensitivity label are read and written on
 * (app-only with Sites.FullControl.All). `DenyAddAndCustomizePages` is SiteProperties'
 * DenyAddAndCustomizePagesStatus: 1 Disabled (custom script allowed), 2 Enabled (denied).
 *
 * Modern sites deny custom script, and SharePoint denies it again within 24 hours of an
 * administrator allowing it; a property bag write (and so the theme record) is refused meanwhile.
 * The plan reads the state (`readCustomScriptDenied`) and marks the changes that need it
 * (`Change.customScript`); apply, given `--allow-custom-script`, allows it on exactly those sites
 * right before each such change (`allowCustomScript`).
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { siteCollectionId } from './sp-security.ts';

const DENIED = 2;
const ALLOWED = 1;

function sitePath(siteId: string): string {
  return `_api/SPO.Tenant/sites('${siteCollectionId(siteId)}')`;
}

/** Whether the site denies custom script now (the tenant admin host's SiteProperties). */
export async function readCustomScriptDenied(tenant: TenantClient, siteId: string): Promise<boolean> {
  const p = await tenant.sp.admin.get<{ DenyAddAndCustomizePages?: number | string | null }>(`${sitePath(siteId)}?$select=DenyAddAndCustomizePages`);
  const v = p.DenyAddAndCustomizePages;
  return v === DENIED || (typeof v === 'string' && (v === String(DENIED) || v.toLowerCase() === 'enabled'));
}

/** Allows custom script on the site (`DenyAddAndCustomizePages` Disabled); the service denies it again within 24 hours. */
export async function allowCustomScript(tenant: TenantClient, siteId: string): Promise<void> {
  await tenant.sp.admin.patch(sitePath(siteId), { DenyAddAndCustomizePages: ALLOWED });
}
