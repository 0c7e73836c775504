/**
 * What the SharePoint security routes (security-*.ts) share: the site's security record
 * (security-state.ts) read and changed in one journal op, principals and role definitions found
 * in it, the securables (the root web, a list) and their role assignments, argument parsing, and
 * the service's errors for them.
 */
import type { Store } from '../store.ts';
import type { AssignmentRec, RoleDefRec, SiteSecurityRec, SpGroupRec, SpUserRec } from '../security-state.ts';
import { argumentError, SpError } from './errors.ts';
import type { SpRouteCtx } from './route-context.ts';

/** What role assignments are on: the root web or a list. */
export type Securable = { k: 'web' } | { k: 'list'; listId: string };

const CLAIMS = 'i:0#.f|membership|';

/** The service's errors of site security. */
export const secErrors = {
  groupNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Group cannot be found.'),
  userNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'User cannot be found.'),
  roleDefNotFound: () => new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Permission level cannot be found.'),
  argument: argumentError,
  sp: (msg: string, code = '-2146232832') => new SpError(400, `${code}, Microsoft.SharePoint.SPException`, msg),
};

const E = secErrors;

/** The security record of the request's site. */
export function secOf(ctx: SpRouteCtx): SiteSecurityRec {
  return ctx.store.sec.of(ctx.site);
}

/** Changes a copy of the site's record and commits it (one journal op). */
export function mutate<T>(ctx: SpRouteCtx, change: (rec: SiteSecurityRec) => T): T {
  const rec = structuredClone(secOf(ctx));
  const out = change(rec);
  ctx.store.commit({ k: 'sec', v: rec });
  return out;
}

export function groupById(rec: SiteSecurityRec, id: number): SpGroupRec {
  const g = rec.groups.find((x) => x.id === id);
  if (!g) throw E.groupNotFound();
  return g;
}

/** A site group by its title, compared case-insensitively. */
export function groupByName(rec: SiteSecurityRec, name: string): SpGroupRec {
  const n = name.toLowerCase();
  const g = rec.groups.find((x) => x.title.toLowerCase() === n);
  if (!g) throw E.groupNotFound();
  return g;
}

export function roleDefById(rec: SiteSecurityRec, id: number): RoleDefRec {
  const d = rec.roleDefs.find((x) => x.id === id);
  if (!d) throw E.roleDefNotFound();
  return d;
}

function upnOfLogin(login: string): string {
  const l = login.trim();
  return l.toLowerCase().startsWith(CLAIMS) ? l.slice(CLAIMS.length) : l;
}

/** A site user by claims login (`i:0#.f|membership|upn`), UPN or e-mail, case-insensitively. */
export function userByLogin(rec: SiteSecurityRec, login: string): SpUserRec | undefined {
  const upn = upnOfLogin(login).toLowerCase();
  return rec.users.find((u) => u.upn.toLowerCase() === upn || u.loginName.toLowerCase() === login.toLowerCase());
}

/** The claims of an Entra group: a security group's, and a Microsoft 365 group's members'. */
const SECURITY_GROUP_CLAIMS = 'c:0t.c|tenant|';
const UNIFIED_MEMBERS_CLAIMS = 'c:0o.c|federateddirectoryclaimprovider|';

/**
 * The site user of an Entra group by its claims login: a security group by `c:0t.c|tenant|<id>`,
 * a Microsoft 365 group's members by `c:0o.c|federateddirectoryclaimprovider|<id>` (the claim
 * each kind of group has); any other group, or a claim of the wrong kind, is not found.
 */
function ensureGroupUser(store: Store, rec: SiteSecurityRec, login: string): SpUserRec {
  const l = login.trim().toLowerCase();
  const security = l.startsWith(SECURITY_GROUP_CLAIMS);
  const id = l.slice((security ? SECURITY_GROUP_CLAIMS : UNIFIED_MEMBERS_CLAIMS).length);
  const group = store.getGroup(id);
  const unified = group?.groupTypes.some((t) => t.toLowerCase() === 'unified') === true;
  if (!group || group.deletedDateTime || (security ? unified || !group.securityEnabled : !unified)) throw E.sp(`The specified user ${login} could not be found.`);
  const user: SpUserRec = {
    id: rec.nextPrincipalId++,
    loginName: `${security ? SECURITY_GROUP_CLAIMS : UNIFIED_MEMBERS_CLAIMS}${group.id.toLowerCase()}`,
    title: group.displayName,
    email: group.mailEnabled ? `${group.mailNickname}@${store.domain}` : '',
    upn: '',
    aadId: group.id,
    principalType: 4,
  };
  rec.users.push(user);
  return user;
}

/** ensureuser: the site user of a directory user (or an Entra group), added to the site collection when new. */
export function ensureUser(store: Store, rec: SiteSecurityRec, login: string): SpUserRec {
  const known = userByLogin(rec, login);
  if (known) return known;
  const claim = login.trim().toLowerCase();
  if (claim.startsWith(SECURITY_GROUP_CLAIMS) || claim.startsWith(UNIFIED_MEMBERS_CLAIMS)) return ensureGroupUser(store, rec, login);
  const aad = store.getUser(upnOfLogin(login));
  if (!aad) throw E.sp(`The specified user ${login} could not be found.`);
  const user: SpUserRec = {
    id: rec.nextPrincipalId++,
    loginName: `${CLAIMS}${aad.userPrincipalName.toLowerCase()}`,
    title: aad.displayName,
    email: aad.mail ?? aad.userPrincipalName,
    upn: aad.userPrincipalName,
    aadId: aad.id,
  };
  rec.users.push(user);
  return user;
}

/** An integer argument, or undefined when it is not one. */
export function num(s: string | null): number | undefined {
  if (s === null || !/^\s*-?\d+\s*$/.test(s)) return undefined;
  return Number(s);
}

/** `principalid=7, roledefid=1073741826` -> { principalid: '7', roledefid: '1073741826' } */
export function namedArgs(raw: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (raw ?? '').split(',')) {
    const m = /^\s*([A-Za-z]+)\s*=\s*(.*?)\s*$/.exec(part);
    if (m) out[m[1]!.toLowerCase()] = m[2]!.replace(/^'(.*)'$/, '$1');
  }
  return out;
}

/** A string property of a body (null is ''); undefined when absent or not a string. */
export function str(b: Record<string, unknown>, k: string): string | undefined {
  const v = b[k];
  return typeof v === 'string' ? v : v === null ? '' : undefined;
}

/** The role assignments in effect on a securable (a list without its own inherits the web's). */
export function assignmentsOf(rec: SiteSecurityRec, on: Securable): AssignmentRec[] {
  if (on.k === 'list') return rec.lists[on.listId] ?? rec.web;
  return rec.web;
}

export function hasUnique(rec: SiteSecurityRec, on: Securable): boolean {
  return on.k === 'web' || rec.lists[on.listId] !== undefined;
}

export function requireUnique(rec: SiteSecurityRec, on: Securable): void {
  if (!hasUnique(rec, on)) throw E.sp('This operation is not allowed on an object that inherits permissions.', '-2147024891');
}

/** The securable's own role assignments ([] for a list that inherits). */
export function ownAssignments(rec: SiteSecurityRec, on: Securable): AssignmentRec[] {
  return on.k === 'web' ? rec.web : (rec.lists[on.listId] ?? []);
}

export function setAssignments(rec: SiteSecurityRec, on: Securable, as: AssignmentRec[]): void {
  if (on.k === 'web') rec.web = as;
  else rec.lists[on.listId] = as;
}

export function removeMember(g: SpGroupRec, userId: number): void {
  g.members = g.members.filter((id) => id !== userId);
}

/** Deletes a group with its role assignments everywhere (as SharePoint does). */
export function removePrincipal(rec: SiteSecurityRec, id: number): void {
  rec.groups = rec.groups.filter((g) => g.id !== id);
  rec.web = rec.web.filter((a) => a.principalId !== id);
  for (const k of Object.keys(rec.lists)) rec.lists[k] = rec.lists[k]!.filter((a) => a.principalId !== id);
}
