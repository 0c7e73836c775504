/** The blueprint shape of a list's `permissions:` (the `listPermissions` definition and the list's property). */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';
import { roleAssignmentsSchema } from '../role-assignment/schema.ts';

function definitions(): Record<string, JsonSchema> {
  return {
    listPermissions: {
      type: 'object',
      title: 'List permissions',
      description: 'Whether the list inherits its site\'s permissions and, when it does not, its role assignments.',
      properties: {
        inherit: { type: 'boolean', title: 'Inherit', description: 'false breaks inheritance: the list gets its own role assignments. true resets it.' },
        copyRoleAssignments: { type: 'boolean', title: 'Copy role assignments', description: 'When breaking inheritance: start from a copy of the site\'s role assignments. Default: true. Used when breaking only.' },
        assignments: roleAssignmentsSchema,
      },
      required: ['inherit'],
      additionalProperties: false,
    },
  };
}

export const permissionScopeSchema: KindSchema = { definitions: definitions(), listProps: { permissions: { $ref: '#/definitions/listPermissions' } } };
