/**
 * How SharePoint REST routes are written, each resource in its own file: an `SpRoutes` object,
 * listed once in `SP_ROUTES` of `./index.ts` (the walker, `./walker.ts`, offers segments to the
 * files in that order). The walk starts at the `root` scope; at a scope (root, web, site, list)
 * each file's `enter` is offered the segment and returns an opaque state (or undefined to pass);
 * later segments go to that file's `step`, which may hand the walk back to a scope with
 * `new SpAt(scope)` (`lists/getbytitle('x')` stands at the list, where every file may enter).
 * The request goes to `execute` on the final state, or to each file's `executeAt` on a final scope.
 * Requests to the tenant admin host (`<tenant>-admin.sharepoint.com`) go to `admin`.
 * This file imports nothing from `./index.ts`, so route files can import it without a cycle.
 */
import type { Req, Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import type { SpEntity } from './project.ts';

export { notFoundSegment, SpError } from './errors.ts';

/** The answer's format: JSON at a metadata level, or Atom XML (the service's default without an Accept header). */
export type SpMode = 'verbose' | 'minimal' | 'nometadata' | 'atom';

/** A scope of the walk: where every route file is offered the next segment. */
export type SpScope = { k: 'root' } | { k: 'web' } | { k: 'site' } | { k: 'list'; list: ListRec };

/** What `enter` / `step` return to stand at a scope again (e.g. a list found by `getbytitle`). */
export class SpAt {
  constructor(readonly scope: SpScope) {}
}

export interface SpSeg {
  /** e.g. `sitegroups`, `getbyname`, `addroleassignment` (as written; compare lower-cased) */
  name: string;
  /** the argument decoded: quotes removed, `@alias` resolved, `guid'…'` unwrapped; null without parentheses */
  arg: string | null;
  /** the raw text between the parentheses (for several named arguments: `principalid=5, roledefid=3`) */
  raw: string | null;
}

export interface SpRouteCtx {
  req: Req;
  /** the effective method (X-HTTP-Method honoured): GET, POST, MERGE, PATCH, PUT, DELETE */
  method: string;
  mode: SpMode;
  store: Store;
  /** the site the URL addresses (for the admin host: the tenant's root site) */
  site: SiteRec;
  /** the JSON body as an object ({} when empty) */
  body(): Record<string, unknown>;
  /** one entity at the request's metadata level (`set` e.g. `SP.ApiData.Groups`) */
  entity(e: SpEntity, set: string, status?: number): Res;
  /** a collection with $filter, $orderby, $top, $skip, $select, $expand applied */
  collection(items: SpEntity[], set: string): Res;
  /**
   * one page of a collection already filtered and ordered (`$select` / `$expand` applied here):
   * `feedId` its absolute URL, `next` the next page's absolute URL or null, `type` its entities' type
   */
  page(items: SpEntity[], set: string, feedId: string, next: string | null, type: string): Res;
  /** a primitive result of a function, e.g. `{ value: true }` */
  value(fn: string, type: string, v: unknown): Res;
  /** a complex result of a function (`fn` its name, `type` e.g. `SP.ContextWebInformation`) */
  complex(fn: string, type: string, props: Record<string, unknown>): Res;
}

export interface SpRoutes {
  /** A segment at the scope `at`: a state to continue from (or `new SpAt(scope)`), or undefined to pass it to the next file. */
  enter(at: SpScope, seg: SpSeg, ctx: SpRouteCtx): unknown;
  /** The next segment after `enter`: the next state (or `new SpAt(scope)`), or undefined when there is no such resource (404). */
  step(state: unknown, seg: SpSeg, ctx: SpRouteCtx): unknown;
  /** Runs the request on the final state; undefined when the method is not allowed there. */
  execute(state: unknown, ctx: SpRouteCtx): Res | undefined;
  /** Runs a request that ends at a scope (GET web, MERGE list...); undefined to pass. */
  executeAt?(at: SpScope, ctx: SpRouteCtx): Res | undefined;
  /** A request to the tenant admin host (`_api/...` segments); undefined to pass. */
  admin?(segs: SpSeg[], ctx: SpRouteCtx): Res | undefined;
}
