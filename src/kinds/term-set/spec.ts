/**
 * The pure spec of `termSet` (a term group's `termSets:`): its rules, schema fragment and
 * expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { termSetRules } from './rules.ts';
import { termSetSchema } from './schema.ts';

/**
 * Expanded by termGroup's expansion (a group's `sets:`).
 */
export const termSetSpec: KindSpec<'termSet'> = { rules: termSetRules, schema: termSetSchema, expandedBy: 'termGroup' };
