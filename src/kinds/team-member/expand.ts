/**
 * A team's owners (the site's `owners:` and the team's) and `members:` -> one `teamMember` per
 * user (`…/team/member[upn]`), owners first; a member also listed as owner is an owner. The users
 * were checked when the team was opened (src/kinds/team/expand.ts).
 */
import type { Path } from '../../blueprint-core/source.ts';
import type { TeamExpansion } from '../kind-spec.ts';
import { teamMemberAddress } from './model.ts';

export const expandTeamMembers: TeamExpansion = (x, t) => {
  // Owners first (the site's owners are the group's owners, so the team's too).
  const ownerSet = new Set(t.owners.map((u) => u.toLowerCase()));
  const members: { upn: string; role: 'owner' | 'member'; path: Path }[] = [
    ...t.owners.map((upn) => ({ upn, role: 'owner' as const, path: [...t.path, 'owners'] })),
    ...t.members.filter((u) => !ownerSet.has(u.toLowerCase())).map((upn) => ({ upn, role: 'member' as const, path: [...t.path, 'members'] })),
  ];
  for (const m of members) {
    const a = teamMemberAddress(t.address, m.upn);
    if (!x.claim(a, `team member '${m.upn}'`, m.path, t.row)) continue;
    x.push({ kind: 'teamMember', address: a, parent: t.address, props: { upn: m.upn, role: m.role }, source: x.span(m.path) });
  }
};
