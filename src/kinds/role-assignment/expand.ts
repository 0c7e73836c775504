/**
 * Expansion of the `assignments:` of a site's or a list's `permissions:` into `roleAssignment`
 * resources, with BP308 (a principal's UPN), BP536 (a group that is not known, a warning), BP537
 * (`entra:` naming no group: whether the Entra group exists the plan asks the directory) and BP531
 * (an unknown permission level). Run by the permissions expansion
 * (src/kinds/permissions/expand.ts) for the site, and by a list's permissions
 * (src/kinds/permission-scope/expand.ts) for the list, once the site's levels and groups are known.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkUpn, didYouMean } from '../../blueprint-core/rules.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { BUILTIN_LEVELS, isBuiltinLevel } from '../role-definition/model.ts';
import { unknownGroup, type SitePrincipals } from '../site-group/expand.ts';
import { roleAssignmentAddress } from './model.ts';
import { entraGroupRef } from '../../model/principal.ts';
import { sharedProps } from '../../blueprint-core/shared-props.ts';

/** What the expansion needs of its caller (the permissions expansion's context has it). */
export type RoleAssignmentExpandContext = Pick<KindExpandContext, 'rep' | 'span' | 'push'> & {
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path): boolean;
};

/** What an assignment may name in its site: the groups (declared and built in) and the declared levels (lower-case name -> address). */
export interface SiteSecurity {
  principals: SitePrincipals;
  levels: Map<string, string>;
}

type Assignment = { principal: string; roles: string[] };

/** An assignment's props, per frozen template part (shared-props.ts). */
const ASSIGNMENT_PROPS = new WeakMap<object, { principal: string; roles: string[] }>();

/**
 * The `assignments:` under `base` on `securable` (a site, or a list), pushed with `parent` (the
 * site, or the list's permission scope). An assignment waits for the declared group and levels it
 * names (`after`).
 */
export function expandRoleAssignments(
  x: RoleAssignmentExpandContext,
  list: Assignment[] | undefined,
  base: Path,
  securable: string,
  parent: string,
  site: SiteSecurity,
  row?: RowContext,
): void {
  const { principals, levels } = site;
  (list ?? []).forEach((a, j) => {
    const p = [...base, 'assignments', j];
    const address = roleAssignmentAddress(securable, a.principal);
    const o = { address, ...(row ? { row } : {}) };
    const after: string[] = [];
    const entra = entraGroupRef(a.principal);
    if (entra !== undefined) {
      // an Entra group, by display name or object id: the directory says whether it exists (plan)
      if (!entra) {
        x.rep.at('BP537', [...p, 'principal'], `'${a.principal}' names no Entra group: write entra:<the group's display name or object id>`, o);
        return;
      }
    } else if (a.principal.includes('@')) {
      const problem = checkUpn(a.principal);
      if (problem) {
        x.rep.at('BP308', [...p, 'principal'], problem, o);
        return;
      }
    } else {
      const g = principals.groups.get(a.principal.toLowerCase());
      if (g) after.push(g);
      else unknownGroup(x, a.principal, [...p, 'principal'], address, principals, row);
    }
    let ok = true;
    a.roles.forEach((r, k) => {
      if (isBuiltinLevel(r)) return;
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
      props: sharedProps(ASSIGNMENT_PROPS, a, () => ({ principal: a.principal, roles: [...a.roles] })),
      source: x.span(p),
      ...(after.length ? { after } : {}),
    });
  });
}
