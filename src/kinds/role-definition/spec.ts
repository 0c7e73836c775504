/**
 * The pure spec of `roleDefinition` (a site's `permissions.roleDefinitions:`): its rules, schema
 * fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { roleDefinitionRules } from './rules.ts';

/**
 * Expanded by the permissions expansion (expandRoleDefinitions, before groups and assignments);
 * its schema is part of the `sitePermissions` definition (src/kinds/permissions/schema.ts).
 */
export const roleDefinitionSpec: KindSpec<'roleDefinition'> = { rules: roleDefinitionRules };
