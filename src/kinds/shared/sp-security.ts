/**
 * Shared SDK-side pieces of the permission kinds' effects (src/kinds/site-group/,
 * role-definition/, permission-scope/, role-assignment/, site-sharing/, site-settings/):
 * SPBasePermissions flag names <-> SharePoint's {High, Low} halves, claims login names, principal
 * resolution, site collection ids. (Their pure comparisons are in src/model/same-set.ts.)
 */
import '@pnp/sp/site-groups/index.js';
import '@pnp/sp/site-users/index.js';
import '@pnp/sp/security/index.js';
import type { BasePermissionName } from '../role-definition/model.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { ResourceIds } from '../../model/found.ts';
import { TenantError } from '../../model/tenant-error.ts';
import { ownSiteGroupNamed } from './own-site-groups.ts';
import { isUserName } from '../../model/principal.ts';

/** Bit index (0-based) of each SPBasePermissions flag in the 64-bit mask. */
export const BASE_PERMISSION_BITS: Readonly<Record<BasePermissionName, number>> = {
  ViewListItems: 0,
  AddListItems: 1,
  EditListItems: 2,
  DeleteListItems: 3,
  ApproveItems: 4,
  OpenItems: 5,
  ViewVersions: 6,
  DeleteVersions: 7,
  CancelCheckout: 8,
  ManagePersonalViews: 9,
  ManageLists: 11,
  ViewFormPages: 12,
  AnonymousSearchAccessList: 13,
  Open: 16,
  ViewPages: 17,
  AddAndCustomizePages: 18,
  ApplyThemeAndBorder: 19,
  ApplyStyleSheets: 20,
  ViewUsageData: 21,
  CreateSSCSite: 22,
  ManageSubwebs: 23,
  CreateGroups: 24,
  ManagePermissions: 25,
  BrowseDirectories: 26,
  BrowseUserInfo: 27,
  AddDelPrivateWebParts: 28,
  UpdatePersonalWebParts: 29,
  ManageWeb: 30,
  AnonymousSearchAccessWebLists: 31,
  UseClientIntegration: 36,
  UseRemoteAPIs: 37,
  ManageAlerts: 38,
  CreateAlerts: 39,
  EditMyUserInfo: 40,
  EnumeratePermissions: 62,
};

export const BASE_PERMISSION_NAMES = Object.keys(BASE_PERMISSION_BITS) as BasePermissionName[];

/** The {High, Low} 32-bit halves SharePoint REST takes for a set of flags. */
export function toBasePermissions(names: readonly BasePermissionName[]): { High: number; Low: number } {
  let high = 0;
  let low = 0;
  for (const n of names) {
    const bit = BASE_PERMISSION_BITS[n];
    if (bit < 32) low = (low | (1 << bit)) >>> 0;
    else high = (high | (1 << (bit - 32))) >>> 0;
  }
  return { High: high, Low: low };
}

/** The flag names set in a {High, Low} mask (strings or numbers, as REST answers), in bit order. */
export function fromBasePermissions(mask: { High: string | number; Low: string | number }): BasePermissionName[] {
  const high = Number(mask.High) >>> 0;
  const low = Number(mask.Low) >>> 0;
  return BASE_PERMISSION_NAMES.filter((n) => {
    const bit = BASE_PERMISSION_BITS[n];
    return bit < 32 ? (low & (1 << bit)) !== 0 : (high & (1 << (bit - 32))) !== 0;
  });
}

/** The built-in permission levels of every site (they can be referenced, never declared). */
export const BUILTIN_ROLE_NAMES = ['Full Control', 'Design', 'Edit', 'Contribute', 'Read', 'Limited Access', 'View Only'] as const;

export function isBuiltinRoleName(name: string): boolean {
  return BUILTIN_ROLE_NAMES.some((b) => b.toLowerCase() === name.toLowerCase());
}

const CLAIMS = 'i:0#.f|membership|';

/** The claims login name of a user principal name. */
export function loginOf(upn: string): string {
  return `${CLAIMS}${upn}`;
}

/** The UPN in a claims login name (or the name itself when it has no claims prefix). */
export function upnOfLogin(login: string): string {
  return login.toLowerCase().startsWith(CLAIMS) ? login.slice(CLAIMS.length) : login;
}

/** A principal in the blueprint: a UPN when it contains @ (and is not `entra:…`), else a group's name. */
export function isUserPrincipal(principal: string): boolean {
  return isUserName(principal);
}

export function requireWeb(ids: ResourceIds): string {
  if (!ids.webUrl) throw new Error('the parent site has no known web URL');
  return ids.webUrl;
}

/** The site principal id of a claims login (a user's, an Entra group's): ensureuser, which adds it to the site when new. */
export async function ensuredPrincipalId(tenant: TenantClient, webUrl: string, login: string, what: string): Promise<number> {
  const web = tenant.sp.web(webUrl).web;
  const user = (await tenant.sp.call(() => web.ensureUser(login))) as { Id?: number; data?: { Id?: number } };
  const id = user.Id ?? user.data?.Id;
  if (id === undefined) throw new Error(`SharePoint did not return a principal id for ${what}`);
  return id;
}

/** The site principal id of a blueprint principal: ensureuser for a UPN, getbyname for a site group. */
export async function principalId(tenant: TenantClient, webUrl: string, principal: string): Promise<number> {
  const web = tenant.sp.web(webUrl).web;
  if (isUserPrincipal(principal)) return ensuredPrincipalId(tenant, webUrl, loginOf(principal), principal);
  try {
    const group = await tenant.sp.call(() => web.siteGroups.getByName(principal).select('Id')<{ Id: number }>());
    return group.Id;
  } catch (error) {
    // `<the site's title> Owners` (Members, Visitors) after the title changed: the site's own
    // group, which kept the name it was made with (own-site-groups.ts)
    const own = error instanceof TenantError && error.status === 404 ? await ownSiteGroupNamed(tenant, webUrl, principal) : undefined;
    if (own) return own.Id;
    throw error;
  }
}

/** The site collection id in a Graph site id (`host,collectionId,webId`), or the id itself. */
export function siteCollectionId(graphSiteId: string): string {
  const parts = graphSiteId.split(',');
  return parts.length === 3 ? parts[1]! : graphSiteId;
}
