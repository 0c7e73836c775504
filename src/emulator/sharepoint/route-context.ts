/**
 * What a SharePoint route's handler works with (`SpRouteCtx`): the request, the store, the site
 * the URL addresses, the answers at the request's format, the path's bound arguments and the
 * records their resolvers found (route-table.ts, routes.ts). Imports nothing from `./index.ts`,
 * so route files can import it without a cycle.
 */
import type { Req, Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { ContentTypeRec } from '../metadata-types.ts';
import type { ViewRec } from '../site-ia.ts';
import type { FieldRec, ListRec, SiteRec } from '../types.ts';
import type { SpEntity } from './project.ts';
import type { SpBodyShape } from './body-check.ts';

export { notFoundSegment, SpError } from './errors.ts';

/** The answer's format: JSON at a metadata level, or Atom XML (the service's default without an Accept header). */
export type SpMode = 'verbose' | 'minimal' | 'nometadata' | 'atom';

/** A path segment as routes see it: `getbytitle('a/b')` is `{ name: 'getbytitle', arg: 'a/b', raw: "'a/b'" }`. */
export interface SpSeg {
  /** e.g. `sitegroups`, `getbyname`, `addroleassignment` (as written; compare lower-cased) */
  name: string;
  /** the argument decoded: quotes removed, `@alias` resolved, `guid'…'` unwrapped; null without parentheses */
  arg: string | null;
  /** the raw text between the parentheses (for several named arguments: `principalid=5, roledefid=3`) */
  raw: string | null;
}

/** SPSiteManager/create: share of creations that answer SiteStatus 1 and the simulated delay until 2. */
export interface SiteTiming {
  asyncRate: number;
  delay: () => number;
  chance: (p: number) => boolean;
}

export interface SpRouteCtx {
  req: Req;
  /** the effective method (X-HTTP-Method honoured): GET, POST, MERGE, PATCH, PUT, DELETE */
  method: string;
  mode: SpMode;
  store: Store;
  /** the site the URL addresses (for the admin host: the tenant's root site) */
  site: SiteRec;
  /** SPSiteManager/create's timing (set by the local tenant's profile) */
  siteTiming: SiteTiming;
  /** the JSON body as an object ({} when empty), checked against what the route takes (body-check.ts: the service's 400 for a name it does not declare) */
  body(shape: SpBodyShape): Record<string, unknown>;
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
  /** the path's segments below `_api/`, decoded */
  segs: SpSeg[];
  /** the route's bound arguments (`{p}` of its pattern) */
  args: Record<string, SpSeg>;
  /** the segments a trailing `{...}` matched */
  rest: SpSeg[];
  /** the segments below the prefix the route was mounted under (route-table.ts `mount`) */
  below: SpSeg[];
  /** set by the resolvers of the route's arguments (routes.ts), in path order */
  list?: ListRec;
  field?: FieldRec;
  contentType?: ContentTypeRec;
  /** a site group's id (`{group}`: found), a site user's (`{useremail}`: found), a role definition's (`{roledefname}`, `{roledeftype}`: found) */
  groupId?: number;
  userId?: number;
  roleDefId?: number;
  /** a field link's id (`{linkid}`: a GUID) and a list item's (`{item}`: a positive integer) */
  linkId?: string;
  itemId?: number;
  /** a list's view (`{view}`, `{viewtitle}`, `defaultview`) */
  view?: ViewRec;
}
