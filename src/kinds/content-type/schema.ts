/**
 * The blueprint shape of site content types: the `contentType` definition, the top-level
 * `contentTypes:` map of shared content types and a site's `contentTypes: [ - use: key ]`.
 * Placed by src/blueprint/schema.ts where they always were (their order in the generated schema
 * is unchanged).
 */
import type { JsonSchema } from '../kind-spec.ts';

/** The `contentType` definition. */
export const contentTypeDefinition: JsonSchema = {
  type: 'object',
  title: 'Content type',
  description: 'A site content type: its name, parent (Document, Item, Folder) and column links. Its id derives from its name and is the same on every site.',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 128, title: 'Name', description: 'The content type name: its identity on a site and the seed of its id.' },
    description: { type: 'string', maxLength: 1024, title: 'Description', description: 'Description of the content type.' },
    group: { type: 'string', minLength: 1, maxLength: 128, title: 'Group', description: 'The group it is listed in. Default: Custom Content Types.' },
    parent: { type: 'string', enum: ['Document', 'Item', 'Folder'], title: 'Parent', description: 'Document (0x0101), Item (0x01) or Folder (0x0120). Default: Document.' },
    columns: {
      type: 'array',
      title: 'Column links',
      description: 'Site columns of the content type, by `use:` key of the top-level `columns:` map; each must be a site column of the same site.',
      items: {
        type: 'object',
        properties: {
          use: { type: 'string', minLength: 1, title: 'Shared column', description: 'Key of a column in the top-level `columns:` map.' },
          required: { type: 'boolean', title: 'Required', description: 'Whether the column is required in this content type. Default: false.' },
        },
        required: ['use'],
        additionalProperties: false,
      },
    },
  },
  required: ['name'],
  additionalProperties: false,
};

/** A site's `contentTypes:`. */
export const siteContentTypesSchema: JsonSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: { use: { type: 'string', minLength: 1, title: 'Shared content type', description: 'Key of a content type in the top-level `contentTypes:` map.' } },
    required: ['use'],
    additionalProperties: false,
  },
  title: 'Site content types',
  description: 'Content types of the site: `- use: key` of the top-level `contentTypes:` map.',
};

/** The top-level `contentTypes:` map of shared content types. */
export const sharedContentTypesSchema: JsonSchema = {
  type: 'object',
  title: 'Shared content types',
  description: 'Content type definitions shared by key; sites add them with `contentTypes: [ - use: key ]`, lists with `contentTypes: [key]`.',
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
  additionalProperties: { $ref: '#/definitions/contentType' },
};
