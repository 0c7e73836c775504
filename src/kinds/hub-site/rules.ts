/** The pure rules of a hub registration: one per site (its URL is the identity); no consent needed. */
import type { KindRules } from '../kind-rules.ts';
import { hubSiteDeclaration } from './model.ts';

export const hubSiteRules: KindRules<'hubSite'> = {
  kind: hubSiteDeclaration.kind,
  api: "SharePoint REST _api/site/RegisterHubSite; _api/HubSites/GetById",
  identity: ['siteUrl'],
  createOnly: [],
  parentKinds: hubSiteDeclaration.parentKinds,
  // Unregistering a hub destroys no content (associated sites only leave it): no consent flag.
  destructive() {
    return undefined;
  },
};
