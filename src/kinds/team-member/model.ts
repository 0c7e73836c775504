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

/**
 * A membership's facts (src/model/facts.ts), for the last-owner rule (rules.ts): how many owners
 * its team had when it was read, and how many the blueprint declares for the team (the team's
 * fact, absent when the team could not tell it).
 */
export type TeamMemberFacts = { ownersCount: number; declaredOwners?: number };

/** Address of one user's membership of a team, keyed by UPN (lower case). */
export function teamMemberAddress(team: Address, upn: string): Address {
  return `${team}/member[${upn.toLowerCase()}]`;
}

/** A membership lives in a team; members the engine added can be pruned. */
export const teamMemberDeclaration = declareKind<TeamMemberProps, TeamMemberFacts>()('teamMember', { prunable: true, parentKinds: ['team'] });
