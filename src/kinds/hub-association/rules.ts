/** The pure rules of a hub association: one per site; the hub's URL compares case-insensitively; no consent needed. */
import { sameText } from '../../model/same-set.ts';
import type { KindRules } from '../kind-rules.ts';
import { hubAssociationDeclaration } from './model.ts';

export const hubAssociationRules: KindRules<'hubAssociation'> = {
  kind: hubAssociationDeclaration.kind,
  api: "SharePoint REST _api/site/JoinHubSite; _api/HubSites",
  identity: ['siteUrl'],
  createOnly: [],
  parentKinds: hubAssociationDeclaration.parentKinds,
  same(name, desired, observed) {
    if (name === 'hubUrl') return typeof observed === 'string' && String(desired).toLowerCase() === observed.toLowerCase();
    return undefined;
  },
  destructive() {
    return undefined;
  },
  // A site joined to a hub uses the hub's registration, which is another site's.
  usesOtherSites: true,
  usedKinds: ['hubSite'],
  uses(found, other) {
    return other.kind === 'hubSite' && sameText(found.ids.hubSiteId, other.ids.hubSiteId ?? other.id);
  },
};
