/**
 * Application permissions (app roles) each route needs, as Microsoft documents them per API.
 * A token without any of the roles gets the service's 403. Routes not listed here need only a
 * valid token (so that routes added later keep working until they declare their roles). The
 * Teams routes' table is teams-permissions.ts.
 */
import { teamsRolesFor, teamsShape } from './teams-permissions.ts';
const SITES_READ = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const SITES_WRITE = ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All'];
const SITES_MANAGE = ['Sites.Manage.All', 'Sites.FullControl.All'];
const GROUP_READ = ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const GROUP_WRITE = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const USER_READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

export interface Denial {
  status: 403;
  code: string;
  message: string;
}

function need(roles: readonly string[], any: readonly string[], code: string, message: (any: readonly string[]) => string): Denial | null {
  for (const r of any) if (roles.includes(r)) return null;
  return { status: 403, code, message: message(any) };
}

const directoryDenied = () => 'Insufficient privileges to complete the operation.';
const teamsDenied = (roles: readonly string[]) => (any: readonly string[]) => `Missing role permissions on the request. API requires one of '${any.join(', ')}'. Roles on the request '${roles.join(', ')}'.`;

/**
 * The denial for a Graph request (path segments without the version), or null when allowed.
 * `delegated`: the caller is a signed-in user (a few APIs list more permissions for one).
 */
export function checkGraph(method: string, segs: string[], roles: readonly string[], delegated = false): Denial | null {
  const s0 = (segs[0] ?? '').replace(/\(.*$/, '').toLowerCase();
  const s2 = (segs[2] ?? '').toLowerCase();
  const read = method === 'GET';
  if (s0 === '$batch') return null;
  const teams = teamsShape(segs);
  if (teams !== null) {
    return need(roles, teamsRolesFor(method, teams, delegated), 'Forbidden', teamsDenied(roles));
  }
  if (s0 === 'sites' || (s0 === 'groups' && (s2 === 'sites' || s2 === 'drive' || s2 === 'drives'))) {
    return need(roles, read ? SITES_READ : managesStructure(method, segs) ? SITES_MANAGE : SITES_WRITE, 'accessDenied', () => 'Access denied');
  }
  if (s0 === 'users') return read ? need(roles, USER_READ, 'Authorization_RequestDenied', directoryDenied) : need(roles, ['User.ReadWrite.All', 'Directory.ReadWrite.All'], 'Authorization_RequestDenied', directoryDenied);
  if (s0 === 'groups' || s0 === 'directory') {
    if (read) return need(roles, GROUP_READ, 'Authorization_RequestDenied', directoryDenied);
    if (method === 'POST' && segs.length === 1) return need(roles, ['Group.Create', ...GROUP_WRITE], 'Authorization_RequestDenied', directoryDenied);
    return need(roles, GROUP_WRITE, 'Authorization_RequestDenied', directoryDenied);
  }
  return null;
}

/**
 * A Graph write on a site's structure, which Graph gives Sites.Manage.All at least (not
 * Sites.ReadWrite.All, which writes items): creating a list, a column or a content type; updating
 * or deleting a column (of a site, a list or a content type: "Update columnDefinition") or a
 * content type ("Update contentType", "Delete contentType"); copying a content type to a list
 * ("contentType: addCopy"). Microsoft's pages for these name Sites.Manage.All as least privileged;
 * a column's delete, whose page is not in the reference, is held to the same (stricter is safe).
 */
function managesStructure(method: string, segs: readonly string[]): boolean {
  const last = (segs[segs.length - 1] ?? '').toLowerCase();
  const parent = (segs[segs.length - 2] ?? '').toLowerCase();
  if (method === 'POST') return /^(lists|columns|contenttypes|addcopy|addcopyfromcontenttypehub)$/.test(last);
  return (method === 'PATCH' || method === 'DELETE') && (parent === 'columns' || parent === 'contenttypes');
}

/** A SharePoint REST write that changes permissions: role assignments and definitions, inheritance, site groups. */
const MANAGES_PERMISSIONS = /(^|\/)(roleassignments|roledefinitions|sitegroups|breakroleinheritance|resetroleinheritance)(\(|\/|$)/i;

/** The denial for a SharePoint REST request (method after X-HTTP-Method), or null. */
export function checkSharePoint(method: string, api: string, roles: readonly string[]): Denial | null {
  const a = api.toLowerCase();
  const msg = () => 'Access denied. You do not have permission to perform this action or access this resource.';
  const code = '-2147024891, System.UnauthorizedAccessException';
  if (a.startsWith('$batch')) return null;
  // Making and deleting a site collection (SPSiteManager) is Full Control's, reads aside (`status`)
  if ((a.startsWith('spsitemanager/') && method !== 'GET') || a.startsWith('sp.directory')) return need(roles, ['Sites.FullControl.All'], code, msg);
  // The tenant admin API (the admin host's SPO.Tenant), reads included: "Admin API operations
  // without a user require ... Sites.FullControl.All" ("SharePoint admin APIs authentication and
  // authorization"); delegated, AllSites.FullControl (and a SharePoint administrator).
  if (a.startsWith('spo.tenant')) return need(roles, ['Sites.FullControl.All'], code, msg);
  if (method === 'GET') return need(roles, SITES_READ, code, msg);
  if (a === 'contextinfo') return need(roles, SITES_READ, code, msg);
  // Changing who may do what (ManagePermissions, and Create Groups) is in Full Control alone:
  // an app with Sites.Manage.All makes lists, one with Sites.ReadWrite.All items, but no permissions.
  if (MANAGES_PERMISSIONS.test(a)) return need(roles, ['Sites.FullControl.All'], code, msg);
  // The web's own settings (its title, description, ...: SPWeb.Update) are Manage Web, which only
  // Full Control holds (Design lacks it), as CSOM's Web.Update (csom-web.ts).
  if (/^web\/?$/.test(a)) return need(roles, ['Sites.FullControl.All'], code, msg);
  // Registering a hub is the tenant administrator's, joining one the site administrator's: an app
  // does either with Full Control alone.
  if (HUB_WRITES.test(a)) return need(roles, ['Sites.FullControl.All'], code, msg);
  // Items and files are content (Contribute, the app's Write right: Sites.ReadWrite.All); the
  // rest is the site's structure: lists, fields, content types, views, navigation, the web's
  // settings (Manage Lists, Manage Web: Design, the Manage right: Sites.Manage.All), as Graph's
  // pages give list, column and content type writes Sites.Manage.All.
  if (CONTENT_WRITE.test(a)) return need(roles, SITES_WRITE, code, msg);
  return need(roles, SITES_MANAGE, code, msg);
}

/** A site's hub registration and association (`_api/site/RegisterHubSite`, `UnRegisterHubSite`, `JoinHubSite`). */
const HUB_WRITES = /(^|\/)(registerhubsite|unregisterhubsite|joinhubsite)(\(|\/|$)/i;

/** A SharePoint REST write on content: list items and files, not the site's structure. */
const CONTENT_WRITE = /(^|\/)(items|files|additemusingpath|addvalidateupdateitemusingpath)(\(|\/|$)/i;
