/**
 * The pure spec of `termGroup` (the top-level `termStore:`): its rules, schema fragment and
 * expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { termGroupRules } from './rules.ts';
import { termGroupSchema } from './schema.ts';
import { expandTermStore } from './expand.ts';

/**
 * The top-level `termStore:`: groups, each followed by its sets and their terms (term-set/expand.ts,
 * term/expand.ts), by the kind's `top` hook.
 */
export const termGroupSpec: KindSpec<'termGroup'> = { rules: termGroupRules, schema: termGroupSchema, expansion: () => ({ top: expandTermStore }) };
