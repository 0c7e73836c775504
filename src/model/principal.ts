/**
 * The users a desired resource names by user principal name (pure). Each kind's rules say which
 * of its props name users (`KindRules.principals`), so that the engine checks those users exist
 * before an apply, wherever a new kind names them (src/engine/principals/).
 */

/** One user a resource names, and what the user is there (`owner`, `role assignment principal`). */
export interface NamedUser {
  upn: string;
  role: string;
}

/** A site group's owner or a role assignment's principal is a user only when it holds an @ (else it is a group name). */
export function isUserName(name: string): boolean {
  return name.includes('@');
}

/** The users of a list of UPNs, all in one role, in order. */
export function namedUsers(role: string, upns: readonly string[] | undefined): NamedUser[] {
  return (upns ?? []).map((upn) => ({ upn, role }));
}
