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
import { kindDefinitions, kindForms, kindListProps, kindSiteProps } from '../kinds/pure.ts';
import { roleDefinitionsSchema } from '../kinds/role-definition/schema.ts';
import { PLACEHOLDER_PATTERN, type JsonSchema } from './schema-common.ts';

export { PLACEHOLDER_PATTERN, type JsonSchema } from './schema-common.ts';

export const SCHEMA_ID = 'https://m365-provision.dev/schemas/blueprint.schema.json';

/**
 * In templates, a string with an enum (site `type`, `visibility`, list `template`, column `type`)
 * may instead be a placeholder; the expanded value is checked against the enum.
 */
function enumOf(values: readonly string[], doc: { title: string; description: string }, template: boolean): JsonSchema {
  const e = { type: 'string', enum: [...values] };
  if (!template) return { ...doc, ...e };
  return { ...doc, anyOf: [e, { type: 'string', pattern: PLACEHOLDER_PATTERN }] };
}

const COLUMN_TYPES = ['text', 'note', 'choice', 'number', 'boolean', 'dateTime', 'user', 'taxonomy'] as const;

function columnProps(template: boolean): Record<string, JsonSchema> {
  return {
    name: {
      type: 'string',
      minLength: 1,
      title: 'Internal name',
      description:
        'Internal name (StaticName) of the column: its identity in its site or list, and the seed of its deterministic id. At most 32 characters, a letter first, then letters, digits or _.',
    },
    displayName: {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      title: 'Display name',
      description: 'The name users see. Default: the internal name.',
    },
    type: enumOf(COLUMN_TYPES, {
      title: 'Column type',
      description: 'text (single line), note (multiple lines), choice, number, boolean (yes/no), dateTime, user (person), taxonomy (managed metadata, bound to a term set).',
    }, template),
    description: { type: 'string', maxLength: 1024, title: 'Description', description: 'Help text shown under the field in forms.' },
    required: { type: 'boolean', title: 'Required', description: 'Whether a value is required.' },
    default: {
      type: ['string', 'number', 'boolean'],
      title: 'Default value',
      description:
        'Default value, checked against the type: a string for text and note, one of the choices for choice, a number for number, true/false for boolean, an ISO date (YYYY-MM-DD) or "today" for dateTime. A user column has no default.',
    },
    termSet: {
      type: 'string',
      minLength: 3,
      title: 'Term set',
      description: 'taxonomy columns only (required there): the bound term set as `Group/Set`, declared in `termStore:`.',
    },
    allowMultiple: { type: 'boolean', title: 'Several terms', description: 'taxonomy columns only: whether several terms may be chosen.' },
    choices: {
      type: 'array',
      items: { type: 'string', minLength: 1, maxLength: 255 },
      minItems: 1,
      title: 'Choices',
      description: 'The choices of a choice column, in order (choice columns only; required there, unique).',
    },
  };
}

function defs(prefix: '' | 'template', template: boolean): Record<string, JsonSchema> {
  const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name}` });
  const key = (name: string): string => (prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name);
  const cp = columnProps(template);
  const forms = kindForms({ key, ref, template });
  const out: Record<string, JsonSchema> = {};
  if (!template) {
    out.column = {
      type: 'object',
      title: 'Column',
      description: 'A column definition: internal name, type and the properties of that type.',
      properties: cp,
      required: ['name', 'type'],
      additionalProperties: false,
    };
  }
  out[key('columnUse')] = {
    type: 'object',
    title: 'Column (shared)',
    description: 'A column defined in the top-level `columns:` map, by its key, with optional overrides.',
    properties: {
      use: { type: 'string', minLength: 1, title: 'Shared column', description: 'Key of a column in the top-level `columns:` map.' },
      displayName: cp.displayName!,
      description: cp.description!,
      required: cp.required!,
      default: cp.default!,
    },
    required: ['use'],
    additionalProperties: false,
  };
  out[key('columnRef')] = {
    title: 'Column',
    description: 'A column: inline (`name`, `type`, ...) or a shared one (`use: key`).',
    if: { type: 'object', properties: { use: {} }, required: ['use'] },
    then: ref('columnUse'),
    else: template
      ? { type: 'object', properties: cp, required: ['name', 'type'], additionalProperties: false }
      : { $ref: '#/definitions/column' },
  };
  out[key('list')] = {
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
      columns: { type: 'array', items: ref('columnRef'), title: 'List columns', description: 'Columns of the list: inline or `use:`.' },
      ...kindListProps(),
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
      permissions: { $ref: '#/definitions/listPermissions' },
      prune: pruneSchema('in this list'),
    },
    required: ['url', 'template'],
    additionalProperties: false,
  };
  out[key('site')] = {
    type: 'object',
    title: template ? 'Site template' : 'Site',
    description: template
      ? 'A site definition whose string values may contain `{{ row.field }}` placeholders; stamped over rows by `workspaces:`.'
      : 'A group-connected team site (type: team) or a communication site (type: communication).',
    properties: {
      url: {
        type: 'string',
        minLength: 1,
        title: 'URL',
        description: 'Server-relative URL: /sites/<name> or /teams/<name>. The identity of the site.',
      },
      type: enumOf(['team', 'communication'], {
        title: 'Site type',
        description: 'team: a Microsoft 365 group with its team site. communication: a communication site.',
      }, template),
      title: { type: 'string', minLength: 1, maxLength: 256, title: 'Title', description: 'Site title (for a team site also the group display name).' },
      description: { type: 'string', maxLength: 1024, title: 'Description', description: 'Site (and group) description.' },
      mailNickname: {
        type: 'string',
        minLength: 1,
        title: 'Mail nickname',
        description: 'team only. The group alias: at most 64 ASCII letters, digits, - . _ . Default: the last segment of the URL.',
      },
      visibility: enumOf(['Private', 'Public'], { title: 'Visibility', description: 'team only. Private or Public.' }, template),
      owners: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        title: 'Owners',
        description: 'team only. User principal names that must be owners of the group.',
      },
      lcid: { type: 'integer', title: 'Language (LCID)', description: 'communication only. Locale id of the site language, e.g. 1053 (Swedish), 1033 (English).' },
      owner: { type: 'string', minLength: 1, title: 'Owner', description: 'communication only. User principal name of the site owner.' },
      columns: { type: 'array', items: ref('columnRef'), title: 'Site columns', description: 'Site columns: inline or `use:`.' },
      lists: { type: 'array', items: ref('list'), title: 'Lists and libraries', description: 'Lists and libraries of the site.' },
      contentTypes: {
        type: 'array',
        items: {
          type: 'object',
          properties: { use: { type: 'string', minLength: 1, title: 'Shared content type', description: 'Key of a content type in the top-level `contentTypes:` map.' } },
          required: ['use'],
          additionalProperties: false,
        },
        title: 'Site content types',
        description: 'Content types of the site: `- use: key` of the top-level `contentTypes:` map.',
      },
      permissions: { $ref: '#/definitions/sitePermissions' },
      prune: pruneSchema('in this site'),
      ...forms.siteProps,
      ...kindSiteProps(),
    },
    required: ['url', 'type', 'title'],
    additionalProperties: false,
  };
  Object.assign(out, forms.definitions);
  if (!template) Object.assign(out, kindDefinitions());
  return out;
}

const LOCALIZED: JsonSchema = {
  type: 'object',
  propertyNames: { pattern: '^[a-z]{2,3}-[A-Z]{2}$' },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 255 },
};

/** Content types and the term store (see docs/blueprint.md). */
function metadataDefs(): Record<string, JsonSchema> {
  return {
    contentType: {
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
    },
    termGroup: {
      type: 'object',
      title: 'Term group',
      description: 'A group of term sets.',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'Name of the group: its identity in the term store.' },
        description: { type: 'string', maxLength: 1000, title: 'Description', description: 'Description of the group.' },
        termSets: { type: 'array', items: { $ref: '#/definitions/termSet' }, title: 'Term sets', description: 'Term sets of the group.' },
      },
      required: ['name'],
      additionalProperties: false,
    },
    termSet: {
      type: 'object',
      title: 'Term set',
      description: 'A term set with its terms.',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'Name in the term store language (`termStore.language`): the identity in its group.' },
        names: { ...LOCALIZED, title: 'Names', description: 'Names in other languages, by language tag, e.g. en-US: Process steps.' },
        description: { type: 'string', maxLength: 1000, title: 'Description', description: 'Description of the term set.' },
        terms: { type: 'array', items: { $ref: '#/definitions/term' }, title: 'Terms', description: 'Top-level terms of the set.' },
      },
      required: ['name'],
      additionalProperties: false,
    },
    term: {
      type: 'object',
      title: 'Term',
      description: 'A term, with child terms.',
      properties: {
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          pattern: '^[^;"<>|\\t/]+$',
          title: 'Name',
          description: 'Default label in the term store language: the identity among its siblings. No ; " < > | tab or /.',
        },
        labels: { ...LOCALIZED, title: 'Labels', description: 'Default labels in other languages, by language tag, e.g. en-US: Building permit.' },
        description: { type: 'string', maxLength: 1000, title: 'Description', description: 'Description in the term store language.' },
        properties: {
          type: 'object',
          additionalProperties: { type: 'string' },
          title: 'Custom properties',
          description: 'Custom properties of the term (key: value). `m365provision.owner` is the engine\'s.',
        },
        children: { type: 'array', items: { $ref: '#/definitions/term' }, title: 'Child terms', description: 'Terms under this one.' },
      },
      required: ['name'],
      additionalProperties: false,
    },
  };
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
    columns: {
      type: 'object',
      title: 'Shared columns',
      description: 'Column definitions shared by key; sites and lists reference them with `- use: key`.',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
      additionalProperties: { $ref: '#/definitions/column' },
    },
    sites: { type: 'array', title: 'Sites', description: 'Sites written out by hand.', items: { $ref: '#/definitions/site' } },
    contentTypes: {
      type: 'object',
      title: 'Shared content types',
      description: 'Content type definitions shared by key; sites add them with `contentTypes: [ - use: key ]`, lists with `contentTypes: [key]`.',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
      additionalProperties: { $ref: '#/definitions/contentType' },
    },
    termStore: {
      type: 'object',
      title: 'Term store',
      description: 'Term groups, term sets and terms of the tenant\'s term store (managed metadata).',
      properties: {
        language: {
          type: 'string',
          pattern: '^[a-z]{2,3}-[A-Z]{2}$',
          title: 'Language',
          description: 'Language tag of the `name`s of term sets and terms (their identity), e.g. sv-SE. Default: en-US.',
        },
        groups: { type: 'array', items: { $ref: '#/definitions/termGroup' }, title: 'Term groups', description: 'Term groups of the term store.' },
      },
      additionalProperties: false,
    },
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
  definitions: { ...defs('', false), ...defs('template', true), ...metadataDefs(), ...permissionDefs() },
};
