/**
 * Expansion of a site's `permissions.roleDefinitions:` into `roleDefinition` resources, with
 * BP530 (a built-in level's name). Run by the permissions expansion
 * (src/kinds/permissions/expand.ts) before the site's groups and assignments, which may name
 * the declared levels: it returns them.
 */
import type { Reporter, RowContext } from '../../blueprint-core/report.ts';
import type { RawSitePermissions } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext } from '../kind-spec.ts';
import { isBuiltinLevel, roleDefinitionAddress, type BasePermissionName } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';

/** What the expansion needs of its caller (the permissions expansion's context has it). */
export type RoleDefinitionExpandContext = Pick<KindExpandContext, 'span' | 'push'> & {
  rep: Reporter;
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path): boolean;
};


/** A site's `permissions.roleDefinitions:`; returns the declared levels (lower-case name -> address). */
export function expandRoleDefinitions(x: RoleDefinitionExpandContext, perms: RawSitePermissions, base: Path, site: string, row?: RowContext): Map<string, string> {
  const levels = new Map<string, string>();
  (perms.roleDefinitions ?? []).forEach((d, j) => {
    const p = [...base, 'roleDefinitions', j];
    const address = roleDefinitionAddress(site, d.name);
    if (isBuiltinLevel(d.name)) {
      x.rep.at('BP530', [...p, 'name'], `'${d.name}' is a built-in permission level: it exists on every site and cannot be changed; give the custom level another name`, { address, ...(row ? { row } : {}) });
      return;
    }
    if (!x.claim(address, `permission level '${d.name}' in ${site}`, p)) return;
    levels.set(d.name.toLowerCase(), address);
    x.push({
      kind: 'roleDefinition',
      address,
      parent: site,
      props: definedProps({ name: d.name, description: d.description, basePermissions: [...d.basePermissions] as BasePermissionName[] }),
      source: x.span(p),
    });
  });
  return levels;
}
