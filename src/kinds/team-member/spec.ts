/**
 * The pure spec of `teamMember` (the team's owners and members): its rules, schema fragment and
 * expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { teamMemberRules } from './rules.ts';
import { expandTeamMembers } from './expand.ts';

/**
 * The team's owners and members, by the kind's `team` hook; their schema is the team's.
 */
export const teamMemberSpec: KindSpec<'teamMember'> = { rules: teamMemberRules, expansion: () => ({ team: expandTeamMembers }) };
