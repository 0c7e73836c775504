/**
 * The pure spec of `permissionScope` (a list's `permissions:`): its rules, schema fragment and
 * expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { permissionScopeRules } from './rules.ts';
import { permissionScopeSchema } from './schema.ts';

/**
 * Expanded by the permissions expansion (expandListPermissions, list by list after the site's assignments).
 */
export const permissionScopeSpec: KindSpec<'permissionScope'> = { rules: permissionScopeRules, schema: permissionScopeSchema };
