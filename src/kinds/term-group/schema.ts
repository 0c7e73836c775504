/**
 * The blueprint shape of the top-level `termStore:` (its language and its groups) and of a
 * `termGroup` (its sets are `termSet`s, src/kinds/term-set/schema.ts).
 */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

const termStore: JsonSchema = {
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
};

const termGroup: JsonSchema = {
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
};

export const termGroupSchema: KindSchema = { topProps: { termStore }, topDefinitions: { termGroup } };
