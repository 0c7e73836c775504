/**
 * Expansion of a site's `settings:` into a `siteSettings` resource (only when something is
 * stated). BP309: a locale id regional settings do not know; BP566 (warning): a sensitivity
 * label on a team site is planned but never applied (the group's label needs delegated rights).
 */
import { SHAREPOINT_LCIDS } from '../../blueprint-core/rules.ts';
import type { SiteExpansion } from '../kind-spec.ts';
import { siteSettingsAddress, type SiteSettingsProps } from './model.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';

/** Regional locales beyond the SharePoint languages (SHAREPOINT_LCIDS), e.g. English (UK), French (Canada). */
export const REGIONAL_LCIDS: Record<number, string> = {
  1039: 'Icelandic', 2055: 'German (Switzerland)', 2057: 'English (United Kingdom)', 2060: 'French (Belgium)', 2067: 'Dutch (Belgium)',
  2068: 'Norwegian (Nynorsk)', 3079: 'German (Austria)', 3081: 'English (Australia)', 3084: 'French (Canada)', 4105: 'English (Canada)',
  4108: 'French (Switzerland)', 5129: 'English (New Zealand)', 6153: 'English (Ireland)', 2077: 'Swedish (Finland)',
};


/** A site's `settings:`. */
export const expandSettings: SiteExpansion = (x, s, sitePath, site, row) => {
  if (!s.settings) return;
  const st = s.settings;
  const path = [...sitePath, 'settings'];
  const o = { address: siteSettingsAddress(site), ...(row ? { row } : {}) };
  let ok = true;
  if (st.localeId !== undefined && !(st.localeId in SHAREPOINT_LCIDS) && !(st.localeId in REGIONAL_LCIDS)) {
    x.rep.at('BP309', [...path, 'localeId'], `${st.localeId} is not a locale id SharePoint's regional settings know (e.g. 1053 Swedish, 1033 English (US), 2057 English (UK))`, o);
    ok = false;
  }
  if (st.sensitivityLabel !== undefined && s.type === 'team') {
    x.rep.at(
      'BP566',
      [...path, 'sensitivityLabel'],
      "sensitivityLabel will be planned but not applied: a group-connected site takes its label from the group, and Microsoft Graph sets a group's assignedLabels only with delegated permissions, not with the app-only permissions the engine runs with (every plan shows it until it is set by hand)",
      { ...o, atKey: true, severity: 'warning' },
    );
  }
  const props: SiteSettingsProps = definedProps<SiteSettingsProps>({
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
  if (!x.claim(address, `settings of ${site}`, path, row)) return;
  x.push({ kind: 'siteSettings', address, parent: site, props, source: x.span(path) });
};
