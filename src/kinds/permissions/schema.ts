/**
 * The blueprint shape of a site's `permissions:` (the `sitePermissions` definition and the site's
 * property), made of the permission kinds' nodes: groups (siteGroup), roleDefinitions
 * (roleDefinition) and assignments (roleAssignment), and `inherit` (only false: BP533).
 */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';
import { roleAssignmentsSchema } from '../role-assignment/schema.ts';
import { roleDefinitionsSchema } from '../role-definition/schema.ts';
import { siteGroupsSchema } from '../site-group/schema.ts';

function definitions(): Record<string, JsonSchema> {
  return {
    sitePermissions: {
      type: 'object',
      title: 'Site permissions',
      description: 'SharePoint groups, custom permission levels and role assignments of the site.',
      properties: {
        groups: siteGroupsSchema,
        roleDefinitions: roleDefinitionsSchema,
        inherit: { type: 'boolean', title: 'Inherit', description: 'A site (the top web of its site collection) always has its own permissions: only false may be stated.' },
        assignments: roleAssignmentsSchema,
      },
      additionalProperties: false,
    },
  };
}

export const sitePermissionsSchema: KindSchema = { definitions: definitions(), siteProps: { permissions: { $ref: '#/definitions/sitePermissions' } } };
