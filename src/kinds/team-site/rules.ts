/**
 * The pure rules of a team site: its mailNickname and URL are the identity; the stated owners
 * must be owners (others may be too, nothing is removed); deleting one needs allow-delete-sites,
 * and making a private one public needs allow-wider-sharing (everyone in the organisation may
 * then find and join the team and read its files and conversations).
 */
import type { Change, Destructive } from '../../model/change.ts';
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { teamSiteDeclaration } from './model.ts';

export const teamSiteRules: KindRules<'teamSite'> = {
  kind: teamSiteDeclaration.kind,
  api: 'Graph /groups, /groups/{id}/owners, /groups/{id}/sites/root, /sites/{host}:{path} (for a site not found, the first few of a plan); tenant admin CSOM Tenant.GetDeletedSitePropertiesByUrl (the recycle bin at the URL, the first few of a plan), Tenant.GetSitePropertiesFromSharePointByFilters and Tenant.GetDeletedSitePropertiesFromSharePoint (the live sites and the recycle bin, each listed once for the rest)',
  identity: ['mailNickname', 'url'],
  createOnly: [],
  lowerBoundLists: ['owners'],
  destructive(change) {
    if (change.action === 'delete') return { flag: 'allow-delete-sites', reason: 'deleting a team site deletes its group, its team and every file, list and conversation in it' };
    return madePublic(change);
  },
  principals(p) {
    return namedUsers('owner', p.owners);
  },
};

/**
 * Pure: an update or replace that makes a private group public. Graph reads an empty visibility
 * as Public, so only a stated `Private` before counts; a new group has no content to expose.
 */
export function madePublic(change: Change): Destructive | undefined {
  if (change.action !== 'update' && change.action !== 'replace') return undefined;
  if (change.before.visibility !== 'Private' || change.after.visibility !== 'Public') return undefined;
  return {
    flag: 'allow-wider-sharing',
    reason: 'makes the private group public: everyone in the organisation can then find and join the team and read its files and conversations',
  };
}
