/**
 * The blueprint shape of a list's content types: its `contentTypes: [key]` and
 * `defaultContentType`, placed by src/blueprint/schema.ts where they always were.
 */
import type { JsonSchema } from '../kind-spec.ts';

/** A list's `contentTypes` and `defaultContentType` properties. */
export const listContentTypesProps: Record<string, JsonSchema> = {
  contentTypes: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    title: 'Content types',
    description: 'Keys of top-level `contentTypes:` to add to the list (each must be a content type of the site).',
  },
  defaultContentType: {
    type: 'string',
    minLength: 1,
    title: 'Default content type',
    description: 'Key of one of the list\'s `contentTypes`: the default (first in the New menu).',
  },
};
