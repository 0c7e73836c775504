/**
 * The effects of a site's settings (property bag entries, the site logo, the regional settings,
 * the theme and the sensitivity label). They exist whenever the site does, so "create" writes
 * the stated ones. Read through SharePoint REST (`_api/web/AllProperties`, `_api/web`
 * SiteLogoUrl, `_api/web/RegionalSettings` with its TimeZone). Written through CSOM
 * `_vti_bin/client.svc/ProcessQuery` (property bag: `AllProperties.SetFieldValue` + `Web.Update`,
 * as PnP does; regional settings: `RegionalSettings.LocaleId`, `TimeZone = TimeZones.GetById(n)`
 * + `Update`), since SharePoint REST cannot write them, and `_api/siteiconmanager/setsitelogo`.
 * A real tenant refuses property bag writes on sites that deny custom script
 * (DenyAddAndCustomizePages, the default of modern sites, and again within 24 hours of being
 * allowed): the read takes the site's state from the tenant admin host when the property bag or
 * the theme is stated, and a change that writes either on a site that denies it (or on a site the
 * apply creates) carries `customScript` (rules.ts), which apply refuses without
 * --allow-custom-script (src/kinds/shared/custom-script.ts).
 *
 * Theme: the palette of a tenant theme (`POST _api/thememanager/GetTenantThemingOptions`) applied
 * with `POST <web>/_api/thememanager/ApplyTheme {name, themeJson}`. The web does not say which
 * theme it shows, so apply records the name in the property bag (`m365provision.theme`, through
 * the same CSOM call) and the read compares that record: a theme changed by hand in the browser
 * is drift only when the record differs (it does not change the record).
 *
 * Sensitivity label: on the tenant admin host, `GET|PATCH _api/SPO.Tenant/sites('<id>')`
 * (`SensitivityLabel2`, the label id), which accepts app-only tokens. A name is resolved through
 * Graph `GET /security/dataSecurityAndGovernance/sensitivityLabels` (SensitivityLabels.Read.All).
 * A group-connected site takes its label from the group, and Graph sets a group's
 * `assignedLabels` only with delegated permissions: the plan shows that change as not applied
 * (`notApplied`, rules.ts), apply skips it, and every later plan shows it again.
 */
import '@pnp/sp/regional-settings/index.js';
import type { ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { processQuery, xmlText } from '../shared/csom.ts';
import { readCustomScriptDenied } from '../shared/custom-script.ts';
import { siteCollectionId } from '../shared/sp-security.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { KindEffects } from '../kind-effects.ts';
import type { SiteSettingsProps } from './model.ts';
import { GROUP_LABEL_REASON } from './rules.ts';

/** The property bag key where apply records the name of the theme it applied. */
export const THEME_KEY = 'm365provision.theme';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

interface Label {
  id: string;
  name: string;
}

function labels(tenant: TenantClient): Promise<Label[]> {
  return tenant.graph.list<Label>('/security/dataSecurityAndGovernance/sensitivityLabels');
}

function adminPath(siteId: string): string {
  return `_api/SPO.Tenant/sites('${siteCollectionId(siteId)}')`;
}

/** The site's label id as the tenant admin host shows it ('' for none). */
async function readLabelId(tenant: TenantClient, siteId: string): Promise<string> {
  const p = await tenant.sp.admin.get<{ SensitivityLabel2?: string | null; SensitivityLabel?: string | null }>(`${adminPath(siteId)}?$select=SensitivityLabel,SensitivityLabel2`);
  const id = (p.SensitivityLabel2 || (p.SensitivityLabel && p.SensitivityLabel !== EMPTY_GUID ? p.SensitivityLabel : '') || '').toLowerCase();
  return id === EMPTY_GUID ? '' : id;
}

/** The tenant themes: `themePreviews` of SP.Utilities.ThemingOptions. */
async function tenantThemes(tenant: TenantClient): Promise<Array<{ name: string; themeJson: string }>> {
  const r = await tenant.sp.post<{ themePreviews?: unknown }>('_api/thememanager/GetTenantThemingOptions', {}, { readOnly: true });
  const raw = r.themePreviews;
  const list = Array.isArray(raw) ? raw : raw && typeof raw === 'object' && Array.isArray((raw as { results?: unknown }).results) ? (raw as { results: unknown[] }).results : [];
  return list.filter((t): t is { name: string; themeJson: string } => !!t && typeof (t as { name?: unknown }).name === 'string');
}

function webPath(webUrl: string): string {
  return webUrl.replace(/^https:\/\/[^/]+/, '').replace(/^\//, '');
}

/** `m365provision.owner` -> `m365provision_x002e_owner`: how SharePoint names a property bag key in OData. */
export function odataKey(k: string): string {
  let out = '';
  for (const ch of k) out += /[A-Za-z0-9_]/.test(ch) ? ch : `_x${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  if (/^[0-9]/.test(out)) out = `OData_${out}`;
  return out;
}

async function readAll(tenant: TenantClient, webUrl: string, siteId: string | undefined, p: SiteSettingsProps): Promise<Partial<SiteSettingsProps>> {
  const web = tenant.sp.web(webUrl).web;
  const out: Partial<SiteSettingsProps> = { siteUrl: p.siteUrl };
  // The web's reads go out together (one `$batch` of the web: sharepoint-batcher.ts).
  const [all, logo, regional, zone] = await Promise.all([
    p.propertyBag || p.theme !== undefined ? (web.allProperties() as Promise<Record<string, unknown>>) : ({} as Record<string, unknown>),
    p.siteLogoUrl !== undefined ? (web.select('SiteLogoUrl')() as Promise<{ SiteLogoUrl?: string | null }>) : undefined,
    p.localeId !== undefined ? (tenant.sp.query(webUrl, '_api/web/regionalSettings').select('LocaleId')() as Promise<{ LocaleId: number }>) : undefined,
    p.timeZoneId !== undefined ? (tenant.sp.query(webUrl, '_api/web/regionalSettings/timezone').select('Id')() as Promise<{ Id: number }>) : undefined,
  ]);
  if (p.theme !== undefined) {
    const v = all[odataKey(THEME_KEY)] ?? all[THEME_KEY];
    out.theme = v === undefined || v === null ? '' : String(v);
  }
  if (p.propertyBag) {
    const bag: Record<string, string> = {};
    for (const key of Object.keys(p.propertyBag)) {
      const v = all[odataKey(key)] ?? all[key];
      if (v !== undefined && v !== null) bag[key] = String(v);
    }
    out.propertyBag = bag;
  }
  if (logo) out.siteLogoUrl = logo.SiteLogoUrl ?? '';
  if (regional) out.localeId = regional.LocaleId;
  if (zone) out.timeZoneId = zone.Id;
  if ((p.propertyBag || p.theme !== undefined) && siteId) out.customScriptDenied = await readCustomScriptDenied(tenant, siteId);
  if (p.sensitivityLabel !== undefined && siteId) {
    const id = await readLabelId(tenant, siteId);
    // shown in the blueprint's terms: an id for an id, a name for a name
    if (!id || GUID.test(p.sensitivityLabel)) out.sensitivityLabel = id;
    else out.sensitivityLabel = (await labels(tenant)).find((l) => l.id.toLowerCase() === id)?.name ?? id;
  }
  return out;
}

async function applyTheme(tenant: TenantClient, webUrl: string, name: string): Promise<void> {
  const themes = await tenantThemes(tenant);
  const theme = themes.find((t) => t.name.toLowerCase() === name.toLowerCase());
  if (!theme) {
    throw new Error(`theme '${name}' is not a theme of this tenant (GetTenantThemingOptions lists: ${themes.map((t) => t.name).join(', ') || 'none'}); add it with Add-SPOTheme or pick one of those`);
  }
  await tenant.sp.post(`${webPath(webUrl)}/_api/thememanager/ApplyTheme`, { name: theme.name, themeJson: theme.themeJson });
  await writeBag(tenant, webUrl, { [THEME_KEY]: name });
}

async function applyLabel(tenant: TenantClient, ids: ResourceIds, label: string): Promise<void> {
  if (!ids.siteId) throw new Error('the site has no known id');
  let id = label;
  if (!GUID.test(label)) {
    const all = await labels(tenant);
    const found = all.find((l) => l.name.toLowerCase() === label.toLowerCase());
    if (!found) throw new Error(`sensitivity label '${label}' is not published in this tenant (labels: ${all.map((l) => l.name).join(', ') || 'none'})`);
    id = found.id;
  }
  await tenant.sp.admin.patch(adminPath(ids.siteId), { SensitivityLabel2: id });
}

/** Property bag entries through CSOM: `AllProperties.SetFieldValue` + `Web.Update`, as PnP does. */
async function writeBag(tenant: TenantClient, webUrl: string, bag: Record<string, string>): Promise<void> {
  let actions = '';
  let id = 10;
  for (const [k, v] of Object.entries(bag)) {
    actions += `<Method Name="SetFieldValue" Id="${id++}" ObjectPathId="4"><Parameters><Parameter Type="String">${xmlText(k)}</Parameter><Parameter Type="String">${xmlText(v)}</Parameter></Parameters></Method>`;
  }
  actions += `<Method Name="Update" Id="${id}" ObjectPathId="2" />`;
  await processQuery(tenant, webUrl, actions, '<Property Id="4" ParentId="2" Name="AllProperties" />');
}

async function write(tenant: TenantClient, webUrl: string, ids: ResourceIds, p: SiteSettingsProps, names: string[], progress: (m: string) => void): Promise<void> {
  if (names.includes('propertyBag') && p.propertyBag) await writeBag(tenant, webUrl, p.propertyBag);
  if ((names.includes('localeId') && p.localeId !== undefined) || (names.includes('timeZoneId') && p.timeZoneId !== undefined)) {
    let actions = '';
    let paths = '<Property Id="5" ParentId="2" Name="RegionalSettings" />';
    if (names.includes('localeId') && p.localeId !== undefined) {
      actions += `<SetProperty Id="20" ObjectPathId="5" Name="LocaleId"><Parameter Type="UInt32">${p.localeId}</Parameter></SetProperty>`;
    }
    if (names.includes('timeZoneId') && p.timeZoneId !== undefined) {
      paths += `<Property Id="6" ParentId="5" Name="TimeZones" /><Method Id="7" ParentId="6" Name="GetById"><Parameters><Parameter Type="Int32">${p.timeZoneId}</Parameter></Parameters></Method>`;
      actions += `<SetProperty Id="21" ObjectPathId="5" Name="TimeZone"><Parameter ObjectPathId="7" /></SetProperty>`;
    }
    actions += '<Method Name="Update" Id="22" ObjectPathId="5" />';
    await processQuery(tenant, webUrl, actions, paths);
  }
  if (names.includes('siteLogoUrl') && p.siteLogoUrl !== undefined) {
    await tenant.sp.post(`${webPath(webUrl)}/_api/siteiconmanager/setsitelogo`, { relativeLogoUrl: p.siteLogoUrl, type: 0, aspect: 1 });
  }
  if (names.includes('theme') && p.theme !== undefined) await applyTheme(tenant, webUrl, p.theme);
  if (names.includes('sensitivityLabel') && p.sensitivityLabel !== undefined) {
    if (ids.groupId || p.groupConnected) progress(`sensitivityLabel not applied: ${GROUP_LABEL_REASON}`);
    else await applyLabel(tenant, ids, p.sensitivityLabel);
  }
}

export const siteSettingsEffects: KindEffects<'siteSettings'> = {
  async read(resource, { tenant, parentIds }): Promise<ObservedState<'siteSettings'>> {
    const webUrl = parentIds.webUrl;
    if (!webUrl) return { status: 'unknown', reason: 'the site is not provisioned yet' };
    const props = await readAll(tenant, webUrl, parentIds.siteId, resource.props);
    return { status: 'present', id: resource.props.siteUrl, ids: { ...parentIds }, props };
  },

  async create(resource, { tenant, parentIds, progress }) {
    const webUrl = requireWeb(parentIds);
    await write(tenant, webUrl, parentIds, resource.props, ['propertyBag', 'localeId', 'timeZoneId', 'siteLogoUrl', 'theme', 'sensitivityLabel'], progress);
    return { id: resource.props.siteUrl, ids: { ...parentIds } };
  },

  async update(resource, _id, ids, changed, { tenant, progress }) {
    // only the stated keys are written; a property bag change writes every stated key (idempotent)
    await write(tenant, requireWeb(ids), ids, resource.props, changed, progress);
  },
  // Settings cannot be deleted (a site always has them): no listExisting, never pruned.
};

function requireWeb(ids: ResourceIds): string {
  if (!ids.webUrl) throw new Error('the site has no known web URL');
  return ids.webUrl;
}

