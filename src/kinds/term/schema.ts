/** The blueprint shape of a `term` (in a set's `terms:` or a term's `children:`). */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';
import { LOCALIZED } from '../term-set/schema.ts';

const term: JsonSchema = {
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
};

export const termSchema: KindSchema = { topDefinitions: { term } };
