/** The blueprint shape of a site's `sharing:` (the `sharing` definition and the site's property). */
import type { JsonSchema, KindSchema } from '../kind-spec.ts';
import { SHARING_CAPABILITIES } from './model.ts';

function definitions(): Record<string, JsonSchema> {
  return {
    sharing: {
      type: 'object',
      title: 'External sharing',
      description: 'Who the site may be shared with outside the organisation.',
      properties: {
        capability: {
          type: 'string',
          enum: [...SHARING_CAPABILITIES],
          title: 'Sharing capability',
          description: 'Disabled (only people in the organisation), ExistingExternalUserSharingOnly (existing guests), ExternalUserSharingOnly (new and existing guests), ExternalUserAndGuestSharing (anyone, with links). Widening needs --allow-wider-sharing on apply.',
        },
      },
      required: ['capability'],
      additionalProperties: false,
    },
  };
}

export const siteSharingSchema: KindSchema = { definitions: definitions(), siteProps: { sharing: { $ref: '#/definitions/sharing' } } };
