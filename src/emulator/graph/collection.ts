/**
 * How the Graph face reads query options and answers collections: `$top`/`$skiptoken` paging with
 * the service's nextLink, `$select` shaping, `$filter` on projected records, `@odata.context` and
 * `@odata.count` (`$expand` is checked by the routes that serve it: sharepoint-select.ts,
 * directory-query.ts).
 */
import { jsonRes, type Req, type Res } from '../http.ts';
import { compileFilter, decodeSkipToken, encodeSkipToken, parseSelect } from '../odata.ts';
import { GraphError } from './errors.ts';
import { GRAPH_BASE } from './project.ts';

const ctxBase = `${GRAPH_BASE}/$metadata#`;

/** A query option by name, with or without its `$` (`$top` or `top`), or null; the route has read it (unread-options.ts). */
export function queryOption(req: Req, name: string): string | null {
  (req.optionsRead ??= new Set()).add(name);
  return req.query.get(`$${name}`) ?? req.query.get(name);
}

/** The request's `$select` as a list of names, or null. */
export function selectOf(req: Req): string[] | null {
  return parseSelect(queryOption(req, 'select'));
}

/** One page of `items` (`$top` bounded by `maxTop`, `$skiptoken` an offset) and the next page's link. */
export function pageOf<T>(req: Req, items: T[], defaultTop: number, maxTop: number): { items: T[]; nextLink?: string } {
  const topS = queryOption(req, 'top');
  let top = defaultTop;
  if (topS !== null) {
    top = Number(topS);
    if (!Number.isInteger(top) || top < 1) throw new GraphError(400, 'Request_BadRequest', `Invalid value '${topS}' for query parameter $top.`);
    if (top > maxTop) throw new GraphError(400, 'Request_BadRequest', `Invalid page size specified: '${top}'. Must be between 1 and ${maxTop} inclusive.`);
  }
  const tok = queryOption(req, 'skiptoken');
  let off = 0;
  if (tok) {
    try {
      off = decodeSkipToken(tok);
    } catch {
      throw new GraphError(400, 'Request_BadRequest', "'$skiptoken' is invalid.");
    }
  }
  const slice = items.slice(off, off + top);
  if (off + top >= items.length) return { items: slice };
  const params = new URLSearchParams(req.rawQuery);
  params.delete('$skiptoken');
  params.delete('skiptoken');
  params.set('$skiptoken', encodeSkipToken(off + top));
  const qs = params.toString().replace(/%24/g, '$').replace(/%2C/gi, ',');
  return { items: slice, nextLink: `https://graph.microsoft.com${encodeURI(req.rawPath)}?${qs}` };
}

/** `full` cut down to `select` (names matched case-insensitively; `extra` holds the $select-only properties). */
export function shapeOf(full: Record<string, unknown>, extra: () => Record<string, unknown>, select: string[] | null, keepId: boolean): Record<string, unknown> {
  if (!select) return full;
  const out: Record<string, unknown> = {};
  let ex: Record<string, unknown> | null = null;
  if (keepId && 'id' in full) out.id = full.id;
  for (const s of select) {
    if (s === '*') return { ...full };
    if (s in full) out[s] = full[s];
    else {
      ex ??= extra();
      const key = Object.keys(ex).find((k) => k.toLowerCase() === s.toLowerCase()) ?? Object.keys(full).find((k) => k.toLowerCase() === s.toLowerCase());
      if (key !== undefined) out[key] = key in ex ? ex[key] : full[key];
    }
  }
  return out;
}

/** The `@odata.context` of an entity set (`base`), with its `$select` and `/$entity` for a single entity. */
export function contextUrlOf(base: string, select: string[] | null, entity: boolean): string {
  return `${ctxBase}${base}${select ? `(${select.join(',')})` : ''}${entity ? '/$entity' : ''}`;
}

/** A collection answer: context, `@odata.count` when given, value, nextLink. */
export function collectionRes(req: Req, ctxName: string, items: Record<string, unknown>[], nextLink: string | undefined, count?: number): Res {
  const body: Record<string, unknown> = { '@odata.context': contextUrlOf(ctxName, selectOf(req), false) };
  if (count !== undefined) body['@odata.count'] = count;
  body.value = items;
  if (nextLink) body['@odata.nextLink'] = nextLink;
  return jsonRes(200, body);
}

/** The items whose projection passes the request's `$filter` (all of them without one). */
export function filterItems<T>(req: Req, items: Iterable<T>, project: (t: T) => unknown): T[] {
  const f = queryOption(req, 'filter');
  if (!f) return [...items];
  const pred = compileFilter(f);
  const out: T[] = [];
  for (const it of items) if (pred(project(it))) out.push(it);
  return out;
}
