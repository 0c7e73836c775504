/**
 * Shared pieces of the Microsoft Teams kinds' effects (teamSite, teamMember, channel): the Graph
 * conversationMember shape, and user lookups (UPN <-> object id) memoised per read or per apply
 * run (`runMemoOf`), which can start with the users a command already looked up (`knownUserEntries`).
 */
import type { GraphFace } from '../../tenant/graph-client.ts';

/** A conversationMember (aadUserConversationMember) as Graph returns it for teams and channels. */
export interface GraphConversationMember {
  id: string;
  roles?: string[];
  userId?: string;
  email?: string | null;
  displayName?: string | null;
}

/** The body of a member to add to a team or channel. */
export function memberBody(graph: GraphFace, userId: string, owner: boolean): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.aadUserConversationMember',
    roles: owner ? ['owner'] : [],
    'user@odata.bind': graph.url(`/users('${userId}')`),
  };
}

export function isOwner(m: GraphConversationMember): boolean {
  return (m.roles ?? []).some((r) => r.toLowerCase() === 'owner');
}

type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;
const noMemo: Memo = (_key, load) => load();

const idKey = (upn: string) => `user:${upn.toLowerCase()}`;
const upnKey = (userId: string) => `upn:${userId}`;

/** Users already looked up in the directory: user principal name (lower case) -> object id. */
export type KnownUsers = ReadonlyMap<string, string>;

/**
 * The answers of the lookups below for users already looked up (the plan's principal check), as
 * entries of a read's or a run's memo, so that each user costs one directory read a command, not
 * one for the check and another for the read or the run.
 */
export function knownUserEntries(known: KnownUsers): Map<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const [upn, id] of known) {
    const user = { id, userPrincipalName: upn };
    entries.set(idKey(upn), user);
    entries.set(upnKey(id), user);
  }
  return entries;
}

/** The object id of a user by UPN; `undefined` when the directory has no such user. */
export async function userIdOf(graph: GraphFace, upn: string, memo: Memo = noMemo): Promise<string | undefined> {
  const user = await memo(idKey(upn), () =>
    graph.find<{ id: string }>(`/users/${encodeURIComponent(upn)}?$select=id,userPrincipalName`),
  );
  return user?.id;
}

/** Like `userIdOf`, but a missing user is an error naming the UPN (as the `role` it was named for). */
export async function requireUserId(graph: GraphFace, upn: string, memo: Memo = noMemo, role = 'user'): Promise<string> {
  const id = await userIdOf(graph, upn, memo);
  if (!id) throw new Error(`${role} ${upn} does not exist in the tenant's directory`);
  return id;
}

/** The UPN of a user by object id (lower case), or the id itself when the user cannot be read. */
export async function upnOf(graph: GraphFace, userId: string, memo: Memo = noMemo): Promise<string> {
  const user = await memo(upnKey(userId), () => graph.find<{ userPrincipalName?: string }>(`/users/${userId}?$select=id,userPrincipalName`));
  return (user?.userPrincipalName ?? userId).toLowerCase();
}
