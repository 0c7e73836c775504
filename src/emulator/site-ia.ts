/**
 * Views, navigation nodes, hub sites, web settings (property bag, logo, theme, regional
 * settings, sensitivity label), tenant themes and the published sensitivity labels of the local tenant: the canonical records and their journal ops. The store holds one
 * `SiteIaState` (`store.ia`) and applies `{ k: 'ia', op }` ops to it; every mutation goes through
 * `store.commit` so that the journal replays it.
 */
import { createHash } from 'node:crypto';
import type { Gone, SubStore } from './sub-store.ts';

/** A public view of a list. `viewQuery` is the CAML inside `<Query>` (Where, OrderBy, GroupBy). */
export interface ViewRec {
  id: string;
  listId: string;
  siteId: string;
  title: string;
  viewQuery: string;
  viewFields: string[];
  rowLimit: number;
  paged: boolean;
  defaultView: boolean;
  personalView: boolean;
  hidden: boolean;
  viewType: string;
  /** the page's file name, e.g. `AllItems.aspx` */
  pageName: string;
  created: string;
}

export type NavLocation = 'quicklaunch' | 'topnavigationbar';

/** A navigation node. Ids are per web, ascending, never reused. `order` sorts siblings. */
export interface NavNodeRec {
  id: number;
  siteId: string;
  location: NavLocation;
  parentId: number | null;
  title: string;
  url: string;
  isExternal: boolean;
  order: number;
}

/** A hub site registration (SP.HubSiteData). The hub's id is its site collection id. */
export interface HubRec {
  id: string;
  title: string;
  logoUrl: string;
  description: string;
}

/** Per-site settings that SharePoint keeps on the root web and the site collection. */
export interface WebSettingsRec {
  siteId: string;
  /** web AllProperties (property bag) */
  props: Record<string, string>;
  siteLogoUrl: string | null;
  /** null = the site's language (SiteRec.lcid) */
  localeId: number | null;
  timeZoneId: number;
  /** set while the site is registered as a hub site */
  hub: HubRec | null;
  /** the hub this site is associated with (a hub site: its own id) */
  hubSiteId: string | null;
  lastNavId: number;
  /** DenyAddAndCustomizePages (NoScript): property bag writes are refused while true (sharepoint/custom-script.ts) */
  denyAddAndCustomizePages: boolean;
  /** simulated epoch ms when an administrator's allowance of custom script ends (the service denies it again) */
  customScriptAllowedUntil?: number | null;
  /** the name of the theme last applied with ThemeManager/ApplyTheme (the web does not show it) */
  theme: string | null;
  /** the palette applied with it (the `themeJson` string) */
  themeJson?: string | null;
  /** the site's sensitivity label id (tenant admin SiteProperties SensitivityLabel2) */
  sensitivityLabel?: string | null;
}

/** A tenant theme (Add-SPOTheme / ThemeManager/AddTenantTheme): its name and theme JSON. */
export interface TenantThemeRec {
  name: string;
  themeJson: string;
}

/** A sensitivity label published in the tenant (Microsoft Purview). */
export interface SensitivityLabelRec {
  id: string;
  name: string;
  description: string;
  color: string;
  sensitivity: number;
}

function palette(primary: string, inverted = false): string {
  const bg = inverted ? '#1f1f1f' : '#ffffff';
  const text = inverted ? '#ffffff' : '#323130';
  return JSON.stringify({
    isInverted: inverted,
    palette: {
      themePrimary: primary, themeLighterAlt: '#f3f9fd', themeLighter: '#d0e7f8', themeLight: '#a9d3f2', themeTertiary: '#5ca9e5',
      themeSecondary: '#1a86d9', themeDarkAlt: '#006cbe', themeDark: '#005ba1', themeDarker: '#004377',
      neutralLighterAlt: '#faf9f8', neutralLighter: '#f3f2f1', neutralLight: '#edebe9', neutralQuaternaryAlt: '#e1dfdd',
      neutralQuaternary: '#d0d0d0', neutralTertiaryAlt: '#c8c6c4', neutralTertiary: '#a19f9d', neutralSecondary: '#605e5c',
      neutralPrimaryAlt: '#3b3a39', neutralPrimary: text, neutralDark: '#201f1e', black: '#000000', white: bg,
      primaryBackground: bg, primaryText: text, bodyBackground: bg, bodyText: text, disabledBackground: '#f3f2f1', disabledText: '#c8c6c4',
    },
  });
}

/** The tenant themes a fresh local tenant has (custom themes an administrator added). */
export const SEED_THEMES: TenantThemeRec[] = [
  { name: 'Botkyrka', themeJson: palette('#00573f') },
  { name: 'Kontrast', themeJson: palette('#ffd800', true) },
];

/** The sensitivity labels published in every local tenant. */
export const SENSITIVITY_LABELS: SensitivityLabelRec[] = [
  { id: 'a6a1f1f0-5b0e-4c1a-9a3e-0d1c2b3a4f50', name: 'Offentlig', description: 'Information som får spridas fritt.', color: '#2e7d32', sensitivity: 0 },
  { id: 'b7b2f2f1-6c1f-4d2b-8b4f-1e2d3c4b5a61', name: 'Intern', description: 'Information för kommunens medarbetare.', color: '#1565c0', sensitivity: 1 },
  { id: 'c8c3f3f2-7d20-4e3c-9c50-2f3e4d5c6b72', name: 'Konfidentiell', description: 'Information som omfattas av sekretess.', color: '#c62828', sensitivity: 2 },
];

export type IaOp =
  | { t: 'view'; v: ViewRec }
  | { t: 'delView'; listId: string; id: string }
  | { t: 'viewsInit'; listId: string }
  | { t: 'nav'; v: NavNodeRec }
  | { t: 'delNav'; siteId: string; id: number }
  | { t: 'web'; v: WebSettingsRec }
  | { t: 'theme'; v: TenantThemeRec };

/** The journal entry of an `IaOp`. */
export type IaEntry = { k: 'ia'; op: IaOp };

/** SharePoint's time zones that the emulator knows (id -> description, bias in minutes). */
export const TIME_ZONES: Record<number, { description: string; bias: number; daylightBias: number }> = {
  2: { description: '(UTC) Dublin, Edinburgh, Lisbon, London', bias: 0, daylightBias: -60 },
  3: { description: '(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', bias: -60, daylightBias: -60 },
  4: { description: '(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', bias: -60, daylightBias: -60 },
  5: { description: '(UTC+02:00) Athens, Bucharest', bias: -120, daylightBias: -60 },
  10: { description: '(UTC-05:00) Eastern Time (US and Canada)', bias: 300, daylightBias: -60 },
  11: { description: '(UTC-06:00) Central Time (US and Canada)', bias: 360, daylightBias: -60 },
  12: { description: '(UTC-07:00) Mountain Time (US and Canada)', bias: 420, daylightBias: -60 },
  13: { description: '(UTC-08:00) Pacific Time (US and Canada)', bias: 480, daylightBias: -60 },
  59: { description: '(UTC+02:00) Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius', bias: -120, daylightBias: -60 },
  93: { description: '(UTC) Coordinated Universal Time', bias: 0, daylightBias: 0 },
};

/** The time zone of a new site: the tenant default (Pacific Time, as in a new SharePoint Online tenant). */
export const DEFAULT_TIME_ZONE = 13;

export class SiteIaState implements SubStore<IaEntry> {
  readonly name = 'site information architecture';
  readonly opKinds = ['ia'] as const;
  private readonly views = new Map<string, Map<string, ViewRec>>();
  private readonly viewsInit = new Set<string>();
  private readonly navs = new Map<string, Map<number, NavNodeRec>>();
  private readonly webs = new Map<string, WebSettingsRec>();
  /** tenant themes added after the seed ones, by lower-cased name */
  private readonly themes = new Map<string, TenantThemeRec>();

  apply({ op }: IaEntry): void {
    switch (op.t) {
      case 'view': {
        let m = this.views.get(op.v.listId);
        if (!m) this.views.set(op.v.listId, (m = new Map()));
        m.set(op.v.id, op.v);
        return;
      }
      case 'delView':
        this.views.get(op.listId)?.delete(op.id);
        return;
      case 'viewsInit':
        this.viewsInit.add(op.listId);
        return;
      case 'nav': {
        let m = this.navs.get(op.v.siteId);
        if (!m) this.navs.set(op.v.siteId, (m = new Map()));
        m.set(op.v.id, op.v);
        return;
      }
      case 'delNav':
        this.navs.get(op.siteId)?.delete(op.id);
        return;
      case 'web':
        this.webs.set(op.v.siteId, op.v);
        return;
      case 'theme':
        this.themes.set(op.v.name.toLowerCase(), op.v);
        return;
    }
  }

  *snapshotOps(): Generator<IaEntry> {
    for (const id of this.viewsInit) yield { k: 'ia', op: { t: 'viewsInit', listId: id } };
    for (const m of this.views.values()) for (const v of m.values()) yield { k: 'ia', op: { t: 'view', v } };
    for (const m of this.navs.values()) for (const v of m.values()) yield { k: 'ia', op: { t: 'nav', v } };
    for (const v of this.webs.values()) yield { k: 'ia', op: { t: 'web', v } };
    for (const v of this.themes.values()) yield { k: 'ia', op: { t: 'theme', v } };
  }

  /** A list's views; a site's navigation and web settings (a hub registration with them), and the association of the sites that joined it as a hub. */
  drop(gone: Gone): void {
    if (gone.any.lists) {
      for (const listId of this.views.keys()) if (gone.list(listId)) this.views.delete(listId);
      for (const listId of this.viewsInit) if (gone.list(listId)) this.viewsInit.delete(listId);
    }
    if (!gone.any.sites) return;
    for (const siteId of this.navs.keys()) if (gone.site(siteId)) this.navs.delete(siteId);
    for (const w of this.webs.values()) {
      if (gone.site(w.siteId)) this.webs.delete(w.siteId);
      else if (w.hubSiteId && gone.site(w.hubSiteId)) this.webs.set(w.siteId, { ...w, hubSiteId: null });
    }
  }

  /** The tenant themes: the seeded ones, then those added (AddTenantTheme), in order. */
  tenantThemes(): TenantThemeRec[] {
    const added = [...this.themes.values()];
    return [...SEED_THEMES.filter((t) => !this.themes.has(t.name.toLowerCase())), ...added];
  }

  // ------------------------------------------------------------------ views

  /** Whether the list's views were ever changed (before that it has only its builtin default view). */
  viewsMaterialized(listId: string): boolean {
    return this.viewsInit.has(listId);
  }

  storedViews(listId: string): ViewRec[] {
    return [...(this.views.get(listId)?.values() ?? [])];
  }

  // ------------------------------------------------------------------ navigation

  navNodes(siteId: string): NavNodeRec[] {
    return [...(this.navs.get(siteId)?.values() ?? [])];
  }

  getNav(siteId: string, id: number): NavNodeRec | undefined {
    return this.navs.get(siteId)?.get(id);
  }

  // ------------------------------------------------------------------ web settings

  web(siteId: string): WebSettingsRec | undefined {
    return this.webs.get(siteId);
  }

  allWebs(): WebSettingsRec[] {
    return [...this.webs.values()];
  }
}

/** The builtin default view of a list (`All Items` / `All Documents`), with an id derived from the list's. */
export function builtinView(listId: string, siteId: string, library: boolean, created: string): ViewRec {
  const h = createHash('sha1').update(`view:${listId}`).digest('hex');
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  return {
    id,
    listId,
    siteId,
    title: library ? 'All Documents' : 'All Items',
    viewQuery: '<OrderBy><FieldRef Name="FileLeafRef" /></OrderBy>'.replace('FileLeafRef', library ? 'FileLeafRef' : 'ID'),
    viewFields: library ? ['DocIcon', 'LinkFilename', 'Modified', 'Editor'] : ['LinkTitle'],
    rowLimit: 30,
    paged: true,
    defaultView: true,
    personalView: false,
    hidden: false,
    viewType: 'HTML',
    pageName: library ? 'AllItems.aspx' : 'AllItems.aspx',
    created,
  };
}

export function defaultWebSettings(siteId: string): WebSettingsRec {
  return {
    siteId,
    props: {},
    siteLogoUrl: null,
    localeId: null,
    timeZoneId: DEFAULT_TIME_ZONE,
    hub: null,
    hubSiteId: null,
    lastNavId: 1000,
    denyAddAndCustomizePages: false,
    theme: null,
  };
}
