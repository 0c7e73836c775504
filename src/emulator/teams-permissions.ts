/**
 * The permissions a Teams route needs (`/teams/...`, `/groups/{id}/team`), per method and path
 * shape, as each API's Microsoft Graph page lists them. Resource-specific consent permissions
 * (`*.Group`) are not granted to tenant-wide apps and are left out; so are the "self" tab
 * permissions (`TeamsTab.ReadWriteSelfForTeam.All` covers only the app's own tabs), which keeps
 * the local tenant at least as strict as the service.
 */

/** A read of a team: team-get. */
export const TEAM_READ = ['Team.ReadBasic.All', 'TeamSettings.Read.All', 'TeamSettings.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const BACKWARD_WRITE = ['Group.ReadWrite.All', 'Directory.ReadWrite.All'];
const BACKWARD_READ = ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** One rule: the method, the path's shape (`{id}` for any key segment), and the roles any of which is enough. */
interface TeamsRule {
  method: string;
  shape: string;
  any: readonly string[];
  /** Delegated callers may also use these (a page's delegated row lists more). */
  delegatedAlso?: readonly string[];
}

const RULES: readonly TeamsRule[] = [
  // team-post, team-put-teams, team-get, team-update, teamsasyncoperation-get
  { method: 'POST', shape: 'teams', any: ['Team.Create', 'Teamwork.Migrate.All', ...BACKWARD_WRITE] },
  // team-put-teams lists Group.ReadWrite.All for application access, not Team.Create
  { method: 'PUT', shape: 'team', any: BACKWARD_WRITE },
  { method: 'GET', shape: 'team', any: TEAM_READ },
  { method: 'PATCH', shape: 'team', any: ['TeamSettings.ReadWrite.All', ...BACKWARD_WRITE] },
  { method: 'GET', shape: 'team/operations/{id}', any: TEAM_READ },
  // channel-list, channel-get (primaryChannel too), channel-post, channel-patch, channel-delete
  { method: 'GET', shape: 'team/channels', any: ['Channel.ReadBasic.All', 'ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All', ...BACKWARD_READ] },
  { method: 'GET', shape: 'team/channels/{id}', any: ['Channel.ReadBasic.All', 'ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All', ...BACKWARD_READ] },
  { method: 'GET', shape: 'team/primarychannel', any: ['Channel.ReadBasic.All', 'ChannelSettings.Read.All', 'ChannelSettings.ReadWrite.All', ...BACKWARD_READ] },
  { method: 'POST', shape: 'team/channels', any: ['Channel.Create', 'Teamwork.Migrate.All', ...BACKWARD_WRITE] },
  { method: 'PATCH', shape: 'team/channels/{id}', any: ['ChannelSettings.ReadWrite.All', ...BACKWARD_WRITE] },
  { method: 'DELETE', shape: 'team/channels/{id}', any: ['Channel.Delete.All', ...BACKWARD_WRITE] },
  // channel-get-filesfolder
  { method: 'GET', shape: 'team/channels/{id}/filesfolder', any: ['Files.Read.All', 'Files.ReadWrite.All', 'Sites.Read.All', 'Sites.ReadWrite.All', 'Group.Read.All', 'Group.ReadWrite.All'] },
  // channel-list-members, channel-get-members, channel-post-members, channel-update-members, channel-delete-members:
  // application callers have only the ChannelMember permissions; a signed-in user may read with Group.Read.All
  { method: 'GET', shape: 'team/channels/{id}/members', any: ['ChannelMember.Read.All', 'ChannelMember.ReadWrite.All'], delegatedAlso: ['Group.Read.All', 'Group.ReadWrite.All'] },
  { method: 'GET', shape: 'team/channels/{id}/members/{id}', any: ['ChannelMember.Read.All', 'ChannelMember.ReadWrite.All'], delegatedAlso: ['Group.Read.All', 'Group.ReadWrite.All'] },
  { method: 'POST', shape: 'team/channels/{id}/members', any: ['ChannelMember.ReadWrite.All'] },
  { method: 'PATCH', shape: 'team/channels/{id}/members/{id}', any: ['ChannelMember.ReadWrite.All'] },
  { method: 'DELETE', shape: 'team/channels/{id}/members/{id}', any: ['ChannelMember.ReadWrite.All'] },
  // channel-list-tabs, channel-get-tabs, channel-post-tabs, channel-patch-tabs, channel-delete-tabs
  { method: 'GET', shape: 'team/channels/{id}/tabs', any: ['TeamsTab.Read.All', 'TeamsTab.ReadWrite.All', 'TeamsTab.ReadWriteForTeam.All', ...BACKWARD_READ] },
  { method: 'GET', shape: 'team/channels/{id}/tabs/{id}', any: ['TeamsTab.Read.All', 'TeamsTab.ReadWrite.All', 'TeamsTab.ReadWriteForTeam.All', ...BACKWARD_READ] },
  { method: 'POST', shape: 'team/channels/{id}/tabs', any: ['TeamsTab.Create', 'TeamsTab.ReadWrite.All', 'TeamsTab.ReadWriteForTeam.All', ...BACKWARD_WRITE] },
  { method: 'PATCH', shape: 'team/channels/{id}/tabs/{id}', any: ['TeamsTab.ReadWrite.All', 'TeamsTab.ReadWriteForTeam.All', ...BACKWARD_WRITE] },
  { method: 'DELETE', shape: 'team/channels/{id}/tabs/{id}', any: ['TeamsTab.ReadWrite.All', 'TeamsTab.ReadWriteForTeam.All', ...BACKWARD_WRITE] },
  // team-list-members, team-get-members, team-post-members, team-update-members, team-delete-members
  // (TeamMember.ReadWriteNonOwnerRole.All cannot give or hold the owner role: channels.ts checks that part)
  { method: 'GET', shape: 'team/members', any: ['TeamMember.Read.All', 'TeamMember.ReadWrite.All'] },
  { method: 'GET', shape: 'team/members/{id}', any: ['TeamMember.Read.All', 'TeamMember.ReadWrite.All'] },
  { method: 'POST', shape: 'team/members', any: ['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'] },
  { method: 'PATCH', shape: 'team/members/{id}', any: ['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'] },
  { method: 'DELETE', shape: 'team/members/{id}', any: ['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.ReadWrite.All'] },
];

/**
 * The shape of a Teams path (segments without the version, decoded): `team` for `/teams/{id}`
 * or `/groups/{id}/team`, then the rest with every key segment as `{id}` (names lower-cased,
 * a key in parentheses dropped). `teams` alone is the collection; null when not a Teams path.
 */
export function teamsShape(segs: readonly string[]): string | null {
  const name = (s: string | undefined) => (s ?? '').replace(/\(.*$/, '').toLowerCase();
  let rest: readonly string[];
  if (name(segs[0]) === 'teams') {
    if (segs.length === 1) return 'teams';
    rest = segs.slice(2);
  } else if (name(segs[0]) === 'groups' && name(segs[2]) === 'team') rest = segs.slice(3);
  else return null;
  const parts = ['team'];
  for (let i = 0; i < rest.length; i++) parts.push(i % 2 === 0 ? name(rest[i]) : '{id}');
  return parts.join('/');
}

/**
 * The roles any of which a Teams request needs. A path no rule names (a route that does not
 * exist, which answers for itself) needs the team's read or write.
 */
export function teamsRolesFor(method: string, shape: string, delegated: boolean): readonly string[] {
  const rule = RULES.find((r) => r.method === method && r.shape === shape);
  if (!rule) return method === 'GET' ? TEAM_READ : ['TeamSettings.ReadWrite.All', ...BACKWARD_WRITE];
  return delegated && rule.delegatedAlso ? [...rule.any, ...rule.delegatedAlso] : rule.any;
}

/** Whether `roles` lets a caller give or keep the owner role of a team (TeamMember.ReadWriteNonOwnerRole.All does not). */
export function mayManageTeamOwners(roles: readonly string[]): boolean {
  return roles.includes('TeamMember.ReadWrite.All');
}
