/**
 * The blueprint shape of a site's `permissions.roleDefinitions:` (custom permission levels), used
 * by the `sitePermissions` definition (src/kinds/permissions/schema.ts).
 */
import type { JsonSchema } from '../kind-spec.ts';
import { BASE_PERMISSIONS } from './model.ts';

export const roleDefinitionsSchema: JsonSchema = {
  type: 'array',
  title: 'Permission levels',
  items: {
    type: 'object',
    title: 'Permission level',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 64, title: 'Name', description: 'The level\'s name: its identity in the site collection. Not a built-in level\'s name.' },
      description: { type: 'string', maxLength: 512, title: 'Description', description: 'Description of the level.' },
      basePermissions: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', enum: [...BASE_PERMISSIONS] },
        title: 'Rights',
        description: 'SharePoint base permissions (SPBasePermissions flag names), as a set.',
      },
    },
    required: ['name', 'basePermissions'],
    additionalProperties: false,
  },
};
