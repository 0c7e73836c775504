/**
 * The blueprint schema: the single source of truth for the shape of a blueprint.
 *
 * `schemas/blueprint.schema.json` (for editors and other tools) and
 * `src/blueprint-core/schema-types.generated.ts` (the raw TypeScript shapes) are generated from this
 * object by `npx tsx scripts/gen-blueprint-schema.ts`; `test/blueprint/schema.test.ts` fails when
 * either committed file differs from its generated form.
 *
 * Structural rules live here (keys, types, enums, required keys). Naming rules of SharePoint
 * (URL characters, internal names, UPNs...) are checked in `src/blueprint-core/rules.ts`,
 * because template values contain `{{ row.x }}` placeholders and are checked again after
 * expansion.
 */

import { PRUNE_KINDS } from '../model/resources.ts';
import { kindDefinitions, kindForms, kindListProps, kindSiteProps, kindTopDefinitions, kindTopProps } from '../kinds/pure.ts';
import { enumOf, type JsonSchema } from '../blueprint-core/schema-common.ts';
import { columnDefinitions, listColumnsSchema, sharedColumnsSchema, siteColumnsSchema } from '../kinds/column/schema.ts';
import { contentTypeDefinition, sharedContentTypesSchema, siteContentTypesSchema } from '../kinds/content-type/schema.ts';
import { listContentTypesProps } from '../kinds/list-content-type/schema.ts';
import { listDefinition } from '../kinds/list/schema.ts';
import { siteDefinition } from '../kinds/site/schema.ts';

export { PLACEHOLDER_PATTERN, type JsonSchema } from '../blueprint-core/schema-common.ts';

export const SCHEMA_ID = 'https://m365-provision.dev/schemas/blueprint.schema.json';

function defs(prefix: '' | 'template', template: boolean): Record<string, JsonSchema> {
  const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name}` });
  const key = (name: string): string => (prefix ? prefix + name[0]!.toUpperCase() + name.slice(1) : name);
  const forms = kindForms({ key, ref, template });
  const out: Record<string, JsonSchema> = columnDefinitions(key, ref, template);
  out[key('list')] = listDefinition(template, {
    columns: listColumnsSchema(ref),
    ...kindListProps(),
    ...listContentTypesProps,
    prune: pruneSchema('in this list'),
  });
  out[key('site')] = siteDefinition(template, {
    columns: siteColumnsSchema(ref),
    lists: { type: 'array', items: ref('list'), title: 'Lists and libraries', description: 'Lists and libraries of the site.' },
    contentTypes: siteContentTypesSchema,
    prune: pruneSchema('in this site'),
    ...forms.siteProps,
    ...kindSiteProps(),
  });
  Object.assign(out, forms.definitions);
  if (!template) Object.assign(out, kindDefinitions());
  return out;
}

/** Content types (see docs/blueprint.md; the term store's definitions are its kinds', src/kinds/term-*). */
function metadataDefs(): Record<string, JsonSchema> {
  return { contentType: contentTypeDefinition };
}

const ROW_VALUE: JsonSchema = { type: ['string', 'number', 'boolean'] };

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
  definitions: { ...defs('', false), ...defs('template', true), ...metadataDefs(), ...kindTopDefinitions() },
};
