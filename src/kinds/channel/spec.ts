/**
 * The pure spec of `channel` (a team's `channels:`): its rules, schema fragment and expansion
 * (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts,
 * written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { channelRules } from './rules.ts';
import { expandChannels } from './expand.ts';

/**
 * A `team` hook that runs the `channel` hooks after each channel; its schema node is nested in the team's.
 */
export const channelSpec: KindSpec<'channel'> = { rules: channelRules, expansion: () => ({ team: expandChannels }) };
