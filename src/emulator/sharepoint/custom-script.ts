/**
 * Custom script on a site (NoScript, `DenyAddAndCustomizePages`), as SharePoint Online has it:
 *
 * - Modern sites (group-connected team sites, communication sites, channel sites, the root site,
 *   STS#3) deny custom script from their creation; only a classic team site (STS#0) allows it.
 * - While denied, the writes NoScript blocks are refused: the web property bag (CSOM
 *   `AllProperties.SetFieldValue` + `Web.Update`), answered as the service does (HTTP 200 with
 *   `ErrorInfo` System.UnauthorizedAccessException "Access is denied. (Exception from HRESULT:
 *   0x80070005 (E_ACCESSDENIED))").
 * - A SharePoint administrator allows it per site on the tenant admin host
 *   (`PATCH _api/SPO.Tenant/sites('<id>') { DenyAddAndCustomizePages: 1 }`, SiteProperties'
 *   DenyAddAndCustomizePagesStatus: 0 Unknown, 1 Disabled = script allowed, 2 Enabled = denied).
 *   The service denies it again within 24 hours; the local tenant does so 24 simulated hours after
 *   it was allowed (the tenant's clock), which is the latest the service would.
 */
import { defaultWebSettings, type WebSettingsRec } from '../site-ia.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { SpError } from './route-context.ts';

/** How long an allowance of custom script lasts before the service denies it again. */
export const CUSTOM_SCRIPT_REVERT_MS = 24 * 60 * 60 * 1000;

/** What CSOM answers for a property bag write while the site denies custom script. */
export const NO_SCRIPT_ERROR = {
  message: 'Access is denied. (Exception from HRESULT: 0x80070005 (E_ACCESSDENIED))',
  code: -2147024891,
  typeName: 'System.UnauthorizedAccessException',
} as const;

/** Whether a site denies custom script from its creation (every modern site). */
export function deniesCustomScriptByDefault(site: SiteRec): boolean {
  return !(site.webTemplate.toUpperCase() === 'STS' && site.configuration === 0);
}

/** The site's web settings record, with the defaults of a site that has none stored yet. */
export function settingsOf(store: Store, site: SiteRec): WebSettingsRec {
  return store.ia.web(site.id) ?? { ...defaultWebSettings(site.id), denyAddAndCustomizePages: deniesCustomScriptByDefault(site) };
}

/** Whether custom script is denied on the site now (an allowance expires after 24 simulated hours). */
export function customScriptDenied(store: Store, site: SiteRec): boolean {
  const web = settingsOf(store, site);
  if (web.denyAddAndCustomizePages) return true;
  return web.customScriptAllowedUntil !== undefined && web.customScriptAllowedUntil !== null && store.clock.now() >= web.customScriptAllowedUntil;
}

/** SiteProperties.DenyAddAndCustomizePages: 2 (Enabled: denied) or 1 (Disabled: allowed). */
export function siteCustomScriptProps(store: Store, site: SiteRec): Record<string, unknown> {
  return { DenyAddAndCustomizePages: customScriptDenied(store, site) ? 2 : 1 };
}

/**
 * The custom script part of a PATCH of `SPO.Tenant/sites('<id>')`: `DenyAddAndCustomizePages` as
 * the enum's number (1, 2) or name (`Disabled`, `Enabled`). Validated now; returns the commit to
 * run once the whole body is valid.
 */
export function siteCustomScriptPatch(store: Store, site: SiteRec, body: Record<string, unknown>): (() => void) | undefined {
  const raw = body.DenyAddAndCustomizePages;
  if (raw === undefined) return undefined;
  const v = typeof raw === 'string' ? ({ disabled: 1, enabled: 2, '1': 1, '2': 2 } as Record<string, number>)[raw.toLowerCase()] : raw;
  if (v !== 1 && v !== 2) throw new SpError(400, '-2147024809, System.ArgumentException', `The value ${JSON.stringify(raw)} is not a valid DenyAddAndCustomizePagesStatus.`);
  return () => {
    const web = settingsOf(store, site);
    const next: WebSettingsRec =
      v === 2
        ? { ...web, denyAddAndCustomizePages: true, customScriptAllowedUntil: null }
        : { ...web, denyAddAndCustomizePages: false, customScriptAllowedUntil: deniesCustomScriptByDefault(site) ? store.clock.now() + CUSTOM_SCRIPT_REVERT_MS : null };
    store.commit({ k: 'ia', op: { t: 'web', v: next } });
  };
}
