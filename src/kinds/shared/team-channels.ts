/**
 * A team's channels as one read (`GET /teams/{id}/channels`), kept in the read memo: the channels
 * find themselves in it, and the team, when the blueprint states none of its settings, learns from
 * it that it exists (the collection answers 404 for a group without a team, as `GET /teams/{id}`
 * does), so a plan reads one Teams call a team instead of two (issue 12: Teams' 30 calls a second
 * bound a plan's real time).
 */
import type { ReadContext } from '../kind-effects.ts';

/** A channel as Graph lists it (the fields the engine reads). */
export interface GraphChannel {
  id: string;
  displayName: string;
  description?: string | null;
  membershipType?: string | null;
}

/**
 * What the read asks for: the fields above. Microsoft: "Populating the email and moderationSettings
 * properties for a channel is an expensive operation that results in slow performance. Use $select
 * to exclude" them (List channels, List allChannels).
 */
const CHANNEL_SELECT = '$select=id,displayName,description,membershipType';

/** The team's channels, read once per read of the tenant; rejects (404) when the team does not exist. */
export function channelsOf(ctx: Pick<ReadContext, 'memo' | 'tenant'>, teamId: string): Promise<GraphChannel[]> {
  return ctx.memo(`channels:${teamId}`, () => ctx.tenant.graph.list<GraphChannel>(`/teams/${teamId}/channels?${CHANNEL_SELECT}`));
}
