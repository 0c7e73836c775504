/**
 * The pure spec of `contentType` (the shared `contentTypes:` and a site's): its rules, schema
 * fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { contentTypeRules } from './rules.ts';
import { contentTypeExpansion } from './expand.ts';

/**
 * Expanded after the columns (it reads their expansion: `earlier`), before the lists' content
 * types; its schema nodes are placed by src/blueprint/schema.ts.
 */
export const contentTypeSpec: KindSpec<'contentType'> = { rules: contentTypeRules, expansion: contentTypeExpansion };
