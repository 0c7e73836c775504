/**
 * The blueprint shape of a list: the `list` definition (`templateList` in templates). Its own
 * properties come first; its children's (columns, views, content types, permissions, prune) are
 * passed in by src/blueprint/schema.ts, which knows the other kinds' definitions.
 */
import { enumOf } from '../../blueprint-core/schema-common.ts';
import type { JsonSchema } from '../kind-spec.ts';

/** The `list` definition: `template` lets the enums be placeholders; `children` follow the list's own properties. */
export function listDefinition(template: boolean, children: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    title: 'List or library',
    description: 'A document library or a generic list of the site.',
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        title: 'URL segment',
        description: 'The list URL segment under the site (its identity), e.g. `Beslut` for /sites/bygglov/Beslut.',
      },
      title: { type: 'string', minLength: 1, maxLength: 255, title: 'Title', description: 'Title of the list. Default: the URL segment.' },
      template: enumOf(['documentLibrary', 'genericList'], {
        title: 'Template',
        description: 'documentLibrary for a document library, genericList for a list of items.',
      }, template),
      description: { type: 'string', maxLength: 1024, title: 'Description', description: 'Description of the list.' },
      ...children,
    },
    required: ['url', 'template'],
    additionalProperties: false,
  };
}
