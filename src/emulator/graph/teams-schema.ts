/**
 * The Teams entity types the Graph face serves, as Graph v1.0's metadata lists them
 * (`shared/reference/graph-v1.0-entities.json`, each with what it inherits: entity's `id`,
 * conversationMember's for a member), so that their routes check `$select` and `$expand` as the
 * site and list routes do (sharepoint-select.ts): a name the type does not declare is the
 * service's 400, never silently dropped.
 */
import { lower, type SharePointType } from './sharepoint-schema.ts';

/**
 * `/teams`, `/teams/{id}`, `/groups/{id}/team`: microsoft.graph.team with entity's `id`. The metadata marks the type open
 * (`OpenType="true"`), so what the service answers for a name it does not declare is not settled
 * by the metadata; the local tenant refuses it as it refuses one on a site (the stricter reading).
 */
export const TEAM_TYPE: SharePointType = {
  name: 'microsoft.graph.team',
  properties: lower([
    'id', 'classification', 'createdDateTime', 'description', 'displayName', 'firstChannelName', 'funSettings', 'guestSettings', 'internalId',
    'isArchived', 'memberSettings', 'messagingSettings', 'specialization', 'summary', 'tenantId', 'visibility', 'webUrl',
  ]),
  navigation: lower([
    'allChannels', 'channels', 'group', 'incomingChannels', 'installedApps', 'members', 'operations', 'permissionGrants', 'photo', 'primaryChannel',
    'schedule', 'tags', 'template',
  ]),
};

/** `/teams/{id}/channels[/{id}]`, `/teams/{id}/primaryChannel` */
export const CHANNEL_TYPE: SharePointType = {
  name: 'microsoft.graph.channel',
  properties: lower([
    'id', 'createdDateTime', 'description', 'displayName', 'email', 'isArchived', 'isFavoriteByDefault', 'layoutType', 'membershipType',
    'migrationMode', 'originalCreatedDateTime', 'summary', 'tenantId', 'webUrl',
  ]),
  navigation: lower(['allMembers', 'enabledApps', 'filesFolder', 'members', 'messages', 'sharedWithTeams', 'tabs']),
};

/**
 * `/teams/{id}/members[/{id}]`, `/teams/{id}/channels/{id}/members[/{id}]`: the collections'
 * declared type, microsoft.graph.conversationMember. What only the derived
 * aadUserConversationMember has (`email`, `userId`) the service's OData layer would find only
 * behind a type cast, which the local tenant does not serve: refused (the stricter reading).
 */
export const CONVERSATION_MEMBER_TYPE: SharePointType = {
  name: 'microsoft.graph.conversationMember',
  properties: lower(['id', 'displayName', 'roles', 'visibleHistoryStartDateTime']),
  navigation: lower([]),
};

/** A member's write body (`"@odata.type": "#microsoft.graph.aadUserConversationMember"`): conversationMember's and its own properties, `user@odata.bind`. */
export const AAD_USER_CONVERSATION_MEMBER_TYPE: SharePointType = {
  name: 'microsoft.graph.aadUserConversationMember',
  properties: lower(['id', 'displayName', 'roles', 'visibleHistoryStartDateTime', 'email', 'tenantId', 'userId']),
  navigation: lower(['user']),
};

/** `/teams/{id}/channels/{id}/tabs[/{id}]` */
export const TEAMS_TAB_TYPE: SharePointType = {
  name: 'microsoft.graph.teamsTab',
  properties: lower(['id', 'configuration', 'displayName', 'webUrl']),
  navigation: lower(['teamsApp']),
};

/** A tab's `$expand=teamsApp(...)` */
export const TEAMS_APP_TYPE: SharePointType = {
  name: 'microsoft.graph.teamsApp',
  properties: lower(['id', 'displayName', 'distributionMethod', 'externalId']),
  navigation: lower(['appDefinitions']),
};
