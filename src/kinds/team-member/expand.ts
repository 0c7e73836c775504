/**
 * A team's owners (the site's `owners:` and the team's) and `members:` -> one `teamMember` per
 * user (`…/team/member[upn]`), owners first; a member also listed as owner is an owner. The users
 * were checked when the team was opened (src/kinds/team/expand.ts). Two limits of the service are
 * checked here, where every team's roster passes: a group has at most MAX_TEAM_OWNERS owners
 * (BP508), and a user is in at most MAX_TEAMS_PER_USER teams (BP509, counted over the blueprint).
 */
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext, TeamExpansion } from '../kind-spec.ts';
import { teamMemberAddress } from './model.ts';

/** A group's owners, so a team's: "Limited to 100 owners" (Graph, the group's `owners`). */
export const MAX_TEAM_OWNERS = 100;

/** "Number of teams a user can be a member of: 1,000" (Limits and specifications for Microsoft Teams; archived teams count). */
export const MAX_TEAMS_PER_USER = 1000;

/** Teams each user (lower-case UPN) is in so far, per blueprint being expanded. */
const teamsOfUser = new WeakMap<KindExpandContext, Map<string, number>>();

export const expandTeamMembers: TeamExpansion = (x, t) => {
  // Owners first (the site's owners are the group's owners, so the team's too).
  const ownerSet = new Set(t.owners.map((u) => u.toLowerCase()));
  const where = { address: t.address, ...(t.row ? { row: t.row } : {}) };
  if (ownerSet.size > MAX_TEAM_OWNERS) {
    x.rep.at('BP508', [...t.path, 'owners'], `the team would have ${ownerSet.size} owners (the site's owners: and the team's); a group has at most ${MAX_TEAM_OWNERS}`, where);
  }
  const members: { upn: string; role: 'owner' | 'member'; path: Path }[] = [
    ...t.owners.map((upn) => ({ upn, role: 'owner' as const, path: [...t.path, 'owners'] })),
    ...t.members.filter((u) => !ownerSet.has(u.toLowerCase())).map((upn) => ({ upn, role: 'member' as const, path: [...t.path, 'members'] })),
  ];
  let seats = teamsOfUser.get(x);
  if (!seats) teamsOfUser.set(x, (seats = new Map()));
  for (const m of members) {
    const a = teamMemberAddress(t.address, m.upn);
    if (!x.claim(a, `team member '${m.upn}'`, m.path, t.row)) continue;
    const key = m.upn.toLowerCase();
    const teams = (seats.get(key) ?? 0) + 1;
    seats.set(key, teams);
    if (teams === MAX_TEAMS_PER_USER + 1) {
      x.rep.at('BP509', m.path, `'${m.upn}' is in ${teams} teams of this blueprint by here; Teams lets a user be in at most ${MAX_TEAMS_PER_USER} teams, archived ones included`, where);
    }
    x.push({ kind: 'teamMember', address: a, parent: t.address, props: { upn: m.upn, role: m.role }, source: x.span(m.path) });
  }
};
