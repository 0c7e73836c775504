/**
 * The tenant admin CSOM's listing of live sites: `Tenant.GetSitePropertiesFromSharePointByFilters(
 * SPOSitePropertiesEnumerableFilter)`, as CLI for Microsoft 365's `spo site list` and PnP's
 * `Get-PnPTenantSite` page it: a filter object (TypeId {b92aeee2-c92c-4b67-abcc-024e471bc140}) of
 * `Filter`, `IncludeDetail`, `IncludePersonalSite`, `StartIndex` and `Template`, answered as
 * `SPOSitePropertiesEnumerable` whose `NextStartIndexFromSharePoint` is the opaque start of the next
 * page (null after the last). The service's page size is not documented; the local tenant's is
 * LISTED_PAGE (small, so that clients meet the paging). A site still being provisioned (a new
 * group's) and one in the recycle bin are not listed, as Graph does not find them either. Of
 * `Filter`, only none is emulated (a filter is refused by name, never ignored); `Template` keeps
 * the sites of one template (`GROUP#0`).
 */
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { CsomError } from './csom-objects.ts';
import type { XmlEl } from './csom-xml.ts';

/** Live sites a page of `GetSitePropertiesFromSharePointByFilters` holds in the local tenant. */
export const LISTED_PAGE = 50;

const FILTER_TYPE = '{b92aeee2-c92c-4b67-abcc-024e471bc140}';
const NO_GROUP = '00000000-0000-0000-0000-000000000000';

/** What a listing asked for: where it starts and which template it keeps. */
export interface SiteListingAsk {
  start: string;
  template: string;
}

/** The filter object of a `GetSitePropertiesFromSharePointByFilters` method path, checked. */
export function siteListingAsk(method: XmlEl): SiteListingAsk {
  const param = method.children.find((e) => e.name === 'Parameters')?.children[0];
  if (!param || (param.attrs.TypeId ?? '').toLowerCase() !== FILTER_TYPE) {
    throw new CsomError('The parameter speFilter is not valid: an SPOSitePropertiesEnumerableFilter is expected.', -2147024809, 'System.ArgumentException');
  }
  const prop = (name: string): string => {
    const p = param.children.find((e) => e.name === 'Property' && e.attrs.Name === name);
    return !p || p.attrs.Type === 'Null' ? '' : p.text;
  };
  if (prop('Filter').trim() !== '') {
    throw new CsomError(`The local tenant does not support the site listing's Filter (${prop('Filter')}) in CSOM requests to the tenant admin host.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
  }
  return { start: prop('StartIndex'), template: prop('Template') };
}

/** A page of the tenant's live sites from the opaque `start` ('' or '0': the first), in the order they were made. */
export function listedSitesPage(store: Store, ask: SiteListingAsk): Record<string, unknown> {
  const from = ask.start === '' ? 0 : Number(ask.start);
  if (!Number.isInteger(from) || from < 0) throw new CsomError(`The parameter StartIndex is not valid: '${ask.start}'.`, -2147024809, 'System.ArgumentException');
  const template = ask.template.toLowerCase();
  const live = [...store.content.sites.values()].filter((s) => store.isVisible(s) && (template === '' || templateOf(s).toLowerCase() === template));
  const page = live.slice(from, from + LISTED_PAGE);
  return {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SPOSitePropertiesEnumerable',
    NextStartIndex: -1,
    NextStartIndexFromSharePoint: from + LISTED_PAGE < live.length ? String(from + LISTED_PAGE) : null,
    _Child_Items_: page.map((s) => siteProperties(store, s)),
  };
}

function templateOf(site: SiteRec): string {
  return `${site.webTemplate}#${site.configuration}`;
}

function siteProperties(store: Store, site: SiteRec): Record<string, unknown> {
  const url = `https://${store.spHost}${site.url === '/' ? '' : site.url}`;
  return {
    _ObjectType_: 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties',
    _ObjectIdentity_: `${site.id}|SiteProperties|${url}`,
    GroupId: `/Guid(${site.groupId ?? NO_GROUP})/`,
    Lcid: site.lcid,
    LockState: 'Unlock',
    SiteId: `/Guid(${site.id})/`,
    Status: 'Active',
    Template: templateOf(site),
    Title: site.title,
    Url: url,
  };
}
