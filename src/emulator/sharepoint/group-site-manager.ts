/**
 * `POST _api/GroupSiteManager/Delete?siteUrl='<absolute url>'` on the tenant admin host: deletes a
 * group-connected site together with its Microsoft 365 group, as CLI for Microsoft 365's
 * `entra m365group remove` and `spo site remove` call it. Both go where a deleted group goes:
 * the group to the directory's deleted items, the site to the recycle bin (its URL stays taken).
 * A URL that names no site, or a site without a group, is refused (the service's answers are not
 * documented; the stricter reading: an ArgumentException naming the URL).
 */
import { jsonRes, type Res } from '../http.ts';
import { SpError, type SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';

function argumentError(message: string): SpError {
  return new SpError(400, '-2147024809, System.ArgumentException', message);
}

function deleteGroupSite(ctx: SpRouteCtx): Res {
  const b = ctx.args.call!;
  ctx.req.op = `SP ${ctx.method} GroupSiteManager/Delete`;
  if (ctx.method !== 'POST') throw new SpError(405, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The HTTP method '${ctx.method}' cannot be used for this resource.`);
  const raw = (b.arg ?? ctx.req.query.get('siteUrl') ?? '').replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  if (!raw) throw argumentError('Value cannot be null.\r\nParameter name: siteUrl');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw argumentError(`Cannot get site ${raw}.`);
  }
  const site = url.hostname.toLowerCase() === ctx.store.spHost ? ctx.store.getSiteByUrl(decodeURIComponent(url.pathname).replace(/\/+$/, '') || '/') : undefined;
  if (!site) throw argumentError(`Cannot get site ${raw}.`);
  const group = site.groupId ? ctx.store.getGroup(site.groupId) : undefined;
  if (!group) throw argumentError(`The site ${raw} is not connected to a Microsoft 365 group.`);
  ctx.store.softDeleteGroup(group);
  return jsonRes(200, ctx.mode === 'verbose' ? { d: { Delete: null } } : { 'odata.null': true });
}

/** The admin host's entries (routes.ts `SP_ADMIN_ROUTES`). */
export const GROUP_SITE_MANAGER_ROUTES: SpRoute[] = [{ method: '*', pattern: 'groupsitemanager(*)/delete({call?})', handler: deleteGroupSite }];
