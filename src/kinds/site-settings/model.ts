/**
 * siteSettings: settings of a site's root web (`site[/sites/x]/settings`): property bag entries,
 * the site logo, the regional settings, the theme and the sensitivity label. Its props, its
 * address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface SiteSettingsProps {
  /** Server-relative URL of the site (identity). */
  siteUrl: string;
  /** Web property bag entries (AllProperties): only the stated keys are compared and written. */
  propertyBag?: Record<string, string>;
  /** Site logo URL (web SiteLogoUrl). */
  siteLogoUrl?: string;
  /** Regional settings: locale id (e.g. 1053 sv-SE). */
  localeId?: number;
  /** Regional settings: SharePoint time zone id (e.g. 4 for Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna). */
  timeZoneId?: number;
  /**
   * Name of a tenant theme (listed by `_api/thememanager/GetTenantThemingOptions`), applied with
   * `ApplyTheme`. The applied theme cannot be read back from the web, so apply records its name in
   * the property bag (`m365provision.theme`) and the read compares that record (case-insensitively).
   */
  theme?: string;
  /**
   * Sensitivity label id (GUID) or name. Communication sites: read and written on the tenant admin
   * host (`SPO.Tenant/sites('<id>')` SensitivityLabel2). Group-connected sites: the label belongs to
   * the group, which Graph sets only with delegated permissions: planned but never applied
   * (`Change.notApplied`).
   */
  sensitivityLabel?: string;
  /**
   * Whether the site is group-connected (a team site): not compared (createOnly), set by the
   * blueprint from the site's type so that the plan knows a label cannot be applied.
   */
  groupConnected?: boolean;
  /**
   * Observed only, never stated: whether the site denies custom script now
   * (`DenyAddAndCustomizePages`, read on the tenant admin host when the property bag or the theme
   * is stated), so that the plan can say which changes need it allowed.
   */
  customScriptDenied?: boolean;
}

/** Address of a site's settings (property bag, logo, theme, regional settings): `site[/sites/x]/settings`. */
export function siteSettingsAddress(site: Address): Address {
  return `${site}/settings`;
}

/** Settings exist whenever their site does: they cannot be deleted, so never pruned. */
export const siteSettingsDeclaration = declareKind<SiteSettingsProps>()('siteSettings', { prunable: false });
