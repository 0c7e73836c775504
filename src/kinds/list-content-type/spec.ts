/**
 * The pure spec of `listContentType` (a list's `contentTypes:` and `defaultContentType`): its
 * rules, schema fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists
 * it (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { listContentTypeRules } from './rules.ts';
import { listContentTypeExpansion } from './expand.ts';

/**
 * Expanded after the columns and content types (it reads their expansions: `earlier`); its
 * schema nodes are placed by src/blueprint/schema.ts.
 */
export const listContentTypeSpec: KindSpec<'listContentType'> = { rules: listContentTypeRules, expansion: listContentTypeExpansion };
