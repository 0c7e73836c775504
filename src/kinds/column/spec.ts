/**
 * The pure spec of `column` (the shared `columns:`, a site's and a list's): its rules, schema
 * fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { columnRules } from './rules.ts';
import { columnExpansion } from './expand.ts';

/**
 * Columns, then content types, then lists' content types (each reads the expansion before it,
 * so their order in src/kinds/kind-list.ts matters); their `top` hooks run after the term store's
 * (a taxonomy column names its sets). Their schema nodes are placed by src/blueprint/schema.ts
 * where they always were (each in its own schema.ts), so the spec has no `schema`.
 */
export const columnSpec: KindSpec<'column'> = { rules: columnRules, expansion: columnExpansion };
