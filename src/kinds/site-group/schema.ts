/**
 * The blueprint shape of a site's `permissions.groups:` (SharePoint groups), used by the
 * `sitePermissions` definition (src/kinds/permissions/schema.ts).
 */
import type { JsonSchema } from '../kind-spec.ts';

export const siteGroupsSchema: JsonSchema = {
  type: 'array',
  title: 'SharePoint groups',
  items: {
    type: 'object',
    title: 'SharePoint group',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'The group name: its identity in the site collection.' },
      description: { type: 'string', maxLength: 512, title: 'Description', description: 'Description of the group.' },
      owner: { type: 'string', minLength: 1, title: 'Owner', description: 'Another SharePoint group of the site (by name) or a user principal name. Default: the site\'s Owners group.' },
      members: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 }, title: 'Members', description: 'User principal names, or Entra groups as `entra:<display name or object id>` (a security group, or a Microsoft 365 group\'s members). A lower bound unless pruneMembers is true.' },
      pruneMembers: { type: 'boolean', title: 'Prune members', description: 'true: members not listed are removed (members are exactly the list).' },
    },
    required: ['name'],
    additionalProperties: false,
  },
};
