/**
 * teamMember: one user's membership of a team, owner or member (`…/team/member[upn]`). Its
 * props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

export interface TeamMemberProps {
  /** User principal name: the identity within the team. */
  upn: string;
  role: 'owner' | 'member';
}

/** Address of one user's membership of a team, keyed by UPN (lower case). */
export function teamMemberAddress(team: Address, upn: string): Address {
  return `${team}/member[${upn.toLowerCase()}]`;
}

/** A membership lives in a team; members the engine added can be pruned. */
export const teamMemberDeclaration = declareKind<TeamMemberProps>()('teamMember', { prunable: true, parentKinds: ['team'] });
