/**
 * The blueprint shape of Microsoft Teams: a `team:` key on a site of `type: team`, with settings,
 * owners and members, channels (standard, private, shared) and their tabs. Part of the one
 * blueprint schema (schema.ts calls `teamDefs`).
 */
import { PLACEHOLDER_PATTERN, type JsonSchema } from './schema-common.ts';

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

function enumOf(values: readonly string[], doc: { title: string; description: string }, template: boolean): JsonSchema {
  const e = { type: 'string', enum: [...values] };
  if (!template) return { ...doc, ...e };
  return { ...doc, anyOf: [e, { type: 'string', pattern: PLACEHOLDER_PATTERN }] };
}

const upns = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string', minLength: 1 }, title: 'Users', description });

function prune(kinds: string[], where: string): JsonSchema {
  return {
    type: 'array',
    uniqueItems: true,
    items: { type: 'string', enum: kinds },
    title: 'Prune',
    description: `Kinds to delete ${where} when the engine created them for this blueprint and the blueprint no longer declares them. Removing the team's last owner also needs --allow-remove-last-owner; deleting a private or shared channel (its own site goes with it) --allow-delete-sites.`,
  };
}

/** Definitions `team`, `channel`, `tab` (or `templateTeam`, ... in templates). */
export function teamDefs(key: (name: string) => string, ref: (name: string) => JsonSchema, template: boolean): Record<string, JsonSchema> {
  return {
    [key('tab')]: {
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
    },
    [key('channel')]: {
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
        owners: upns('private and shared channels: user principal names that must own the channel (at least one).'),
        members: upns('private and shared channels: user principal names that must be members of the channel.'),
        tabs: { type: 'array', items: ref('tab'), title: 'Tabs', description: 'Website and document-library tabs of the channel.' },
        prune: prune(['tab'], 'in this channel'),
      },
      required: ['name'],
      additionalProperties: false,
    },
    [key('team')]: {
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
        owners: upns("User principal names that must own the team (with the site's `owners:`). The team always keeps at least one owner."),
        members: upns('User principal names that must be members of the team.'),
        channels: { type: 'array', items: ref('channel'), title: 'Channels', description: 'Channels of the team.' },
        prune: prune(['teamMember', 'channel'], 'in this team (teamMember: owners and members the engine added)'),
      },
      additionalProperties: false,
    },
  };
}
