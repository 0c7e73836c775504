/**
 * The pure rules of a team site: its mailNickname and URL are the identity; the stated owners
 * must be owners (others may be too, nothing is removed); deleting one needs allow-delete-sites.
 */
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { teamSiteDeclaration } from './model.ts';

export const teamSiteRules: KindRules<'teamSite'> = {
  kind: teamSiteDeclaration.kind,
  api: 'Graph /groups, /groups/{id}/owners, /groups/{id}/sites/root',
  identity: ['mailNickname', 'url'],
  createOnly: [],
  lowerBoundLists: ['owners'],
  destructive(change) {
    if (change.action === 'delete') return { flag: 'allow-delete-sites', reason: 'deleting a team site deletes its group, its team and every file, list and conversation in it' };
    return undefined;
  },
  principals(p) {
    return namedUsers('owner', p.owners);
  },
};
