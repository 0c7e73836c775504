/**
 * The blueprint shape of columns: the `column` definition, a column used by key (`columnUse`)
 * or written inline (`columnRef`), each also as a template variant (`templateColumnUse`,
 * `templateColumnRef`, whose `type` may be a placeholder), a site's and a list's `columns:` and
 * the top-level `columns:` map of shared columns. Placed by src/blueprint/schema.ts where they
 * always were (their order in the generated schema is unchanged).
 */
import { enumOf, type JsonSchema } from '../../blueprint-core/schema-common.ts';

export const COLUMN_TYPES = ['text', 'note', 'choice', 'number', 'boolean', 'dateTime', 'user', 'taxonomy'] as const;

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

/**
 * The column definitions of one variant: `column` (plain only), `columnUse` and `columnRef`
 * (named through `key`, `templateColumnUse` in the template variant; `ref` points at a
 * definition of the same variant).
 */
export function columnDefinitions(key: (name: string) => string, ref: (name: string) => JsonSchema, template: boolean): Record<string, JsonSchema> {
  const cp = columnProps(template);
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
  return out;
}

/** A list's `columns:` (`ref` of the list's variant). */
export function listColumnsSchema(ref: (name: string) => JsonSchema): JsonSchema {
  return { type: 'array', items: ref('columnRef'), title: 'List columns', description: 'Columns of the list: inline or `use:`.' };
}

/** A site's `columns:` (`ref` of the site's variant). */
export function siteColumnsSchema(ref: (name: string) => JsonSchema): JsonSchema {
  return { type: 'array', items: ref('columnRef'), title: 'Site columns', description: 'Site columns: inline or `use:`.' };
}

/** The top-level `columns:` map of shared columns. */
export const sharedColumnsSchema: JsonSchema = {
  type: 'object',
  title: 'Shared columns',
  description: 'Column definitions shared by key; sites and lists reference them with `- use: key`.',
  propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_-]*$' },
  additionalProperties: { $ref: '#/definitions/column' },
};
