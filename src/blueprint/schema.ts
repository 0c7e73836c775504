/**
 * The blueprint schema: the single source of truth for the shape of a blueprint.
 *
 * `schemas/blueprint.schema.json` (for editors and other tools) and
 * `src/blueprint/schema-types.generated.ts` (the raw TypeScript shapes) are generated from this
 * object by `npx tsx scripts/gen-blueprint-schema.ts`; `test/blueprint/schema.test.ts` fails when
 * either committed file differs from its generated form.
 *
 * Structural rules live here (keys, types, enums, required keys). Naming rules of SharePoint
 * (URL characters, internal names, UPNs...) are checked in `rules.ts`, because template values
 * contain `{{ row.x }}` placeholders and are checked again after expansion.
 */

import { PRUNE_KINDS } from '../model/resources.ts';
import { teamDefs } from './schema-teams.ts';
import { kindDefinitions, kindListProps, kindSiteProps, kindTopDefinitions, kindTopProps } from '../kinds/pure.ts';
import { roleDefinitionsSchema } from '../kinds/role-definition/schema.ts';
import { enumOf, type JsonSchema } from './schema-common.ts';
import { columnDefinitions, listColumnsSchema, sharedColumnsSchema, siteColumnsSchema } from '../kinds/column/schema.ts';
import { contentTypeDefinition, sharedContentTypesSchema, siteContentTypesSchema } from '../kinds/content-type/schema.ts';
import { listContentTypesProps } from '../kinds/list-content-type/schema.ts';
import { listDefinition } from '../kinds/list/schema.ts';
import { siteDefinition } from '../kinds/site/schema.ts';

export { PLACEHOLDER_PATTERN, type JsonSchema } from './schema-common.ts';

export const SCHEMA_ID = 'https://m365-provision.dev/schemas/blueprint.schema.json';

function defs(prefix: '' | 'template', template: boolean): Record<string, JsonSchema> {
  const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name}` });
  const key = (name: string): string => (prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name);
  const out: Record<string, JsonSchema> = columnDefinitions(key, ref, template);
  out[key('list')] = listDefinition(template, {
    columns: listColumnsSchema(ref),
    ...kindListProps(),
    ...listContentTypesProps,
    permissions: { $ref: '#/definitions/listPermissions' },
    prune: pruneSchema('in this list'),
  });
  out[key('site')] = siteDefinition(template, {
    columns: siteColumnsSchema(ref),
    lists: { type: 'array', items: ref('list'), title: 'Lists and libraries', description: 'Lists and libraries of the site.' },
    contentTypes: siteContentTypesSchema,
    permissions: { $ref: '#/definitions/sitePermissions' },
    prune: pruneSchema('in this site'),
    team: ref('team'),
    ...kindSiteProps(),
  });
  Object.assign(out, teamDefs(key, ref, template));
  if (!template) Object.assign(out, kindDefinitions());
  return out;
}

/** Content types (see docs/blueprint.md; the term store's definitions are its kinds', src/kinds/term-*). */
function metadataDefs(): Record<string, JsonSchema> {
  return { contentType: contentTypeDefinition };
}

const ROW_VALUE: JsonSchema = { type: ['string', 'number', 'boolean'] };

/** SharePoint groups, permission levels, role assignments and sharing (see docs/blueprint.md). */
function permissionDefs(): Record<string, JsonSchema> {
  const assignments: JsonSchema = {
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
          description: 'A SharePoint group of the site, by name (declared in `permissions.groups` or built in, e.g. `Bygglov Owners`), or a user principal name.',
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
  return {
    sitePermissions: {
      type: 'object',
      title: 'Site permissions',
      description: 'SharePoint groups, custom permission levels and role assignments of the site.',
      properties: {
        groups: {
          type: 'array',
          title: 'SharePoint groups',
          items: {
            type: 'object',
            title: 'SharePoint group',
            properties: {
              name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'The group name: its identity in the site collection.' },
              description: { type: 'string', maxLength: 512, title: 'Description', description: 'Description of the group.' },
              owner: { type: 'string', minLength: 1, title: 'Owner', description: 'Another SharePoint group of the site (by name) or a user principal name. Default: the site\'s Owners group.' },
              members: { type: 'array', uniqueItems: true, items: { type: 'string', minLength: 1 }, title: 'Members', description: 'User principal names. A lower bound unless pruneMembers is true.' },
              pruneMembers: { type: 'boolean', title: 'Prune members', description: 'true: members not listed are removed (members are exactly the list).' },
            },
            required: ['name'],
            additionalProperties: false,
          },
        },
        roleDefinitions: roleDefinitionsSchema,
        inherit: { type: 'boolean', title: 'Inherit', description: 'A site (the top web of its site collection) always has its own permissions: only false may be stated.' },
        assignments,
      },
      additionalProperties: false,
    },
    listPermissions: {
      type: 'object',
      title: 'List permissions',
      description: 'Whether the list inherits its site\'s permissions and, when it does not, its role assignments.',
      properties: {
        inherit: { type: 'boolean', title: 'Inherit', description: 'false breaks inheritance: the list gets its own role assignments. true resets it.' },
        copyRoleAssignments: { type: 'boolean', title: 'Copy role assignments', description: 'When breaking inheritance: start from a copy of the site\'s role assignments. Default: true. Used when breaking only.' },
        assignments,
      },
      required: ['inherit'],
      additionalProperties: false,
    },
  };
}

/** `prune:`: kinds whose owned-but-undeclared resources are deleted. */
function pruneSchema(where: string): JsonSchema {
  return {
    type: 'array',
    uniqueItems: true,
    items: { type: 'string', enum: [...PRUNE_KINDS] },
    title: 'Prune',
    description: `Kinds of resources to delete ${where} when the engine created them for this blueprint (it recorded them as owned) and the blueprint no longer declares them. Nothing the engine does not own is ever touched. Deleting sites or lists that hold items also needs a consent flag on apply.`,
  };
}

export const blueprintSchema: JsonSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_ID,
  title: 'm365-provision blueprint',
  description:
    'A declarative description of Microsoft 365 information architecture: sites, lists and libraries, columns, and templates stamped over rows. See docs/blueprint.md.',
  type: 'object',
  properties: {
    version: { const: 1, title: 'Format version', description: 'Version of the blueprint format. Must be 1.' },
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      title: 'Blueprint name',
      description: 'A short name for this blueprint, e.g. botkyrka-samhallsbyggnad.',
    },
    description: { type: 'string', title: 'Description', description: 'What this blueprint is for.' },
    columns: sharedColumnsSchema,
    sites: { type: 'array', title: 'Sites', description: 'Sites written out by hand.', items: { $ref: '#/definitions/site' } },
    contentTypes: sharedContentTypesSchema,
    ...kindTopProps(),
    templates: {
      type: 'object',
      title: 'Templates',
      description: 'Site definitions with `{{ row.field }}` placeholders, stamped over rows by `workspaces:`.',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
      additionalProperties: { $ref: '#/definitions/templateSite' },
    },
    prune: pruneSchema('everywhere in this blueprint (`site`: sites the blueprint created)'),
    workspaces: {
      type: 'array',
      title: 'Workspaces',
      description: 'Stamp a template over rows: one site per row.',
      items: {
        type: 'object',
        title: 'Workspace set',
        properties: {
          template: { type: 'string', minLength: 1, title: 'Template', description: 'Key of a template in `templates:`.' },
          rows: {
            title: 'Rows',
            description:
              'A CSV file inside the blueprint\'s folder (header row = field names), `{ file, separator, encoding }` to state how it is written, or an inline list of objects (at most 10,000). Each row stamps one site.',
            type: ['string', 'array', 'object'],
            minLength: 1,
            items: {
              type: 'object',
              propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
              additionalProperties: ROW_VALUE,
            },
            properties: {
              file: { type: 'string', minLength: 1, title: 'File', description: 'Path of the CSV file, relative to the blueprint\'s folder and inside it.' },
              separator: {
                type: 'string',
                enum: [',', ';', '\t'],
                title: 'Separator',
                description: 'Field separator: "," (default), ";" (Excel in Swedish and most European locales) or "\\t". Detected from the header line when not stated.',
              },
              encoding: {
                type: 'string',
                enum: ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'],
                title: 'Encoding',
                description: 'Text encoding. Detected when not stated: a byte order mark, else UTF-8, else Windows-1252.',
              },
            },
            required: ['file'],
            additionalProperties: false,
          },
        },
        required: ['template', 'rows'],
        additionalProperties: false,
      },
    },
  },
  required: ['version'],
  additionalProperties: false,
  definitions: { ...defs('', false), ...defs('template', true), ...metadataDefs(), ...kindTopDefinitions(), ...permissionDefs() },
};
