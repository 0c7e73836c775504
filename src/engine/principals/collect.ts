/**
 * The people a blueprint names, found in its expanded resources (pure): owners of team sites
 * and teams, a communication site's owner, site group owners and members, role assignment
 * principals that are users, team members and private/shared channel owners and members. Each
 * reference keeps its resource's address and blueprint position, so that a missing user is
 * reported where it was written.
 */
import type { AnyDesiredResource, SourceSpan } from '../../model/resources.ts';

/** One place where the blueprint names a user by user principal name. */
export interface PrincipalRef {
  upn: string;
  /** What the user is there, e.g. `owner`, `member`, `role assignment principal`. */
  role: string;
  address: string;
  source?: SourceSpan;
}

/** A site group's owner or a role assignment's principal is a user only when it holds an @ (else it is a group name). */
const isUser = (name: string): boolean => name.includes('@');

function refsOf(r: AnyDesiredResource): Array<{ upn: string; role: string }> {
  const out: Array<{ upn: string; role: string }> = [];
  const add = (role: string, upns: readonly string[] | undefined) => {
    for (const upn of upns ?? []) out.push({ upn, role });
  };
  switch (r.kind) {
    case 'teamSite':
      add('owner', r.props.owners);
      break;
    case 'commSite':
      add('owner', r.props.owner ? [r.props.owner] : []);
      break;
    case 'team':
      add('team owner', r.props.owners);
      break;
    case 'teamMember':
      add(`team ${r.props.role}`, [r.props.upn]);
      break;
    case 'channel':
      add('channel owner', r.props.owners);
      add('channel member', r.props.members);
      break;
    case 'siteGroup':
      if (r.props.owner && isUser(r.props.owner)) add('group owner', [r.props.owner]);
      add('group member', r.props.members);
      add('group member', r.props.exactMembers);
      break;
    case 'roleAssignment':
      if (isUser(r.props.principal)) add('role assignment principal', [r.props.principal]);
      break;
    default:
      break;
  }
  return out;
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
