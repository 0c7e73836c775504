/**
 * Expansion and checks of hub sites (`hub:`, `hubSite:`) and site settings (`settings:`) into
 * `hubSite`, `hubAssociation` and `siteSettings` resources, and of what kinds in src/kinds/
 * expand from a site (`navigation:`) or a list (`views:`). Cross-site
 * checks (a `hubSite:` names a declared hub) run in `finish()`, once every site is known.
 */
import { hubAssociationAddress, hubSiteAddress, siteAddress, siteSettingsAddress } from '../model/address.ts';
import type { SiteSettingsProps } from '../model/resources.ts';
import type { KindExpandContext } from '../kinds/kind-spec.ts';
import { LIST_EXPANSIONS, SITE_EXPANSIONS } from '../kinds/pure.ts';
import type { RowContext } from './report.ts';
import { checkSiteUrl, SHAREPOINT_LCIDS } from './rules.ts';
import type { RawList, RawSite } from './schema-types.generated.ts';
import type { Path } from './source.ts';

/** What the expander hands the site-level expansions (the same as every kind's expansion gets). */
export type SiteIaExpandContext = KindExpandContext;

/** Regional locales beyond the SharePoint languages (SHAREPOINT_LCIDS), e.g. English (UK), French (Canada). */
export const REGIONAL_LCIDS: Record<number, string> = {
  1039: 'Icelandic', 2055: 'German (Switzerland)', 2057: 'English (United Kingdom)', 2060: 'French (Belgium)', 2067: 'Dutch (Belgium)',
  2068: 'Norwegian (Nynorsk)', 3079: 'German (Austria)', 3081: 'English (Australia)', 3084: 'French (Canada)', 4105: 'English (Canada)',
  4108: 'French (Switzerland)', 5129: 'English (New Zealand)', 6153: 'English (Ireland)', 2077: 'Swedish (Finland)',
};

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

interface HubRef {
  hubUrl: string;
  site: string;
  path: Path;
  row?: RowContext;
}

export class SiteIaExpander {
  private readonly hubs = new Map<string, { site: string }>();
  private readonly sites = new Set<string>();
  private readonly refs: HubRef[] = [];

  constructor(private readonly x: SiteIaExpandContext) {}

  /** A list's `views:` (and every other kind expanded from a list: src/kinds/pure.ts), after the list and its columns were expanded. */
  views(l: RawList, listPath: Path, list: string, site: string, row?: RowContext): void {
    for (const expand of LIST_EXPANSIONS) expand(this.x, l, listPath, list, site, row);
  }

  // ---------------------------------------------------------------- sites

  site(s: RawSite, path: Path, site: string, row?: RowContext): void {
    this.sites.add(s.url.toLowerCase());
    const o = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...(row ? { row } : {}), ...extra });
    for (const expand of SITE_EXPANSIONS) expand(this.x, s, path, site, row);
    if (s.hub) {
      const address = hubSiteAddress(site);
      this.hubs.set(s.url.toLowerCase(), { site });
      if (this.x.claim(address, `hub of ${site}`, [...path, 'hub'], row)) {
        this.x.push({
          kind: 'hubSite',
          address,
          parent: site,
          props: defined({ siteUrl: s.url, title: s.hub.title, logoUrl: s.hub.logo, description: s.hub.description }),
          source: this.x.span([...path, 'hub']),
        });
      }
    }
    if (s.hubSite !== undefined) {
      const p = [...path, 'hubSite'];
      const problem = checkSiteUrl(s.hubSite);
      if (problem) this.x.rep.at('BP564', p, `hubSite: ${problem}`, o(site));
      else if (s.hub) this.x.rep.at('BP565', p, 'a hub site cannot join another hub with hubSite: remove hub: or hubSite:', o(site));
      else {
        const address = hubAssociationAddress(site);
        this.refs.push({ hubUrl: s.hubSite, site, path: p, ...(row ? { row } : {}) });
        if (this.x.claim(address, `hub association of ${site}`, p, row)) {
          this.x.push({
            kind: 'hubAssociation',
            address,
            parent: site,
            props: { siteUrl: s.url, hubUrl: s.hubSite },
            source: this.x.span(p),
            after: [hubSiteAddress(siteAddress(s.hubSite))],
          });
        }
      }
    }
    if (s.settings) this.settings(s, [...path, 'settings'], site, row);
  }

  private settings(s: RawSite, path: Path, site: string, row?: RowContext): void {
    const st = s.settings!;
    const o = { address: siteSettingsAddress(site), ...(row ? { row } : {}) };
    let ok = true;
    if (st.localeId !== undefined && !(st.localeId in SHAREPOINT_LCIDS) && !(st.localeId in REGIONAL_LCIDS)) {
      this.x.rep.at('BP309', [...path, 'localeId'], `${st.localeId} is not a locale id SharePoint's regional settings know (e.g. 1053 Swedish, 1033 English (US), 2057 English (UK))`, o);
      ok = false;
    }
    if (st.sensitivityLabel !== undefined && s.type === 'team') {
      this.x.rep.at(
        'BP566',
        [...path, 'sensitivityLabel'],
        "sensitivityLabel will be planned but not applied: a group-connected site takes its label from the group, and Microsoft Graph sets a group's assignedLabels only with delegated permissions, not with the app-only permissions the engine runs with (every plan shows it until it is set by hand)",
        { ...o, atKey: true, severity: 'warning' },
      );
    }
    const props: SiteSettingsProps = defined<SiteSettingsProps>({
      siteUrl: s.url,
      propertyBag: st.propertyBag,
      siteLogoUrl: st.siteLogoUrl,
      localeId: st.localeId,
      timeZoneId: st.timeZoneId,
      theme: st.theme,
      sensitivityLabel: st.sensitivityLabel,
    });
    if (!ok || Object.keys(props).length === 1) return;
    if (st.sensitivityLabel !== undefined && s.type === 'team') props.groupConnected = true;
    const address = siteSettingsAddress(site);
    if (!this.x.claim(address, `settings of ${site}`, path, row)) return;
    this.x.push({ kind: 'siteSettings', address, parent: site, props, source: this.x.span(path) });
  }

  /** Cross-site checks, once every site is expanded. */
  finish(): void {
    for (const r of this.refs) {
      const key = r.hubUrl.toLowerCase();
      if (this.hubs.has(key)) continue;
      const o = { address: hubAssociationAddress(r.site), ...(r.row ? { row: r.row } : {}) };
      if (this.sites.has(key)) this.x.rep.at('BP564', r.path, `hubSite: ${r.hubUrl} is declared but not as a hub: add hub: to it`, o);
      else this.x.rep.at('BP564', r.path, `hubSite: ${r.hubUrl} is not declared in this blueprint; it must already be a hub site in the tenant`, { ...o, severity: 'warning' });
    }
  }
}
