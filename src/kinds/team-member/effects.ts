/**
 * teamMember: one user's membership of a team, as owner or member, keyed by UPN. A team's members
 * are its group's members and its owners the group's owners, so the membership is read, added,
 * changed and removed on the group (../shared/group-roster.ts): read from `GET /groups/{id}/owners` (and
 * `/members` for a user who is not an owner), added with `POST /groups/{id}/members|owners/$ref`,
 * demoted or promoted by removing or adding the owner reference, removed by deleting both
 * references. The directory's write budget (3,000 per 150 s) is far wider than Teams' 4 member
 * additions per minute per team, which would make a department's team of 40 take ten minutes,
 * and its reads do not queue behind Teams' 30 calls a second. The membership's id is the user's
 * object id. Deleting a membership happens only when the blueprint prunes team members; removing
 * the team's last owner (or every owner, when the blueprint declares none) needs
 * `--allow-remove-last-owner` (rules.ts).
 */
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { addDirectoryRef, removeDirectoryRef } from '../shared/directory-lag.ts';
import { boundAsOwner, runMemoOf } from '../shared/run-memo.ts';
import { requireUserId, userIdOf } from '../shared/teams-common.ts';
import type { KindEffects } from '../kind-effects.ts';
import type { TeamFacts } from '../team/model.ts';
import { teamMemberAddress, type TeamMemberFacts } from './model.ts';
import { holds, rosterOf, type RosterEntry } from '../shared/group-roster.ts';

/** The team site's id, which the ownership ledger keys records by. */
function site(ids: ResourceIds): ResourceIds {
  return ids.siteId ? { siteId: ids.siteId } : {};
}

/** The membership's facts: its team's owner count, and the owners the blueprint declares for the team (the team's fact). */
function memberFacts(owners: readonly RosterEntry[], team: Partial<TeamFacts> | undefined): TeamMemberFacts {
  const declared = team?.declaredOwners;
  return { ownersCount: owners.length, ...(declared !== undefined ? { declaredOwners: declared } : {}) };
}

export const teamMemberEffects: KindEffects<'teamMember', TeamFacts> = {
  writesOutsideSharePoint: true,
  async read(resource, ctx): Promise<ObservedState<'teamMember'>> {
    const teamId = ctx.parentIds.teamId;
    if (!teamId) return { status: 'unknown', reason: 'the team has no id yet' };
    const graph = ctx.tenant.graph;
    const userId = await userIdOf(graph, resource.props.upn, ctx.memo);
    if (!userId) return { status: 'absent' };
    const owners = await rosterOf(graph, ctx.memo, teamId, 'owners');
    const owner = holds(owners, userId);
    if (!owner && !holds(await rosterOf(graph, ctx.memo, teamId, 'members'), userId)) return { status: 'absent' };
    return {
      status: 'present',
      id: userId,
      ids: { ...site(ctx.parentIds), teamId, userId },
      facts: memberFacts(owners, ctx.parentFacts),
      props: { upn: resource.props.upn, role: owner ? 'owner' : 'member' },
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

  async update(resource, id, ids, changed, { tenant, progress }) {
    if (!changed.includes('role')) return;
    const teamId = ids.teamId;
    if (!teamId) throw new Error('the team has no id');
    const userId = ids.userId ?? id;
    const user = tenant.graph.url(`/directoryObjects/${userId}`);
    // A member first, so that a demoted owner stays in the team.
    await addDirectoryRef(tenant.graph, teamId, 'members', user, progress);
    if (resource.props.role === 'owner') await addDirectoryRef(tenant.graph, teamId, 'owners', user, progress);
    else await removeDirectoryRef(tenant.graph, teamId, 'owners', userId);
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    const teamId = parentIds.teamId;
    if (!teamId) return [];
    const graph = ctx.tenant.graph;
    const [owners, members] = await Promise.all([rosterOf(graph, ctx.memo, teamId, 'owners'), rosterOf(graph, ctx.memo, teamId, 'members')]);
    const facts = memberFacts(owners, ctx.parentFacts);
    const everyone = new Map<string, RosterEntry>();
    for (const e of [...owners, ...members]) if (!everyone.has(e.id.toLowerCase())) everyone.set(e.id.toLowerCase(), e);
    return [...everyone.values()].map((e) => {
      const upn = (e.userPrincipalName ?? e.id).toLowerCase();
      return {
        address: teamMemberAddress(parent, upn),
        id: e.id,
        ids: { ...site(parentIds), teamId, userId: e.id },
        facts,
        props: { upn, role: holds(owners, e.id) ? 'owner' : 'member' },
      };
    });
  },

  async delete(_address, _before, id, ids, { tenant }) {
    const teamId = ids.teamId;
    if (!teamId) throw new Error('the team has no id');
    const userId = ids.userId ?? id;
    await removeDirectoryRef(tenant.graph, teamId, 'owners', userId);
    await removeDirectoryRef(tenant.graph, teamId, 'members', userId);
  },
};
