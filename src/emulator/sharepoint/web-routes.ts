/**
 * SharePoint REST routes of the web and the site collection (listed in SP_ROUTES of ./index.ts):
 *   web                      GET (SP.Web), MERGE {Title, Description}
 *   site, site/rootweb       GET (SP.Site); rootweb is the web
 *   contextinfo              POST (the form digest: context-info.ts)
 *   SP.Site.Exists           POST {url} (Edm.Boolean)
 */
import { emptyRes } from '../http.ts';
import { argumentError } from './errors.ts';
import { siteEntity, webAbs, webEntity } from './project.ts';
import { SpAt, type SpRoutes } from './routes-api.ts';
import { contextInfo } from './context-info.ts';
import { siteByAbsUrl } from './site-manager.ts';

type State = { k: 'action'; name: 'contextinfo' | 'sp.site.exists' };

export const webRoutes: SpRoutes = {
  enter(at, seg) {
    const n = seg.name.toLowerCase();
    if (at.k === 'root') {
      if (n === 'web' && seg.arg === null) return new SpAt({ k: 'web' });
      if (n === 'site' && seg.arg === null) return new SpAt({ k: 'site' });
      if (n === 'contextinfo' || n === 'sp.site.exists') return { k: 'action', name: n } satisfies State;
    }
    if (at.k === 'site' && n === 'rootweb') return new SpAt({ k: 'web' });
    return undefined;
  },
  step: () => undefined,
  execute(state, ctx) {
    const s = state as State;
    if (ctx.method !== 'POST') return undefined;
    if (s.name === 'contextinfo') return contextInfo(ctx.complex, webAbs(ctx.store, ctx.site), ctx.store.clock.now());
    const b = ctx.body();
    const url = typeof b.url === 'string' ? b.url : '';
    return ctx.value('Exists', 'Edm.Boolean', siteByAbsUrl(ctx.store, url) !== undefined);
  },
  executeAt(at, ctx) {
    const { method, store, site } = ctx;
    if (at.k === 'site' && method === 'GET') return ctx.entity(siteEntity(store, site), 'SP.ApiData.Sites');
    if (at.k !== 'web') return undefined;
    if (method === 'GET') return ctx.entity(webEntity(store, site), 'SP.ApiData.Webs');
    if (method === 'MERGE' || method === 'PATCH' || method === 'PUT') {
      const b = ctx.body();
      const patch: { title?: string; description?: string } = {};
      if (b.Title !== undefined) {
        if (typeof b.Title !== 'string' || !b.Title) throw argumentError('The title cannot be empty.');
        patch.title = b.Title;
      }
      if (b.Description !== undefined) patch.description = typeof b.Description === 'string' ? b.Description : '';
      // a group site's group keeps its name: a web title change does not rename it (as in SharePoint Online)
      store.updateSite(site, patch);
      return emptyRes(204);
    }
    return undefined;
  },
};
