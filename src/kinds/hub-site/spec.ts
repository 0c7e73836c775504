/**
 * The pure spec of `hubSite` (a site's `hub:`, expanded by the kind's `site` hook): its rules,
 * schema fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists it
 * (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { hubSiteRules } from './rules.ts';
import { hubSiteSchema } from './schema.ts';
import { expandHub } from './expand.ts';

export const hubSiteSpec: KindSpec<'hubSite'> = { rules: hubSiteRules, schema: hubSiteSchema, expansion: () => ({ site: expandHub }) };
