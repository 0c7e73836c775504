/**
 * The one shape of every part of the local tenant's state (sub-stores.ts lists them all): the
 * journal ops it owns, how it applies one (at commit and on replay), the ops that rebuild it (the
 * snapshot), and what it drops when owners it keeps state for are gone (the delete cascade, and
 * the sweep after loading a state folder written before there was one). It names no op type of
 * its own, so that the state modules that implement it and journal-op.ts, which names their ops,
 * import it without an import circle.
 */

/**
 * Which owners are gone, as predicates over ids (site collection, list and group ids are GUIDs,
 * unique across kinds). A delete op's owner names them (`goneWith`) before the op is applied:
 * a purged site with its lists (`delSite`), a list (`delList`), a purged group with its team
 * (`delGroup`), a team (`delTeam`). After a state folder is loaded they are everything that does
 * not exist (the sweep), so that orphans an older version left behind are dropped too.
 */
export interface Gone {
  /** whether any site, list or team may be gone: false lets a part skip its scan for that kind */
  readonly any: { readonly sites: boolean; readonly lists: boolean; readonly teams: boolean };
  /** a site collection (and its root web) */
  site(id: string): boolean;
  /** a list */
  list(id: string): boolean;
  /** a web or list scope (content types, fields): gone when what it names is gone */
  scope(id: string): boolean;
  /** a team, by its group's id */
  team(id: string): boolean;
}

/**
 * A part of the tenant's state. Contract:
 * - `apply` takes only ops whose `k` is in `opKinds`, never journals, and is idempotent (upserts
 *   carry whole records), so that replaying the journal rebuilds the same state;
 * - `snapshotOps` yields ops that rebuild this part alone, on an empty part, in an order `apply`
 *   accepts;
 * - `goneWith` (only for a part that owns delete ops) names what a delete op takes away, read
 *   before the op is applied; undefined when the op deletes nothing (replayed twice);
 * - `drop` removes everything this part keeps for gone owners (records keyed by them, and
 *   references to them in records that stay). It runs inside the apply of a delete op, at commit
 *   and on replay, so it journals nothing: the delete op implies it.
 */
export interface SubStore<O extends { k: string }> {
  /** for errors and docs */
  readonly name: string;
  readonly opKinds: readonly O['k'][];
  apply(op: O): void;
  snapshotOps(): Iterable<O>;
  goneWith?(op: O): Gone | undefined;
  drop(gone: Gone): void;
}

const never = (): boolean => false;

/** The owners one delete takes away (the predicates of the others answer false). */
export function goneOnly(ids: { sites?: readonly string[]; lists?: readonly string[]; teams?: readonly string[] }): Gone {
  const has = (ids: readonly string[] | undefined) => {
    const set = new Set(ids);
    return set.size ? (id: string) => set.has(id) : never;
  };
  const site = has(ids.sites);
  const list = has(ids.lists);
  const any = { sites: !!ids.sites?.length, lists: !!ids.lists?.length, teams: !!ids.teams?.length };
  return { any, site, list, scope: (id) => site(id) || list(id), team: has(ids.teams) };
}
