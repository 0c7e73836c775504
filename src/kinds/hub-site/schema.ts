/**
 * The blueprint shape of a site's `hub:` (its registration as a hub site, and the hub
 * navigation, which is the site's top navigation bar: `navNode`s).
 */
import { navNodesSchema } from '../navigation-node/schema.ts';
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

function siteProps(): Record<string, JsonSchema> {
  const nodes = navNodesSchema;
  return {
    hub: {
      type: 'object',
      title: 'Hub site',
      description: 'Registers this site as a hub site (needs SharePoint admin rights on a real tenant).',
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 256, title: 'Title', description: 'The hub\'s name in the hub navigation. Default: the site title.' },
        logo: { type: 'string', minLength: 1, title: 'Logo', description: 'URL of the hub logo.' },
        description: { type: 'string', maxLength: 1024, title: 'Description', description: 'Description of the hub.' },
        navigation: nodes('hub navigation (the hub site\'s top navigation bar)'),
      },
      additionalProperties: false,
    },
  };
}

export const hubSiteSchema: KindSchema = { siteProps: siteProps() };
