/**
 * A site's own groups by the name the blueprint gives them: `<site title> Owners`, `Members`,
 * `Visitors`, as BP536 knows them. SharePoint names them so when it makes the site and keeps that
 * name when the site's title changes, so after a rename `Detaljplanering Owners` (the title the
 * blueprint now gives) is the group still called `Detaljplan Owners`. A principal named
 * `<the site's title now> Owners` (case-insensitively) that no group of the site is called is
 * that site's associated owners group (`_api/web/AssociatedOwnerGroup`; Members and Visitors
 * alike). Read only when a name is not found: two GETs, in the web's `$batch`.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** An own group: its id, and what SharePoint calls it now. */
export interface OwnSiteGroup {
  Id: number;
  Title: string;
}

const ROLE_OF: Record<string, 'owner' | 'member' | 'visitor'> = { owners: 'owner', members: 'member', visitors: 'visitor' };

type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

const titleKey = (webUrl: string) => `own-groups:title:${webUrl}`;

/**
 * Leaves the site's title as the blueprint gives it in the read memo (the site's own read, before
 * its resources'): a plan that renames the site finds its own groups by the new title before
 * apply has written it.
 */
export function rememberSiteTitle(memo: Memo, webUrl: string, title: string): void {
  void memo(titleKey(webUrl), () => Promise.resolve({ Title: title }));
}

/**
 * The site's own group `principal` names by its role and the site's title (the blueprint's, left
 * by the site's read; else the tenant's), or undefined when it names none (no role suffix, another
 * title, a user). `memo`: the read context's.
 */
export async function ownSiteGroupNamed(tenant: TenantClient, webUrl: string, principal: string, memo?: Memo): Promise<OwnSiteGroup | undefined> {
  const m = /^(.+) (owners|members|visitors)$/i.exec(principal.trim());
  if (!m || principal.includes('@')) return undefined;
  const role = ROLE_OF[m[2]!.toLowerCase()]!;
  const once = memo ?? (<T>(_key: string, load: () => Promise<T>) => load());
  const [web, group] = await Promise.all([
    once(titleKey(webUrl), () => tenant.sp.call(() => tenant.sp.query(webUrl, '_api/web').select('Title')<{ Title: string }>())),
    once(`own-groups:${role}:${webUrl}`, () =>
      tenant.sp.call(() => tenant.sp.query(webUrl, `_api/web/associated${role}group`).select('Id', 'Title')<OwnSiteGroup>()).catch(() => undefined),
    ),
  ]);
  if (!group || web.Title.trim().toLowerCase() !== m[1]!.trim().toLowerCase()) return undefined;
  return { Id: group.Id, Title: group.Title };
}
