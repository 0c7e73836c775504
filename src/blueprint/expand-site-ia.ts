/**
 * Expansion and checks of views (a list's `views:`), navigation (`navigation:`), hub sites
 * (`hub:`, `hubSite:`) and site settings (`settings:`) into `view`, `navigationNode`, `hubSite`,
 * `hubAssociation` and `siteSettings` resources. Cross-site checks (a `hubSite:` names a
 * declared hub) run in `finish()`, once every site is known.
 */
import {
  hubAssociationAddress,
  hubSiteAddress,
  navigationAddress,
  navigationNodeAddress,
  siteAddress,
  siteSettingsAddress,
  viewAddress,
} from '../model/address.ts';
import type { AnyDesiredResource, ColumnProps, NavigationNodeProps, SiteSettingsProps, SourceSpan, ViewFilter, ViewFilterOp, ViewProps } from '../model/resources.ts';
import type { Reporter, RowContext } from './report.ts';
import { checkSiteUrl, didYouMean, SHAREPOINT_LCIDS } from './rules.ts';
import type { RawList, RawNavNode, RawSite, RawViewFilter } from './schema-types.generated.ts';
import { FILTER_OPS } from './schema-site-ia.ts';
import type { Path } from './source.ts';

export interface SiteIaExpandContext {
  rep: Reporter;
  span(path: Path): SourceSpan;
  /** Registers an address (reports a duplicate); false when it is taken. */
  claim(address: string, what: string, path: Path, row?: RowContext): boolean;
  push(resource: AnyDesiredResource): void;
  /** The resources expanded so far. */
  resources(): readonly AnyDesiredResource[];
}

/** Columns every list has (or every library), usable in views without declaring them. */
export const BUILTIN_VIEW_COLUMNS = [
  'ID', 'Title', 'LinkTitle', 'LinkTitleNoMenu', 'Edit', 'SelectTitle', 'DocIcon', 'LinkFilename', 'LinkFilenameNoMenu', 'FileLeafRef',
  'FileRef', 'Modified', 'Created', 'Editor', 'Author', 'ContentType', 'FileSizeDisplay', 'File_x0020_Size', '_UIVersionString', 'CheckoutUser',
  'FolderChildCount', 'ItemChildCount', 'Attachments', '_ComplianceTag',
];

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

  // ---------------------------------------------------------------- views

  /** A list's `views:`, after the list and its columns were expanded. */
  views(l: RawList, listPath: Path, list: string, site: string, row?: RowContext): void {
    if (!l.views?.length) return;
    const o = (address: string) => ({ address, ...(row ? { row } : {}) });
    const known = new Map<string, string>();
    /** declared columns by lower-case name -> address (the list's own win over the site's) */
    const declared = new Map<string, string>();
    for (const c of BUILTIN_VIEW_COLUMNS) known.set(c.toLowerCase(), c);
    for (const r of this.x.resources()) {
      if (r.kind === 'column' && (r.parent === list || r.parent === site)) {
        const name = (r.props as ColumnProps).name;
        known.set(name.toLowerCase(), name);
        if (r.parent === list || !declared.has(name.toLowerCase())) declared.set(name.toLowerCase(), r.address);
      }
    }
    const usedColumns = (v: RawList['views'] extends (infer V)[] | undefined ? V : never): string[] => {
      const names = [...(v.columns ?? []), ...(v.orderBy ?? []).map((o) => o.column), ...(v.groupBy ?? [])];
      const walk = (f: RawViewFilter | undefined): void => {
        if (!f) return;
        if ('and' in f) f.and.forEach(walk);
        else if ('or' in f) f.or.forEach(walk);
        else names.push((f as { column: string }).column);
      };
      walk(v.filter);
      return [...new Set(names.map((n) => declared.get(n.toLowerCase())).filter((a): a is string => a !== undefined))];
    };
    const check = (name: string, p: Path, address: string): boolean => {
      if (known.has(name.toLowerCase())) return true;
      const guess = didYouMean(name, known.values());
      this.x.rep.at('BP560', p, `view column '${name}' is not a column of ${list}${guess ? ` (did you mean '${guess}'?)` : ''}: declare it on the list or the site, or use a built-in (LinkTitle, DocIcon, LinkFilename, Modified, Editor...)`, o(address));
      return false;
    };
    let defaultAt: Path | undefined;
    l.views.forEach((v, i) => {
      const path = [...listPath, 'views', i];
      const address = viewAddress(list, v.name);
      let ok = true;
      (v.columns ?? []).forEach((c, j) => (ok = check(c, [...path, 'columns', j], address) && ok));
      (v.orderBy ?? []).forEach((c, j) => (ok = check(c.column, [...path, 'orderBy', j, 'column'], address) && ok));
      (v.groupBy ?? []).forEach((c, j) => (ok = check(c, [...path, 'groupBy', j], address) && ok));
      const filter = v.filter === undefined ? undefined : this.filter(v.filter, [...path, 'filter'], address, check, row);
      if (filter === null) ok = false;
      if (v.collapsed !== undefined && !v.groupBy?.length) {
        this.x.rep.at('BP562', [...path, 'collapsed'], 'collapsed is for grouped views: add groupBy', { ...o(address), atKey: true, severity: 'warning' });
      }
      if (v.default === true) {
        if (defaultAt) {
          this.x.rep.at('BP561', [...path, 'default'], `a list has one default view; '${l.views![Number(defaultAt.at(-1))]!.name}' is already the default`, o(address));
          ok = false;
        } else defaultAt = path;
      }
      if (!ok) return;
      if (!this.x.claim(address, `view '${v.name}' in ${list}`, path, row)) return;
      const props: ViewProps = defined({
        name: v.name,
        columns: v.columns,
        orderBy: v.orderBy?.map((ob) => ({ column: ob.column, ascending: ob.ascending ?? true })),
        filter: filter ?? undefined,
        groupBy: v.groupBy,
        groupCollapsed: v.collapsed ?? (v.groupBy?.length ? false : undefined),
        rowLimit: v.rowLimit,
        paged: v.paged,
        default: v.default === true ? true : undefined,
      });
      // the columns it shows, sorts, groups or filters by are created first
      const after = usedColumns(v);
      this.x.push({ kind: 'view', address, parent: list, props, source: this.x.span(path), ...(after.length ? { after } : {}) });
    });
  }

  /** The structured filter, or null when it has a problem (reported). */
  private filter(f: RawViewFilter, path: Path, address: string, check: (name: string, p: Path, a: string) => boolean, row?: RowContext): ViewFilter | null {
    if ('and' in f || 'or' in f) {
      const key = 'and' in f ? 'and' : 'or';
      const items = ('and' in f ? f.and : (f as { or: RawViewFilter[] }).or) ?? [];
      const parts = items.map((g, j) => this.filter(g, [...path, key, j], address, check, row));
      if (parts.some((p) => p === null)) return null;
      return key === 'and' ? { and: parts as ViewFilter[] } : { or: parts as ViewFilter[] };
    }
    const cmp = f as Record<string, unknown> & { column: string };
    const ops = Object.keys(cmp).filter((k) => k !== 'column');
    if (ops.length !== 1) {
      this.x.rep.at('BP562', path, `a comparison has one operator (${[...FILTER_OPS, 'isNull', 'isNotNull'].join(', ')}); found ${ops.join(', ') || 'none'}`, { address, ...(row ? { row } : {}) });
      return null;
    }
    if (!check(cmp.column, [...path, 'column'], address)) return null;
    const op = ops[0] as ViewFilterOp;
    if (op === 'isNull' || op === 'isNotNull') return { column: cmp.column, op };
    return { column: cmp.column, op, value: cmp[op] as string | number | boolean };
  }

  // ---------------------------------------------------------------- sites

  site(s: RawSite, path: Path, site: string, row?: RowContext): void {
    this.sites.add(s.url.toLowerCase());
    const o = (address: string, extra: Record<string, unknown> = {}) => ({ address, ...(row ? { row } : {}), ...extra });
    if (s.hub?.navigation && s.navigation?.topNavigation) {
      this.x.rep.at('BP563', [...path, 'hub', 'navigation'], "the hub navigation is the hub site's top navigation bar: state it once, in hub.navigation or in navigation.topNavigation", o(site, { atKey: true }));
    } else {
      this.nodes(s.navigation?.quickLaunch, [...path, 'navigation', 'quickLaunch'], site, 'quickLaunch', row);
      this.nodes(s.navigation?.topNavigation, [...path, 'navigation', 'topNavigation'], site, 'topNavigation', row);
      this.nodes(s.hub?.navigation, [...path, 'hub', 'navigation'], site, 'topNavigation', row);
    }
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

  private nodes(list: RawNavNode[] | undefined, path: Path, site: string, location: NavigationNodeProps['location'], row?: RowContext): void {
    if (!list?.length) return;
    const top = navigationAddress(site, location);
    const emit = (n: { title: string; url?: string }, j: number, all: { title: string }[], base: string, parent: string, p: Path): string | undefined => {
      const address = navigationNodeAddress(base, n.title);
      if (!this.x.claim(address, `navigation node '${n.title}'`, p, row)) return undefined;
      const siblings = all.map((a) => a.title);
      const prev = j > 0 ? navigationNodeAddress(base, all[j - 1]!.title) : undefined;
      this.x.push({
        kind: 'navigationNode',
        address,
        parent,
        props: defined({ location, title: n.title, url: n.url, after: j > 0 ? all[j - 1]!.title : '', siblings }),
        source: this.x.span(p),
        ...(prev ? { after: [prev] } : {}),
      });
      return address;
    };
    list.forEach((n, j) => {
      const p = [...path, j];
      const address = emit(n, j, list, top, site, p);
      if (!address) return;
      (n.children ?? []).forEach((ch, k) => emit(ch, k, n.children!, address, address, [...p, 'children', k]));
    });
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
