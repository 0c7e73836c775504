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
 *   web (MERGE SiteLogoUrl) is handled here too; the web entity shows SiteLogoUrl.
 */
import { emptyRes, isObj, type Res } from '../http.ts';
import { SpError, type SpRoutes, type SpScope } from './routes-api.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { SENSITIVITY_LABELS, TIME_ZONES, type NavLocation, type NavNodeRec, type WebSettingsRec } from '../site-ia.ts';
import { apiBase, webAbs, type SpEntity } from './project.ts';
import { settingsOf } from './custom-script.ts';
import { body, notAllowed, type IaContext, type IaSeg } from './site-ia-context.ts';
import { defaultViewOf, viewRoute, views } from './site-ia-views.ts';

interface IaState {
  at: SpScope;
  segs: IaSeg[];
}

const OWNED: Record<SpScope['k'], Set<string>> = {
  root: new Set(['hubsites', 'sp.hubsites.getbyid', 'thememanager', 'siteiconmanager', 'sp.web.getcontextwebthemedata']),
  web: new Set(['navigation', 'allproperties', 'regionalsettings', 'hubsitedata']),
  site: new Set(['registerhubsite', 'unregisterhubsite', 'joinhubsite']),
  list: new Set(['views', 'defaultview']),
};

/** The routes of this file, listed in SP_ROUTES of ./index.ts. */
export const siteIaRoutes: SpRoutes = {
  enter(at, seg) {
    if (!OWNED[at.k].has(seg.name.toLowerCase())) return undefined;
    return { at, segs: [{ name: seg.name, arg: seg.arg }] } satisfies IaState;
  },
  step(state, seg) {
    const s = state as IaState;
    return { at: s.at, segs: [...s.segs, { name: seg.name, arg: seg.arg }] } satisfies IaState;
  },
  execute(state, ctx) {
    const s = state as IaState;
    const prefix: IaSeg[] = s.at.k === 'root' ? [] : [{ name: s.at.k === 'list' ? '#list' : s.at.k, arg: null }];
    const list = s.at.k === 'list' ? s.at.list : undefined;
    const c: IaContext = {
      store: ctx.store,
      req: ctx.req,
      method: ctx.method,
      site: ctx.site,
      segs: [...prefix, ...s.segs],
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
    return siteIaRoute(c);
  },
};

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

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
  if (names[0] === 'sp.web.getcontextwebthemedata' && names.length === 1) {
    // the theme JSON the web shows (null until a theme is applied: the default theme)
    return c.value('GetContextWebThemeData', 'Edm.String', webSettings(c.store, c.site).themeJson ?? null);
  }
  if (names[0] === 'thememanager' && names.length === 2) {
    if (names[1] === 'applytheme') return applyTheme(c);
    if (names[1] === 'gettenantthemingoptions') return tenantThemingOptions(c);
    if (names[1] === 'addtenanttheme') return addTenantTheme(c);
  }
  if (names[0] === 'siteiconmanager' && names[1] === 'setsitelogo' && names.length === 2) return setSiteLogo(c);
  return undefined;
}


// ==================================================================== web settings record

export function webSettings(store: Store, site: SiteRec): WebSettingsRec {
  return settingsOf(store, site);
}

/** Stores a web's settings record (one `ia` op). */
export function putWeb(store: Store, v: WebSettingsRec): void {
  store.commit({ k: 'ia', op: { t: 'web', v } });
}

// ==================================================================== views

// ==================================================================== navigation

function navigation(c: IaContext, names: string[]): Res {
  if (names[2] === 'getnodebyid' && names.length === 3) {
    const n = c.store.ia.getNav(c.site.id, Number(c.arg(c.segs[2]!.arg)));
    if (!n) throw c.error(404, '-2147024809, System.ArgumentException', 'Cannot find the navigation node.');
    return navNodeRoute(c, n);
  }
  const where = names[2];
  const location: NavLocation | undefined = where === 'quicklaunch' ? 'quicklaunch' : where === 'topnavigationbar' ? 'topnavigationbar' : undefined;
  if (!location) {
    if (names.length === 2 && c.method === 'GET') {
      return c.entity({ type: 'SP.Navigation', id: `${apiBase(c.store, c.site)}/Web/Navigation`, editLink: 'Web/Navigation', props: { UseShared: false } }, 'SP.ApiData.Navigations');
    }
    throw c.error(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${c.segs[2]?.name ?? 'navigation'}.`);
  }
  // walk: quicklaunch[(id)] [/getbyid(id)] [/children [(id)|/getbyid(id)] ...] [/moveafter]
  let parent = null as NavNodeRec | null;
  let node = null as NavNodeRec | null;
  const segs = c.segs.slice(2);
  const byId = (raw: string | null): NavNodeRec => {
    const id = Number(c.arg(raw));
    const n = c.store.ia.getNav(c.site.id, id);
    if (!n || n.location !== location) throw c.error(404, '-2147024809, System.ArgumentException', 'Cannot find the navigation node.');
    return n;
  };
  let action: string | null = null;
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i]!;
    const n = s.name.toLowerCase();
    if (i === 0) {
      if (s.arg !== null) node = byId(s.arg);
      continue;
    }
    if (node === null && (n === 'getbyid' || n === 'getbyindex') && s.arg !== null) {
      node = n === 'getbyid' ? byId(s.arg) : (siblings(c.store, c.site.id, location, parent?.id ?? null)[Number(c.arg(s.arg))] ?? byId('-1'));
    } else if (node !== null && n === 'children') {
      parent = node;
      node = s.arg !== null ? byId(s.arg) : null;
      if (node && node.parentId !== parent.id) throw c.error(404, '-2147024809, System.ArgumentException', 'Cannot find the navigation node.');
    } else if (node === null && n === 'moveafter' && i === segs.length - 1) {
      action = 'moveafter';
    } else {
      throw c.error(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${s.name}.`);
    }
  }
  const parentId = parent?.id ?? null;
  if (action === 'moveafter') {
    if (c.method !== 'POST') throw notAllowed(c);
    const b = body(c);
    const moving = byId(String(b.nodeId));
    const prevId = Number(b.previousNodeId ?? 0);
    if (moving.parentId !== parentId) throw c.error(400, '-2147024809, System.ArgumentException', 'The node is not in this collection.');
    const list = siblings(c.store, c.site.id, location, parentId).filter((x) => x.id !== moving.id);
    let at = 0;
    if (prevId) {
      const p = list.findIndex((x) => x.id === prevId);
      if (p < 0) throw c.error(400, '-2147024809, System.ArgumentException', 'The previous node is not in this collection.');
      at = p + 1;
    }
    list.splice(at, 0, moving);
    list.forEach((x, i) => {
      if (x.order !== i) c.store.commit({ k: 'ia', op: { t: 'nav', v: { ...x, order: i } } });
    });
    return c.empty(200);
  }
  if (node) return navNodeRoute(c, node);
  if (c.method === 'GET') return c.collection(siblings(c.store, c.site.id, location, parentId).map((n) => navEntity(c.store, c.site, n)), 'SP.ApiData.NavigationNodes');
  if (c.method === 'POST') return addNavNode(c, location, parentId);
  throw notAllowed(c);
}

function navNodeRoute(c: IaContext, node: NavNodeRec): Res {
  const location = node.location;
  {
    if (c.method === 'GET') return c.entity(navEntity(c.store, c.site, node), 'SP.ApiData.NavigationNodes');
    if (c.method === 'MERGE' || c.method === 'PATCH' || c.method === 'PUT') {
      const b = body(c);
      const next: NavNodeRec = { ...node };
      if (b.Title !== undefined) {
        if (typeof b.Title !== 'string' || !b.Title.trim()) throw c.error(400, '-2147024809, System.ArgumentException', 'The title cannot be empty.');
        next.title = b.Title;
      }
      if (b.Url !== undefined) next.url = typeof b.Url === 'string' ? b.Url : '';
      if (typeof b.IsExternal === 'boolean') next.isExternal = b.IsExternal;
      c.store.commit({ k: 'ia', op: { t: 'nav', v: next } });
      return c.empty(204);
    }
    if (c.method === 'DELETE') {
      const drop = (n: NavNodeRec): void => {
        for (const ch of siblings(c.store, c.site.id, location, n.id)) drop(ch);
        c.store.commit({ k: 'ia', op: { t: 'delNav', siteId: c.site.id, id: n.id } });
      };
      drop(node);
      return c.empty(200);
    }
    throw notAllowed(c);
  }
}

function addNavNode(c: IaContext, location: NavLocation, parentId: number | null): Res {
  {
    const b = body(c);
    if (typeof b.Title !== 'string' || !b.Title.trim()) throw c.error(400, '-2147024809, System.ArgumentException', 'The title cannot be empty.');
    const url = typeof b.Url === 'string' ? b.Url : '';
    const web = webSettings(c.store, c.site);
    const id = web.lastNavId + 1;
    putWeb(c.store, { ...web, lastNavId: id });
    const sibs = siblings(c.store, c.site.id, location, parentId);
    const n: NavNodeRec = {
      id,
      siteId: c.site.id,
      location,
      parentId,
      title: b.Title,
      url,
      isExternal: b.IsExternal === true || /^https?:\/\//i.test(url) && !url.toLowerCase().startsWith(`https://${c.store.spHost}`),
      order: sibs.length ? Math.max(...sibs.map((s) => s.order)) + 1 : 0,
    };
    c.store.commit({ k: 'ia', op: { t: 'nav', v: n } });
    return c.entity(navEntity(c.store, c.site, n), 'SP.ApiData.NavigationNodes', 201);
  }
}

function siblings(store: Store, siteId: string, location: NavLocation, parentId: number | null): NavNodeRec[] {
  return store.ia
    .navNodes(siteId)
    .filter((n) => n.location === location && n.parentId === parentId)
    .sort((a, b) => a.order - b.order || a.id - b.id);
}

function navEntity(store: Store, site: SiteRec, n: NavNodeRec): SpEntity {
  const id = `${apiBase(store, site)}/Web/Navigation/GetNodeById(${n.id})`;
  return {
    type: 'SP.NavigationNode',
    id,
    editLink: `Web/Navigation/GetNodeById(${n.id})`,
    props: {
      AudienceIds: null,
      CurrentLCID: site.lcid,
      Id: n.id,
      IsDocLib: false,
      IsExternal: n.isExternal,
      IsVisible: true,
      ListTemplateType: 0,
      Title: n.title,
      Url: n.url,
    },
    navs: {
      Children: () => siblings(store, site.id, n.location, n.id).map((ch) => navEntity(store, site, ch)),
    },
  };
}

// ==================================================================== hubs

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
  if (c.method !== 'POST') throw notAllowed(c);
  const web = webSettings(c.store, c.site);
  if (web.hub) throw c.error(400, '-2146232832, Microsoft.SharePoint.SPException', 'This site is already a HubSite.');
  if (web.hubSiteId && web.hubSiteId !== c.site.id) {
    throw c.error(400, '-2146232832, Microsoft.SharePoint.SPException', 'This site is associated with a hub site: it must leave it before it can become a hub site.');
  }
  putWeb(c.store, { ...web, hub: { id: c.site.id, title: c.site.title, logoUrl: '', description: '' }, hubSiteId: c.site.id });
  return c.entity(hubEntity(c.store, c.site, 'site/RegisterHubSite'), 'SP.ApiData.HubSites');
}

function unregisterHub(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
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
  if (c.method !== 'POST') throw notAllowed(c);
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
    const b = body(c);
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

// ==================================================================== web settings

/** The web's property bag as CSOM shows it (raw keys), with the keys SharePoint itself keeps there. */
export function webPropertyBag(store: Store, site: SiteRec): Record<string, unknown> {
  const web = webSettings(store, site);
  return { vti_defaultlanguage: localeName(web.localeId ?? site.lcid), vti_createdassociategroups: '', ...web.props };
}

function allPropertiesEntity(store: Store, site: SiteRec): SpEntity {
  const props: Record<string, unknown> = {};
  // the OData names of property bag keys encode characters that are not valid in an identifier
  for (const [k, v] of Object.entries(webPropertyBag(store, site))) props[odataKey(k)] = v;
  return { type: 'SP.PropertyValues', id: `${apiBase(store, site)}/Web/AllProperties`, editLink: 'Web/AllProperties', props };
}

/** `m365provision.owner` -> `m365provision_x002e_owner`, as SharePoint names property bag keys in OData. */
export function odataKey(k: string): string {
  let out = '';
  for (const ch of k) out += /[A-Za-z0-9_]/.test(ch) ? ch : `_x${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  if (/^[0-9]/.test(out)) out = `OData_${out}`;
  return out;
}

/** Locale ids the regional settings accept (the SharePoint languages and common regional variants). */
export const LOCALES: Record<number, string> = {
  1025: 'ar-sa', 1026: 'bg-bg', 1027: 'ca-es', 1028: 'zh-tw', 1029: 'cs-cz', 1030: 'da-dk', 1031: 'de-de', 1032: 'el-gr', 1033: 'en-us',
  1035: 'fi-fi', 1036: 'fr-fr', 1037: 'he-il', 1038: 'hu-hu', 1039: 'is-is', 1040: 'it-it', 1041: 'ja-jp', 1042: 'ko-kr', 1043: 'nl-nl',
  1044: 'nb-no', 1045: 'pl-pl', 1046: 'pt-br', 1048: 'ro-ro', 1049: 'ru-ru', 1050: 'hr-hr', 1051: 'sk-sk', 1053: 'sv-se', 1054: 'th-th',
  1055: 'tr-tr', 1057: 'id-id', 1058: 'uk-ua', 1060: 'sl-si', 1061: 'et-ee', 1062: 'lv-lv', 1063: 'lt-lt', 1066: 'vi-vn', 1068: 'az-latn-az',
  1069: 'eu-es', 1071: 'mk-mk', 1081: 'hi-in', 1086: 'ms-my', 1087: 'kk-kz', 1106: 'cy-gb', 1110: 'gl-es', 1164: 'prs-af', 2052: 'zh-cn',
  2055: 'de-ch', 2057: 'en-gb', 2060: 'fr-be', 2067: 'nl-be', 2068: 'nn-no', 2070: 'pt-pt', 2074: 'sr-latn-rs', 2077: 'sv-fi', 2108: 'ga-ie',
  3079: 'de-at', 3081: 'en-au', 3082: 'es-es', 3084: 'fr-ca', 4105: 'en-ca', 4108: 'fr-ch', 5129: 'en-nz', 5146: 'bs-latn-ba', 6153: 'en-ie',
  10266: 'sr-cyrl-rs',
};

function localeName(lcid: number): string {
  return LOCALES[lcid] ?? 'en-us';
}

function regional(c: IaContext, names: string[]): Res {
  if (c.method !== 'GET') throw notAllowed(c);
  const web = webSettings(c.store, c.site);
  const base = apiBase(c.store, c.site);
  const tz = (id: number): SpEntity => {
    const t = TIME_ZONES[id] ?? { description: `Time zone ${id}`, bias: 0, daylightBias: 0 };
    return {
      type: 'SP.TimeZone',
      id: `${base}/Web/RegionalSettings/TimeZones(${id})`,
      editLink: `Web/RegionalSettings/TimeZones(${id})`,
      props: { Description: t.description, Id: id, Information: { Bias: t.bias, DaylightBias: t.daylightBias, StandardBias: 0 } },
    };
  };
  if (names.length === 2) {
    const lcid = web.localeId ?? c.site.lcid;
    const sv = lcid === 1053;
    return c.entity(
      {
        type: 'SP.RegionalSettings',
        id: `${base}/Web/RegionalSettings`,
        editLink: 'Web/RegionalSettings',
        props: {
          AdjustHijriDays: 0,
          AlternateCalendarType: 0,
          AM: sv ? 'fm' : 'AM',
          CalendarType: 1,
          Collation: 25,
          CollationLCID: 2070,
          DateFormat: 0,
          DateSeparator: sv ? '-' : '/',
          DecimalSeparator: sv ? ',' : '.',
          DigitGrouping: '3;0',
          FirstDayOfWeek: sv ? 1 : 0,
          FirstWeekOfYear: sv ? 2 : 0,
          IsEastAsia: false,
          IsRightToLeft: false,
          IsUIRightToLeft: false,
          ListSeparator: sv ? ';' : ',',
          LocaleId: lcid,
          NegativeSign: '-',
          NegNumberMode: 1,
          PM: sv ? 'em' : 'PM',
          PositiveSign: '',
          ShowWeeks: false,
          ThousandSeparator: sv ? '\u00a0' : ',',
          Time24: sv,
          TimeMarkerPosition: 0,
          TimeSeparator: ':',
          WorkDayEndHour: 1020,
          WorkDays: 62,
          WorkDayStartHour: 480,
        },
        navs: { TimeZone: () => tz(web.timeZoneId) },
      },
      'SP.ApiData.RegionalSettingss',
    );
  }
  if (names[2] === 'timezone' && names.length === 3) return c.entity(tz(web.timeZoneId), 'SP.ApiData.TimeZones');
  if (names[2] === 'timezones' && names.length === 3) {
    if (c.segs[2]!.arg !== null) return c.entity(tz(Number(c.arg(c.segs[2]!.arg))), 'SP.ApiData.TimeZones');
    return c.collection(Object.keys(TIME_ZONES).map((k) => tz(Number(k))), 'SP.ApiData.TimeZones');
  }
  throw c.error(404, '-1, Microsoft.SharePoint.Client.ResourceNotFoundException', `Cannot find resource for the request ${c.segs[2]?.name}.`);
}

/** A theme JSON string with a palette object, or an error (the service's ArgumentException). */
function themeJsonOf(c: IaContext, v: unknown): string {
  let parsed: unknown;
  try {
    parsed = typeof v === 'string' ? JSON.parse(v) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isObj(parsed) || !isObj(parsed.palette)) throw c.error(400, '-2147024809, System.ArgumentException', 'The theme JSON is not valid: it must be a JSON string with a palette.');
  return v as string;
}

/**
 * `POST _api/thememanager/ApplyTheme` {name, themeJson}: applies the palette to the web. The web
 * keeps the palette; the name is kept here only for tests (the service does not show it).
 */
function applyTheme(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
  const b = body(c);
  const name = typeof b.name === 'string' ? b.name : '';
  if (!name) throw c.error(400, '-2147024809, System.ArgumentException', 'The theme name cannot be empty.');
  const themeJson = themeJsonOf(c, b.themeJson);
  putWeb(c.store, { ...webSettings(c.store, c.site), theme: name, themeJson });
  return c.value('ApplyTheme', 'Edm.Boolean', true);
}

/**
 * `POST _api/thememanager/GetTenantThemingOptions`: SP.Utilities.ThemingOptions, the tenant's
 * custom themes (`themePreviews`: name + themeJson). The built-in SharePoint themes are not listed.
 */
function tenantThemingOptions(c: IaContext): Res {
  if (c.method !== 'POST' && c.method !== 'GET') throw notAllowed(c);
  const previews = c.store.ia.tenantThemes().map((t) => ({ name: t.name, themeJson: t.themeJson }));
  const base = apiBase(c.store, c.site);
  return c.entity(
    { type: 'SP.Utilities.ThemingOptions', id: `${base}/thememanager/GetTenantThemingOptions`, editLink: 'thememanager/GetTenantThemingOptions', props: { hideDefaultThemes: false, themePreviews: previews } },
    'SP.Utilities.ThemingOptions',
  );
}

/** `POST _api/thememanager/AddTenantTheme` {name, themeJson}: adds a tenant theme; false when the name is taken. */
function addTenantTheme(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
  const b = body(c);
  const name = typeof b.name === 'string' ? b.name.trim() : '';
  if (!name) throw c.error(400, '-2147024809, System.ArgumentException', 'The theme name cannot be empty.');
  const themeJson = themeJsonOf(c, b.themeJson);
  if (c.store.ia.tenantThemes().some((t) => t.name.toLowerCase() === name.toLowerCase())) return c.value('AddTenantTheme', 'Edm.Boolean', false);
  c.store.commit({ k: 'ia', op: { t: 'theme', v: { name, themeJson } } });
  return c.value('AddTenantTheme', 'Edm.Boolean', true);
}

/**
 * `POST _api/siteiconmanager/setsitelogo` {relativeLogoUrl, type, aspect}: sets the site logo
 * (type 0); the web's SiteLogoUrl shows it. An empty URL removes the logo.
 */
function setSiteLogo(c: IaContext): Res {
  if (c.method !== 'POST') throw notAllowed(c);
  const b = body(c);
  const url = typeof b.relativeLogoUrl === 'string' ? b.relativeLogoUrl : '';
  const type = b.type === undefined ? 0 : Number(b.type);
  if (type !== 0) return c.empty(200); // the thumbnail (type 1) is not modelled
  putWeb(c.store, { ...webSettings(c.store, c.site), siteLogoUrl: url || null });
  return c.empty(200);
}

/** Extra web/site entity properties that these records own (SiteLogoUrl; IsHubSite, HubSiteId). */
export function webExtras(store: Store, site: SiteRec): Record<string, unknown> {
  const web = store.ia.web(site.id);
  return { SiteLogoUrl: web?.siteLogoUrl ?? null };
}

export function siteExtras(store: Store, site: SiteRec): Record<string, unknown> {
  const web = store.ia.web(site.id);
  return { IsHubSite: !!web?.hub, HubSiteId: web?.hubSiteId ?? EMPTY_GUID };
}


// ==================================================================== sensitivity label (tenant admin host)

/** The label properties of the tenant admin SiteProperties (SensitivityLabel is the Guid form). */
export function siteLabelProps(store: Store, site: SiteRec): Record<string, unknown> {
  const label = store.ia.web(site.id)?.sensitivityLabel ?? null;
  return { SensitivityLabel: label ?? EMPTY_GUID, SensitivityLabel2: label ?? '' };
}

/**
 * The label part of a PATCH of `SPO.Tenant/sites('<id>')`: `SensitivityLabel2` (string) or
 * `SensitivityLabel` (Guid); empty or the empty Guid removes it. Returns a commit to run once the
 * whole body is valid, or throws the service's error for a label the tenant does not publish.
 */
export function siteLabelPatch(store: Store, site: SiteRec, body: Record<string, unknown>): (() => void) | undefined {
  const raw = body.SensitivityLabel2 !== undefined ? body.SensitivityLabel2 : body.SensitivityLabel;
  if (raw === undefined) return undefined;
  const id = raw === null ? '' : String(raw).trim().toLowerCase();
  const clear = id === '' || id === EMPTY_GUID;
  if (!clear && !SENSITIVITY_LABELS.some((l) => l.id === id)) {
    throw new SpError(400, '-2147024809, System.ArgumentException', `The sensitivity label '${String(raw)}' does not exist or is not published to this tenant.`);
  }
  return () => putWeb(store, { ...webSettings(store, site), sensitivityLabel: clear ? null : id });
}
