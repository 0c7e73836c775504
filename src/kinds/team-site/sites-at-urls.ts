/**
 * Which site is at a team site's declared URL, for the plan of team sites whose group is not
 * found (url-holder.ts says what it means). One Graph read of the URL
 * (`GET /sites/{host}:{path}`, 1 RU) a team site is what a plan of a few new ones costs; a rollout
 * of thousands would spend thousands (issue 12: a 60 RU workspace budget), so past the first
 * DIRECT_FIRST URLs of a plan the tenant's live sites are listed once instead (tenant admin CSOM,
 * ../shared/site-listing.ts: a page holds many sites) and every later URL is looked up there.
 *
 * The listing is bounded by what it replaces: it reads its next page only while it has read fewer
 * pages than URLs were asked, so a big tenant and a small plan cost at most about what the reads
 * of one URL each would (the listing is then given up, and those URLs are read one each). A caller
 * the listing refuses (401/403) and a listing that fails are read one URL each too.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { listLiveSites, type SiteListing } from '../shared/site-listing.ts';
import { serverRelativePath } from '../shared/server-relative.ts';

/** URLs of a plan read one each before the tenant's sites are listed instead. */
export const DIRECT_FIRST = 8;

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

/** The plan's lookups of sites by URL: see the file header. One per plan (the read memo). */
export class SitesAtUrls {
  private asked = 0;
  private listing?: Promise<SiteListing | undefined>;

  constructor(private readonly tenant: TenantClient) {}

  /** The live site at the server-relative `url` (as the blueprint writes it), or undefined when none is there. */
  async find(url: string): Promise<SiteAtUrl | undefined> {
    this.asked++;
    if (this.asked > DIRECT_FIRST) {
      this.listing ??= listLiveSites(this.tenant, (pagesRead) => pagesRead < this.asked).catch(() => undefined);
      const listing = await this.listing;
      if (listing?.complete) {
        const listed = listing.sites.get(serverRelativePath(url).toLowerCase());
        return listed && { webUrl: listed.webUrl, displayName: listed.title, groupId: listed.groupId };
      }
    }
    const site = await this.tenant.graph.find<GraphSite>(`/sites/${this.tenant.sharepointHost}:${url}?$select=id,webUrl,displayName`);
    return site ? { webUrl: site.webUrl, displayName: site.displayName } : undefined;
  }
}

/** The plan's lookups, shared through the read memo. */
export function sitesAtUrls(memo: <T>(key: string, load: () => Promise<T>) => Promise<T>, tenant: TenantClient): Promise<SitesAtUrls> {
  return memo('sitesAtUrls', async () => new SitesAtUrls(tenant));
}
