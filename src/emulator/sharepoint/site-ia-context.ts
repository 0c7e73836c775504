/**
 * What the SharePoint routes of site information architecture (the site-ia-*.ts files' table
 * entries) work with: the face's route context seen from the scope on (`iaContext`), and the
 * answers and body reading they share.
 */
import { emptyRes, isObj, type Req, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import type { SpEntity } from './project.ts';
import { SpError, type SpRouteCtx } from './route-context.ts';
import { spBody, type SpBodyShape } from './body-check.ts';

export interface IaSeg {
  name: string;
  /** the decoded argument (quotes removed), null without parentheses */
  arg: string | null;
}

/** What these routes work with: the face's route context and the segments from the scope on. */
export interface IaContext {
  store: Store;
  req: Req;
  method: string;
  site: SiteRec;
  /** segments from the root: `web/...`, `site/...`, or `#list/views/...` under a list */
  segs: IaSeg[];
  /** unquotes a query-string argument (`'x'`); segment arguments come decoded */
  arg(raw: string | null): string | null;
  /** the list the request stands on (scope `list`) */
  list(segs: IaSeg[]): ListRec;
  entity(e: SpEntity, set: string, status?: number): Res;
  collection(items: SpEntity[], set: string): Res;
  value(fn: string, type: string, value: unknown): Res;
  empty(status?: number): Res;
  error(status: number, code: string, message: string): Error;
}

/** 405 for a method the resource does not take. */
export function notAllowed(c: IaContext): Error {
  return c.error(405, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The HTTP method '${c.method}' cannot be used for this resource.`);
}

/**
 * The JSON body's object, checked against what the route takes (body-check.ts), and its
 * `parameters` when the route's method takes them that way; `{}` without a body.
 */
export function body(c: IaContext, shape: SpBodyShape): Record<string, unknown> {
  const b = spBody(c.req, shape);
  return 'params' in shape && Object.hasOwn(shape.params, 'parameters') && isObj(b.parameters) ? b.parameters : b;
}

/** Where an entry is mounted: `_api`, the site, the web, a list. */
export type IaScope = 'root' | 'web' | 'site' | 'list';

/** The context of a request below one of the slice's segments (`ctx.below` starts at that segment). */
export function iaContext(ctx: SpRouteCtx, scope: IaScope): IaContext {
  const prefix: IaSeg[] = scope === 'root' ? [] : [{ name: scope === 'list' ? '#list' : scope, arg: null }];
  const list = scope === 'list' ? ctx.list : undefined;
  return {
    store: ctx.store,
    req: ctx.req,
    method: ctx.method,
    site: ctx.site,
    segs: [...prefix, ...ctx.below.map((s) => ({ name: s.name, arg: s.arg }))],
    arg: unquote,
    list: () => {
      if (!list) throw new SpError(404, '-1, System.ArgumentException', 'List does not exist.');
      return list;
    },
    entity: ctx.entity,
    collection: ctx.collection,
    value: ctx.value,
    empty: (status = 204) => emptyRes(status),
    error: (status, code, message) => new SpError(status, code, message),
  };
}

/** An argument unquoted once more (`'x'` is `x`) and trimmed, as these routes read them. */
export function unquote(raw: string | null): string | null {
  if (raw === null) return null;
  const q = /^'(.*)'$/s.exec(raw.trim());
  return q ? q[1]!.replace(/''/g, "'") : raw.trim();
}
