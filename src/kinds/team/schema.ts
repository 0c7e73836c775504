/**
 * The blueprint shape of Microsoft Teams: a site's `team:` key (type: team sites), with settings,
 * owners and members (the `teamMember` kind), channels and their tabs. The `team` definition and,
 * nested in it, the channel's and tab's (src/kinds/channel/schema.ts, src/kinds/tab/schema.ts),
 * in both forms of the schema (`templateTeam`... in templates); merged into the one blueprint
 * schema (src/blueprint/schema.ts) through the pure registry (src/kinds/pure.ts).
 */
import type { JsonSchema, KindSchema, SchemaForm } from '../kind-spec.ts';
import { channelDefinition } from '../channel/schema.ts';
import { tabDefinition } from '../tab/schema.ts';
import { enumOf, prune, upns } from './schema-common.ts';

const bool = (description: string): JsonSchema => ({ type: 'boolean', description });

function settings(title: string, props: Record<string, JsonSchema>): JsonSchema {
  return {
    type: 'object',
    title,
    description: `${title} of the team (Graph team.${title}). Only the stated ones are compared and written.`,
    properties: props,
    additionalProperties: false,
  };
}

function teamDefinition(f: SchemaForm): JsonSchema {
  const { ref, template } = f;
  return {
    type: 'object',
    title: 'Team',
    description: 'Microsoft Teams on this group-connected site (team sites only): settings, owners and members, channels and tabs.',
    properties: {
      memberSettings: settings('memberSettings', {
        allowCreateUpdateChannels: bool('Members may create and update channels.'),
        allowCreatePrivateChannels: bool('Members may create private channels.'),
        allowDeleteChannels: bool('Members may delete channels.'),
        allowAddRemoveApps: bool('Members may add and remove apps.'),
        allowCreateUpdateRemoveTabs: bool('Members may create, update and remove tabs.'),
        allowCreateUpdateRemoveConnectors: bool('Members may create, update and remove connectors.'),
      }),
      guestSettings: settings('guestSettings', {
        allowCreateUpdateChannels: bool('Guests may create and update channels.'),
        allowDeleteChannels: bool('Guests may delete channels.'),
      }),
      messagingSettings: settings('messagingSettings', {
        allowUserEditMessages: bool('Users may edit their messages.'),
        allowUserDeleteMessages: bool('Users may delete their messages.'),
        allowOwnerDeleteMessages: bool('Owners may delete any message.'),
        allowTeamMentions: bool('@team mentions are allowed.'),
        allowChannelMentions: bool('@channel mentions are allowed.'),
      }),
      funSettings: settings('funSettings', {
        allowGiphy: bool('Giphy is allowed.'),
        giphyContentRating: enumOf(['strict', 'moderate'], { title: 'Giphy content rating', description: 'strict or moderate.' }, template),
        allowStickersAndMemes: bool('Stickers and memes are allowed.'),
        allowCustomMemes: bool('Custom memes are allowed.'),
      }),
      owners: upns("User principal names that must own the team (with the site's `owners:`; at most 100 owners in all). The team always keeps at least one owner.", 100),
      members: upns('User principal names that must be members of the team (a team has at most 25,000 members).', 25000),
      channels: { type: 'array', items: ref('channel'), maxItems: 1000, title: 'Channels', description: 'Channels of the team (at most 1,000: the most a team may have, deleted ones included).' },
      prune: prune(['teamMember', 'channel'], 'in this team (teamMember: owners and members the engine added)'),
    },
    additionalProperties: false,
  };
}

export const teamSchema: KindSchema = {
  forms: (f) => ({
    definitions: { [f.key('tab')]: tabDefinition(f), [f.key('channel')]: channelDefinition(f), [f.key('team')]: teamDefinition(f) },
    siteProps: { team: f.ref('team') },
  }),
};
