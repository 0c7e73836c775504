/** The properties of a blueprint `site:` that only a communication site (`type: communication`) has. */
import type { JsonSchema } from '../kind-spec.ts';

/** A communication site's own properties of the `site` definition (src/kinds/site/schema.ts). */
export function commSiteProperties(): Record<string, JsonSchema> {
  return {
    lcid: { type: 'integer', title: 'Language (LCID)', description: 'communication only. Locale id of the site language, e.g. 1053 (Swedish), 1033 (English).' },
    owner: { type: 'string', minLength: 1, title: 'Owner', description: 'communication only. User principal name of the site owner.' },
  };
}
