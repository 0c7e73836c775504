/**
 * The blueprint shape of a channel's `tabs:`: the `tab` definition (and `templateTab` in
 * templates), part of the team's schema fragment (src/kinds/team/schema.ts).
 */
import type { JsonSchema, SchemaForm } from '../kind-spec.ts';

/** The `tab` definition in one form of the schema. */
export function tabDefinition(_f: SchemaForm): JsonSchema {
  return {
    type: 'object',
    title: 'Tab',
    description: 'A tab pinned in the channel: a website (`website: <url>`) or a document library of the team site (`library: <list URL segment>`).',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 128, title: 'Name', description: 'The tab name (its display name and identity within the channel).' },
      website: { type: 'string', minLength: 1, title: 'Website', description: 'An https:// address: a website tab (com.microsoft.teamspace.tab.web).' },
      library: {
        type: 'string',
        minLength: 1,
        title: 'Library',
        description: "The URL segment of a document library of this team site (e.g. `Beslut` or `Shared Documents`): a document-library tab (com.microsoft.teamspace.tab.files.sharepoint).",
      },
      websiteUrl: { type: 'string', minLength: 1, title: 'Website URL', description: 'website tabs only: the address opened outside Teams. Default: the website.' },
    },
    required: ['name'],
    additionalProperties: false,
  };
}
