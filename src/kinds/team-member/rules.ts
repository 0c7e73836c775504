/**
 * The pure rules of a team membership: keyed by UPN; removing or demoting the team's last owner
 * (or any owner when the blueprint declares none) needs allow-remove-last-owner.
 */
import type { Change, Destructive } from '../../model/change.ts';
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { teamMemberDeclaration, type TeamMemberFacts } from './model.ts';

export const teamMemberRules: KindRules<'teamMember'> = {
  kind: teamMemberDeclaration.kind,
  api: 'Graph /groups/{id}/owners|members (read); /groups/{id}/members|owners/$ref (add, remove)',
  identity: ['upn'],
  parentKinds: teamMemberDeclaration.parentKinds,
  createOnly: [],
  destructive(change) {
    return lastOwnerRisk(change);
  },
  principals(p) {
    return namedUsers(`team ${p.role}`, [p.upn]);
  },
};

/**
 * Pure: whether a change can leave the team without an owner. A removed (or demoted) owner is
 * flagged when it is the only owner the team has, or when the blueprint declares no owner for the
 * team (so pruning would remove every owner). It reads the membership's facts (`TeamMemberFacts`:
 * the team's owner count as read, the owners the blueprint declares); without them the owner
 * count is unknown, which is treated as the last owner (the stricter reading).
 */
export function lastOwnerRisk(change: Change): Destructive | undefined {
  if (change.action !== 'delete' && change.action !== 'update' && change.action !== 'replace') return undefined;
  const before = change.before as { role?: string; upn?: string };
  const facts = (change.facts ?? {}) as Partial<TeamMemberFacts>;
  const wasOwner = change.action === 'update' ? change.changes.some((c) => c.name === 'role' && c.before === 'owner' && c.after !== 'owner') : before.role === 'owner';
  if (!wasOwner) return undefined;
  const owners = facts.ownersCount;
  const declared = facts.declaredOwners;
  const who = change.address.replace(/^.*\/member\[(.*)\]$/, '$1');
  if (owners === undefined) return { flag: 'allow-remove-last-owner', reason: `${who} may be the team's last owner (its owners were not counted)` };
  // The service refuses it even with the flag ("the last owner ... cannot be removed"): say so, so
  // that a plan shown every night says what to change in the blueprint, not only which flag to pass.
  if (owners <= 1) return { flag: 'allow-remove-last-owner', reason: `${who} is the team's last owner, and a Microsoft 365 group keeps its last owner: declare another owner for the team first` };
  if (declared === 0 && change.action === 'delete') {
    return { flag: 'allow-remove-last-owner', reason: `the blueprint declares no owner for this team, so removing ${who} may leave it without one` };
  }
  return undefined;
}
