/**
 * The sites of a run's young groups, looked for in one listing of the tenant's group sites
 * instead of one probe each (issue 12). A rollout makes its groups at once and the service makes
 * their sites over the next minutes; while a group is younger than `youngForMs` its site is
 * rarely there (the local tenant's realistic sites: 1 in 40 at 30 s, 1 in 6 at a minute), so the
 * probes of that age (a SharePoint unit each) mostly miss: 0.7 of a benchmark workspace's ~1 unit
 * above its minimal. A listing page (tenant admin CSOM `GetSitePropertiesFromSharePointByFilters`,
 * GROUP#0 sites; site-listing.ts) costs a write's units and holds many sites; while few sites are
 * there yet it is a page or a few, so one listing every REFRESH_MS answers for all young groups,
 * and only a group whose site it lists is probed (the probe gives the Graph site).
 *
 * Bounded by what it replaces: a listing is made only while at least PROBES_A_PAGE young groups
 * wait for each page it may read (a page costs a write, PROBES_A_PAGE probes), never more than
 * PAGES_AT_MOST pages (once the tenant holds more group sites than that, most of a listing would
 * be sites found long ago), and never while SharePoint's budget is contended (work waits for it,
 * and a probe then waits its turn in apply's window, where a listing would take units from the
 * work). A listing given up at its bound, refused (no tenant admin right) or failed answers
 * nothing, so those groups are probed as before; after a listing that was given up, the next is
 * made only once more groups wait than its pages could hold (never, past PAGES_AT_MOST); after one
 * refused, none; after one failed, none for REFRESH_MS. An old group (past `youngForMs`) is always
 * probed.
 *
 * The listing is a snapshot: a site made after it is found by the next one or by the probes of
 * its group's later age. How soon the service lists a new group's site is not documented; if it
 * lists one later than Graph finds it, the site is found at the group's first probe past
 * `youngForMs`, as without the listing, and nothing else changes.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { realMs } from '../../time/engine-time.ts';
import { listLiveSites } from '../shared/site-listing.ts';

/** How old (engine time) the listing may be that answers a young group's probe. */
export const REFRESH_MS = 10_000;
/** Young groups that must wait for each page a listing may read (a page costs a write's units: three probes'). */
export const PROBES_A_PAGE = 3;
/** Pages a listing reads at most (the local tenant's pages hold 50 sites; the service's size is not documented). */
export const PAGES_AT_MOST = 10;

/** Where a run's listings come from, and what they must not disturb. */
export interface SightingSources {
  /** Lists the tenant's group sites a page at a time while `more(pagesRead)`: the groups listed and whether every page was read; undefined when refused. */
  list(more: (pagesRead: number) => boolean): Promise<{ groups: Set<string>; complete: boolean } | undefined>;
  /** True while the SharePoint budget a listing spends has work waiting for it: no listing is made then. Absent: never. */
  contended?(): boolean;
  /** The clock (real ms): Date.now unless a test gives its own. */
  now?(): number;
}

/** What a listing told: the groups whose sites it listed, whether it read every page, when it was made (real ms). */
interface Sighting {
  groups: Set<string>;
  complete: boolean;
  at: number;
}

/** One run's listings of group sites (one a tenant client: `groupSiteSightingsOf`). */
export class GroupSiteSightings {
  /** When each young group now waiting was made (real ms), by a token of its wait. */
  private readonly young = new Map<symbol, number>();
  private last: Sighting | undefined;
  private pending: Promise<Sighting | undefined> | undefined;
  /** Set once the tenant refused the listing: no more are asked. */
  private refused = false;
  /** After a listing that failed, none is asked before this time (real ms): a failing listing is not asked again at every probe. */
  private quietUntil = -Infinity;
  /** Pages the last listing given up had read (the tenant holds more): a later one waits for more young groups. */
  private pagesAtLeast = 0;
  /** Listings asked, those the tenant refused, and the probes they spared (a young group's probe not made because its site was not listed). */
  readonly stats = { listings: 0, refused: 0, spared: 0 };

  private readonly now: () => number;

  /** Listings from `sources`, for groups young until `youngForMs` (engine time) from their create. */
  constructor(
    private readonly sources: SightingSources,
    private readonly youngForMs: number,
  ) {
    this.now = sources.now ?? Date.now;
  }

  /**
   * A group made at `madeAt` (real ms) starts waiting for its site; the function returned says,
   * before each probe, whether to skip it: true only while the group is young and a complete
   * listing not older than REFRESH_MS does not list its site. Call `done` once the wait ends.
   */
  watch(groupId: string, madeAt: number): { skipProbe(): Promise<boolean>; done(): void } {
    const token = Symbol(groupId);
    this.young.set(token, madeAt);
    return {
      skipProbe: async () => {
        if (this.now() >= madeAt + realMs(this.youngForMs)) {
          this.young.delete(token);
          return false;
        }
        const sighting = await this.current();
        if (!sighting || !sighting.complete || sighting.groups.has(groupId.toLowerCase())) return false;
        this.stats.spared++;
        return true;
      },
      done: () => void this.young.delete(token),
    };
  }

  /** A listing not older than REFRESH_MS: the last, the one being made, or a new one if it is worth its pages. */
  private async current(): Promise<Sighting | undefined> {
    if (this.last && this.now() - this.last.at <= realMs(REFRESH_MS)) return this.last;
    if (this.pending) return this.pending;
    if (this.refused || this.now() < this.quietUntil || this.sources.contended?.()) return undefined;
    const pagesWorth = Math.min(PAGES_AT_MOST, Math.floor(this.youngNow() / PROBES_A_PAGE));
    if (pagesWorth < 1 || pagesWorth <= this.pagesAtLeast) return undefined;
    const at = this.now();
    this.stats.listings++;
    let read = 0;
    const pending = this.sources.list((pagesRead) => {
      read = pagesRead;
      return pagesRead < pagesWorth;
    }).then(
      (listed): Sighting | undefined => {
        if (!listed) {
          this.refused = true;
          this.stats.refused++;
          return undefined;
        }
        if (!listed.complete) this.pagesAtLeast = read;
        this.last = { ...listed, at };
        return this.last;
      },
      () => {
        this.quietUntil = this.now() + realMs(REFRESH_MS);
        return undefined;
      },
    );
    this.pending = pending;
    void pending.finally(() => {
      if (this.pending === pending) this.pending = undefined;
    });
    return pending;
  }

  /** Young groups waiting now (those past their youth are forgotten). */
  private youngNow(): number {
    const oldFrom = this.now() - realMs(this.youngForMs);
    for (const [token, madeAt] of this.young) if (madeAt <= oldFrom) this.young.delete(token);
    return this.young.size;
  }
}

const byTenant = new WeakMap<TenantClient, GroupSiteSightings>();

/** The listings of group sites of the run that talks through `tenant`, for groups young until `youngForMs` (engine time). */
export function groupSiteSightingsOf(tenant: TenantClient, youngForMs: number): GroupSiteSightings {
  let sightings = byTenant.get(tenant);
  if (!sightings) {
    // A probe's URL: the listing spends the same SharePoint budget as the probes it replaces.
    const probeUrl = tenant.graph.url('/groups/{id}/sites/root');
    sightings = new GroupSiteSightings(
      {
        list: async (more) => {
          const listed = await listLiveSites(tenant, more, 'GROUP#0');
          if (!listed) return undefined;
          const groups = new Set<string>();
          for (const site of listed.byPath.values()) if (site.groupId) groups.add(site.groupId);
          return { groups, complete: listed.complete };
        },
        contended: () => tenant.transport.waiting(probeUrl) > 0,
      },
      youngForMs,
    );
    byTenant.set(tenant, sightings);
  }
  return sightings;
}
