/**
 * The pure rules of a communication site: its URL is the identity, its owner is used at creation
 * only; its language is compared but never written (a site's language cannot change: a change is
 * planned and not applied); deleting one needs allow-delete-sites.
 */
import { namedUsers } from '../../model/principal.ts';
import type { KindRules } from '../kind-rules.ts';
import { commSiteDeclaration } from './model.ts';

export const commSiteRules: KindRules<'commSite'> = {
  kind: commSiteDeclaration.kind,
  api: 'SharePoint REST _api/SPSiteManager, _api/web; Graph /sites; tenant admin CSOM Tenant.GetDeletedSitePropertiesByUrl (the recycle bin, for a site not found)',
  identity: ['url'],
  createOnly: ['owner'],
  notApplied(change) {
    if (change.action !== 'update' || !change.changes.some((d) => d.name === 'lcid')) return undefined;
    return { props: ['lcid'], reason: "a site's language is chosen when the site is made and cannot change: state the site's own, or make a new site in the language" };
  },
  destructive(change) {
    if (change.action === 'delete') return { flag: 'allow-delete-sites', reason: 'deleting a site deletes every page, file and list in it' };
    return undefined;
  },
  principals(p) {
    return namedUsers('owner', p.owner ? [p.owner] : []);
  },
};
