/**
 * teamMember: one user's membership of a team, as owner or member, keyed by UPN. Read through
 * Graph `/teams/{id}/members` (conversationMember). Added through the team's group
 * (`/groups/{id}/members/$ref`, `/groups/{id}/owners/$ref`): a team's members are its group's
 * members and its owners the group's owners, and the directory's write budget (3,000 per 150 s)
 * is far wider than Teams' 4 member additions per minute per team, which would make a
 * department's team of 40 take ten minutes. A role change is a PATCH of the membership's roles;
 * a removal a DELETE of the membership (both rare: they come only from pruning). Deleting a
 * membership happens only when the blueprint prunes team members; removing the team's last owner
 * (or every owner, when the blueprint declares none) needs `--allow-remove-last-owner` (rules.ts).
 */
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { addDirectoryRef } from '../shared/directory-lag.ts';
import { boundAsOwner, runMemoOf } from '../shared/run-memo.ts';
import { isOwner, requireUserId, upnOf, userIdOf, type GraphConversationMember } from '../shared/teams-common.ts';
import type { KindEffects, ReadContext } from '../kind-effects.ts';
import type { TeamFacts } from '../team/model.ts';
import { teamMemberAddress, type TeamMemberFacts } from './model.ts';

/** The team site's id, which the ownership ledger keys records by. */
function site(ids: ResourceIds): ResourceIds {
  return ids.siteId ? { siteId: ids.siteId } : {};
}

/** The membership's facts: its team's owner count, and the owners the blueprint declares for the team (the team's fact). */
function memberFacts(members: readonly GraphConversationMember[], team: Partial<TeamFacts> | undefined): TeamMemberFacts {
  const declared = team?.declaredOwners;
  return { ownersCount: members.filter(isOwner).length, ...(declared !== undefined ? { declaredOwners: declared } : {}) };
}

function membersOf(ctx: ReadContext<TeamFacts>, teamId: string): Promise<GraphConversationMember[]> {
  return ctx.memo(`teamMembers:${teamId}`, () => ctx.tenant.graph.list<GraphConversationMember>(`/teams/${teamId}/members`));
}

export const teamMemberEffects: KindEffects<'teamMember', TeamFacts> = {
  writesOutsideSharePoint: true,
  async read(resource, ctx): Promise<ObservedState<'teamMember'>> {
    const teamId = ctx.parentIds.teamId;
    if (!teamId) return { status: 'unknown', reason: 'the team has no id yet' };
    const userId = await userIdOf(ctx.tenant.graph, resource.props.upn, ctx.memo);
    if (!userId) return { status: 'absent' };
    const members = await membersOf(ctx, teamId);
    const m = members.find((x) => x.userId?.toLowerCase() === userId.toLowerCase());
    if (!m) return { status: 'absent' };
    return {
      status: 'present',
      id: m.id,
      ids: { ...site(ctx.parentIds), teamId, membershipId: m.id, userId },
      facts: memberFacts(members, ctx.parentFacts),
      props: { upn: resource.props.upn, role: isOwner(m) ? 'owner' : 'member' },
    };
  },

  async create(resource, ctx) {
    const { tenant, parentIds, progress } = ctx;
    const teamId = parentIds.teamId;
    if (!teamId) throw new Error('the team has no id');
    const p = resource.props;
    const userId = await requireUserId(tenant.graph, p.upn, runMemoOf(ctx));
    // An owner the group's create bound this run (as owner and member) is one already: the two
    // writes would only be refused as references that exist (2 directory writes a workspace).
    if (p.role === 'owner' && boundAsOwner(ctx, teamId, userId)) return { id: userId, ids: { ...site(parentIds), teamId, userId } };
    const user = tenant.graph.url(`/directoryObjects/${userId}`);
    await addDirectoryRef(tenant.graph, teamId, 'members', user, progress);
    if (p.role === 'owner') await addDirectoryRef(tenant.graph, teamId, 'owners', user, progress);
    return { id: userId, ids: { ...site(parentIds), teamId, userId } };
  },

  async update(resource, id, ids, changed, { tenant }) {
    if (!changed.includes('role')) return;
    const teamId = ids.teamId;
    if (!teamId) throw new Error('the team has no id');
    await tenant.graph.patch(`/teams/${teamId}/members/${id}`, {
      '@odata.type': '#microsoft.graph.aadUserConversationMember',
      roles: resource.props.role === 'owner' ? ['owner'] : [],
    });
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    const teamId = parentIds.teamId;
    if (!teamId) return [];
    const members = await membersOf(ctx, teamId);
    const facts = memberFacts(members, ctx.parentFacts);
    return Promise.all(
      members.map(async (m) => {
        const upn = m.userId ? await upnOf(ctx.tenant.graph, m.userId, ctx.memo) : (m.email ?? m.id).toLowerCase();
        return {
          address: teamMemberAddress(parent, upn),
          id: m.id,
          ids: { ...site(parentIds), teamId, membershipId: m.id, userId: m.userId ?? '' },
          facts,
          props: { upn, role: isOwner(m) ? 'owner' : 'member' },
        };
      }),
    );
  },

  async delete(_address, _before, id, ids, { tenant }) {
    const teamId = ids.teamId;
    if (!teamId) throw new Error('the team has no id');
    await tenant.graph.delete(`/teams/${teamId}/members/${id}`);
  },
};

