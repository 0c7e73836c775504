/**
 * The pure rules of a channel: keyed by display name; stated owners and members must be there
 * (others may be too); a change of membership type is a replace; deleting a private or shared
 * channel takes its own site (needs allow-delete-sites), deleting a standard one its conversations
 * (needs allow-delete-content: whether it has any is not readable app-only without a protected
 * API, so every one counts).
 */
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { channelDeclaration } from './model.ts';

export const channelRules: KindRules<'channel'> = {
  kind: channelDeclaration.kind,
  api: 'Graph /teams/{id}/channels, /teams/{id}/channels/{id}/members',
  identity: ['displayName'],
  parentKinds: channelDeclaration.parentKinds,
  createOnly: [],
  lowerBoundLists: ['owners', 'members'],
  replaceReason(desired, observed) {
    if (desired.membershipType !== undefined && observed.membershipType !== undefined && desired.membershipType !== observed.membershipType) {
      return `a channel's membershipType cannot change in place (${observed.membershipType} -> ${desired.membershipType}): Graph refuses it, so the channel is deleted, with its conversations and files, and created again`;
    }
    return undefined;
  },
  destructive(change) {
    // A private or shared channel has its own SharePoint site, which goes with it.
    if (change.action !== 'delete' && change.action !== 'replace') return undefined;
    const type = (change.before as { membershipType?: string }).membershipType;
    if (type === 'private' || type === 'shared') {
      return { flag: 'allow-delete-sites', reason: `the ${type} channel's own SharePoint site and its files are deleted with it` };
    }
    return { flag: 'allow-delete-content', reason: "the channel's conversations are deleted with it (its files stay in the team's library)" };
  },
  principals(p) {
    return [...namedUsers('channel owner', p.owners), ...namedUsers('channel member', p.members)];
  },
};
