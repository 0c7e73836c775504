/**
 * `SPSiteManager` on the root site (`_api/SPSiteManager/create|status|delete`, whatever site the
 * URL addresses; entries of the table in routes.ts): communication sites created, their
 * provisioning status (1 while a simulated delay runs, then 2; 3 for a URL that is taken),
 * deleted to the tenant recycle bin.
 */
import type { Res } from '../http.ts';
import { isObj } from '../http.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { webAbs } from './project.ts';
import { SpError, type SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { SP_SITE_CREATION_REQUEST } from './body-types.ts';

export type { SiteTiming } from './route-context.ts';

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
  const path = pathOnTenant(store, url);
  return path === undefined ? undefined : store.getSiteByUrl(path);
}

/** The decoded server-relative path of an absolute URL on the tenant's host, or undefined (another host, not a URL). */
export function pathOnTenant(store: Store, url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  return u.hostname.toLowerCase() === store.spHost ? safeDecode(u.pathname) : undefined;
}

function respond(c: SpRouteCtx, siteId: string, status: number, url: string, fn: string): Res {
  return c.complex(fn, 'Microsoft.SharePoint.Portal.SPSiteCreationResponse', { SiteId: siteId, SiteStatus: status, SiteUrl: url });
}

function create(c: SpRouteCtx): Res {
  const { store, siteTiming: timing } = c;
  c.req.op = 'SP POST SPSiteManager/create';
  const b = c.body({ method: 'Create', params: { request: SP_SITE_CREATION_REQUEST } });
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
  if (store.siteUrlTaken(path)) return respond(c, '', 3, '', 'Create');
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
  return respond(c, site.id, later > 0 ? 1 : 2, webAbs(store, site), 'Create');
}

function status(c: SpRouteCtx): Res {
  const { store } = c;
  c.req.op = 'SP GET SPSiteManager/status';
  const raw = c.req.query.get('url') ?? c.segs[1]?.arg ?? '';
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
    if (any && any.deletedAt === undefined) return respond(c, any.id, 1, webAbs(store, any), 'Status');
    return respond(c, '', 0, '', 'Status');
  }
  return respond(c, s.id, 2, webAbs(store, s), 'Status');
}

function remove(c: SpRouteCtx): Res {
  // A communication site goes to the tenant recycle bin; its URL stays taken until purged.
  const { store } = c;
  c.req.op = 'SP POST SPSiteManager/delete';
  const b = c.body({ method: 'Delete', params: { siteId: null } });
  const id = typeof b.siteId === 'string' ? b.siteId.replace(/[{}]/g, '').toLowerCase() : '';
  const site = id ? store.getSite(id) : undefined;
  if (!site || site.deletedAt !== undefined) throw new SpError(404, '-2147024894, System.IO.FileNotFoundException', 'File Not Found.');
  if (site.groupId) throw new SpError(400, '-2147024809, System.ArgumentException', 'This site belongs to a Microsoft 365 group. To delete the site, you must delete the group.');
  store.commit({ k: 'site', v: { ...site, deletedAt: store.clock.now() } });
  return { status: 204, headers: {} };
}

/** SPSiteManager's entries, served on the root site; any other method or action is the service's 404. */
export const SITE_MANAGER_ROUTES: SpRoute[] = [
  { method: 'POST', pattern: 'spsitemanager(*)/create(*)', handler: create, on: 'root' },
  { method: 'GET', pattern: 'spsitemanager(*)/status(*)/{...}', handler: status, on: 'root' },
  { method: 'POST', pattern: 'spsitemanager(*)/delete(*)', handler: remove, on: 'root' },
  {
    method: '*',
    pattern: 'spsitemanager(*)/{...}',
    on: 'root',
    handler: (c) => {
      throw new SpError(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request SPSiteManager/${c.segs[1]?.name ?? ''}.`);
    },
  },
];
