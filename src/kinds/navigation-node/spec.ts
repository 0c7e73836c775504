/**
 * The pure spec of `navigationNode` (a site's `navigation:` (and its hub's), expanded by the
 * kind's `site` hook): its rules, schema fragment and expansion (KindSpec, src/kinds/kind-
 * spec.ts). The pure registry lists it (src/kinds/pure.generated.ts, written from src/kinds/kind-
 * list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { navigationNodeRules } from './rules.ts';
import { navigationNodeSchema } from './schema.ts';
import { expandNavigation } from './expand.ts';

export const navigationNodeSpec: KindSpec<'navigationNode'> = { rules: navigationNodeRules, schema: navigationNodeSchema, expansion: () => ({ site: expandNavigation }) };
