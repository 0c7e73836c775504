/**
 * The OData query rules of SharePoint REST (OData v3), as strict as the service: `$filter` knows
 * `eq ne gt ge lt le and or not`, `startswith` and `substringof` and the date parts (`day()` …
 * `second()`); `contains()` (OData v4), `endswith`, `tolower` and lambdas are refused
 * ("Use OData query operations in SharePoint REST requests"). A `$filter` or `$select` on a
 * property the entity does not have is refused too. Also the generic collection query
 * (`$filter`, `$orderby`, `$skip`, `$top`) of entity collections.
 */
import { evaluate, parseFilter, type Node } from '../odata.ts';
import type { SpEntity } from './project.ts';
import { SpError } from './route-context.ts';

const QUERY_ERROR = '-1, Microsoft.SharePoint.Client.InvalidClientQueryException';

/** The functions SharePoint REST's `$filter` knows. */
const FUNCTIONS = new Set(['startswith', 'substringof', 'day', 'month', 'year', 'hour', 'minute', 'second']);

/** "The field or property 'X' does not exist." (400), as the service answers an unknown `$select` / `$filter` property. */
export function noSuchProperty(name: string): SpError {
  return new SpError(400, QUERY_ERROR, `The field or property '${name}' does not exist.`);
}

function unsupported(filter: string): SpError {
  return new SpError(400, QUERY_ERROR, `The expression "${filter}" is not valid.`);
}

/** The property paths a filter reads, and refuses a function SharePoint does not know. */
function pathsOf(n: Node, filter: string, out: string[][]): void {
  switch (n.k) {
    case 'path':
      out.push(n.v);
      return;
    case 'cmp':
    case 'and':
    case 'or':
      pathsOf(n.l, filter, out);
      pathsOf(n.r, filter, out);
      return;
    case 'not':
      pathsOf(n.e, filter, out);
      return;
    case 'fn':
      if (!FUNCTIONS.has(n.name.toLowerCase())) throw unsupported(filter);
      for (const a of n.args) pathsOf(a, filter, out);
      return;
    case 'lambda':
      throw unsupported(filter);
    case 'lit':
      return;
  }
}

/**
 * Parses a SharePoint `$filter`, refusing what the service refuses: an unknown function, or a
 * property for which `known` is false (`unknown` makes the error).
 */
export function spFilter(filter: string, known: (name: string) => boolean, unknown: (name: string) => SpError = noSuchProperty): Node {
  const ast = parseFilter(filter);
  const paths: string[][] = [];
  pathsOf(ast, filter, paths);
  for (const p of paths) if (!known(p[0]!)) throw unknown(p.join('/'));
  return ast;
}

/** Whether `name` is a property or navigation of any of the entities (case-insensitive). */
function knownIn(entities: SpEntity[], name: string, navOnly = false): boolean {
  const lk = name.toLowerCase();
  return entities.some((e) => (!navOnly && Object.keys(e.props).some((k) => k.toLowerCase() === lk)) || Object.keys(e.navs ?? {}).some((k) => k.toLowerCase() === lk));
}

/**
 * Refuses a `$select` through a navigation that `$expand` does not name (`Member/Title` without
 * `$expand=Member`), with the service's answer: its fields are only there when it is expanded.
 * `expand` holds the `$expand` paths in lower case (`roleassignments/member`).
 */
export function checkSelectExpanded(select: string[] | null, expand: ReadonlySet<string>): void {
  if (!select) return;
  for (const s of select) {
    const cut = s.lastIndexOf('/');
    if (cut < 0) continue;
    const nav = s.slice(0, cut).toLowerCase();
    if (nav.endsWith('*')) continue;
    if ([...expand].some((p) => p === nav || p.startsWith(nav + '/'))) continue;
    throw new SpError(400, '-1, Microsoft.SharePoint.SPException', `The query to field '${s}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${s.slice(0, cut)}.`);
  }
}

/**
 * Refuses a `$select` of a property the entities do not have (`A/B`: `A` must be a navigation).
 * Nothing to check against in an empty collection.
 */
export function checkSelect(select: string[] | null, entities: SpEntity[], _type: string): void {
  if (!select || entities.length === 0) return;
  for (const s of select) {
    if (s === '*') continue;
    const head = s.split('/')[0]!;
    if (!knownIn(entities, head, s.includes('/'))) throw noSuchProperty(s);
  }
}

/** `$filter`, `$orderby`, `$skip`, `$top` on an entity collection (webs' lists, fields, groups …). */
export function queryCollection(query: URLSearchParams, items: SpEntity[]): SpEntity[] {
  let list = items;
  const filter = query.get('$filter');
  if (filter) {
    const ast = spFilter(filter, (name) => items.length === 0 || knownIn(items, name));
    list = list.filter((e) => evaluate(ast, e.props) === true);
  }
  const orderby = query.get('$orderby');
  if (orderby) {
    const [prop, dir] = orderby.trim().split(/\s+/);
    if (items.length && !knownIn(items, prop!)) throw noSuchProperty(prop!);
    const sign = dir?.toLowerCase() === 'desc' ? -1 : 1;
    const key = (e: SpEntity) => e.props[Object.keys(e.props).find((k) => k.toLowerCase() === prop!.toLowerCase()) ?? prop!] as string | number;
    list = [...list].sort((a, b) => {
      const x = key(a);
      const y = key(b);
      return x < y ? -sign : x > y ? sign : 0;
    });
  }
  const skip = Number(query.get('$skip') ?? 0) || 0;
  const topS = query.get('$top');
  const top = topS ? Number(topS) : undefined;
  return list.slice(skip, top !== undefined && Number.isFinite(top) ? skip + top : undefined);
}
