/**
 * The pure rules of a SharePoint site group: its name is the identity (renamable in case only,
 * as every SharePoint name); `members` is a lower bound, `exactMembers` a set, the owner a name,
 * all compared case-insensitively.
 */
import { sameText } from '../../model/same-set.ts';
import { isUserName, namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { siteGroupDeclaration } from './model.ts';

export const siteGroupRules: KindRules<'siteGroup'> = {
  kind: siteGroupDeclaration.kind,
  api: 'SharePoint REST _api/web/sitegroups',
  identity: ['name'],
  createOnly: [],
  renamable: ['name'],
  lowerBoundLists: ['members'],
  nameSets: ['exactMembers'],
  parentKinds: siteGroupDeclaration.parentKinds,
  same(name, desired, observed) {
    if (name === 'owner') return sameText(desired, observed);
    return undefined;
  },
  // the owner is a user only when it holds an @ (else it is a group); members are users, or Entra
  // groups (`entra:…`, found by the read, not the user check)
  principals(p) {
    const users = (list?: string[]) => list?.filter(isUserName);
    return [...namedUsers('group owner', p.owner && isUserName(p.owner) ? [p.owner] : []), ...namedUsers('group member', users(p.members)), ...namedUsers('group member', users(p.exactMembers))];
  },
};
