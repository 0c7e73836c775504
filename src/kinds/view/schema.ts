/**
 * The blueprint shape of a list's `views:`: the `view` and `viewFilter` definitions and the
 * list's `views` property, merged into the one blueprint schema (src/blueprint/schema.ts)
 * through the pure registry (src/kinds/pure.ts).
 */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const SCALAR: JsonSchema = { type: ['string', 'number', 'boolean'] };

export const FILTER_OPS = ['eq', 'neq', 'gt', 'lt', 'geq', 'leq', 'contains', 'beginsWith'] as const;

function definitions(): Record<string, JsonSchema> {
  const comparison: JsonSchema = {
    type: 'object',
    title: 'Comparison',
    description: 'A comparison on one column: `column` and one operator key (eq, neq, gt, lt, geq, leq, contains, beginsWith with a value; isNull or isNotNull: true).',
    properties: {
      column: { type: 'string', minLength: 1, title: 'Column', description: 'Internal name of the column.' },
      ...Object.fromEntries(FILTER_OPS.map((op) => [op, { ...SCALAR, title: op, description: `The column's value is ${op} this value.` }])),
      isNull: { const: true, title: 'Is empty', description: 'The column has no value.' },
      isNotNull: { const: true, title: 'Is not empty', description: 'The column has a value.' },
    },
    required: ['column'],
    minProperties: 2,
    maxProperties: 2,
    additionalProperties: false,
  };
  return {
    viewFilter: {
      title: 'View filter',
      description: 'A filter of a view (CAML <Where>): a comparison, or `and:` / `or:` of filters.',
      anyOf: [
        comparison,
        { type: 'object', properties: { and: { type: 'array', minItems: 1, items: ref('viewFilter') } }, required: ['and'], additionalProperties: false },
        { type: 'object', properties: { or: { type: 'array', minItems: 1, items: ref('viewFilter') } }, required: ['or'], additionalProperties: false },
      ],
    },
    view: {
      type: 'object',
      title: 'View',
      description: 'A public view of the list.',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 255, title: 'Name', description: 'The view title: its identity in the list.' },
        columns: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          title: 'Columns',
          description: 'View fields by internal name, in order (list columns or built-ins such as LinkTitle, DocIcon, LinkFilename, Modified, Editor).',
        },
        orderBy: {
          type: 'array',
          title: 'Sort',
          description: 'Sort columns in order; `[]` for none.',
          items: {
            type: 'object',
            properties: {
              column: { type: 'string', minLength: 1, title: 'Column', description: 'Internal name of the column.' },
              ascending: { type: 'boolean', title: 'Ascending', description: 'Default: true.' },
            },
            required: ['column'],
            additionalProperties: false,
          },
        },
        filter: { ...ref('viewFilter') },
        groupBy: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 2, title: 'Group by', description: 'At most two columns to group by; `[]` for none.' },
        collapsed: { type: 'boolean', title: 'Groups collapsed', description: 'Whether the groups start collapsed (with groupBy).' },
        rowLimit: { type: 'integer', minimum: 1, maximum: 5000, title: 'Row limit', description: 'Items per page (1-5000).' },
        paged: { type: 'boolean', title: 'Paged', description: 'Whether the view pages through the items (true) or shows only the first rowLimit items.' },
        default: { type: 'boolean', title: 'Default view', description: 'true: the list\'s default view (at most one per list).' },
      },
      required: ['name'],
      additionalProperties: false,
    },
  };
}

function listProps(): Record<string, JsonSchema> {
  return {
    views: { type: 'array', items: ref('view'), title: 'Views', description: 'Public views of the list. Only the stated properties are compared.' },
  };
}

export const viewSchema: KindSchema = { definitions: definitions(), listProps: listProps() };
