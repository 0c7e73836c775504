/** The blueprint shape of a `termSet` (in a group's `termSets:`; its terms are `term`s). */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';

/** Names or labels per language tag (`en-US: Building permit`), as term sets and terms state them. */
export const LOCALIZED: JsonSchema = {
  type: 'object',
  propertyNames: { pattern: '^[a-z]{2,3}-[A-Z]{2}$' },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 255 },
};

const termSet: JsonSchema = {
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
};

export const termSetSchema: KindSchema = { topDefinitions: { termSet } };
