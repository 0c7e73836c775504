/**
 * A group's roster: its owners and members (`GET /groups/{id}/owners|members?$select=id,
 * userPrincipalName`), each read once per read of the tenant (the read memo, shared by the team
 * site, which reads the owners with its group, and the team's members) and only when needed: the
 * members only for a user who is not an owner.
 *
 * Why the group and not `GET /teams/{id}/members`: the engine writes memberships through the
 * group (`$ref`), which is what a team's roster mirrors, so the group is where the engine's own
 * writes show first; and a read of the directory spends Entra's budget, not Teams' window of 30
 * calls a second, which bounds a plan's real time (issue 12).
 */
import type { GraphFace } from '../../tenant/graph-client.ts';

/** A directory object in a group's owners or members (users carry their UPN). */
export interface RosterEntry {
  id: string;
  userPrincipalName?: string | null;
}

type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

/** The group's owners or members: `kind` is the reference property. */
export function rosterOf(graph: GraphFace, memo: Memo, groupId: string, kind: 'owners' | 'members', known?: readonly RosterEntry[]): Promise<RosterEntry[]> {
  return memo(`group-${kind}:${groupId}`, () => (known ? Promise.resolve([...known]) : graph.list<RosterEntry>(`/groups/${groupId}/${kind}?$select=${ROSTER_FIELDS}`)));
}

/** What a roster entry is read with (also inside a group's `$expand=owners(...)`). */
export const ROSTER_FIELDS = 'id,userPrincipalName';

/** Whether `userId` is among `entries` (object ids compare case-insensitively). */
export function holds(entries: readonly RosterEntry[], userId: string): boolean {
  const id = userId.toLowerCase();
  return entries.some((e) => e.id.toLowerCase() === id);
}
