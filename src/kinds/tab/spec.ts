/**
 * The pure spec of `tab` (a channel's `tabs:`): its rules, schema fragment and expansion
 * (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts,
 * written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { tabRules } from './rules.ts';
import { expandTabs } from './expand.ts';

/**
 * A `channel` hook; its schema node is nested in the channel's.
 */
export const tabSpec: KindSpec<'tab'> = { rules: tabRules, expansion: () => ({ channel: expandTabs }) };
