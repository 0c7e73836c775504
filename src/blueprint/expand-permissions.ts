/**
 * Expansion and checks of a site's `permissions:` and `sharing:` keys and of its lists'
 * `permissions:` into the permissions resources: site groups (`site[…]/group[name]`), permission
 * levels (`site[…]/roleDefinition[name]`), a list's inheritance (`…/list[X]/permissions`), role
 * assignments (`site[…]/roleAssignment[principal]`, `…/list[X]/roleAssignment[principal]`) and
 * the site's sharing capability (`site[…]/sharing`).
 */
import {
  permissionScopeAddress,
  roleAssignmentAddress,
  siteGroupAddress,
} from '../model/address.ts';
import { expandSharing } from '../kinds/site-sharing/expand.ts';
import { listAddress } from '../kinds/list/model.ts';
import type { AnyDesiredResource, SourceSpan } from '../model/resources.ts';
import { expandRoleDefinitions } from '../kinds/role-definition/expand.ts';
import { BUILTIN_LEVELS } from '../kinds/role-definition/model.ts';
import type { Reporter, RowContext } from './report.ts';
import { checkUpn, didYouMean } from './rules.ts';
import type { RawList, RawListPermissions, RawSite } from './schema-types.generated.ts';
import type { Path } from './source.ts';

export interface PermissionsExpandContext {
  rep: Reporter;
  span(path: Path): SourceSpan;
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path): boolean;
  push(resource: AnyDesiredResource): void;
  /** Whether a resource with this address was emitted (e.g. a list that passed its checks). */
  has(address: string): boolean;
}

type Assignment = { principal: string; roles: string[] };

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Permissions and sharing of one site and of its lists. Call after the site's lists are expanded. */
export function expandPermissions(x: PermissionsExpandContext, s: RawSite, sitePath: Path, site: string, row?: RowContext): void {
  const o = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...(row ? { row } : {}), ...extra });
  const perms = s.permissions;
  const groups = new Map<string, string>(); // lower-case name -> address
  const builtinGroups = ['Owners', 'Members', 'Visitors'].map((g) => `${s.title} ${g}`);

  const checkUser = (upn: string, p: Path, address: string): boolean => {
    const problem = checkUpn(upn);
    if (problem) x.rep.at('BP308', p, problem, o(address));
    return !problem;
  };

  // permission levels first: groups and assignments may name them (lower-case name -> address)
  const levels = perms ? expandRoleDefinitions(x, perms, [...sitePath, 'permissions'], site, row) : new Map<string, string>();
  if (perms) {
    const base = [...sitePath, 'permissions'];
    (perms.groups ?? []).forEach((g, j) => {
      const p = [...base, 'groups', j];
      const address = siteGroupAddress(site, g.name);
      if (builtinGroups.some((b) => b.toLowerCase() === g.name.toLowerCase())) {
        x.rep.at('BP534', [...p, 'name'], `'${g.name}' is one of the site's own groups (${builtinGroups.join(', ')}), which SharePoint makes with the site; name the group differently`, o(address));
        return;
      }
      if (!x.claim(address, `SharePoint group '${g.name}' in ${site}`, p)) return;
      groups.set(g.name.toLowerCase(), address);
    });
    // now the groups themselves (an owner may be a group declared after this one)
    (perms.groups ?? []).forEach((g, j) => {
      const p = [...base, 'groups', j];
      const address = groups.get(g.name.toLowerCase());
      if (address !== siteGroupAddress(site, g.name)) return;
      const members: string[] = [];
      const seen = new Set<string>();
      (g.members ?? []).forEach((upn, k) => {
        if (upn.trim() === '') return; // an empty CSV cell
        if (!checkUser(upn, [...p, 'members', k], address)) return;
        if (seen.has(upn.toLowerCase())) {
          x.rep.at('BP313', [...p, 'members', k], `'${upn}' is listed twice`, o(address, { severity: 'warning' }));
          return;
        }
        seen.add(upn.toLowerCase());
        members.push(upn);
      });
      const after: string[] = [];
      if (g.owner !== undefined) {
        if (g.owner.includes('@')) checkUser(g.owner, [...p, 'owner'], address);
        else {
          const ownerGroup = groups.get(g.owner.toLowerCase());
          if (ownerGroup && ownerGroup !== address) after.push(ownerGroup);
          else if (!ownerGroup) unknownGroup(x, g.owner, [...p, 'owner'], address, groups, builtinGroups, row);
        }
      }
      x.push({
        kind: 'siteGroup',
        address,
        parent: site,
        props: defined({
          name: g.name,
          description: g.description,
          owner: g.owner,
          members: g.members !== undefined && !g.pruneMembers ? members : undefined,
          exactMembers: g.members !== undefined && g.pruneMembers ? members : g.pruneMembers ? [] : undefined,
        }),
        source: x.span(p),
        ...(after.length ? { after } : {}),
      });
    });
    if (perms.inherit === true) {
      x.rep.at('BP533', [...base, 'inherit'], 'a site is the top of its site collection and always has its own permissions: only inherit: false may be stated', o(site));
    }
    assignmentsOf(x, perms.assignments, base, site, site, groups, levels, builtinGroups, row);
  }

  (s.lists ?? []).forEach((l: RawList, j: number) => {
    const lp = l.permissions as RawListPermissions | undefined;
    if (!lp) return;
    const list = listAddress(site, l.url);
    if (!x.has(list)) return; // the list itself was reported
    const p = [...sitePath, 'lists', j, 'permissions'];
    const scope = permissionScopeAddress(list);
    if (!x.claim(scope, `permissions of ${list}`, p)) return;
    x.push({ kind: 'permissionScope', address: scope, parent: list, props: defined({ inherit: lp.inherit, copyRoleAssignments: lp.copyRoleAssignments }), source: x.span(p) });
    if (lp.assignments?.length && lp.inherit) {
      x.rep.at('BP532', [...p, 'assignments'], `a list that inherits its site's permissions has no role assignments of its own: state inherit: false to give ${list} its own`, o(list));
      return;
    }
    assignmentsOf(x, lp.assignments, p, list, scope, groups, levels, builtinGroups, row);
  });

  expandSharing(x, s, sitePath, site);
}

function unknownGroup(x: PermissionsExpandContext, name: string, p: Path, address: string, groups: Map<string, string>, builtin: string[], row?: RowContext): void {
  if (builtin.some((b) => b.toLowerCase() === name.toLowerCase())) return;
  const known = [...builtin, ...[...groups.values()].map((a) => a.slice(a.lastIndexOf('/group[') + 7, -1))];
  const guess = didYouMean(name, known);
  x.rep.at(
    'BP536',
    p,
    `'${name}' is neither a group declared in this site's permissions.groups nor one of its own groups (${builtin.join(', ')})${guess ? ` (did you mean '${guess}'?)` : ''}; it must already exist in the tenant (a user is named by UPN, with @)`,
    { address, severity: 'warning', ...(row ? { row } : {}) },
  );
}

function assignmentsOf(
  x: PermissionsExpandContext,
  list: Assignment[] | undefined,
  base: Path,
  securable: string,
  parent: string,
  groups: Map<string, string>,
  levels: Map<string, string>,
  builtinGroups: string[],
  row?: RowContext,
): void {
  (list ?? []).forEach((a, j) => {
    const p = [...base, 'assignments', j];
    const address = roleAssignmentAddress(securable, a.principal);
    const o = { address, ...(row ? { row } : {}) };
    const after: string[] = [];
    if (a.principal.includes('@')) {
      const problem = checkUpn(a.principal);
      if (problem) {
        x.rep.at('BP308', [...p, 'principal'], problem, o);
        return;
      }
    } else {
      const g = groups.get(a.principal.toLowerCase());
      if (g) after.push(g);
      else unknownGroup(x, a.principal, [...p, 'principal'], address, groups, builtinGroups, row);
    }
    let ok = true;
    a.roles.forEach((r, k) => {
      if (BUILTIN_LEVELS.some((b) => b.toLowerCase() === r.toLowerCase())) return;
      const level = levels.get(r.toLowerCase());
      if (level) {
        after.push(level);
        return;
      }
      const guess = didYouMean(r, [...BUILTIN_LEVELS, ...[...levels.values()].map((l) => l.slice(l.lastIndexOf('/roleDefinition[') + 16, -1))]);
      x.rep.at('BP531', [...p, 'roles', k], `unknown permission level '${r}': not built in (${BUILTIN_LEVELS.filter((b) => b !== 'Limited Access').join(', ')}) nor declared in this site's permissions.roleDefinitions${guess ? ` (did you mean '${guess}'?)` : ''}`, o);
      ok = false;
    });
    if (!ok) return;
    if (!x.claim(address, `role assignment of '${a.principal}' on ${securable}`, p)) return;
    x.push({
      kind: 'roleAssignment',
      address,
      parent,
      props: { principal: a.principal, roles: [...a.roles] },
      source: x.span(p),
      ...(after.length ? { after } : {}),
    });
  });
}
