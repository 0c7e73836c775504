/**
 * Which site is at a team site's declared URL, for the plan of team sites whose group is not
 * found (url-holder.ts says what it means): one Graph read of the URL (`GET /sites/{host}:{path}`,
 * 1 RU) for the first few of a plan, then one listing of the tenant's live sites for the rest
 * (tenant admin CSOM, ../shared/site-listing.ts), as ../shared/url-lookups.ts decides (issue 12:
 * a rollout of thousands of new team sites would otherwise spend a read each).
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { ReadContext } from '../kind-effects.ts';
import { listLiveSites } from '../shared/site-listing.ts';
import { UrlLookups } from '../shared/url-lookups.ts';

/** A site found at a URL. */
export interface SiteAtUrl {
  webUrl: string;
  displayName?: string | null;
  /** its Microsoft 365 group when the answer said (null: none); undefined when not said (read it) */
  groupId?: string | null;
}

/** A site found through Graph by its URL. */
interface GraphSite {
  webUrl: string;
  displayName?: string | null;
}

/** The plan's lookups of live sites by server-relative URL (as the blueprint writes it), shared through the read memo. */
export function sitesAtUrls(memo: ReadContext['memo'], tenant: TenantClient): Promise<UrlLookups<SiteAtUrl>> {
  return memo('sitesAtUrls', async () =>
    new UrlLookups<SiteAtUrl>({
      one: async (url) => {
        const site = await tenant.graph.find<GraphSite>(`/sites/${tenant.sharepointHost}:${url}?$select=id,webUrl,displayName`);
        return site ? { webUrl: site.webUrl, displayName: site.displayName } : undefined;
      },
      all: (more) => listLiveSites(tenant, more),
    }),
  );
}
