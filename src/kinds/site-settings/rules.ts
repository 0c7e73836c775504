/**
 * The pure rules of a site's settings: one per site (its URL is the identity); the property bag
 * is a partial map (only stated keys compare); theme, label and logo compare case-insensitively.
 * A sensitivity label on a group-connected site is planned but not applied (`notApplied`); a
 * change that writes the property bag or the theme record on a site that denies custom script
 * (or a site the apply creates) carries `customScript`.
 */
import type { Change, CustomScript, NotApplied } from '../../model/change.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { KindRules } from '../kind-rules.ts';
import { siteSettingsDeclaration } from './model.ts';

export const GROUP_LABEL_REASON =
  "the site is group-connected: its sensitivity label is the group's (assignedLabels), which Microsoft Graph sets only with delegated permissions, not with the app-only permissions the engine runs with; set it in the Microsoft 365 admin center or with a delegated tool";

export const siteSettingsRules: KindRules<'siteSettings'> = {
  kind: siteSettingsDeclaration.kind,
  api: 'SharePoint REST _api/web/AllProperties|RegionalSettings, _api/siteiconmanager, _api/thememanager; CSOM ProcessQuery (a property bag write needs custom scripts allowed on the site: a real tenant refuses it under DenyAddAndCustomizePages); SharePoint REST (admin host) _api/SPO.Tenant/sites(…) for the sensitivity label',
  identity: ['siteUrl'],
  createOnly: ['groupConnected'],
  partialMaps: ['propertyBag'],
  same(name, desired, observed) {
    if (name === 'theme' || name === 'sensitivityLabel') return String(desired ?? '').toLowerCase() === String(observed ?? '').toLowerCase();
    if (name === 'propertyBag') {
      const d = (desired ?? {}) as Record<string, string>;
      const o = (observed ?? {}) as Record<string, string>;
      return Object.entries(d).every(([k, v]) => o[k] === v);
    }
    if (name === 'siteLogoUrl') return String(desired ?? '').toLowerCase() === String(observed ?? '').toLowerCase();
    return undefined;
  },
  notApplied(change: Change): NotApplied | undefined {
    let label = false;
    if (change.action === 'create') label = change.after.sensitivityLabel !== undefined && change.after.groupConnected === true;
    else if (change.action === 'update') label = change.changes.some((d) => d.name === 'sensitivityLabel') && (!!change.ids.groupId || change.after.groupConnected === true);
    return label ? { props: ['sensitivityLabel'], reason: GROUP_LABEL_REASON } : undefined;
  },

  customScript(change: Change, observed: ObservedState<'siteSettings'>): CustomScript | undefined {
    const bagOrTheme = (names: string[]) => names.some((n) => n === 'propertyBag' || n === 'theme');
    const site = /^site\[([^\]]*)\]/.exec(change.address)?.[1] ?? change.address;
    const what = 'the web property bag (and the theme record) can only be written where custom script is allowed';
    if (change.action === 'create' && bagOrTheme(Object.keys(change.after).filter((k) => change.after[k] !== undefined))) {
      return { site, reason: `${what}, and a new modern site denies it (DenyAddAndCustomizePages)` };
    }
    if ((change.action === 'update' && bagOrTheme(change.changes.map((d) => d.name))) || (change.action === 'replace' && bagOrTheme(Object.keys(change.after)))) {
      if (observed.status === 'present' && observed.props.customScriptDenied === true) return { site, reason: `${what}, and the site denies it (DenyAddAndCustomizePages)` };
    }
    return undefined;
  },
};
