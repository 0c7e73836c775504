/**
 * Answers about many URLs in one plan, read the cheaper way (issue 12): one request a URL for the
 * first DIRECT_FIRST URLs a plan asks about, then one listing of the tenant (a page holds many
 * URLs) for all the later ones. A plan of a few new sites reads their URLs; a rollout of thousands
 * reads a few pages. Used for the live sites at new team sites' URLs
 * (../team-site/sites-at-urls.ts) and the deleted sites in the recycle bin there (recycle-bin.ts).
 *
 * The listing is bounded by what it replaces: it reads its next page only while it has read fewer
 * pages than URLs were asked (and never more than LISTING_PAGES_AT_MOST), so a big tenant and a
 * small plan cost at most about what one request a URL would; a listing given up there, refused or
 * failed leaves every URL to be read one each. A URL the listing does not hold has no answer. The
 * listing is a snapshot, as a read of one URL is.
 */
import { serverRelativePath } from './server-relative.ts';

/** URLs of a plan read one each before the tenant is listed instead. */
export const DIRECT_FIRST = 8;
/** Pages a listing reads at most, however many URLs were asked. */
export const LISTING_PAGES_AT_MOST = 1_000;

/** What a listing read: the answers by server-relative path in lower case, and whether every page was read. */
export interface UrlListing<T> {
  byPath: Map<string, T>;
  complete: boolean;
}

/**
 * Reads one URL (undefined: nothing there), and lists them all a page at a time while
 * `more(pagesRead)` says so (undefined: the caller may not list).
 */
export interface UrlSources<T> {
  one(url: string): Promise<T | undefined>;
  all(more: (pagesRead: number) => boolean): Promise<UrlListing<T> | undefined>;
}

/** One plan's answers about URLs: see the file header. Keep one a plan (the read memo). */
export class UrlLookups<T> {
  private asked = 0;
  private listing?: Promise<UrlListing<T> | undefined>;

  constructor(private readonly sources: UrlSources<T>) {}

  /** The answer for `url` (absolute or server-relative, compared as SharePoint compares paths). */
  async find(url: string): Promise<T | undefined> {
    this.asked++;
    if (this.asked > DIRECT_FIRST) {
      this.listing ??= this.sources.all((pagesRead) => pagesRead < Math.min(this.asked, LISTING_PAGES_AT_MOST)).catch(() => undefined);
      const listing = await this.listing;
      if (listing?.complete) return listing.byPath.get(serverRelativePath(url).toLowerCase());
    }
    return this.sources.one(url);
  }
}
