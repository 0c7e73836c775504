/**
 * The pure rules of a channel: keyed by display name; stated owners and members must be there
 * (others may be too); a change of membership type is planned and not applied (`notApplied`:
 * Graph refuses it in place, and a deleted channel holds its name, so it cannot be made again
 * under it); deleting a private or shared channel takes its own site (needs allow-delete-sites),
 * deleting a standard one its conversations (needs allow-delete-content: whether it has any is
 * not readable app-only without a protected API, so every one counts).
 */
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { channelDeclaration } from './model.ts';

/** Why a channel's membershipType is not changed. */
export const MEMBERSHIP_TYPE_REASON =
  "a channel's membershipType cannot change: Graph refuses it in place, and a deleted channel stays restorable for 30 days with its name taken in the team (NameAlreadyExists), so it cannot be deleted and made again under that name; declare a channel of the new type under another name (prune: [channel] removes this one)";

export const channelRules: KindRules<'channel'> = {
  kind: channelDeclaration.kind,
  api: 'Graph /teams/{id}/channels, /teams/{id}/channels/{id}/members',
  identity: ['displayName'],
  parentKinds: channelDeclaration.parentKinds,
  createOnly: [],
  lowerBoundLists: ['owners', 'members'],
  // names compare case-insensitively: a case-only rename is the same channel, renamed
  renamable: ['displayName'],
  notApplied(change) {
    if (change.action !== 'update' || !change.changes.some((d) => d.name === 'membershipType')) return undefined;
    // a standard channel has no members of its own to add
    const roster = change.before.membershipType === 'standard' ? change.changes.filter((d) => d.name === 'owners' || d.name === 'members').map((d) => d.name) : [];
    return { props: ['membershipType', ...roster], reason: MEMBERSHIP_TYPE_REASON };
  },
  destructive(change) {
    // A private or shared channel has its own SharePoint site, which goes with it. (A channel is
    // never replaced: see notApplied.)
    // A deleted channel stays restorable for 30 days and holds its name meanwhile (Graph lists no
    // deleted channels, so a later plan cannot see it): said here, where the delete is consented to.
    if (change.action !== 'delete') return undefined;
    const held = `; Teams keeps it restorable for 30 days, and until then no channel of the team can take the name '${String(change.before.displayName ?? '')}'`;
    const type = change.before.membershipType;
    if (type === 'private' || type === 'shared') {
      return { flag: 'allow-delete-sites', reason: `the ${type} channel's own SharePoint site and its files are deleted with it${held}` };
    }
    return { flag: 'allow-delete-content', reason: `the channel's conversations are deleted with it (its files stay in the team's library)${held}` };
  },
  principals(p) {
    return [...namedUsers('channel owner', p.owners), ...namedUsers('channel member', p.members)];
  },
};
