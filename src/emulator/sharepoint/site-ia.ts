/**
 * SharePoint REST routes for views, navigation, hub sites and web settings (the property bag and
 * regional settings are written through CSOM: csom-web.ts).
 *
 * Routes (under a site's `_api/`):
 *   web/lists(...)/views, .../defaultview   a list's views (site-ia-views.ts)
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
 * Each resource's file declares its entries of the table in routes.ts; this file gathers them by
 * where they are mounted (`_api`, the site, the web, a list): site-ia-views.ts (a list's views),
 * site-ia-navigation.ts, site-ia-hubs.ts, site-ia-web-settings.ts (the web's settings record,
 * AllProperties, regional settings), site-ia-themes.ts (themes, site logo); site-ia-labels.ts
 * is the tenant admin host's sensitivity label.
 */
import { HUB_ROOT_ROUTES, HUB_SITE_ROUTES, HUB_WEB_ROUTES } from './site-ia-hubs.ts';
import { NAVIGATION_ROUTES } from './site-ia-navigation.ts';
import { mount, type SpRoute } from './route-table.ts';
import { THEME_ROUTES } from './site-ia-themes.ts';
import { VIEWS_ROUTES } from './site-ia-views.ts';
import { WEB_SETTINGS_ROUTES } from './site-ia-web-settings.ts';

export { VIEW_RESOLVERS } from './site-ia-views.ts';

/** Entries relative to `_api` (the site's under `site`). */
export const SITE_IA_ROOT_ROUTES: SpRoute[] = [...HUB_ROOT_ROUTES, ...THEME_ROUTES, ...mount('site', HUB_SITE_ROUTES)];
/** Entries relative to the web. */
export const SITE_IA_WEB_ROUTES: SpRoute[] = [...NAVIGATION_ROUTES, ...WEB_SETTINGS_ROUTES, ...HUB_WEB_ROUTES];
/** Entries relative to a list. */
export const SITE_IA_LIST_ROUTES: SpRoute[] = VIEWS_ROUTES;
