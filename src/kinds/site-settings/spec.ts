/**
 * The pure spec of `siteSettings` (a site's `settings:`, expanded by the kind's `site` hook): its
 * rules, schema fragment and expansion (KindSpec, src/kinds/kind-spec.ts). The pure registry lists
 * it (src/kinds/pure.generated.ts, written from src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { siteSettingsRules } from './rules.ts';
import { siteSettingsSchema } from './schema.ts';
import { expandSettings } from './expand.ts';

export const siteSettingsSpec: KindSpec<'siteSettings'> = { rules: siteSettingsRules, schema: siteSettingsSchema, expansion: () => ({ site: expandSettings }) };
