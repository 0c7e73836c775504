/**
 * Directory eventual consistency (Entra ID through Graph). Microsoft Entra accepts a write on one
 * replica and replicates it asynchronously ("Designing for Eventual Consistency for Microsoft
 * Entra"; the notes on "Add members" and "Update group": a group just created may not yet
 * accept member adds). A group created by this process is therefore, for a while after its
 * creation (simulated time):
 * - missing from `GET /groups` lists, `$filter` lookups (by mailNickname, id, ...) and `$count`
 *   (`query`),
 * - answered 404 `Request_ResourceNotFound` on `GET /groups/{id}` and every `/groups/{id}/...`
 *   route (`byId`, never longer than `query`),
 * - refused on `$ref` adds of members or owners and `members@odata.bind` / `owners@odata.bind`
 *   PATCHes with the documented 400 (`refs`, never shorter than `byId`; during `byId` those
 *   answer the 404 above).
 * Each group's three delays are drawn once, from the seed and its id, so runs repeat. Groups
 * loaded from the state folder are fully replicated (work pending when a process stopped is
 * complete after a restart). The uniqueness of `mailNickname` is enforced at once, on every
 * create: see docs/local-tenant.md, "Directory lag".
 */
import { realClock, type Clock } from './clock.ts';
import { resolveDirectoryLag, Rng, type DirectoryLagConfig } from './config.ts';

/** The message of the 400 a reference add to a group still replicating gets (Graph's "Add members" note). */
export const REFERENCES_NOT_REPLICATED = 'The source resource object or one of the objects being referenced do not exist.';

/** How often the lag changed an answer (in `/_emulator/stats` as `directoryLag`). */
export interface DirectoryLagCounters {
  /** groups left out of a list, `$filter` or `$count` answer */
  hiddenFromQueries: number;
  /** 404s for a group not yet readable by id */
  notFoundById: number;
  /** `$ref` adds / binds refused with the documented 400 */
  refsRefused: number;
}

/** The lag of the groups this process creates; asked by the Graph face before it answers. */
export class DirectoryLag {
  readonly counters: DirectoryLagCounters = { hiddenFromQueries: 0, notFoundById: 0, refsRefused: 0 };

  constructor(
    readonly cfg: DirectoryLagConfig,
    private readonly clock: Clock,
    private readonly seed: number,
    /** when a group was created by this process (simulated ms), else undefined */
    private readonly birthOf: (groupId: string) => number | undefined,
  ) {}

  /** Whether lists and `$filter` lookups show the group now (counts the times they do not). */
  inQueries(groupId: string): boolean {
    const visible = this.passed(groupId, 'query');
    if (!visible) this.counters.hiddenFromQueries++;
    return visible;
  }

  /** The groups lists, `$filter` and `$count` show now (not those still replicating). */
  queryable<G extends { id: string }>(groups: Iterable<G>): G[] {
    return [...groups].filter((g) => this.inQueries(g.id));
  }

  /** Whether `GET /groups/{id}` finds the group now (counts the 404s). */
  byId(groupId: string): boolean {
    const visible = this.passed(groupId, 'byId');
    if (!visible) this.counters.notFoundById++;
    return visible;
  }

  /** Whether member/owner references can be added now (counts the refusals). */
  refsAccepted(groupId: string): boolean {
    const ok = this.passed(groupId, 'refs');
    if (!ok) this.counters.refsRefused++;
    return ok;
  }

  /** The three delays of one group: a pure function of the seed and the id. */
  delays(groupId: string): { query: number; byId: number; refs: number } {
    const rng = new Rng(this.seed ^ hash(groupId));
    const query = rng.draw(this.cfg.query);
    const byId = Math.min(rng.draw(this.cfg.byId), query);
    const refs = Math.max(rng.draw(this.cfg.refs), byId);
    return { query, byId, refs };
  }

  private passed(groupId: string, kind: 'query' | 'byId' | 'refs'): boolean {
    if (!this.cfg.enabled) return true;
    const born = this.birthOf(groupId);
    if (born === undefined) return true;
    return born + this.delays(groupId)[kind] <= this.clock.now();
  }
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** No lag (a Graph face not wired to a local tenant's behaviour). */
export function noDirectoryLag(): DirectoryLag {
  return new DirectoryLag(resolveDirectoryLag(false, false), realClock, 0, () => undefined);
}
