/**
 * What holds a team site's declared URL when its group is not found by its mailNickname. A group
 * created through Graph gets its site named after its mailNickname, and SharePoint gives it
 * another URL (`/sites/x2`) when that one is taken: a create planned there would make a group
 * nobody asked for, its site elsewhere (site-url.ts says so after the fact). So the plan looks the
 * URL up (sites-at-urls.ts: a Graph read of it, or the tenant's sites listed once when a plan has
 * many; nothing for a team site found) and:
 * - finds no site: the URL is free of live sites (a deleted one in the recycle bin may still hold
 *   it: effects.ts looks there, the same way: ../shared/recycle-bin.ts `recycledAtUrls`);
 * - finds the site of a group with this mailNickname: that group, which the directory's `$filter`
 *   does not show yet (a group made moments ago; its id reads sooner): the blueprint's, found;
 * - finds any other site (a communication site, a classic one, another group's site): the URL is
 *   held, and why, so that the plan shows `?` instead of a create that goes wrong.
 */
import type { ReadContext } from '../kind-effects.ts';
import { siteGroupId } from '../shared/site-group.ts';
import { sitesAtUrls } from './sites-at-urls.ts';

/**
 * What holds `url`: undefined when no site is there; `{ group }` when it is the site of a group
 * whose mailNickname is `nick` (compared as Entra compares, case-insensitively; read with
 * `$select=<fields>`); `{ reason }` when another site holds it, with what it is and the ways out.
 */
export async function urlHolder<G extends { mailNickname: string }>(ctx: ReadContext, url: string, nick: string, fields: string): Promise<{ group: G } | { reason: string } | undefined> {
  const graph = ctx.tenant.graph;
  const site = await (await sitesAtUrls(ctx.memo, ctx.tenant)).find(url);
  if (!site) return undefined;
  const groupId = site.groupId !== undefined ? (site.groupId ?? undefined) : await siteGroupId(ctx.tenant, site.webUrl);
  const group = groupId ? await graph.find<G>(`/groups/${groupId}?$select=${fields}`) : undefined;
  if (group && group.mailNickname.toLowerCase() === nick.toLowerCase()) return { group };
  const title = site.displayName ? ` '${site.displayName}'` : '';
  const what = groupId
    ? `the site${title} of another Microsoft 365 group (${groupId}${group ? `, mailNickname '${group.mailNickname}'` : ''})`
    : `a site${title} that belongs to no Microsoft 365 group (a communication or classic site)`;
  return {
    reason: `${url} is held by ${what}: a group created with mailNickname '${nick}' would get its site at another URL (SharePoint numbers it, e.g. ${url}2). Declare another url and mailNickname, or free ${url} (delete that site and remove it from the tenant's recycle bin)`,
  };
}
