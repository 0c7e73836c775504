/**
 * The pure spec of `siteSharing` (a site's `sharing:`): its rules, schema fragment and expansion
 * (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts,
 * written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { siteSharingRules } from './rules.ts';
import { siteSharingSchema } from './schema.ts';

/**
 * Expanded by the permissions expansion (KIND_GROUPS in src/kinds/pure.ts: expandSharing), after the site's permissions.
 */
export const siteSharingSpec: KindSpec<'siteSharing'> = { rules: siteSharingRules, schema: siteSharingSchema };
