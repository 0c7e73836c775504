/**
 * The blueprint shape of a site's `navigation:` (quick launch and top navigation bar) and the
 * `navNode` definition, which a hub's `navigation:` uses too; merged into the one blueprint
 * schema (src/blueprint/schema.ts) through the pure registry (src/kinds/pure.ts).
 */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

/** A list of navigation links, in order (`where` names the navigation). */
export function navNodesSchema(where: string): JsonSchema {
  return { type: 'array', items: ref('navNode'), title: where, description: `Links of the ${where}, in order.` };
}

function definitions(): Record<string, JsonSchema> {
  return {
    navNode: {
      type: 'object',
      title: 'Navigation node',
      description: 'A link in a navigation, with child links one level deep.',
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 255, title: 'Title', description: 'The link text: its identity among its siblings.' },
        url: { type: 'string', minLength: 1, title: 'URL', description: 'Server-relative (/sites/x) or absolute URL.' },
        children: {
          type: 'array',
          title: 'Children',
          description: 'Child links (one level).',
          items: {
            type: 'object',
            properties: {
              title: { type: 'string', minLength: 1, maxLength: 255, title: 'Title', description: 'The link text: its identity among its siblings.' },
              url: { type: 'string', minLength: 1, title: 'URL', description: 'Server-relative or absolute URL.' },
            },
            required: ['title'],
            additionalProperties: false,
          },
        },
      },
      required: ['title'],
      additionalProperties: false,
    },
  };
}

function siteProps(): Record<string, JsonSchema> {
  const nodes = navNodesSchema;
  return {
    navigation: {
      type: 'object',
      title: 'Navigation',
      description: 'The site\'s navigation links. Links the blueprint does not list are left alone; only the order of the listed ones is compared.',
      properties: { quickLaunch: nodes('quick launch'), topNavigation: nodes('top navigation bar') },
      additionalProperties: false,
    },
  };
}

export const navigationNodeSchema: KindSchema = { definitions: definitions(), siteProps: siteProps() };
