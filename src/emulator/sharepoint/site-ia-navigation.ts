/**
 * SharePoint REST routes of a web's navigation (entries of the table in routes.ts, relative to the web):
 *   navigation                                       GET (SP.Navigation)
 *   navigation/getnodebyid(id)                       GET, MERGE, DELETE (with its children)
 *   navigation/quicklaunch | topnavigationbar/...    GET, POST {Title, Url, IsExternal}, MoveAfter {nodeId, previousNodeId};
 *     quicklaunch(id) | getbyid(id) | getbyindex(n)  GET, MERGE, DELETE; .../children a collection like the above, under a node
 *   (the nodes below quicklaunch and topnavigationbar nest without a bound: `walk` reads them)
 * Nodes are `{ k: 'ia' }` `nav` ops; their ids come from the web's settings record (`lastNavId`).
 */
import type { Res } from '../http.ts';
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import type { NavLocation, NavNodeRec } from '../site-ia.ts';
import { apiBase, type SpEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import { otherMethods, type SpRoute } from './route-table.ts';
import { body, iaContext, notAllowed, type IaContext } from './site-ia-context.ts';
import { putWeb, webSettings } from './site-ia-web-settings.ts';
import { SP_NAVIGATION_NODE } from './body-types.ts';

/** `navigation/getnodebyid(id)`: the node, looked up before the method. */
function nodeById(ctx: SpRouteCtx): { c: IaContext; node: NavNodeRec } {
  const c = iaContext(ctx, 'web');
  const node = c.store.ia.getNav(c.site.id, Number(c.arg(ctx.args.node!.arg)));
  if (!node) throw c.error(404, '-2147024809, System.ArgumentException', 'Cannot find the navigation node.');
  return { c, node };
}

/** A walk below quicklaunch or topnavigationbar (`c.segs`: `web`, `navigation`, the location, ...). */
function walk(ctx: SpRouteCtx): Res {
  const c = iaContext(ctx, 'web');
  const location: NavLocation = c.segs[2]!.name.toLowerCase() === 'quicklaunch' ? 'quicklaunch' : 'topnavigationbar';
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
    const b = body(c, { method: 'MoveAfter', params: { nodeId: null, previousNodeId: null } });
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

/** The navigation's entries, relative to the web. */
export const NAVIGATION_ROUTES: SpRoute[] = [
  {
    method: 'GET',
    pattern: 'navigation(*)',
    handler: (ctx) => ctx.entity({ type: 'SP.Navigation', id: `${apiBase(ctx.store, ctx.site)}/Web/Navigation`, editLink: 'Web/Navigation', props: { UseShared: false } }, 'SP.ApiData.Navigations'),
  },
  { method: ['GET', 'MERGE', 'PATCH', 'PUT', 'DELETE'], pattern: 'navigation(*)/getnodebyid({node?})', handler: (ctx) => { const { c, node } = nodeById(ctx); return navNodeRoute(c, node); } },
  otherMethods('navigation(*)/getnodebyid({node?})', (ctx) => void nodeById(ctx)),
  { method: '*', pattern: 'navigation(*)/quicklaunch(*)/{...}', handler: walk },
  { method: '*', pattern: 'navigation(*)/topnavigationbar(*)/{...}', handler: walk },
];

function navNodeRoute(c: IaContext, node: NavNodeRec): Res {
  const location = node.location;
  {
    if (c.method === 'GET') return c.entity(navEntity(c.store, c.site, node), 'SP.ApiData.NavigationNodes');
    if (c.method === 'MERGE' || c.method === 'PATCH' || c.method === 'PUT') {
      const b = body(c, { entity: SP_NAVIGATION_NODE });
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
    const b = body(c, { entity: SP_NAVIGATION_NODE });
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

export function siblings(store: Store, siteId: string, location: NavLocation, parentId: number | null): NavNodeRec[] {
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
