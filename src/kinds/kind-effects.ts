/**
 * The effects of a kind: how it is read from the tenant, created, updated, listed and deleted.
 * SDK-bound (through `TenantClient`); only the observer, the pruner's finder and apply call them.
 * `KindEffects<K, PF>`: `PF` is the facts type of the kind's parent (`parentFacts`).
 */
import type { Address } from '../model/address.ts';
import type { Facts } from '../model/facts.ts';
import type { ExistingResource, ResourceIds } from '../model/found.ts';
import type { ObservedState } from '../model/observed.ts';
import type { DesiredResource, FactsByKind, ResourceKind } from '../model/resources.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import type { AnyKindRules, KindRules } from './kind-rules.ts';

/**
 * What a read gets: the tenant, the ids and facts of the parent (already read and present), and a
 * memo so that siblings share one collection read (all lists of a site, all columns of a list).
 * `PF` is the type of the parent's facts (src/model/facts.ts); a fact may be missing (a parent
 * that could not tell it), so each is optional.
 */
export interface ReadContext<PF extends Facts = Facts> {
  tenant: TenantClient;
  parentIds: ResourceIds;
  parentFacts?: Partial<PF>;
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * What the ownership ledger recorded for this resource: the id a create of this blueprint
   * got, `creating` (an intent whose outcome is unknown), or undefined (not recorded, or the
   * ledger could not be read). For a kind whose lookup lags (`lookupLag`): an object the
   * lookup misses but the ledger recorded is looked for by id before it counts as absent.
   */
  recorded?(): Promise<string | undefined>;
  /**
   * For `listExisting`: whether a resource found at this address may be deleted by this plan:
   * the blueprint does not declare it (as the service compares names) and the ownership ledger
   * says this blueprint made it, or cannot be read. What only a delete needs (a list's item
   * count) may be left unread when nothing listed may be. Undefined: any may be.
   */
  mayPrune?(address: Address): Promise<boolean>;
}

/** What a create or update gets: the tenant and the ids and facts of the parent (present or just created). */
export interface WriteContext<PF extends Facts = Facts> {
  tenant: TenantClient;
  parentIds: ResourceIds;
  parentFacts?: Partial<PF>;
  /** Reports a step of a long operation, e.g. "waiting for the group's site". */
  progress(message: string): void;
  /**
   * Values shared by the changes of one apply run (a site's group ids, its permission levels),
   * so that a fact read once is not read again by each sibling; absent outside an apply run.
   * Keys are owned by the module that sets them (see security-ids.ts).
   */
  run?: Map<string, unknown>;
  /**
   * The run's window of probes for new sites (src/apply/site-probe-window.ts), given to every
   * create of an apply run and used by those that wait for the service to make a site (a
   * group's). Absent outside an apply run (then probe on the kind's own schedule alone).
   */
  siteProbes?: SiteProbes;
}

/**
 * Apply's window of probes for the sites the service is making: `turn()` resolves when a probe
 * may go (at once while fewer than the window's size are out), to the function to call when its
 * answer is in (once, also when it failed). `latest` (a `Date.now()` time): the probe waits for
 * its turn no longer than that, then goes without one (its site is very likely there by then).
 */
export interface SiteProbes {
  turn(latest?: number): Promise<() => void>;
}

/** The result of a create: the new resource's id, the ids its children need and its facts. */
export interface Created<K extends ResourceKind = ResourceKind> {
  id: string;
  ids: ResourceIds;
  facts?: ResourceKind extends K ? Facts : FactsByKind[K];
}

/**
 * Contract:
 * - `read` returns `absent` only when it is sure; any failure is `unknown` (never drift).
 * - `create` must be safe to follow by `read` after an ambiguous failure: the natural key finds
 *   what a lost response created.
 */
export interface KindEffects<K extends ResourceKind, PF extends Facts = Facts> {
  read(resource: DesiredResource<K>, ctx: ReadContext<PF>): Promise<ObservedState<K>>;
  /**
   * How long `read` may miss an object that was just created (the directory's `$filter` lags
   * behind its writes: directory-lag.ts). After an ambiguous create (`afterAmbiguousMs`) or a
   * refusal saying the natural key is taken (`afterConflictMs`: proof that it exists), the lookup
   * is repeated, backing off, within that bound (engine time) before the object counts as not
   * found. Undefined: a lookup sees every committed write at once.
   */
  lookupLag?: { afterAmbiguousMs: number; afterConflictMs: number };
  /**
   * The kind's writes go to Teams and the directory through Graph, never to SharePoint (a team,
   * its channels, members and tabs). Apply starts its ready changes ahead of the others: they do
   * not wait in the SharePoint pacer's queue, so they hold a slot briefly, and the waits they have
   * at the service (a team's creation runs for minutes) overlap the SharePoint work instead of
   * coming after it (issue 12: queued behind thousands of ready SharePoint changes, teams started
   * up to minutes after their sites were found).
   */
  writesOutsideSharePoint?: true;
  /**
   * A second create under this kind's natural key or id cannot make a second object, and the
   * service's reads see a committed write at once: the service refuses it as taken (a list's
   * title, a column's or content type's id, a SharePoint group's or permission level's name, a
   * term's label under its parent), or the create is a reconcile that finds the first one's work
   * done (a role assignment binds the levels its principal lacks). So after a create that got no
   * clear answer and a lookup that found nothing, apply sends the create again
   * (src/apply/create-once.ts): a first create still running at the service makes one of the two
   * refused as taken, and adopted. Not for a kind whose names may repeat (a view, a navigation
   * link, a tab) or whose lookup lags (`lookupLag`).
   */
  uniqueKey?: true;
  create(resource: DesiredResource<K>, ctx: WriteContext<PF>): Promise<Created<K>>;
  /**
   * For an object adopted instead of made (its create got no clear answer, or the service said
   * the key is taken), whose read may find it before the service has finished it as the create
   * would have waited for: waits for that (a group's site, which appears minutes after the group)
   * and gives the ids the create would have given. Without it the adopted object's ids are its
   * read's, and what lies under it had no site to be made in.
   */
  completeAdopted?(resource: DesiredResource<K>, id: string, ids: ResourceIds, ctx: WriteContext<PF>): Promise<ResourceIds>;
  /** Writes the given stated properties (only those that differ). */
  update(resource: DesiredResource<K>, id: string, ids: ResourceIds, changed: string[], ctx: WriteContext<PF>): Promise<void>;
  /**
   * Everything of this kind under a parent (the parent's address and ids), for pruning and for
   * replace. Kinds without it cannot be pruned (say so in docs/coverage.md).
   */
  listExisting?(parent: Address, parentIds: ResourceIds, ctx: ReadContext<PF>): Promise<ExistingResource[]>;
  /** Deletes one resource (declared or not): `before` holds what was read of it. */
  delete?(address: Address, before: Record<string, unknown>, id: string, ids: ResourceIds, ctx: WriteContext<PF>): Promise<void>;
}

/** A kind whole: its pure rules and its effects. */
export type Kind<K extends ResourceKind> = KindRules<K> & KindEffects<K>;

/**
 * A kind as the engine's kind-generic code calls it: props by name, resources of any kind. The
 * registry hands these out (`kindOf`), so callers need no cast.
 */
export interface AnyKind extends AnyKindRules {
  read(resource: DesiredResource, ctx: ReadContext): Promise<ObservedState>;
  lookupLag?: { afterAmbiguousMs: number; afterConflictMs: number };
  writesOutsideSharePoint?: true;
  uniqueKey?: true;
  create(resource: DesiredResource, ctx: WriteContext): Promise<Created>;
  completeAdopted?(resource: DesiredResource, id: string, ids: ResourceIds, ctx: WriteContext): Promise<ResourceIds>;
  update(resource: DesiredResource, id: string, ids: ResourceIds, changed: string[], ctx: WriteContext): Promise<void>;
  listExisting?(parent: Address, parentIds: ResourceIds, ctx: ReadContext): Promise<ExistingResource[]>;
  delete?(address: Address, before: Record<string, unknown>, id: string, ids: ResourceIds, ctx: WriteContext): Promise<void>;
}
