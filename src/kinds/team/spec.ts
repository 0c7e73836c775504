/**
 * The pure spec of `team` (a site's `team:`): its rules, schema fragment and expansion (KindSpec,
 * src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts, written from
 * src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { teamRules } from './rules.ts';
import { teamSchema } from './schema.ts';
import { teamExpansion } from './expand.ts';

/**
 * The team's schema holds the channel's and tab's definitions (both forms); its expansion opens
 * the team (`openTeam`) and runs the `team` hooks of the kinds after it.
 */
export const teamSpec: KindSpec<'team'> = { rules: teamRules, schema: teamSchema, expansion: teamExpansion };
