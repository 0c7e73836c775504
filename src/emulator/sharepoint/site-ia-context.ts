/**
 * What the SharePoint routes of site information architecture (site-ia.ts and the site-ia-*.ts it dispatches to)
 * work with: the face's route context seen from the scope on, and the answers and body reading
 * they share.
 */
import { isObj, parseJsonBody, type Req, type Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { ListRec, SiteRec } from '../types.ts';
import type { SpEntity } from './project.ts';

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

/** The JSON body's object (its `parameters` when it has them); `{}` without a body. */
export function body(c: IaContext): Record<string, unknown> {
  const b = parseJsonBody(c.req);
  if (b === undefined) return {};
  if (!isObj(b)) throw c.error(400, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', 'The request body must be a JSON object.');
  return isObj(b.parameters) ? b.parameters : b;
}
