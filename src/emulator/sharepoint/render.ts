/**
 * How the SharePoint REST face answers: the format the `Accept` header picks (Atom XML by
 * default, as the service; JSON verbose, minimal metadata or no metadata when asked), `$select` /
 * `$expand` applied to `SpEntity` records, collections, function values and errors.
 */
import type { Res } from '../http.ts';
import { isObj } from '../http.ts';
import { atomEntry, atomError, atomFeed, atomValue, type AtomEntity } from './atom.ts';
import type { SpEntity } from './project.ts';
import { checkSelect, checkSelectExpanded, noSuchProperty } from './query-rules.ts';
import type { SpMode } from './route-context.ts';

/**
 * The format an `Accept` header asks for. SharePoint answers JSON only when `application/json` is
 * accepted; without an `Accept` header, or with `*∕*`, `application/atom+xml`, `application/xml`,
 * it answers OData v3 Atom XML.
 */
export function modeOf(accept: string | undefined): SpMode {
  const a = (accept ?? '').toLowerCase();
  if (!a.includes('application/json')) return 'atom';
  if (a.includes('odata=verbose')) return 'verbose';
  if (a.includes('odata=nometadata') || a.includes('odata.metadata=none')) return 'nometadata';
  return 'minimal';
}

/** What every answer of one request needs to know. */
export interface RenderCtx {
  mode: SpMode;
  /** the web's `_api` URL, e.g. `https://contoso.sharepoint.com/sites/a/_api` */
  base: string;
  query: URLSearchParams;
  /** the simulated time, ISO (Atom's `<updated>`) */
  now: string;
  /** an OData v4 request (`OData-Version: 4.0` or `odata.metadata=` in Accept): the next page is `@odata.nextLink` */
  v4?: boolean;
}

/** Whether a request speaks OData v4 (its next links are `@odata.nextLink`). */
export function isV4(accept: string | undefined, odataVersion: string | undefined): boolean {
  return (odataVersion ?? '').trim().startsWith('4') || (accept ?? '').toLowerCase().includes('odata.metadata=');
}

export function jsonOut(status: number, mode: SpMode, body: unknown): Res {
  const ct = mode === 'verbose' ? 'application/json;odata=verbose;charset=utf-8' : `application/json;odata=${mode === 'nometadata' ? 'nometadata' : 'minimalmetadata'};streaming=true;charset=utf-8`;
  return { status, headers: { 'content-type': ct }, body: JSON.stringify(body) };
}

/** The service's error body in the request's format (JSON `error` / `odata.error`, or XML `m:error`). */
export function errorRes(mode: SpMode, status: number, code: string, message: string): Res {
  if (mode === 'atom') return atomError(status, code, message);
  const inner = { code, message: { lang: 'en-US', value: message } };
  return {
    status,
    headers: { 'content-type': `application/json;odata=${mode === 'verbose' ? 'verbose' : mode === 'nometadata' ? 'nometadata' : 'minimalmetadata'};charset=utf-8` },
    body: JSON.stringify(mode === 'verbose' ? { error: inner } : { 'odata.error': inner }),
  };
}

interface SelectExpand {
  select: string[] | null;
  /** The `$expand` paths, lower case: `member`, or `roleassignments/member` (OData v3 nests with `/`). */
  expand: Set<string>;
}

function selectExpand(query: URLSearchParams): SelectExpand {
  const sel = query.get('$select');
  const exp = query.get('$expand');
  const select = sel ? sel.split(',').map((s) => s.trim()).filter(Boolean) : null;
  const expand = new Set((exp ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  return { select, expand };
}

/** Whether `$expand` names the navigation `name` of this level (alone or as the head of a path). */
function expands(expand: Set<string>, name: string): boolean {
  const n = name.toLowerCase();
  for (const p of expand) if (p === n || p.startsWith(n + '/')) return true;
  return false;
}

/** The `$expand` paths below the navigation `name` (`roleassignments/member` -> `member`). */
function subExpand(expand: Set<string>, name: string): Set<string> {
  const head = name.toLowerCase() + '/';
  const out = new Set<string>();
  for (const p of expand) if (p.startsWith(head)) out.add(p.slice(head.length));
  return out;
}

/**
 * Refuses an `$expand` path whose segments are not navigations of the entities, as the service
 * refuses an unknown property ("The field or property 'B' does not exist"), where the local tenant
 * used to drop a one-segment name it did not know. A navigation the type has but an entity lacks
 * (`absentNavs`: a group without an owner) is known; a structural property is not a navigation,
 * refused the same way (as a nested path through one always was). Nothing to check against in an
 * empty collection.
 */
function checkExpand(expand: Set<string>, entities: SpEntity[], raw: string | null): void {
  // the service names the property as it was written; the paths are kept in lower case
  const written = (seg: string) => (raw ?? '').split(/[,/]/).map((x) => x.trim()).find((x) => x.toLowerCase() === seg) ?? seg;
  for (const path of expand) {
    let level = entities;
    for (const seg of path.split('/')) {
      if (level.length === 0) break;
      const next: SpEntity[] = [];
      let known = false;
      for (const e of level) {
        if (e.absentNavs?.some((n) => n.toLowerCase() === seg)) known = true;
        const nav = Object.entries(e.navs ?? {}).find(([k]) => k.toLowerCase() === seg);
        if (!nav) continue;
        known = true;
        const v = nav[1]();
        if (Array.isArray(v)) next.push(...v);
        else next.push(v);
      }
      if (!known) throw noSuchProperty(written(seg));
      level = next;
    }
  }
}

function verboseValue(v: unknown): unknown {
  if (Array.isArray(v)) return { __metadata: { type: 'Collection(Edm.String)' }, results: v };
  if (isObj(v) && !('__metadata' in v)) {
    if ('DecodedUrl' in v) return { __metadata: { type: 'SP.ResourcePath' }, ...v };
    if ('StringValue' in v) return { __metadata: { type: 'SP.ChangeToken' }, ...v };
  }
  return v;
}

function selectedProps(e: SpEntity, select: string[] | null): [string, unknown][] {
  const wanted = select && !select.includes('*') ? select.filter((s) => !s.includes('/')).map((s) => s.toLowerCase()) : null;
  return Object.entries(e.props).filter(([k]) => !wanted || wanted.includes(k.toLowerCase()));
}

function subSelect(select: string[] | null, name: string): string[] | null {
  const sub = select ? select.filter((s) => s.toLowerCase().startsWith(name.toLowerCase() + '/')).map((s) => s.slice(name.length + 1)) : [];
  return sub.length ? sub : null;
}

/** One entity at a JSON metadata level, `$select` and `$expand` applied. */
export function renderJson(e: SpEntity, mode: SpMode, select: string[] | null, expand: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (mode === 'verbose') out.__metadata = { id: e.id, uri: e.id, ...(e.etag ? { etag: e.etag } : {}), type: e.type };
  else if (mode === 'minimal') {
    out['odata.type'] = e.type;
    out['odata.id'] = e.id;
    if (e.etag) out['odata.etag'] = e.etag;
    out['odata.editLink'] = e.editLink;
  }
  for (const [k, v] of selectedProps(e, select)) out[k] = mode === 'verbose' ? verboseValue(v) : v;
  for (const [name, get] of Object.entries(e.navs ?? {})) {
    if (!expands(expand, name)) continue;
    const v = get();
    const sub = subSelect(select, name);
    const deeper = subExpand(expand, name);
    if (Array.isArray(v)) {
      const arr = v.map((x) => renderJson(x, mode, sub, deeper));
      out[name] = mode === 'verbose' ? { results: arr } : arr;
    } else out[name] = renderJson(v, mode, sub, deeper);
  }
  return out;
}

/** One entity for Atom, `$select` and `$expand` applied (navigations not expanded stay deferred links). */
export function toAtom(e: SpEntity, select: string[] | null, expand: Set<string>): AtomEntity {
  const navs: AtomEntity['navs'] = [];
  for (const [name, get] of Object.entries(e.navs ?? {})) {
    if (!expands(expand, name)) {
      navs.push({ name });
      continue;
    }
    const v = get();
    const sub = subSelect(select, name);
    const deeper = subExpand(expand, name);
    navs.push({ name, inline: Array.isArray(v) ? v.map((x) => toAtom(x, sub, deeper)) : toAtom(v, sub, deeper) });
  }
  return { type: e.type, id: e.id, editLink: e.editLink, ...(e.etag ? { etag: e.etag } : {}), props: Object.fromEntries(selectedProps(e, select)), navs };
}

/** One entity (`set` names the entity set for minimal metadata, e.g. `SP.ApiData.Lists`). */
export function entityRes(rc: RenderCtx, e: SpEntity, set: string, status = 200): Res {
  const { select, expand } = selectExpand(rc.query);
  checkSelect(select, [e], e.type);
  checkSelectExpanded(select, expand);
  checkExpand(expand, [e], rc.query.get('$expand'));
  if (rc.mode === 'atom') return atomEntry(status, toAtom(e, select, expand), rc.base, rc.now);
  const body = renderJson(e, rc.mode, select, expand);
  if (rc.mode === 'verbose') return jsonOut(status, rc.mode, { d: body });
  if (rc.mode === 'minimal') return jsonOut(status, rc.mode, { 'odata.metadata': `${rc.base}/$metadata#${set}/@Element`, ...body });
  return jsonOut(status, rc.mode, body);
}

/**
 * One page of a collection whose entities are already filtered and ordered: `$select` and
 * `$expand` applied; `next` is the absolute URL of the next page (`odata.nextLink`, `__next`,
 * `<link rel="next">`), `feedId` the collection's absolute URL.
 */
export function pageRes(rc: RenderCtx, set: string, items: SpEntity[], feedId: string, next: string | null, type: string): Res {
  const { select, expand } = selectExpand(rc.query);
  checkSelect(select, items, type);
  checkSelectExpanded(select, expand);
  checkExpand(expand, items, rc.query.get('$expand'));
  if (rc.mode === 'atom') return atomFeed(items.map((e) => toAtom(e, select, expand)), rc.base, feedId, rc.now, next);
  const rendered = items.map((e) => renderJson(e, rc.mode, select, expand));
  if (rc.mode === 'verbose') return jsonOut(200, rc.mode, { d: { results: rendered, ...(next ? { __next: next } : {}) } });
  const nextKey = next ? { [rc.v4 ? '@odata.nextLink' : 'odata.nextLink']: next } : {};
  if (rc.mode === 'minimal') return jsonOut(200, rc.mode, { 'odata.metadata': `${rc.base}/$metadata#${set}`, value: rendered, ...nextKey });
  return jsonOut(200, rc.mode, { value: rendered, ...nextKey });
}

/** A function's result: a primitive value, e.g. `{ value: true }` / `{ d: { Exists: true } }`. */
export function valueRes(rc: RenderCtx, fn: string, type: string, value: unknown): Res {
  if (rc.mode === 'atom') return atomValue(200, fn, type, value);
  if (rc.mode === 'verbose') return jsonOut(200, rc.mode, { d: { [fn]: value } });
  if (rc.mode === 'nometadata') return jsonOut(200, rc.mode, { value });
  return jsonOut(200, rc.mode, { 'odata.metadata': `${rc.base}/$metadata#${type}`, value });
}

/**
 * A function's complex result (e.g. `GetContextWebInformation` of type `SP.ContextWebInformation`):
 * verbose wraps it in `d.<fn>` with its `__metadata`, minimal adds `odata.metadata`, nometadata is flat.
 */
export function complexRes(rc: RenderCtx, fn: string, type: string, props: Record<string, unknown>): Res {
  if (rc.mode === 'atom') return atomValue(200, fn, type, props);
  if (rc.mode === 'verbose') {
    const v = Object.fromEntries(Object.entries(props).map(([k, x]) => [k, Array.isArray(x) ? { __metadata: { type: 'Collection(Edm.String)' }, results: x } : x]));
    return jsonOut(200, rc.mode, { d: { [fn]: { __metadata: { type }, ...v } } });
  }
  if (rc.mode === 'nometadata') return jsonOut(200, rc.mode, props);
  return jsonOut(200, rc.mode, { 'odata.metadata': `${rc.base}/$metadata#${type}`, ...props });
}
