/**
 * SharePoint REST routes of hub sites (entries of the table in routes.ts; `HUB_SITE_ROUTES` relative
 * to the site, `HUB_WEB_ROUTES` to the web, `HUB_ROOT_ROUTES` to `_api`):
 *   site/RegisterHubSite, site/UnRegisterHubSite, site/JoinHubSite('id')   POST
 *   HubSites, HubSites('id'), HubSites/GetById?hubSiteId='id', SP.HubSites.GetById   GET; one hub MERGE {Title, LogoUrl, Description}
 *   web/HubSiteData                          GET (the JSON string of the hub's data, with its top navigation)
 * A hub and a site's association are kept in the web's settings record (site-ia-web-settings.ts).
 */
import type { Res } from '../http.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { apiBase, webAbs, type SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { body, iaContext, notAllowed, type IaContext } from './site-ia-context.ts';
import { siblings } from './site-ia-navigation.ts';
import { EMPTY_GUID, putWeb, webSettings } from './site-ia-web-settings.ts';
import { SP_HUB_SITE } from './body-types.ts';

function hubEntity(store: Store, site: SiteRec, path: string): SpEntity {
  const web = webSettings(store, site);
  const hub = web.hub!;
  return {
    type: 'SP.HubSite',
    id: `${apiBase(store, site)}/${path}`,
    editLink: path,
    etag: '"1"',
    props: {
      Description: hub.description || null,
      EnablePermissionsSync: false,
      EnforcedECTs: null,
      EnforcedECTsVersion: 0,
      HideNameInNavigation: false,
      ID: hub.id,
      LogoUrl: hub.logoUrl || null,
      ParentHubSiteId: EMPTY_GUID,
      PermissionsSyncTag: 0,
      RelatedHubSiteIds: [],
      RequiresJoinApproval: false,
      SiteDesignId: EMPTY_GUID,
      SiteId: site.id,
      SiteUrl: webAbs(store, site),
      Targets: null,
      TenantInstanceId: EMPTY_GUID,
      Title: hub.title,
    },
  };
}

function registerHub(c: IaContext): Res {
  const web = webSettings(c.store, c.site);
  if (web.hub) throw c.error(400, '-2146232832, Microsoft.SharePoint.SPException', 'This site is already a HubSite.');
  if (web.hubSiteId && web.hubSiteId !== c.site.id) {
    throw c.error(400, '-2146232832, Microsoft.SharePoint.SPException', 'This site is associated with a hub site: it must leave it before it can become a hub site.');
  }
  putWeb(c.store, { ...web, hub: { id: c.site.id, title: c.site.title, logoUrl: '', description: '' }, hubSiteId: c.site.id });
  return c.entity(hubEntity(c.store, c.site, 'site/RegisterHubSite'), 'SP.ApiData.HubSites');
}

function unregisterHub(c: IaContext): Res {
  const web = webSettings(c.store, c.site);
  if (!web.hub) throw c.error(400, '-2146232832, Microsoft.SharePoint.SPException', 'This site is not a HubSite.');
  // associated sites lose their association, as when a hub is unregistered in SharePoint Online
  for (const w of c.store.ia.allWebs()) {
    if (w.siteId !== c.site.id && w.hubSiteId === c.site.id) putWeb(c.store, { ...w, hubSiteId: null });
  }
  putWeb(c.store, { ...web, hub: null, hubSiteId: null });
  return c.empty(200);
}

function joinHub(c: IaContext, raw: string): Res {
  if (!isGuid(raw)) throw c.error(400, '-2147024809, System.ArgumentException', `Invalid hub site id '${raw}'.`);
  const id = normGuid(raw);
  const web = webSettings(c.store, c.site);
  if (web.hub) throw c.error(400, '-2146232832, Microsoft.SharePoint.SPException', 'A hub site cannot join another hub site this way.');
  if (id === EMPTY_GUID) {
    putWeb(c.store, { ...web, hubSiteId: null });
    return c.empty(204);
  }
  const hubSite = c.store.getSite(id);
  if (!hubSite || !webSettings(c.store, hubSite).hub) throw c.error(404, '-1, System.IO.FileNotFoundException', `Hub site '${id}' does not exist.`);
  putWeb(c.store, { ...web, hubSiteId: id });
  return c.empty(204);
}

function hubSites(c: IaContext, names: string[]): Res {
  const hubs = c.store.ia
    .allWebs()
    .filter((w) => w.hub)
    .map((w) => c.store.getSite(w.siteId))
    .filter((s): s is SiteRec => s !== undefined);
  const byId = (raw: string | null): SiteRec => {
    const id = raw ?? '';
    const s = isGuid(id) ? hubs.find((h) => h.id === normGuid(id)) : undefined;
    if (!s) throw c.error(404, '-1, System.IO.FileNotFoundException', `Hub site '${id}' does not exist.`);
    return s;
  };
  let hub: SiteRec | null = null;
  if (names[0] === 'sp.hubsites.getbyid') hub = byId(c.arg(c.segs[0]!.arg) ?? c.arg(c.req.query.get('hubSiteId')));
  else if (names.length === 1 && c.segs[0]!.arg !== null) hub = byId(c.arg(c.segs[0]!.arg));
  else if (names[1] === 'getbyid' && names.length === 2) hub = byId(c.arg(c.segs[1]!.arg ?? c.req.query.get('hubSiteId')));
  else if (names.length > 1) throw c.error(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${c.segs[1]!.name}.`);
  if (!hub) {
    if (c.method !== 'GET') throw notAllowed(c);
    return c.collection(hubs.map((s) => hubEntity(c.store, s, `HubSites/GetById?hubSiteId='${s.id}'`)), 'SP.ApiData.HubSites');
  }
  if (c.method === 'GET') return c.entity(hubEntity(c.store, hub, 'HubSites/GetById'), 'SP.ApiData.HubSites');
  if (c.method === 'MERGE' || c.method === 'PATCH' || c.method === 'PUT') {
    const b = body(c, { entity: SP_HUB_SITE });
    const web = webSettings(c.store, hub);
    const h = { ...web.hub! };
    if (b.Title !== undefined) {
      if (typeof b.Title !== 'string' || !b.Title.trim()) throw c.error(400, '-2147024809, System.ArgumentException', 'The title cannot be empty.');
      h.title = b.Title;
    }
    if (b.LogoUrl !== undefined) h.logoUrl = typeof b.LogoUrl === 'string' ? b.LogoUrl : '';
    if (b.Description !== undefined) h.description = typeof b.Description === 'string' ? b.Description : '';
    putWeb(c.store, { ...web, hub: h });
    return c.empty(204);
  }
  throw notAllowed(c);
}

function hubSiteData(c: IaContext): Res {
  const web = webSettings(c.store, c.site);
  const hubSite = web.hubSiteId ? c.store.getSite(web.hubSiteId) : undefined;
  const hub = hubSite ? webSettings(c.store, hubSite).hub : null;
  if (!hubSite || !hub) return c.value('HubSiteData', 'Edm.String', null);
  const nav = siblings(c.store, hubSite.id, 'topnavigationbar', null).map((n) => ({
    Id: n.id,
    Title: n.title,
    Url: n.url,
    IsDocLib: false,
    IsExternal: n.isExternal,
    ParentId: 1002,
    ListTemplateType: 0,
    AudienceIds: null,
    Children: siblings(c.store, hubSite.id, 'topnavigationbar', n.id).map((ch) => ({ Id: ch.id, Title: ch.title, Url: ch.url, IsExternal: ch.isExternal, Children: [] })),
  }));
  const data = {
    themeKey: null,
    name: hub.title,
    url: webAbs(c.store, hubSite),
    logoUrl: hub.logoUrl || null,
    usesMetadataNavigation: false,
    navigation: nav,
    isNavAudienceTargeted: false,
    relatedHubSiteIds: [],
    parentHubSiteId: EMPTY_GUID,
    requiresJoinApproval: false,
  };
  return c.value('HubSiteData', 'Edm.String', JSON.stringify(data));
}

/** The hubs as the path names them (`hubSites` looks the hub up before the method). */
function hubs(ctx: SpRouteCtx): Res {
  const c = iaContext(ctx, 'root');
  return hubSites(c, c.segs.map((s) => s.name.toLowerCase()));
}

/** Relative to `_api`. */
export const HUB_ROOT_ROUTES: SpRoute[] = [
  { method: '*', pattern: 'hubsites(*)', handler: hubs },
  { method: '*', pattern: 'hubsites(*)/getbyid(*)', handler: hubs },
  { method: '*', pattern: 'sp.hubsites.getbyid(*)', handler: hubs },
];

/** Relative to the site. */
export const HUB_SITE_ROUTES: SpRoute[] = [
  { method: 'POST', pattern: 'registerhubsite(*)', handler: (ctx) => registerHub(iaContext(ctx, 'site')) },
  { method: 'POST', pattern: 'unregisterhubsite(*)', handler: (ctx) => unregisterHub(iaContext(ctx, 'site')) },
  { method: 'POST', pattern: 'joinhubsite(*)', handler: (ctx) => { const c = iaContext(ctx, 'site'); return joinHub(c, c.arg(c.segs[1]!.arg) ?? ''); } },
];

/** Relative to the web. */
export const HUB_WEB_ROUTES: SpRoute[] = [{ method: '*', pattern: 'hubsitedata(*)', handler: (ctx) => hubSiteData(iaContext(ctx, 'web')) }];
