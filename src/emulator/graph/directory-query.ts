/**
 * The query options of directory collections (users, groups, owners, members) checked as
 * Microsoft Graph checks them ("Advanced query capabilities on Microsoft Entra ID objects"):
 * `ne`, `not`, `endsWith`, `$filter` with `$orderby` need the advanced query parameters
 * (`ConsistencyLevel: eventual` and `$count=true`), `$search` needs the header, `?$count=true`
 * without the header is ignored (no `@odata.count`), `contains` is refused, `$skip` is refused,
 * and a property the type does not declare is refused in `$select`, `$filter`, `$orderby` and
 * `$expand`. docs/local-tenant.md ("Directory queries") lists each answer.
 */
import type { Req } from '../http.ts';
import { evaluate, parseFilter, type Node } from '../odata.ts';
import { queryOption } from './collection.ts';
import type { DirectoryType } from './directory-schema.ts';
import type { SharePointType } from './sharepoint-schema.ts';
import { compileSearch, type SearchPredicate } from './directory-search.ts';
import { GraphError } from './errors.ts';

/** A directory collection request's options, checked. */
export interface DirectoryQuery {
  /** `ConsistencyLevel: eventual` was sent */
  eventual: boolean;
  /** `@odata.count` is answered (header and `$count=true`) */
  count: boolean;
  /** the parsed `$filter`, or null */
  filter: Node | null;
  /** the compiled `$search`, or null */
  search: SearchPredicate | null;
  orderBy: { prop: string; desc: boolean } | null;
  /** `$expand` items: navigation property and its nested `$select` */
  expand: ExpandItem[];
}

/** An `$expand` item: a navigation property as written and its nested `$select` (null without one). */
export interface ExpandItem {
  prop: string;
  select: string[] | null;
}

/** How a route may be asked: what it can expand, and whether the URL is the `$count` segment. */
export interface DirectoryRoute {
  /** navigation properties this route expands (lower case); others the type declares are refused as not served */
  expandable?: readonly string[];
  /** the `/$count` segment: counting is the request itself */
  countSegment?: boolean;
}

const ADVANCED_HINT = 'is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information';
/** Properties endsWith works on (with the advanced query parameters). */
const ENDSWITH_PROPS = new Set(['mail', 'othermails', 'userprincipalname', 'proxyaddresses']);
/** Properties sorted by default; the others the service sorts only in advanced queries. */
const DEFAULT_SORT: Record<string, ReadonlySet<string>> = { Group: new Set(['displayname']), User: new Set(['displayname', 'userprincipalname']) };
const ADVANCED_SORT = new Set(['createddatetime', 'deleteddatetime']);

function unsupported(message: string): GraphError {
  return new GraphError(400, 'Request_UnsupportedQuery', message);
}

function noSuchProperty(name: string): GraphError {
  return unsupported(`Property '${name}' does not exist as a declared property or extension property.`);
}

/** The value of the ConsistencyLevel header is `eventual` (case-insensitive). */
export function isEventual(req: Req): boolean {
  const h = req.headers['consistencylevel'];
  const v = Array.isArray(h) ? h[0] : h;
  return typeof v === 'string' && v.trim().toLowerCase() === 'eventual';
}

/** Checks `names` (a `$select`) against the type's declared properties. */
export function checkSelect(type: DirectoryType, names: string[] | null): void {
  for (const n of names ?? []) if (n !== '*' && !type.properties.has(n.toLowerCase()) && !type.navigation.has(n.toLowerCase())) throw noSuchProperty(n);
}

/**
 * Splits `$expand=owners($select=id,displayName),members` at the top-level commas. Inside an
 * expansion the local tenant serves `$select` only: another option (`$filter`, `$top`,
 * `$orderby`, a nested `$expand` …) is refused, not ignored, so that an answer never looks as if
 * it honoured an option it did not.
 */
export function parseExpand(raw: string): ExpandItem[] {
  const items: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of raw) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      items.push(cur);
      cur = '';
    } else cur += ch;
  }
  items.push(cur);
  return items
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = /^([\w.]+)(?:\((.*)\))?$/.exec(s);
      if (!m) throw new GraphError(400, 'BadRequest', `Parsing OData Select and Expand failed: Syntax error in '$expand=${raw}'.`);
      const inner = new URLSearchParams((m[2] ?? '').replace(/;/g, '&'));
      let sel: string | null = null;
      for (const [name, value] of inner) {
        if (name.toLowerCase() !== '$select') throw new GraphError(400, 'BadRequest', `'${name}' inside '$expand=${m[1]}(...)' is not served by the local tenant (only $select is).`);
        sel = value;
      }
      return { prop: m[1]!, select: sel ? sel.split(',').map((x) => x.trim()).filter(Boolean) : null };
    });
}

/**
 * The request's `$expand` items (`parseExpand`), checked as Graph's OData layer checks them before
 * the request reaches a workload, on every route alike: a structural property is 400 "Parsing
 * OData Select and Expand failed: Property 'sharepointIds' on type 'microsoft.graph.listItem' is
 * not a navigation property or complex property. Only navigation properties can be expanded."
 * (*observed*: microsoftgraph/microsoft-graph-docs#9419); a name the type does not declare (a
 * prefix of one included) is 400 "… Could not find a property named 'fields' on type
 * 'microsoft.graph.list'." (*observed*: pnp/provision-assist-m365#73); a navigation property the
 * route does not expand (`served`, given the name lower-cased) is 400 "Expanding 'x' is not served
 * by the local tenant.". A nested `$select` is the route's to check.
 */
export function checkedExpand(req: Req, type: SharePointType, served: (prop: string) => boolean): ExpandItem[] {
  const raw = queryOption(req, 'expand');
  const items = raw ? parseExpand(raw) : [];
  for (const e of items) {
    const key = e.prop.toLowerCase();
    if (type.properties.has(key))
      throw new GraphError(400, 'BadRequest', `Parsing OData Select and Expand failed: Property '${e.prop}' on type '${type.name}' is not a navigation property or complex property. Only navigation properties can be expanded.`);
    if (!type.navigation.has(key)) throw new GraphError(400, 'BadRequest', `Parsing OData Select and Expand failed: Could not find a property named '${e.prop}' on type '${type.name}'.`);
    if (!served(key)) throw new GraphError(400, 'BadRequest', `Expanding '${e.prop}' is not served by the local tenant.`);
  }
  return items;
}

/** Walks a `$filter` tree: declared properties only; the operators the service serves, when it serves them. */
function checkFilter(type: DirectoryType, n: Node, advanced: boolean, vars: Map<string, string>): void {
  const needAdvanced = (op: string) => {
    if (!advanced) throw unsupported(`Operator '${op}' ${ADVANCED_HINT}`);
  };
  switch (n.k) {
    case 'lit':
      return;
    case 'path': {
      const first = n.v[0]!;
      if (vars.has(first)) return;
      if (first.toLowerCase() === '$count' || n.v[1]?.toLowerCase() === '$count') return needAdvanced('$count');
      if (!type.properties.has(first.toLowerCase())) throw noSuchProperty(first);
      return;
    }
    case 'cmp':
      if (n.op === 'ne') needAdvanced('ne');
      checkFilter(type, n.l, advanced, vars);
      checkFilter(type, n.r, advanced, vars);
      return;
    case 'in':
      checkFilter(type, n.l, advanced, vars);
      for (const x of n.list) checkFilter(type, x, advanced, vars);
      return;
    case 'and':
    case 'or':
      checkFilter(type, n.l, advanced, vars);
      checkFilter(type, n.r, advanced, vars);
      return;
    case 'not':
      needAdvanced('not');
      checkFilter(type, n.e, advanced, vars);
      return;
    case 'lambda': {
      const coll = n.coll[0]!;
      if (!type.properties.has(coll.toLowerCase())) throw noSuchProperty(coll);
      if (n.e && n.v !== null) checkFilter(type, n.e, advanced, new Map([...vars, [n.v, coll]]));
      return;
    }
    case 'fn': {
      if (n.name === 'startswith') {
        for (const a of n.args) checkFilter(type, a, advanced, vars);
        return;
      }
      if (n.name === 'endswith') {
        needAdvanced('endsWith');
        const a0 = n.args[0];
        const prop = a0?.k === 'path' ? (vars.get(a0.v[0]!) ?? a0.v[0]!) : '';
        for (const a of n.args) checkFilter(type, a, advanced, vars);
        if (!ENDSWITH_PROPS.has(prop.toLowerCase())) throw unsupported(`Unsupported or invalid query filter clause specified for property '${prop}' of resource '${type.resource}'.`);
        return;
      }
      // contains, substringof, tolower, … : the directory serves none of them
      throw unsupported('Unsupported Query.');
    }
  }
}

/**
 * Reads and checks a directory collection request's query options; throws the service's 400 for
 * what it refuses. The caller filters with `matches` and answers `@odata.count` when `count`.
 */
export function directoryQuery(req: Req, type: DirectoryType, route: DirectoryRoute = {}): DirectoryQuery {
  const eventual = isEventual(req);
  const countTrue = route.countSegment === true || queryOption(req, 'count')?.toLowerCase() === 'true';
  const advanced = eventual && countTrue;
  if (queryOption(req, 'skip') !== null) throw new GraphError(400, 'Request_BadRequest', "'$skip' is not supported by the service.");
  const sel = queryOption(req, 'select');
  checkSelect(type, sel === null ? null : sel.split(',').map((s) => s.trim()).filter(Boolean));
  const expand = checkedExpand(req, type, (p) => (route.expandable ?? []).includes(p));
  const rawSearch = queryOption(req, 'search');
  let search: SearchPredicate | null = null;
  if (rawSearch !== null) {
    if (!eventual) throw unsupported("Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
    search = compileSearch(rawSearch);
  }
  const rawFilter = queryOption(req, 'filter');
  const filter = rawFilter ? parseFilter(rawFilter, { allowIn: true }) : null;
  if (filter) checkFilter(type, filter, advanced, new Map());
  let orderBy: DirectoryQuery['orderBy'] = null;
  const rawOrder = queryOption(req, 'orderby');
  if (rawOrder) {
    const parts = rawOrder.trim().split(/\s+/);
    const prop = parts[0]!;
    const dir = parts[1]?.toLowerCase();
    if (rawOrder.includes(',') || parts.length > 2 || (dir !== undefined && dir !== 'asc' && dir !== 'desc')) throw unsupported('Sorting not supported for current query.');
    if (!type.properties.has(prop.toLowerCase())) throw noSuchProperty(prop);
    const byDefault = DEFAULT_SORT[type.resource]!.has(prop.toLowerCase());
    if (!byDefault && !ADVANCED_SORT.has(prop.toLowerCase())) throw unsupported('Sorting not supported for current query.');
    if ((!byDefault || filter || search) && !advanced) throw unsupported('Sorting not supported for current query.');
    orderBy = { prop, desc: dir === 'desc' };
  }
  return { eventual, count: eventual && countTrue, filter, search, orderBy, expand };
}

/** True when `obj` (an object's Graph JSON, with its $select-only properties) passes `$filter` and `$search`. */
export function matches(q: DirectoryQuery, obj: Record<string, unknown>): boolean {
  if (q.filter && evaluate(q.filter, obj) !== true) return false;
  return !q.search || q.search(obj);
}

/** `items` in `$orderby` order (strings case-insensitively); unchanged without one. */
export function ordered<T>(q: DirectoryQuery, items: T[], project: (t: T) => Record<string, unknown>): T[] {
  const ob = q.orderBy;
  if (!ob) return items;
  const sign = ob.desc ? -1 : 1;
  const keyOf = (o: Record<string, unknown>) => {
    const k = Object.keys(o).find((x) => x.toLowerCase() === ob.prop.toLowerCase());
    const v = k === undefined ? null : o[k];
    return typeof v === 'string' ? v.toLowerCase() : (v as number | null);
  };
  return items
    .map((it) => ({ it, k: keyOf(project(it)) }))
    .sort((a, b) => (a.k === b.k ? 0 : a.k === null ? 1 : b.k === null ? -1 : a.k < b.k ? -sign : sign))
    .map((x) => x.it);
}
