/**
 * The pure spec of `roleAssignment` (the `assignments:` of a site's and a list's `permissions:`):
 * its rules, schema fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry
 * lists it (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { roleAssignmentRules } from './rules.ts';

/**
 * Expanded by the permissions expansion (expandRoleAssignments); its schema is part of
 * `sitePermissions` and `listPermissions`.
 */
export const roleAssignmentSpec: KindSpec<'roleAssignment'> = { rules: roleAssignmentRules };
