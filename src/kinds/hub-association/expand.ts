/**
 * Expansion of a site's `hubSite:` (the hub it joins) into a `hubAssociation` resource, which
 * comes after the hub's `hubSite` when the blueprint declares it. BP564: the URL is not a site
 * URL, or (once every site is expanded) it names a declared site that is not a hub (an error) or
 * no declared site (a warning: it must already be a hub in the tenant); BP565: a hub joins a hub.
 */
import type { RowContext } from '../../blueprint-core/report.ts';
import { checkSiteUrl } from '../../blueprint-core/rules.ts';
import type { Path } from '../../blueprint-core/source.ts';
import { siteAddress } from '../site/model.ts';
import { hubSiteAddress } from '../hub-site/model.ts';
import type { KindExpansion } from '../kind-spec.ts';
import { hubAssociationAddress } from './model.ts';

interface HubRef {
  hubUrl: string;
  site: string;
  path: Path;
  row?: RowContext;
}

/** A fresh expansion for one blueprint: it remembers the declared sites and hubs for the checks in `finish`. */
export function hubAssociationExpansion(): KindExpansion {
  const hubs = new Set<string>();
  const sites = new Set<string>();
  const refs: HubRef[] = [];
  return {
    site(x, s, path, site, row) {
      sites.add(s.url.toLowerCase());
      if (s.hub) hubs.add(s.url.toLowerCase());
      if (s.hubSite === undefined) return;
      const o = (address: string) => ({ address, ...(row ? { row } : {}) });
      const p = [...path, 'hubSite'];
      const problem = checkSiteUrl(s.hubSite);
      if (problem) x.rep.at('BP564', p, `hubSite: ${problem}`, o(site));
      else if (s.hub) x.rep.at('BP565', p, 'a hub site cannot join another hub with hubSite: remove hub: or hubSite:', o(site));
      else {
        const address = hubAssociationAddress(site);
        refs.push({ hubUrl: s.hubSite, site, path: p, ...(row ? { row } : {}) });
        if (x.claim(address, `hub association of ${site}`, p, row)) {
          x.push({
            kind: 'hubAssociation',
            address,
            parent: site,
            props: { siteUrl: s.url, hubUrl: s.hubSite },
            source: x.span(p),
            after: [hubSiteAddress(siteAddress(s.hubSite))],
          });
        }
      }
    },
    finish(x) {
      for (const r of refs) {
        const key = r.hubUrl.toLowerCase();
        if (hubs.has(key)) continue;
        const o = { address: hubAssociationAddress(r.site), ...(r.row ? { row: r.row } : {}) };
        if (sites.has(key)) x.rep.at('BP564', r.path, `hubSite: ${r.hubUrl} is declared but not as a hub: add hub: to it`, o);
        else x.rep.at('BP564', r.path, `hubSite: ${r.hubUrl} is not declared in this blueprint; it must already be a hub site in the tenant`, { ...o, severity: 'warning' });
      }
    },
  };
}
