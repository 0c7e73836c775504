/**
 * The directory's limits on a group's links, shared by the directory routes (group-writes.ts) and
 * the Teams routes (channels.ts): how many owners a group may have, and how many links one
 * request may change.
 */
import { GraphError } from './errors.ts';

/** A group's owners: "Limited to 100 owners" (Graph, the group's `owners`). */
export const MAX_GROUP_OWNERS = 100;

/**
 * Refuses a change that would give a group more than MAX_GROUP_OWNERS owners (400; the message is
 * the local tenant's own: no answer of the service's for it was found). `code` is the route's
 * error code (`Request_BadRequest` on the directory, `BadRequest` on Teams).
 */
export function checkOwnerCount(owners: readonly string[], code = 'Request_BadRequest'): void {
  if (owners.length > MAX_GROUP_OWNERS) throw new GraphError(400, code, `A group can have at most ${MAX_GROUP_OWNERS} owners; this change would give it ${owners.length}.`);
}

/**
 * A request may change at most 20 of a group's links, owners and members together ("A maximum
 * of 20 relationships, such as owners and members, can be added as part of group creation",
 * Create group; one owner and twenty members are refused with this message:
 * microsoftgraph/microsoft-graph-docs#6016). A user bound as owner and as member is two links.
 */
export function checkLinkChanges(b: Record<string, unknown>): void {
  const count = (key: string) => (Array.isArray(b[key]) ? (b[key] as unknown[]).length : 0);
  if (count('owners@odata.bind') + count('members@odata.bind') > 20) throw new GraphError(400, 'Request_BadRequest', 'A resource cannot contain more than 20 link changes.');
}
