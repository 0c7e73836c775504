/**
 * The blueprint shape of a site's `hubSite:` (the hub site it joins).
 */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

function siteProps(): Record<string, JsonSchema> {
  return {
    hubSite: { type: 'string', minLength: 1, title: 'Hub site', description: 'Server-relative URL of a hub site (declared with `hub:`) that this site joins.' },
  };
}

export const hubAssociationSchema: KindSchema = { siteProps: siteProps() };
