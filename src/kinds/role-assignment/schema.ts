/**
 * The blueprint shape of the `assignments:` of a site's and a list's `permissions:`, used by the
 * `sitePermissions` (src/kinds/permissions/schema.ts) and `listPermissions`
 * (src/kinds/permission-scope/schema.ts) definitions.
 */
import type { JsonSchema } from '../kind-spec.ts';

export const roleAssignmentsSchema: JsonSchema = {
  type: 'array',
  title: 'Role assignments',
  description: 'Who gets which permission levels here: one entry per principal.',
  items: {
    type: 'object',
    title: 'Role assignment',
    properties: {
      principal: {
        type: 'string',
        minLength: 1,
        maxLength: 255,
        title: 'Principal',
        description: 'A SharePoint group of the site, by name (declared in `permissions.groups` or built in, e.g. `Bygglov Owners`), a user principal name, or an Entra group as `entra:<display name or object id>` (a security group or a Microsoft 365 group\'s members, e.g. `entra:Bygglov handläggare`).',
      },
      roles: {
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { type: 'string', minLength: 1, maxLength: 64 },
        title: 'Permission levels',
        description: 'Built-in (Full Control, Design, Edit, Contribute, Read, View Only) or declared in the site\'s `permissions.roleDefinitions`. Exactly these are bound.',
      },
    },
    required: ['principal', 'roles'],
    additionalProperties: false,
  },
};
