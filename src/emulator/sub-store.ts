/**
 * The one shape of every part of the local tenant's state (sub-stores.ts lists them all): the
 * journal ops it owns, how it applies one (at commit and on replay), the ops that rebuild it (the
 * snapshot), and what it drops when an owner it keeps state for is deleted (the delete cascade).
 * It names no op type of its own, so that the state modules that implement it and journal-op.ts,
 * which names their ops, import it without an import circle.
 */

/**
 * What a delete takes away, named by the sub-store that owns the delete op before the op is
 * applied (`removalOf`). Every sub-store then drops what it keeps for it.
 *
 * - `site`: a site collection purged (`delSite`), with the lists it had;
 * - `list`: a list deleted (`delList`);
 * - `group`: a group purged (`delGroup`), with its team;
 * - `team`: a team deleted while its group stays (`delTeam`).
 */
export type Removal =
  | { kind: 'site'; siteId: string; listIds: readonly string[] }
  | { kind: 'list'; siteId: string; listId: string }
  | { kind: 'group'; groupId: string }
  | { kind: 'team'; teamId: string };

/**
 * A part of the tenant's state. Contract:
 * - `apply` takes only ops whose `k` is in `opKinds`, never journals, and is idempotent (upserts
 *   carry whole records), so that replaying the journal rebuilds the same state;
 * - `snapshotOps` yields ops that rebuild this part alone, on an empty part, in an order `apply`
 *   accepts, after the sub-stores listed before it in sub-stores.ts;
 * - `removalOf` (only for a part that owns delete ops) names what a delete op takes away, read
 *   before the op is applied; undefined when the op deletes nothing (replayed twice);
 * - `drop` removes everything this part keeps for a removed owner (records keyed by it, and
 *   references to it in records that stay). It runs inside the apply of the delete op, at commit
 *   and on replay, so it journals nothing: the delete op implies it.
 */
export interface SubStore<O extends { k: string }> {
  /** for errors and docs */
  readonly name: string;
  readonly opKinds: readonly O['k'][];
  apply(op: O): void;
  snapshotOps(): Iterable<O>;
  removalOf?(op: O): Removal | undefined;
  drop(removal: Removal): void;
}
