/** Expansion of a site's `hub:` (its registration as a hub site) into a `hubSite` resource. */
import type { SiteExpansion } from '../kind-spec.ts';
import { hubSiteAddress } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';


/** A site's `hub:`. (Its `navigation:` is the site's top navigation bar: src/kinds/navigation-node/expand.ts.) */
export const expandHub: SiteExpansion = (x, s, path, site, row) => {
  if (!s.hub) return;
  const address = hubSiteAddress(site);
  if (x.claim(address, `hub of ${site}`, [...path, 'hub'], row)) {
    x.push({
      kind: 'hubSite',
      address,
      parent: site,
      props: definedProps({ siteUrl: s.url, title: s.hub.title, logoUrl: s.hub.logo, description: s.hub.description }),
      source: x.span([...path, 'hub']),
    });
  }
};
