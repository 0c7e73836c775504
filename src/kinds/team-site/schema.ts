/** The properties of a blueprint `site:` that only a team site (`type: team`) has. */
import { enumOf } from '../../blueprint-core/schema-common.ts';
import type { JsonSchema } from '../kind-spec.ts';

/** A team site's own properties of the `site` definition (src/kinds/site/schema.ts). */
export function teamSiteProperties(template: boolean): Record<string, JsonSchema> {
  return {
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
      maxItems: 100,
      title: 'Owners',
      description: 'team only. User principal names that must be owners of the group (at most 100: a group has at most 100 owners).',
    },
  };
}
