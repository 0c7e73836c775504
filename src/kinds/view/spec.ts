/**
 * The pure spec of `view` (a list's `views:`, expanded by the kind's `list` hook): its rules,
 * schema fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { viewRules } from './rules.ts';
import { viewSchema } from './schema.ts';
import { expandViews } from './expand.ts';

export const viewSpec: KindSpec<'view'> = { rules: viewRules, schema: viewSchema, expansion: () => ({ list: expandViews }) };
