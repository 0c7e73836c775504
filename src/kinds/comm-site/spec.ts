/**
 * The pure spec of `commSite` (a communication site): its rules, schema fragment and expansion
 * (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts,
 * written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { commSiteRules } from './rules.ts';

/**
 * A container, like teamSite: the expander expands it (src/kinds/site/expand.ts) before its
 * children, and src/blueprint/schema.ts builds the `site` definition (site/schema.ts).
 */
export const commSiteSpec: KindSpec<'commSite'> = { rules: commSiteRules, expandedBy: 'expander' };
