/**
 * A query option no route reads is refused, never ignored. Each Graph route reads the options it
 * serves through `queryOption` (collection.ts), checking them as the service does (sharepoint-select.ts,
 * directory-query.ts); an option it never read would be dropped silently, so that a request the
 * service refuses (`$expand=bogus` on a site, `$select=email` on a team's members) or answers
 * differently (`$filter` where it filters) would pass here. After a GET's route answered, any
 * OData system query option it did not read makes the answer a 400 saying the local tenant does
 * not serve it there (a GET changes nothing, so the answer can still be replaced).
 */
import type { Req } from '../http.ts';
import { GraphError } from './errors.ts';

/** The OData system query options, without their `$` (Graph takes both spellings). */
const SYSTEM_OPTIONS = ['select', 'expand', 'filter', 'orderby', 'top', 'skip', 'count', 'search', 'skiptoken', 'format', 'compute', 'apply'];

/** Throws the local tenant's 400 for the first system query option in `req` its route did not read. */
export function refuseUnreadOptions(req: Req): void {
  for (const name of SYSTEM_OPTIONS) {
    if (req.optionsRead?.has(name)) continue;
    const given = req.query.has(`$${name}`) ? `$${name}` : req.query.has(name) ? name : undefined;
    if (given) throw new GraphError(400, 'BadRequest', `The query option '${given}' is not served by the local tenant on ${req.op ?? `${req.method} ${req.rawPath}`}: it reads only what it can answer as the service would, and does not ignore the rest.`);
  }
}
