/**
 * SharePoint REST routes of the web and the site collection (entries of the table in routes.ts):
 *   web | site/rootweb       GET (SP.Web), MERGE {Title, Description}
 *   site                     GET (SP.Site)
 *   contextinfo              POST (the form digest: context-info.ts)
 *   SP.Site.Exists           POST {url} (Edm.Boolean)
 * `WEB_ROUTES` are relative to the web (mounted under `web` and `site/rootweb`), `ROOT_ROUTES` to `_api`.
 */
import { emptyRes, type Res } from '../http.ts';
import { contextInfo } from './context-info.ts';
import { argumentError } from './errors.ts';
import { siteEntity, webAbs, webEntity } from './project.ts';
import type { SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { siteByAbsUrl } from './site-manager.ts';
import { SP_WEB } from './body-types.ts';

function updateWeb(ctx: SpRouteCtx): Res {
  const b = ctx.body({ entity: SP_WEB });
  const patch: { title?: string; description?: string } = {};
  if (b.Title !== undefined) {
    if (typeof b.Title !== 'string' || !b.Title) throw argumentError('The title cannot be empty.');
    patch.title = b.Title;
  }
  if (b.Description !== undefined) patch.description = typeof b.Description === 'string' ? b.Description : '';
  // a group site's group keeps its name: a web title change does not rename it (as in SharePoint Online)
  ctx.store.updateSite(ctx.site, patch);
  return emptyRes(204);
}

/** The web itself, relative to it. */
export const WEB_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: '', handler: (c) => c.entity(webEntity(c.store, c.site), 'SP.ApiData.Webs') },
  { method: ['MERGE', 'PATCH', 'PUT'], pattern: '', handler: updateWeb },
];

/** The site collection and the functions addressed on `_api` itself. */
export const ROOT_ROUTES: SpRoute[] = [
  { method: 'GET', pattern: 'site', handler: (c) => c.entity(siteEntity(c.store, c.site), 'SP.ApiData.Sites') },
  { method: 'POST', pattern: 'contextinfo(*)', handler: (c) => contextInfo(c.complex, webAbs(c.store, c.site), c.store.clock.now()) },
  {
    method: 'POST',
    pattern: 'sp.site.exists(*)',
    handler: (c) => {
      const b = c.body({ method: 'Exists', params: { url: null } });
      const url = typeof b.url === 'string' ? b.url : '';
      return c.value('Exists', 'Edm.Boolean', siteByAbsUrl(c.store, url) !== undefined);
    },
  },
];
