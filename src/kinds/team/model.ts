/**
 * team: the Microsoft Teams team of a group-connected team site (`site[/sites/x]/team`). Its
 * props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** The team's settings groups as Graph names them. */
export const TEAM_SETTINGS = ['memberSettings', 'guestSettings', 'messagingSettings', 'funSettings'] as const;

/** Team settings as Graph names them; each stated sub-property is compared on its own. */
export type TeamSettings = Record<string, boolean | string>;

export interface TeamProps {
  /** Server-relative URL of the team's group site: the identity (one team per group). */
  siteUrl: string;
  memberSettings?: TeamSettings;
  guestSettings?: TeamSettings;
  messagingSettings?: TeamSettings;
  funSettings?: TeamSettings;
  /**
   * UPNs that own the team when it is created (Graph needs one owner for an app-made team).
   * Create-only here: membership afterwards is the `teamMember` kind's.
   */
  owners?: string[];
}

/**
 * The team's facts (src/model/facts.ts), for its members' last-owner rule: how many owners the
 * blueprint declares for it (the site's and the team's `owners:`).
 */
export type TeamFacts = { declaredOwners: number };

/** Address of the team of a group-connected site: `site[/sites/x]/team`. */
export function teamAddress(site: Address): Address {
  return `${site}/team`;
}

/** A team lives in a team site; it is never pruned (it goes with its site). */
export const teamDeclaration = declareKind<TeamProps, TeamFacts>()('team', { prunable: false, parentKinds: ['teamSite'] });
