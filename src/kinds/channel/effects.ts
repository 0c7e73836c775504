/**
 * channel: a standard, private or shared channel of a team, keyed by display name. Read and
 * written through Graph `/teams/{id}/channels` (a private or shared channel's own members through
 * `/teams/{id}/channels/{id}/members`). The description is updated in place (a change of the
 * membership type is a replace: rules.ts). `General` exists on every team
 * and is never created nor deleted. Stated owners and members of a private or shared channel must
 * be there; others may be too (nothing is removed from a channel's membership). A shared channel
 * is created with its first owner alone and a private one with at most 200 people, as Graph takes
 * them; the rest are added right after.
 */
import type { ExistingResource, ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import { TenantError } from '../../model/tenant-error.ts';
import { isOwner, memberBody, requireUserId, upnOf, type GraphConversationMember } from '../shared/teams-common.ts';
import { runMemoOf } from '../shared/run-memo.ts';
import { waitUntil } from '../shared/wait-until.ts';
import type { KindEffects, WriteContext } from '../kind-effects.ts';
import { channelAddress, GENERAL_CHANNEL, type ChannelProps } from './model.ts';
import { channelsOf, type GraphChannel } from '../shared/team-channels.ts';

function isGeneral(displayName: string): boolean {
  return displayName.toLowerCase() === GENERAL_CHANNEL.toLowerCase();
}

export const channelEffects: KindEffects<'channel'> = {
  writesOutsideSharePoint: true,
  async read(resource, ctx): Promise<ObservedState<'channel'>> {
    const teamId = ctx.parentIds.teamId;
    if (!teamId) return { status: 'unknown', reason: 'the team has no id yet' };
    const channels = await channelsOf(ctx, teamId);
    const wanted = resource.props.displayName.toLowerCase();
    const ch = channels.find((c) => c.displayName.toLowerCase() === wanted);
    if (!ch) return { status: 'absent' };
    const p = resource.props;
    const props: Partial<ChannelProps> = {
      displayName: ch.displayName,
      description: ch.description ?? '',
      ...(ch.membershipType ? { membershipType: ch.membershipType as ChannelProps['membershipType'] } : {}),
    };
    if ((p.owners !== undefined || p.members !== undefined) && ch.membershipType && ch.membershipType !== 'standard') {
      const members = await ctx.tenant.graph.list<GraphConversationMember>(`/teams/${teamId}/channels/${encodeURIComponent(ch.id)}/members`);
      const upns = await Promise.all(members.map(async (m) => ({ upn: m.userId ? await upnOf(ctx.tenant.graph, m.userId, ctx.memo) : '', owner: isOwner(m) })));
      props.owners = upns.filter((u) => u.owner).map((u) => u.upn);
      props.members = upns.map((u) => u.upn);
    }
    return { status: 'present', id: ch.id, ids: channelIds(ctx.parentIds, ch.id), props };
  },

  async create(resource, ctx) {
    const { tenant, parentIds } = ctx;
    const users = runMemoOf(ctx);
    const teamId = parentIds.teamId;
    if (!teamId) throw new Error('the team has no id');
    const p = resource.props;
    if (isGeneral(p.displayName)) {
      // Every team has General (planned as a create only when the team itself is new): adopt it.
      const general = await tenant.graph.get<GraphChannel>(`/teams/${teamId}/primaryChannel`);
      if (p.description !== undefined && p.description !== (general.description ?? '')) {
        await tenant.graph.patch(`/teams/${teamId}/channels/${encodeURIComponent(general.id)}`, { description: p.description });
      }
      return { id: general.id, ids: channelIds(parentIds, general.id) };
    }
    const type = p.membershipType ?? 'standard';
    const body: Record<string, unknown> = { displayName: p.displayName, description: p.description ?? '', membershipType: type };
    // Graph takes a shared channel's first owner alone in its create (more owners: 400) and at most
    // 200 people in a private channel's; the rest are added once it exists (channel-post).
    const roster = type === 'standard' ? [] : rosterOf(p);
    const initial = roster.slice(0, type === 'shared' ? 1 : PRIVATE_CREATE_MEMBERS);
    if (type !== 'standard') body.members = await Promise.all(initial.map(async ([u, owner]) => memberBody(tenant.graph, await requireUserId(tenant.graph, u, users), owner)));
    const ch = await tenant.graph.post<GraphChannel>(`/teams/${teamId}/channels`, body).catch((error: unknown) => {
      throw nameHeld(error, p.displayName);
    });
    if (roster.length > initial.length) await addMissing(ctx, `/teams/${teamId}/channels/${encodeURIComponent(ch.id)}`, roster.slice(initial.length), []);
    if (type !== 'standard') {
      // A private or shared channel's files live in a site of its own, provisioned afterwards:
      // wait for its files folder (bounded), so that tabs on it can be made.
      await waitUntil(`the files folder of channel ${p.displayName}`, () => tenant.graph.find(`/teams/${teamId}/channels/${encodeURIComponent(ch.id)}/filesFolder`), {
        timeoutMs: 30 * 60_000,
      });
    }
    return { id: ch.id, ids: channelIds(parentIds, ch.id) };
  },

  async update(resource, id, ids, changed, ctx) {
    const { tenant } = ctx;
    const teamId = ids.teamId;
    if (!teamId) throw new Error('the team has no id');
    const p = resource.props;
    const base = `/teams/${teamId}/channels/${encodeURIComponent(id)}`;
    const patch = { ...(changed.includes('displayName') ? { displayName: p.displayName } : {}), ...(changed.includes('description') ? { description: p.description ?? '' } : {}) };
    if (Object.keys(patch).length > 0) await tenant.graph.patch(base, patch);
    if (changed.includes('owners') || changed.includes('members')) await addMissing(ctx, base, rosterOf(p), await tenant.graph.list<GraphConversationMember>(`${base}/members`));
  },

  async listExisting(parent, parentIds, ctx): Promise<ExistingResource[]> {
    const teamId = parentIds.teamId;
    if (!teamId) return [];
    const channels = await channelsOf(ctx, teamId);
    return channels
      .filter((c) => !isGeneral(c.displayName))
      .map((c) => ({
        address: channelAddress(parent, c.displayName),
        id: c.id,
        ids: channelIds(parentIds, c.id),
        props: { displayName: c.displayName, description: c.description ?? '', membershipType: c.membershipType ?? 'standard' },
      }));
  },

  async delete(address, before, id, ids, { tenant }) {
    const teamId = ids.teamId;
    if (!teamId) throw new Error('the team has no id');
    if (typeof before.displayName === 'string' && isGeneral(before.displayName)) throw new Error(`${address}: the General channel is never deleted`);
    await tenant.graph.delete(`/teams/${teamId}/channels/${encodeURIComponent(id)}`);
  },
};

/** People a private channel's create may carry (channel-post: "you can add a maximum of 200 members"). */
export const PRIVATE_CREATE_MEMBERS = 200;

/** A private or shared channel's stated people, owners first: [upn, owner]. */
function rosterOf(p: ChannelProps): [string, boolean][] {
  const owners = p.owners ?? [];
  const members = (p.members ?? []).filter((u) => !owners.some((o) => o.toLowerCase() === u.toLowerCase()));
  return [...owners.map((u) => [u, true] as [string, boolean]), ...members.map((u) => [u, false] as [string, boolean])];
}

/** Adds each of `roster` the channel `base` lacks (`members`: who is in it), and makes an owner one who is only a member. */
async function addMissing(ctx: Pick<WriteContext, 'tenant' | 'run'>, base: string, roster: readonly [string, boolean][], members: GraphConversationMember[]): Promise<void> {
  const { tenant } = ctx;
  for (const [upn, owner] of roster) {
    const userId = await requireUserId(tenant.graph, upn, runMemoOf(ctx));
    const m = members.find((x) => x.userId?.toLowerCase() === userId.toLowerCase());
    if (!m) {
      const added = await tenant.graph.post<GraphConversationMember>(`${base}/members`, memberBody(tenant.graph, userId, owner));
      members.push({ ...added, userId, roles: owner ? ['owner'] : [] });
    } else if (owner && !isOwner(m)) {
      await tenant.graph.patch(`${base}/members/${encodeURIComponent(m.id)}`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'] });
      m.roles = ['owner'];
    }
  }
}

function channelIds(parentIds: ResourceIds, channelId: string): ResourceIds {
  return {
    teamId: parentIds.teamId ?? '',
    channelId,
    ...(parentIds.siteId ? { siteId: parentIds.siteId } : {}),
    ...(parentIds.webUrl ? { webUrl: parentIds.webUrl } : {}),
  };
}

/** Graph's refusal of a name a channel deleted in the last 30 days still holds, with what to do. */
function nameHeld(error: unknown, name: string): unknown {
  if (!(error instanceof TenantError) || error.code !== 'NameAlreadyExists') return error;
  return new TenantError(error.status, error.code, `${error.message}: a channel named '${name}' was deleted from this team in the last 30 days and holds the name while it can be restored; restore it in Teams (Manage team, Channels, Deleted), or declare another name`, false);
}
