/**
 * `SPSiteManager` on the root site (`_api/SPSiteManager/create|status|delete`): communication
 * sites created, their provisioning status (1 while a simulated delay runs, then 2; 3 for a URL
 * that is taken), deleted to the tenant recycle bin.
 */
import type { Req, Res } from '../http.ts';
import { isObj } from '../http.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { webAbs } from './project.ts';
import { complexRes, type RenderCtx } from './render.ts';
import { SpError, type SpSeg } from './routes-api.ts';

/** SPSiteManager/create: share of creations that answer SiteStatus 1 and the simulated delay until 2. */
export interface SiteTiming {
  asyncRate: number;
  delay: () => number;
  chance: (p: number) => boolean;
}

const fileNotFound = () => new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
const argument = (msg: string) => new SpError(400, '-2147024809, System.ArgumentException', msg);

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The live site an absolute URL on the tenant's host addresses. */
export function siteByAbsUrl(store: Store, url: string): SiteRec | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.hostname.toLowerCase() !== store.spHost) return undefined;
  return store.getSiteByUrl(safeDecode(u.pathname));
}

/** `segs` from `SPSiteManager` on (their `arg`s decoded). */
export function siteManager(store: Store, req: Req, method: string, segs: SpSeg[], rc: RenderCtx, body: () => Record<string, unknown>, timing: SiteTiming): Res {
  const action = segs[1]?.name.toLowerCase();
  const root = store.getSiteByUrl('/');
  if (!root) throw fileNotFound();
  const respond = (siteId: string, status: number, url: string, fn: string) => complexRes(rc, fn, 'Microsoft.SharePoint.Portal.SPSiteCreationResponse', { SiteId: siteId, SiteStatus: status, SiteUrl: url });
  if (action === 'create' && method === 'POST' && segs.length === 2) {
    req.op = 'SP POST SPSiteManager/create';
    const b = body();
    const r = isObj(b.request) ? b.request : null;
    if (!r) throw argument("The parameter 'request' is required.");
    const title = r.Title;
    const url = r.Url;
    if (typeof title !== 'string' || !title.trim()) throw argument('The Title of the site cannot be empty.');
    if (typeof url !== 'string') throw argument('The Url of the site cannot be empty.');
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw argument(`The Url '${url}' is not valid.`);
    }
    const path = safeDecode(u.pathname).replace(/\/$/, '');
    if (u.hostname.toLowerCase() !== store.spHost || !/^\/(sites|teams)\/[^/]+$/i.test(path)) throw argument(`The Url '${url}' is not valid.`);
    const owner = r.Owner;
    const ownerUser = typeof owner === 'string' && owner ? store.getUser(owner.replace(/^i:0#\.f\|membership\|/i, '')) : undefined;
    if (typeof owner === 'string' && owner && !ownerUser) throw new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', 'The user does not exist or is not unique.');
    if (!ownerUser) throw new SpError(400, '-2147024809, System.ArgumentException', 'Owner is required when creating a site with an app-only token.');
    if (store.siteUrlTaken(path)) return respond('', 3, '', 'Create');
    const later = timing.chance(timing.asyncRate) ? timing.delay() : 0;
    const tpl = typeof r.WebTemplate === 'string' && r.WebTemplate ? r.WebTemplate.toUpperCase() : 'SITEPAGEPUBLISHING#0';
    const [tname, conf] = tpl.split('#');
    const site = store.createSite({
      url: path,
      title,
      description: typeof r.Description === 'string' ? r.Description : '',
      webTemplate: tname || 'SITEPAGEPUBLISHING',
      configuration: Number(conf ?? 0) || 0,
      lcid: typeof r.Lcid === 'number' ? r.Lcid : 1033,
      groupId: null,
      owner: ownerUser.id,
      shareByEmailEnabled: r.ShareByEmailEnabled === true,
      ...(later > 0 ? { readyAt: store.clock.now() + later } : {}),
    });
    return respond(site.id, later > 0 ? 1 : 2, webAbs(store, site), 'Create');
  }
  if (action === 'status' && method === 'GET') {
    req.op = 'SP GET SPSiteManager/status';
    const raw = req.query.get('url') ?? segs[1]?.arg ?? '';
    const url = raw.replace(/^'|'$/g, '');
    const s = siteByAbsUrl(store, url);
    if (!s) {
      // provisioning (1) until it is ready; a recycled site is not found
      let p: string | null = null;
      try {
        p = new URL(url).pathname;
      } catch {
        p = null;
      }
      const any = p !== null ? store.getSiteByUrlAny(safeDecode(p)) : undefined;
      if (any && any.deletedAt === undefined) return respond(any.id, 1, webAbs(store, any), 'Status');
      return respond('', 0, '', 'Status');
    }
    return respond(s.id, 2, webAbs(store, s), 'Status');
  }
  if (action === 'delete' && method === 'POST' && segs.length === 2) {
    // A communication site goes to the tenant recycle bin; its URL stays taken until purged.
    req.op = 'SP POST SPSiteManager/delete';
    const b = body();
    const id = typeof b.siteId === 'string' ? b.siteId.replace(/[{}]/g, '').toLowerCase() : '';
    const site = id ? store.getSite(id) : undefined;
    if (!site || site.deletedAt !== undefined) throw new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
    if (site.groupId) throw new SpError(400, '-2147024809, System.ArgumentException', 'This site belongs to a Microsoft 365 group. To delete the site, you must delete the group.');
    store.commit({ k: 'site', v: { ...site, deletedAt: store.clock.now() } });
    return { status: 204, headers: {} };
  }
  throw new SpError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request SPSiteManager/${segs[1]?.name ?? ''}.`);
}
