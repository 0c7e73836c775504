/**
 * The people a blueprint names, found in its expanded resources (pure): what each kind's rules
 * say its resources name (`KindRules.principals`: owners of team sites and teams, a
 * communication site's owner, site group owners and members, role assignment principals that
 * are users, team members and channel owners and members). Each reference keeps its resource's
 * address and blueprint position, so that a missing user is reported where it was written.
 */
import type { AnyDesiredResource, SourceSpan } from '../../model/resources.ts';
import { rulesOf } from '../../kinds/kind-rules.ts';
import { PURE_KIND_RULES } from '../../kinds/pure.ts';

/** One place where the blueprint names a user by user principal name. */
export interface PrincipalRef {
  upn: string;
  /** What the user is there, e.g. `owner`, `member`, `role assignment principal`. */
  role: string;
  address: string;
  source?: SourceSpan;
}

/** The users a resource names, as its kind's rules say (`KindRules.principals`). */
function refsOf(r: AnyDesiredResource): Array<{ upn: string; role: string }> {
  return rulesOf(PURE_KIND_RULES, r.kind).principals?.(r.props as unknown as Record<string, unknown>) ?? [];
}

/** Every user reference of the resources, in blueprint order. */
export function principalRefs(resources: readonly AnyDesiredResource[]): PrincipalRef[] {
  return resources.flatMap((r) => refsOf(r).map((x) => ({ ...x, address: r.address, ...(r.source ? { source: r.source } : {}) })));
}

/** The distinct UPNs of the references (compared case-insensitively, as the directory does), first spelling kept. */
export function distinctUpns(refs: readonly PrincipalRef[]): string[] {
  const seen = new Map<string, string>();
  for (const r of refs) if (!seen.has(r.upn.toLowerCase())) seen.set(r.upn.toLowerCase(), r.upn);
  return [...seen.values()];
}
