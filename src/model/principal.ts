/**
 * The users a desired resource names by user principal name, and how a principal names an Entra
 * group (pure). Each kind's rules say which
 * of its props name users (`KindRules.principals`), so that the engine checks those users exist
 * before an apply, wherever a new kind names them (src/engine/principals/).
 */

/** One user a resource names, and what the user is there (`owner`, `role assignment principal`). */
export interface NamedUser {
  upn: string;
  role: string;
}

/** How a role assignment names an Entra group: `entra:<display name or object id>`. */
export const ENTRA_GROUP_PREFIX = 'entra:';

/** The Entra group a principal names (`entra:Bygglov handläggare` -> `Bygglov handläggare`), or undefined. */
export function entraGroupRef(name: string): string | undefined {
  return name.toLowerCase().startsWith(ENTRA_GROUP_PREFIX) ? name.slice(ENTRA_GROUP_PREFIX.length).trim() : undefined;
}

/**
 * A site group's owner or a role assignment's principal is a user only when it holds an @ (else
 * it is a group name), and is not an Entra group (`entra:…`).
 */
export function isUserName(name: string): boolean {
  return name.includes('@') && entraGroupRef(name) === undefined;
}

/** The users of a list of UPNs, all in one role, in order. */
export function namedUsers(role: string, upns: readonly string[] | undefined): NamedUser[] {
  return (upns ?? []).map((upn) => ({ upn, role }));
}
