/**
 * SharePoint REST routes for views, navigation, hub sites and web settings (the property bag and
 * regional settings are written through CSOM: csom-web.ts).
 *
 * Routes (under a site's `_api/`):
 *   web/lists(...)/views, .../defaultview   a list's views: site-ia-views.ts (dispatched from here)
 *   web/navigation/quicklaunch | topnavigationbar   GET, POST {Title, Url, IsExternal}, MoveAfter {nodeId, previousNodeId}
 *   .../quicklaunch(id) | getbyid(id)       GET, MERGE, DELETE; .../children (a collection like the above)
 *   site/RegisterHubSite, site/UnRegisterHubSite, site/JoinHubSite('id')           POST
 *   HubSites, HubSites/GetById?hubSiteId='id'                                      GET; GetById MERGE {Title, LogoUrl, Description}
 *   web/HubSiteData                          GET (the JSON string of the hub's data)
 *   web/AllProperties                        GET
 *   web/RegionalSettings, .../TimeZone, .../TimeZones                             GET
 *   ThemeManager/ApplyTheme                  POST {name, themeJson}
 *   ThemeManager/GetTenantThemingOptions     POST (SP.Utilities.ThemingOptions: hideDefaultThemes, themePreviews)
 *   ThemeManager/AddTenantTheme              POST {name, themeJson}
 *   SP.Web.GetContextWebThemeData            GET (the applied theme JSON as a string; null for the default theme)
 *   siteiconmanager/setsitelogo              POST (the web entity shows SiteLogoUrl)
 *
 * This file declares the slice's entries of the table in routes.ts: each resource's first segment
 * with the rest of the path (`{...}`), at the scope it belongs to (`_api`, the web, the site, a
 * list); `siteIaRoute` hands the request to the routes by resource: site-ia-views.ts (a list's views),
 * site-ia-navigation.ts, site-ia-hubs.ts, site-ia-web-settings.ts (the web's settings record,
 * AllProperties, regional settings), site-ia-themes.ts (themes, site logo); site-ia-labels.ts
 * is the tenant admin host's sensitivity label.
 */
import { emptyRes, type Res } from '../http.ts';
import { methodNotAllowed } from './errors.ts';
import { SpError, type SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { notAllowed, type IaContext, type IaSeg } from './site-ia-context.ts';
import { hubSiteData, hubSites, joinHub, registerHub, unregisterHub } from './site-ia-hubs.ts';
import { navigation } from './site-ia-navigation.ts';
import { addTenantTheme, applyTheme, contextWebThemeData, setSiteLogo, tenantThemingOptions } from './site-ia-themes.ts';
import { defaultViewOf, viewRoute, views } from './site-ia-views.ts';
import { allPropertiesEntity, regional } from './site-ia-web-settings.ts';

type IaScope = 'root' | 'web' | 'site' | 'list';

/** Serves a request below one of the slice's segments; `c.below` starts at that segment. */
function iaHandler(scope: IaScope) {
  return (ctx: SpRouteCtx): Res => {
    const prefix: IaSeg[] = scope === 'root' ? [] : [{ name: scope === 'list' ? '#list' : scope, arg: null }];
    const list = scope === 'list' ? ctx.list : undefined;
    const c: IaContext = {
      store: ctx.store,
      req: ctx.req,
      method: ctx.method,
      site: ctx.site,
      segs: [...prefix, ...ctx.below.map((s) => ({ name: s.name, arg: s.arg }))],
      arg: (raw) => {
        if (raw === null) return null;
        const q = /^'(.*)'$/s.exec(raw.trim());
        return q ? q[1]!.replace(/''/g, "'") : raw.trim();
      },
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
    const res = siteIaRoute(c);
    if (!res) throw methodNotAllowed(ctx.method);
    return res;
  };
}

/** The slice's first segments at each scope, each taking the rest of the path. */
function entries(scope: IaScope, names: string[]): SpRoute[] {
  return names.map((n) => ({ method: '*', pattern: `${n}(*)/{...}`, handler: iaHandler(scope) }));
}

/** Entries relative to `_api`. */
export const SITE_IA_ROOT_ROUTES: SpRoute[] = [
  ...entries('root', ['hubsites', 'sp.hubsites.getbyid', 'thememanager', 'siteiconmanager', 'sp.web.getcontextwebthemedata']),
  ...entries('site', ['registerhubsite', 'unregisterhubsite', 'joinhubsite']).map((r) => ({ ...r, pattern: `site/${r.pattern}`, depth: 1 })),
];
/** Entries relative to the web. */
export const SITE_IA_WEB_ROUTES: SpRoute[] = entries('web', ['navigation', 'allproperties', 'regionalsettings', 'hubsitedata']);
/** Entries relative to a list. */
export const SITE_IA_LIST_ROUTES: SpRoute[] = entries('list', ['views', 'defaultview']);

/** Handles the request when it is one of these routes; undefined otherwise. */
function siteIaRoute(c: IaContext): Res | undefined {
  const names = c.segs.map((s) => s.name.toLowerCase());
  const vi = names.indexOf('views');
  if (vi > 0 && names[0] !== 'hubsites') return views(c, vi);
  if (names[1] === 'defaultview') return viewRoute(c, c.list([]), defaultViewOf(c.store, c.list([])), c.segs.slice(2));
  if (names[0] === 'web' && names[1] === 'navigation') return navigation(c, names);
  if (names[0] === 'site' && names.length === 2) {
    if (names[1] === 'registerhubsite') return registerHub(c);
    if (names[1] === 'unregisterhubsite') return unregisterHub(c);
    if (names[1] === 'joinhubsite') return joinHub(c, c.arg(c.segs[1]!.arg) ?? '');
  }
  if (names[0] === 'hubsites' || names[0] === 'sp.hubsites.getbyid') return hubSites(c, names);
  if (names[0] === 'web' && names[1] === 'hubsitedata' && names.length === 2) return hubSiteData(c);
  if (names[0] === 'web' && names[1] === 'allproperties' && names.length === 2) {
    if (c.method !== 'GET') throw notAllowed(c);
    return c.entity(allPropertiesEntity(c.store, c.site), 'SP.ApiData.PropertyValues');
  }
  if (names[0] === 'web' && names[1] === 'regionalsettings') return regional(c, names);
  if (names[0] === 'sp.web.getcontextwebthemedata' && names.length === 1) return contextWebThemeData(c);
  if (names[0] === 'thememanager' && names.length === 2) {
    if (names[1] === 'applytheme') return applyTheme(c);
    if (names[1] === 'gettenantthemingoptions') return tenantThemingOptions(c);
    if (names[1] === 'addtenanttheme') return addTenantTheme(c);
  }
  if (names[0] === 'siteiconmanager' && names[1] === 'setsitelogo' && names.length === 2) return setSiteLogo(c);
  return undefined;
}
