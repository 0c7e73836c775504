/**
 * Expansion and checks of a list's `views:` into `view` resources: every column a view shows,
 * sorts, groups or filters by must be a column of the list or its site, or a built-in one
 * (BP560); one default view per list (BP561); a comparison has one operator (BP562).
 */
import type { ColumnProps } from '../column/model.ts';
import type { RowContext } from '../../blueprint-core/report.ts';
import { didYouMean } from '../../blueprint-core/rules.ts';
import type { RawList, RawViewFilter } from '../../blueprint-core/schema-types.generated.ts';
import type { Path } from '../../blueprint-core/source.ts';
import type { KindExpandContext, ListExpansion } from '../kind-spec.ts';
import type { ListContentTypeProps } from '../list-content-type/model.ts';
import { viewAddress, type ViewFilter, type ViewFilterOp, type ViewProps } from './model.ts';
import { FILTER_OPS } from './schema.ts';
import { definedProps } from '../../blueprint-core/defined-props.ts';

/** Columns every list has (or every library), usable in views without declaring them. */
export const BUILTIN_VIEW_COLUMNS = [
  'ID', 'Title', 'LinkTitle', 'LinkTitleNoMenu', 'Edit', 'SelectTitle', 'DocIcon', 'LinkFilename', 'LinkFilenameNoMenu', 'FileLeafRef',
  'FileRef', 'Modified', 'Created', 'Editor', 'Author', 'ContentType', 'FileSizeDisplay', 'File_x0020_Size', '_UIVersionString', 'CheckoutUser',
  'FolderChildCount', 'ItemChildCount', 'Attachments', '_ComplianceTag',
];

/** Display names of built-ins as a list or library shows them, by lower case: a view names the internal one. */
const BUILTIN_DISPLAY_NAMES = new Map([
  ['name', 'LinkFilename'], ['type', 'DocIcon'], ['modified by', 'Editor'], ['created by', 'Author'], ['file size', 'FileSizeDisplay'],
  ['content type', 'ContentType'], ['checked out to', 'CheckoutUser'], ['version', '_UIVersionString'], ['item child count', 'ItemChildCount'],
  ['folder child count', 'FolderChildCount'], ['retention label', '_ComplianceTag'],
]);


/**
 * A list's `views:`, after the list, its columns and its content types were expanded. A view can
 * show only the list's own fields (SharePoint refuses another: "Column '…' does not exist"): the
 * built-ins, the list's columns, and the site columns its content types bring (a view waits for
 * the column, or for the content type that brings it). A column only of the site is BP560.
 */
export const expandViews: ListExpansion = (x, l, listPath, list, site, row) => {
  if (!l.views?.length) return;
  const o = (address: string) => ({ address, ...(row ? { row } : {}) });
  const known = new Map<string, string>();
  /** the list's declared columns by lower-case name -> the address that brings it to the list (its own column wins over a content type's) */
  const declared = new Map<string, string>();
  /** the site's columns that are not the list's, by lower-case name */
  const siteOnly = new Map<string, string>();
  for (const c of BUILTIN_VIEW_COLUMNS) known.set(c.toLowerCase(), c);
  /** the internal names of the list's columns by lower-case display name (a view names the internal one) */
  const byDisplayName = new Map(BUILTIN_DISPLAY_NAMES);
  // a column written on the list whose own check failed (reported there) is not a second error here
  for (const c of l.columns ?? []) if ('name' in c && typeof c.name === 'string') known.set(c.name.toLowerCase(), c.name);
  for (const r of x.siteResources()) {
    if (r.kind === 'column' && r.parent === list) {
      const { name, displayName } = r.props as ColumnProps;
      known.set(name.toLowerCase(), name);
      declared.set(name.toLowerCase(), r.address);
      if (displayName) byDisplayName.set(displayName.toLowerCase(), name);
    } else if (r.kind === 'listContentType' && r.parent === list) {
      for (const link of (r.props as ListContentTypeProps).columns ?? []) {
        const key = link.name.toLowerCase();
        if (declared.has(key)) continue;
        known.set(key, link.name);
        declared.set(key, r.address);
      }
    } else if (r.kind === 'column' && r.parent === site) {
      const name = (r.props as ColumnProps).name;
      siteOnly.set(name.toLowerCase(), name);
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
    const key = name.toLowerCase();
    if (known.has(key)) return true;
    if (siteOnly.has(key)) {
      x.rep.at('BP560', p, `view column '${name}' is a column of the site but not of the list: a view shows only the list's own columns (SharePoint refuses another), so add it to the list's columns, or give the list a content type that links it`, o(address));
      return false;
    }
    const internal = byDisplayName.get(key);
    const guess = internal ?? didYouMean(name, known.values());
    // a column the blueprint defines at the top but this list does not use
    const shared = internal ? undefined : Object.entries(x.sharedColumns() ?? {}).find(([, def]) => typeof def?.name === 'string' && def.name.toLowerCase() === key)?.[0];
    const hint = internal ? ` (did you mean '${internal}'? '${name}' is its display name; a view names a column by its internal name)` : guess ? ` (did you mean '${guess}'?)` : '';
    const advice = shared !== undefined ? `it is the blueprint's column '${shared}': add '- use: ${shared}' to the list's columns` : 'declare it on the list, or use a built-in (LinkTitle, DocIcon, LinkFilename, Modified, Editor...)';
    x.rep.at('BP560', p, `view column '${name}' is not a column of the list${shared !== undefined ? '' : hint}: ${advice}`, o(address));
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
    const filter = v.filter === undefined ? undefined : viewFilter(x, v.filter, [...path, 'filter'], address, check, row);
    if (filter === null) ok = false;
    if (v.collapsed !== undefined && !v.groupBy?.length) {
      x.rep.at('BP562', [...path, 'collapsed'], 'collapsed is for grouped views: add groupBy', { ...o(address), atKey: true, severity: 'warning' });
    }
    if (v.default === true) {
      if (defaultAt) {
        x.rep.at('BP561', [...path, 'default'], `a list has one default view; '${l.views![Number(defaultAt.at(-1))]!.name}' is already the default`, o(address));
        ok = false;
      } else defaultAt = path;
    }
    if (!ok) return;
    if (!x.claim(address, `view '${v.name}' in ${list}`, path, row)) return;
    const props: ViewProps = definedProps({
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
    // the columns it shows, sorts, groups or filters by are on the list first (made, or brought by a content type)
    const after = usedColumns(v);
    x.push({ kind: 'view', address, parent: list, props, source: x.span(path), ...(after.length ? { after } : {}) });
  });
};

/** The structured filter, or null when it has a problem (reported). */
function viewFilter(x: KindExpandContext, f: RawViewFilter, path: Path, address: string, check: (name: string, p: Path, a: string) => boolean, row?: RowContext): ViewFilter | null {
  if ('and' in f || 'or' in f) {
    const key = 'and' in f ? 'and' : 'or';
    const items = ('and' in f ? f.and : (f as { or: RawViewFilter[] }).or) ?? [];
    const parts = items.map((g, j) => viewFilter(x, g, [...path, key, j], address, check, row));
    if (parts.some((p) => p === null)) return null;
    return key === 'and' ? { and: parts as ViewFilter[] } : { or: parts as ViewFilter[] };
  }
  const cmp = f as Record<string, unknown> & { column: string };
  const ops = Object.keys(cmp).filter((k) => k !== 'column');
  if (ops.length !== 1) {
    x.rep.at('BP562', path, `a comparison has one operator (${[...FILTER_OPS, 'isNull', 'isNotNull'].join(', ')}); found ${ops.join(', ') || 'none'}`, { address, ...(row ? { row } : {}) });
    return null;
  }
  if (!check(cmp.column, [...path, 'column'], address)) return null;
  const op = ops[0] as ViewFilterOp;
  if (op === 'isNull' || op === 'isNotNull') return { column: cmp.column, op };
  return { column: cmp.column, op, value: cmp[op] as string | number | boolean };
}
