/**
 * The permission kinds' expansion, one hook for the five of them because their resources
 * interleave: per site, the permission levels (roleDefinition), the groups (siteGroup), BP533 (a
 * site cannot inherit), the site's assignments (roleAssignment), then list by list its scope
 * (permissionScope) and assignments, and last the site's sharing (siteSharing). Each kind's
 * expand.ts does its part; this runs them in that order, which plans and tests rely on, and hands
 * each the levels and groups the ones before returned.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import type { RawListPermissions, RawSite } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import { listAddress } from '../list/model.ts';
import type { KindExpandContext, KindExpansion } from '../kind-spec.ts';
import { expandListPermissions } from '../permission-scope/expand.ts';
import { expandRoleAssignments, type RoleAssignmentExpandContext } from '../role-assignment/expand.ts';
import { expandRoleDefinitions } from '../role-definition/expand.ts';
import { expandSiteGroups } from '../site-group/expand.ts';
import { expandSharing } from '../site-sharing/expand.ts';

/**
 * A fresh expansion for one load of a blueprint. Its list hook notes the lists that were expanded
 * (a list's `permissions:` is skipped when the list itself was reported); its site hook, run after
 * the site's lists, expands the site's and its lists' permissions and its sharing.
 */
export function permissionsExpansion(): KindExpansion {
  let lists = new Set<string>(); // the current site's expanded lists
  return {
    list(_x, _l, _listPath, list) {
      lists.add(list);
    },
    site(x, s, path, site, row) {
      const expanded = lists;
      lists = new Set();
      if (s.permissions === undefined && s.sharing === undefined && !s.lists?.some((l) => l.permissions)) return;
      expandSitePermissions(withRow(x, row), s, path, site, expanded, row);
    },
  };
}

/** The context the kinds' expansions take: claims carry the row of a stamped site. */
function withRow(x: KindExpandContext, row?: RowContext): RoleAssignmentExpandContext {
  return { rep: x.rep, span: (p) => x.span(p), push: (r) => x.push(r), claim: (a, what, p) => x.claim(a, what, p, row) };
}

function expandSitePermissions(x: RoleAssignmentExpandContext, s: RawSite, sitePath: Path, site: string, expandedLists: Set<string>, row?: RowContext): void {
  const perms = s.permissions;
  const base = [...sitePath, 'permissions'];
  // permission levels first: groups and assignments may name them (lower-case name -> address)
  const levels = perms ? expandRoleDefinitions(x, perms, base, site, row) : new Map<string, string>();
  const principals = expandSiteGroups(x, perms, base, site, s.title, row);
  const security = { principals, levels };
  if (perms) {
    if (perms.inherit === true) {
      x.rep.at('BP533', [...base, 'inherit'], 'a site is the top of its site collection and always has its own permissions: only inherit: false may be stated', { address: site, ...(row ? { row } : {}) });
    }
    expandRoleAssignments(x, perms.assignments, base, site, site, security, row);
  }
  (s.lists ?? []).forEach((l, j) => {
    const lp = l.permissions as RawListPermissions | undefined;
    if (!lp) return;
    const list = listAddress(site, l.url);
    if (!expandedLists.has(list)) return; // the list itself was reported
    expandListPermissions(x, lp, [...sitePath, 'lists', j, 'permissions'], list, security, row);
  });
  expandSharing(x, s, sitePath, site);
}
