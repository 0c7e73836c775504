/**
 * How the engine lives with the directory's eventual consistency (Microsoft Entra replicates a
 * write asynchronously: "Designing for Eventual Consistency for Microsoft Entra"). For a while
 * after a group is created:
 * - `$filter` lookups by its mailNickname may miss it (its natural key finds nothing);
 * - `GET /groups/{id}` may answer 404;
 * - adding a member or owner reference may answer 404 `Request_ResourceNotFound` or 400 "The
 *   source resource object or one of the objects being referenced do not exist." (the note on
 *   Graph's "Add members"), which added nothing.
 * Contract: every wait here is bounded (engine time, src/time) and backs off from 1 s to 15 s;
 * after the bound the last answer stands.
 */
import { isConflict, isNotFound } from '../../model/tenant-error.ts';
import type { GraphFace } from '../../tenant/graph-client.ts';
import { pause, realMs } from '../../time/engine-time.ts';

/** How long a reference add to a new group is retried while it is refused as not replicated. */
export const REFERENCE_WAIT_MS = 5 * 60_000;

/**
 * How long the natural-key lookup of a group may miss one that was created (Microsoft: "typically
 * brief"; minutes in the tail): after an ambiguous create, and after the service said the name is
 * taken (proof that the group exists, so it is worth waiting longer for).
 */
export const GROUP_LOOKUP_LAG = { afterAmbiguousMs: 20_000, afterConflictMs: 5 * 60_000 };

/** How long a group the ownership ledger recorded is looked for by id before it counts as gone. */
export const RECORDED_GROUP_WAIT_MS = 15_000;

/** The service's answers meaning "this group has not replicated here yet" (nothing was changed). */
export function isNotReplicated(error: unknown): boolean {
  // the service-error parser classifies both the 404 and Entra's 400 "objects being referenced
  // do not exist" as not found (src/tenant/service-error.ts)
  return isNotFound(error);
}

/**
 * Calls `attempt` until it returns something other than `undefined`, backing off from 1 s to
 * 15 s, for at most `boundMs` (engine time); then gives the last `undefined`. `waiting` is told
 * before each pause.
 */
export async function retryWithin<T>(boundMs: number, attempt: () => Promise<T | undefined>, waiting: (nextMs: number) => void = () => {}): Promise<T | undefined> {
  const deadline = Date.now() + realMs(boundMs);
  for (let wait = 1000; ; wait = Math.min(15_000, wait * 2)) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() + realMs(wait) > deadline) return undefined;
    waiting(wait);
    await pause(wait);
  }
}

/**
 * Adds a member or owner reference to a group (`POST /groups/{id}/members|owners/$ref`). A
 * reference already there is what was wanted. While the group is not replicated the add is
 * retried (bounded by REFERENCE_WAIT_MS); after that the last refusal is thrown.
 */
export async function addDirectoryRef(graph: GraphFace, groupId: string, kind: 'members' | 'owners', objectUrl: string, progress: (message: string) => void = () => {}): Promise<void> {
  let last: unknown;
  const done = await retryWithin(
    REFERENCE_WAIT_MS,
    async () => {
      try {
        await graph.post(`/groups/${groupId}/${kind}/$ref`, { '@odata.id': objectUrl });
        return true;
      } catch (error) {
        if (isConflict(error)) return true;
        if (!isNotReplicated(error)) throw error;
        last = error;
        return undefined;
      }
    },
    (ms) => progress(`group ${groupId} does not accept ${kind} yet (the directory is replicating it); trying again in ${Math.round(ms / 1000)} s`),
  );
  if (!done) throw last;
}

/**
 * Removes a member or owner reference from a group (`DELETE /groups/{id}/members|owners/{id}/$ref`).
 * A reference that is not there (404) is what was wanted.
 */
export async function removeDirectoryRef(graph: GraphFace, groupId: string, kind: 'members' | 'owners', objectId: string): Promise<void> {
  try {
    await graph.delete(`/groups/${groupId}/${kind}/${objectId}/$ref`);
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}
