/**
 * The pure rules of a communication site: its URL is the identity, its language and owner are
 * used at creation only; deleting one needs allow-delete-sites.
 */
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { commSiteDeclaration } from './model.ts';

export const commSiteRules: KindRules<'commSite'> = {
  kind: commSiteDeclaration.kind,
  api: 'SharePoint REST _api/SPSiteManager, _api/web; Graph /sites',
  identity: ['url'],
  createOnly: ['lcid', 'owner'],
  destructive(change) {
    if (change.action === 'delete') return { flag: 'allow-delete-sites', reason: 'deleting a site deletes every page, file and list in it' };
    return undefined;
  },
  principals(p) {
    return namedUsers('owner', p.owner ? [p.owner] : []);
  },
};
