/**
 * Sites on the Graph face: a site by its key (`root`, `{host},{siteId},{webId}`, an id), `GET
 * /sites/{id}` and `GET /sites?search=`. Lists, columns and items below a site are lists.ts,
 * columns.ts and list-items.ts; the site routes are declared in routes-sites.ts.
 */
import { jsonRes, type Res } from '../http.ts';
import { isGuid, normGuid } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { collectionRes, contextUrlOf, pageOf, queryOption, shapeOf } from './collection.ts';
import { GraphError } from './errors.ts';
import { siteExtra, siteJson } from './project.ts';
import type { GraphCtx } from './route-context.ts';
import { SITE_TYPE } from './sharepoint-schema.ts';
import { sharePointSelect } from './sharepoint-select.ts';

/** A site by its Graph key: `root`, the host name, `{host},{siteId}[,{webId}]` or a site id. */
export function resolveSite(c: GraphCtx, key: string): SiteRec {
  const k = key.toLowerCase();
  const notFound = () => new GraphError(404, 'itemNotFound', 'Requested site could not be found');
  if (k === 'root' || k === c.store.spHost) {
    const s = c.store.getSiteByUrl('/');
    if (!s) throw notFound();
    return s;
  }
  const parts = k.split(',');
  if (parts.length >= 2) {
    if (parts[0] !== c.store.spHost) throw notFound();
    const s = isGuid(parts[1]!) ? c.store.getSite(normGuid(parts[1]!)) : undefined;
    if (!s) throw notFound();
    if (parts[2] && normGuid(parts[2]) !== s.webId) throw notFound();
    return s;
  }
  if (isGuid(k)) {
    const s = c.store.getSite(normGuid(k));
    if (s) return s;
  }
  throw new GraphError(400, 'invalidRequest', 'Invalid hostname for this tenancy');
}

function siteOut(c: GraphCtx, s: SiteRec, sel: string[] | null): Record<string, unknown> {
  return shapeOf(siteJson(c.store, s), () => siteExtra(c.store, s, c.tenantId), sel, false);
}

/** `GET /sites/{id}` */
export function getSite(c: GraphCtx, s: SiteRec): Res {
  const sel = sharePointSelect(c.req, SITE_TYPE);
  return jsonRes(200, { '@odata.context': contextUrlOf('sites', sel, true), ...siteOut(c, s, sel) });
}

/** `GET /sites?search=`: visible sites whose title or URL contains the term. */
export function searchSites(c: GraphCtx): Res {
  const search = (queryOption(c.req, 'search') ?? '').replace(/^"|"$/g, '').toLowerCase();
  const sel = sharePointSelect(c.req, SITE_TYPE);
  const all = [...c.store.sites.values()].filter((s) => c.store.isVisible(s) && (search === '' || search === '*' || s.title.toLowerCase().includes(search) || s.url.toLowerCase().includes(search)));
  const { items, nextLink } = pageOf(c.req, all, 100, 999);
  return collectionRes(c.req, 'sites', items.map((s) => siteOut(c, s, sel)), nextLink);
}
