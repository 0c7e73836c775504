/**
 * The blueprint shape of a site: the `site` definition (`templateSite` in templates), a team
 * site or a communication site by its `type:`. The properties both kinds have, then each kind's
 * own (src/kinds/team-site/schema.ts, comm-site/schema.ts), then the children's (columns, lists,
 * content types, permissions, prune, team, the site-level kinds), which src/blueprint/schema.ts
 * passes in.
 */
import { enumOf } from '../../blueprint-core/schema-common.ts';
import { commSiteProperties } from '../comm-site/schema.ts';
import type { JsonSchema } from '../kind-spec.ts';
import { teamSiteProperties } from '../team-site/schema.ts';

/** The `site` definition: `template` makes it a template's (placeholders allowed in its enums). */
export function siteDefinition(template: boolean, children: Record<string, JsonSchema>): JsonSchema {
  return {
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
      ...teamSiteProperties(template),
      ...commSiteProperties(),
      ...children,
    },
    required: ['url', 'type', 'title'],
    additionalProperties: false,
  };
}
