/**
 * The pure spec of `list` (a site's `lists:`): its rules, schema fragment and expansion (KindSpec,
 * src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts, written from
 * src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { listRules } from './rules.ts';

/**
 * A container: the expander expands it (expandList in ./expand.ts) before its children, and
 * src/blueprint/schema.ts builds the `list` definition (listDefinition in ./schema.ts).
 */
export const listSpec: KindSpec<'list'> = { rules: listRules, expandedBy: 'expander' };
