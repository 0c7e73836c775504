/**
 * The pure spec of `term` (a term set's `terms:` and a term's `children:`): its rules, schema
 * fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { termRules } from './rules.ts';
import { termSchema } from './schema.ts';

/**
 * Expanded by termGroup's expansion, after its set (a set's `terms:`, a term's `children:`).
 */
export const termSpec: KindSpec<'term'> = { rules: termRules, schema: termSchema, expandedBy: 'termGroup' };
