/**
 * The pure spec of `hubAssociation` (a site's `hubSite:`; its expansion keeps the sites and hubs
 * for the checks across sites (BP564)): its rules, schema fragment and expansion (KindSpec,
 * src/kinds/kind-spec.ts). The pure registry lists it (src/kinds/pure.generated.ts, written from
 * src/kinds/kind-list.ts). No I/O, no SDK.
 */
import type { KindSpec } from '../kind-spec.ts';
import { hubAssociationRules } from './rules.ts';
import { hubAssociationSchema } from './schema.ts';
import { hubAssociationExpansion } from './expand.ts';

export const hubAssociationSpec: KindSpec<'hubAssociation'> = { rules: hubAssociationRules, schema: hubAssociationSchema, expansion: hubAssociationExpansion };
