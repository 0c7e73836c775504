/**
 * The blueprint shape of a team's `channels:`: the `channel` definition (and `templateChannel` in
 * templates), part of the team's schema fragment (src/kinds/team/schema.ts).
 */
import type { JsonSchema, SchemaForm } from '../kind-spec.ts';
import { enumOf, prune, upns } from '../team/schema-common.ts';

/** The `channel` definition in one form of the schema. */
export function channelDefinition(f: SchemaForm): JsonSchema {
  const { ref, template } = f;
  return {
    type: 'object',
    title: 'Channel',
    description: 'A channel of the team. `General` exists on every team: declare it only to state its description or tabs.',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 50, title: 'Name', description: 'The channel name (its display name and identity within the team).' },
      description: { type: 'string', maxLength: 1024, title: 'Description', description: 'The channel description.' },
      membershipType: enumOf(['standard', 'private', 'shared'], {
        title: 'Membership type',
        description: 'standard (everyone in the team), private or shared (their own members and their own SharePoint site). Cannot change in place: a change deletes and recreates the channel.',
      }, template),
      owners: upns('private and shared channels: user principal names that must own the channel (at least one).', 5000),
      members: upns('private and shared channels: user principal names that must be members of the channel (a shared channel has at most 5,000 direct members, a private one 250).', 5000),
      tabs: { type: 'array', items: ref('tab'), title: 'Tabs', description: 'Website and document-library tabs of the channel.' },
      prune: prune(['tab'], 'in this channel'),
    },
    required: ['name'],
    additionalProperties: false,
  };
}
