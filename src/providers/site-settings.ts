/**
 * siteSettings: settings of a site's root web (`site[/sites/x]/settings`): property bag entries,
 * the site logo and the regional settings. They exist whenever the site does, so "create" writes
 * the stated ones. Read through SharePoint REST (`_api/web/AllProperties`, `_api/web`
 * SiteLogoUrl, `_api/web/RegionalSettings` with its TimeZone). Written through CSOM
 * `_vti_bin/client.svc/ProcessQuery` (property bag: `AllProperties.SetFieldValue` + `Web.Update`,
 * as PnP does; regional settings: `RegionalSettings.LocaleId`, `TimeZone = TimeZones.GetById(n)`
 * + `Update`), since SharePoint REST cannot write them, and `_api/siteiconmanager/setsitelogo`.
 * A real tenant refuses property bag writes on sites that deny custom scripts
 * (DenyAddAndCustomizePages, the default of modern sites): the apply then fails with that reason.
 */
import '@pnp/sp/regional-settings/index.js';
import { siteSettingsAddress } from '../model/address.ts';
import type { ObservedState } from '../model/observed.ts';
import type { SiteSettingsProps } from '../model/resources.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { processQuery, xmlText } from './csom.ts';
import type { Provider, ResourceIds } from './provider.ts';

/** `m365provision.owner` -> `m365provision_x002e_owner`: how SharePoint names a property bag key in OData. */
export function odataKey(k: string): string {
  let out = '';
  for (const ch of k) out += /[A-Za-z0-9_]/.test(ch) ? ch : `_x${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  if (/^[0-9]/.test(out)) out = `OData_${out}`;
  return out;
}

async function readAll(tenant: TenantClient, webUrl: string, p: SiteSettingsProps): Promise<Partial<SiteSettingsProps>> {
  const web = tenant.sp.web(webUrl).web;
  const out: Partial<SiteSettingsProps> = { siteUrl: p.siteUrl };
  if (p.propertyBag) {
    const all = (await tenant.sp.call(() => web.allProperties())) as Record<string, unknown>;
    const bag: Record<string, string> = {};
    for (const key of Object.keys(p.propertyBag)) {
      const v = all[odataKey(key)] ?? all[key];
      if (v !== undefined && v !== null) bag[key] = String(v);
    }
    out.propertyBag = bag;
  }
  if (p.siteLogoUrl !== undefined) {
    const w = (await tenant.sp.call(() => web.select('SiteLogoUrl')())) as { SiteLogoUrl?: string | null };
    out.siteLogoUrl = w.SiteLogoUrl ?? '';
  }
  if (p.localeId !== undefined) {
    const rs = (await tenant.sp.call(() => web.regionalSettings.select('LocaleId')())) as { LocaleId: number };
    out.localeId = rs.LocaleId;
  }
  if (p.timeZoneId !== undefined) {
    const tz = (await tenant.sp.call(() => web.regionalSettings.timeZone.select('Id')())) as { Id: number };
    out.timeZoneId = tz.Id;
  }
  return out;
}

async function write(tenant: TenantClient, webUrl: string, p: SiteSettingsProps, names: string[]): Promise<void> {
  if (names.includes('propertyBag') && p.propertyBag) {
    let actions = '';
    let id = 10;
    for (const [k, v] of Object.entries(p.propertyBag)) {
      actions += `<Method Name="SetFieldValue" Id="${id++}" ObjectPathId="4"><Parameters><Parameter Type="String">${xmlText(k)}</Parameter><Parameter Type="String">${xmlText(v)}</Parameter></Parameters></Method>`;
    }
    actions += `<Method Name="Update" Id="${id}" ObjectPathId="2" />`;
    await processQuery(tenant, webUrl, actions, '<Property Id="4" ParentId="2" Name="AllProperties" />');
  }
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
    await tenant.sp.post(`${webUrl.replace(/^https:\/\/[^/]+/, '').replace(/^\//, '')}/_api/siteiconmanager/setsitelogo`, { relativeLogoUrl: p.siteLogoUrl, type: 0, aspect: 1 });
  }
}

export const siteSettingsProvider: Provider<'siteSettings'> = {
  kind: 'siteSettings',
  api: 'SharePoint REST _api/web/AllProperties|RegionalSettings, _api/siteiconmanager; CSOM ProcessQuery (a property bag write needs custom scripts allowed on the site: a real tenant refuses it under DenyAddAndCustomizePages)',
  identity: ['siteUrl'],
  createOnly: [],
  same(name, desired, observed) {
    if (name === 'propertyBag') {
      const d = (desired ?? {}) as Record<string, string>;
      const o = (observed ?? {}) as Record<string, string>;
      return Object.entries(d).every(([k, v]) => o[k] === v);
    }
    if (name === 'siteLogoUrl') return String(desired ?? '').toLowerCase() === String(observed ?? '').toLowerCase();
    return undefined;
  },

  async read(resource, { tenant, parentIds }): Promise<ObservedState<'siteSettings'>> {
    const webUrl = parentIds.webUrl;
    if (!webUrl) return { status: 'unknown', reason: 'the site is not provisioned yet' };
    const props = await readAll(tenant, webUrl, resource.props);
    return { status: 'present', id: resource.props.siteUrl, ids: { ...parentIds }, props };
  },

  async create(resource, { tenant, parentIds }) {
    const webUrl = requireWeb(parentIds);
    await write(tenant, webUrl, resource.props, ['propertyBag', 'localeId', 'timeZoneId', 'siteLogoUrl']);
    return { id: resource.props.siteUrl, ids: { ...parentIds } };
  },

  async update(resource, _id, ids, changed, { tenant }) {
    // only the stated keys are written; a property bag change writes every stated key (idempotent)
    await write(tenant, requireWeb(ids), resource.props, changed);
  },

  // Settings cannot be deleted (a site always has them): no listExisting, never pruned.
};

function requireWeb(ids: ResourceIds): string {
  if (!ids.webUrl) throw new Error('the site has no known web URL');
  return ids.webUrl;
}

void siteSettingsAddress;
