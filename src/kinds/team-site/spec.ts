/**
 * The pure spec of `teamSite` (a group-connected team site): its rules, schema fragment and
 * expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { teamSiteRules } from './rules.ts';

/**
 * Sites and lists are the containers: the expander (src/blueprint/expand.ts) expands them
 * (src/kinds/site/expand.ts, list/expand.ts) before their children, and src/blueprint/schema.ts
 * builds the `site` and `list` definitions (site/schema.ts, list/schema.ts) around the
 * children's properties.
 */
export const teamSiteSpec: KindSpec<'teamSite'> = { rules: teamSiteRules, expandedBy: 'expander' };
