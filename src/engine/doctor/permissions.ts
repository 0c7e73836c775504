/**
 * The permissions the engine's calls need, per feature, as Microsoft documents them for each API
 * (the doc page is named on each entry). `grant` is what to add (the least privileged permission
 * that covers every call the feature makes); `accepts` lists every permission that also
 * satisfies them (higher privileged ones, and those kept for backward compatibility).
 */

/** The API a permission belongs to, as Entra lists it under "Add a permission". */
export type PermissionApi = 'Microsoft Graph' | 'SharePoint';

export interface PermissionNeed {
  api: PermissionApi;
  /** The permission to grant, e.g. `Group.ReadWrite.All`. */
  grant: string;
  /** Permissions any of which satisfies the need (includes `grant`). */
  accepts: string[];
  /** What in the blueprint needs it, e.g. `team sites (Microsoft 365 groups)`. */
  feature: string;
  /** Where Microsoft documents it. */
  doc: string;
  /** False when the API has no application permission (a delegated sign-in is needed). */
  application: boolean;
  /** The delegated permission when its name differs from the application one (SharePoint's `AllSites.FullControl`). */
  delegated?: { grant: string; accepts: string[] };
}

const graph = (grant: string, more: string[], feature: string, doc: string): PermissionNeed => ({
  api: 'Microsoft Graph',
  grant,
  accepts: [grant, ...more],
  feature,
  doc,
  application: true,
});

export const NEEDS = {
  entraGroups: graph('Group.Read.All', ['GroupMember.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], 'looking up the Entra groups that role assignments and SharePoint groups name (entra:<name or id>)', 'https://learn.microsoft.com/graph/api/group-list'),
  users: graph('User.Read.All', ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'], 'looking up the users the blueprint names', 'https://learn.microsoft.com/graph/api/user-get'),
  groups: graph('Group.ReadWrite.All', ['Directory.ReadWrite.All'], "team sites (Microsoft 365 groups: create, update, owners) and team members (a team's owners and members are its group's: read, added, removed there)", 'https://learn.microsoft.com/graph/api/group-post-groups'),
  sitesGraph: graph('Sites.Manage.All', ['Sites.FullControl.All'], 'sites, lists, columns and content types read and changed through Graph', 'https://learn.microsoft.com/graph/api/list-create'),
  teamCreate: graph('Team.Create', ['Group.ReadWrite.All', 'Directory.ReadWrite.All', 'Teamwork.Migrate.All'], 'teams (POST /teams from a group)', 'https://learn.microsoft.com/graph/api/team-post'),
  teamSettings: graph('TeamSettings.ReadWrite.All', ['Group.ReadWrite.All', 'Directory.ReadWrite.All'], 'team settings (PATCH /teams/{id})', 'https://learn.microsoft.com/graph/api/team-update'),
  channelCreate: graph('Channel.Create', ['Group.ReadWrite.All', 'Directory.ReadWrite.All', 'Teamwork.Migrate.All'], 'channels (POST /teams/{id}/channels)', 'https://learn.microsoft.com/graph/api/channel-post'),
  channelSettings: graph('ChannelSettings.ReadWrite.All', ['Group.ReadWrite.All', 'Directory.ReadWrite.All'], 'channel descriptions (PATCH /teams/{id}/channels/{id})', 'https://learn.microsoft.com/graph/api/channel-patch'),
  channelMembers: graph('ChannelMember.ReadWrite.All', [], 'private and shared channel owners and members', 'https://learn.microsoft.com/graph/api/channel-post-members'),
  channelDelete: graph('Channel.Delete.All', ['Group.ReadWrite.All', 'Directory.ReadWrite.All'], 'channels the blueprint no longer declares, pruned (DELETE /teams/{id}/channels/{id})', 'https://learn.microsoft.com/graph/api/channel-delete'),
  // TeamsTab.Create only creates: it "does not grant the ability to read, modify or delete tabs".
  tabs: {
    ...graph('TeamsTab.ReadWriteForTeam.All', ['TeamsTab.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'], 'channel tabs (read, added, changed and removed: /teams/{id}/channels/{id}/tabs)', 'https://learn.microsoft.com/graph/api/channel-patch-tabs'),
    delegated: { grant: 'TeamsTab.ReadWriteForTeam', accepts: ['TeamsTab.ReadWriteForTeam', 'TeamsTab.ReadWrite.All', 'Group.ReadWrite.All', 'Directory.ReadWrite.All'] },
  },
  sitesSharePoint: {
    api: 'SharePoint',
    grant: 'Sites.FullControl.All',
    accepts: ['Sites.FullControl.All'],
    feature: 'SharePoint REST and CSOM: site creation (SPSiteManager), lists, fields, views, navigation, permissions, settings',
    doc: 'https://learn.microsoft.com/sharepoint/dev/sp-add-ins/sharepoint-admin-apis-authentication-and-authorization',
    application: true,
    delegated: { grant: 'AllSites.FullControl', accepts: ['AllSites.FullControl'] },
  },
} satisfies Record<string, PermissionNeed>;

export type NeedKey = keyof typeof NEEDS;
