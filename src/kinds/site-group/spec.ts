/**
 * The pure spec of `siteGroup` (a site's `permissions.groups:`): its rules, schema fragment and
 * expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { siteGroupRules } from './rules.ts';

/**
 * Expanded by the permissions expansion (expandSiteGroups); its schema is part of `sitePermissions`.
 */
export const siteGroupSpec: KindSpec<'siteGroup'> = { rules: siteGroupRules };
