/**
 * channel: a standard, private or shared channel of a team (`…/team/channel[displayName]`). Its
 * props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** The channel every team has; it is never created nor deleted. */
export const GENERAL_CHANNEL = 'General';

export interface ChannelProps {
  /** Display name: the identity within the team (`General` is the team's default channel). */
  displayName: string;
  description?: string;
  /** standard, private or shared. Cannot change in place: a change is a replace. */
  membershipType?: 'standard' | 'private' | 'shared';
  /** private/shared only: UPNs that must be owners of the channel (others may be too). */
  owners?: string[];
  /** private/shared only: UPNs that must be members of the channel (others may be too). */
  members?: string[];
}

/** Address of a channel of a team, keyed by its display name. */
export function channelAddress(team: Address, displayName: string): Address {
  return `${team}/channel[${displayName}]`;
}

/** A channel lives in a team and can be pruned (never `General`). */
export const channelDeclaration = declareKind<ChannelProps>()('channel', { prunable: true, parentKinds: ['team'] });
