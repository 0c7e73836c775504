/**
 * Expansion of a list's `permissions:` into its `permissionScope` resource
 * (`…/list[X]/permissions`) and the list's role assignments (under the scope), with BP532
 * (assignments on a list that inherits). Run by the permissions expansion
 * (src/kinds/permissions/expand.ts) after the site's own assignments, list by list.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import type { RawListPermissions } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import { expandRoleAssignments, type RoleAssignmentExpandContext, type SiteSecurity } from '../role-assignment/expand.ts';
import { permissionScopeAddress } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';


/** One list's `permissions:` (`p` is where they are written), on the expanded list `list`. */
export function expandListPermissions(x: RoleAssignmentExpandContext, lp: RawListPermissions, p: Path, list: string, site: SiteSecurity, row?: RowContext): void {
  const scope = permissionScopeAddress(list);
  if (!x.claim(scope, `permissions of ${list}`, p)) return;
  x.push({ kind: 'permissionScope', address: scope, parent: list, props: definedProps({ inherit: lp.inherit, copyRoleAssignments: lp.copyRoleAssignments }), source: x.span(p) });
  if (lp.assignments?.length && lp.inherit) {
    x.rep.at('BP532', [...p, 'assignments'], `a list that inherits its site's permissions has no role assignments of its own: state inherit: false to give the list its own`, { address: list, ...(row ? { row } : {}) });
    return;
  }
  expandRoleAssignments(x, lp.assignments, p, list, scope, site, row);
}
