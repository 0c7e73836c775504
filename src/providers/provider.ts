import type { Address } from '../model/address.ts';
import type { Change, CustomScript, Destructive, NotApplied } from '../model/change.ts';
import type { ObservedState } from '../model/observed.ts';
import type { DesiredResource, PropsByKind, ResourceKind } from '../model/resources.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

/** Service ids of a resource that its children need (`siteId`, `webUrl`, `groupId`, `listId`...). */
export type ResourceIds = Record<string, string>;

/**
 * What a read gets: the tenant, the ids of the parent (already read and present), and a memo so
 * that siblings share one collection read (all lists of a site, all columns of a list).
 */
export interface ReadContext {
  tenant: TenantClient;
  parentIds: ResourceIds;
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/** What a create or update gets: the tenant and the ids of the parent (present or just created). */
export interface WriteContext {
  tenant: TenantClient;
  parentIds: ResourceIds;
  /** Reports a step of a long operation, e.g. "waiting for the group's site". */
  progress(message: string): void;
  /**
   * Values shared by the changes of one apply run (a site's group ids, its permission levels),
   * so that a fact read once is not read again by each sibling; absent outside an apply run.
   * Keys are owned by the module that sets them (see security-ids.ts).
   */
  run?: Map<string, unknown>;
}

/**
 * A resource found in the tenant under a declared container, for pruning. `owned` is left
 * undefined when the engine's ownership ledger should decide (the usual case); a provider whose
 * objects carry their own marker (e.g. a term's custom property) sets it.
 */
export interface ExistingResource {
  address: Address;
  id: string;
  ids: ResourceIds;
  props: Record<string, unknown>;
  owned?: boolean;
}

/** The result of a create: the new resource's id and the ids its children need. */
export interface Created {
  id: string;
  ids: ResourceIds;
}

/**
 * Everything the engine knows about one resource kind.
 * Contract:
 * - `identity` props are the natural key: never diffed (a different value is another resource).
 * - `createOnly` props are used at creation and never diffed afterwards (the service cannot
 *   change them, or they are not readable back).
 * - `same` and `replaceReason` are pure.
 * - `read` returns `absent` only when it is sure; any failure is `unknown` (never drift).
 * - `create` must be safe to follow by `read` after an ambiguous failure: the natural key finds
 *   what a lost response created.
 */
export interface Provider<K extends ResourceKind> {
  kind: K;
  /** The API face(s) the kind goes through, shown in the plan. */
  api: string;
  identity: readonly (keyof PropsByKind[K] & string)[];
  createOnly: readonly (keyof PropsByKind[K] & string)[];
  /**
   * Identity props the service lets change in place. Names compare case-insensitively (see
   * `addressKey`), so a value that differs from the read one in case only is the same resource:
   * for these props it is an update (the provider's `update` writes it); for other identity props
   * it is no change, because the service keeps the stored casing (a list's URL, a field's
   * internal name).
   */
  renamable?: readonly (keyof PropsByKind[K] & string)[];
  /**
   * Props that are partial maps (key -> value): only the stated keys are compared and written,
   * other keys in the tenant are kept. The plan marks their changes `partial` so that a reader
   * never takes an unstated key for a removed one.
   */
  partialMaps?: readonly (keyof PropsByKind[K] & string)[];
  /**
   * Equality of one stated property against what was read, for properties with their own rule;
   * `undefined` means "use deep equality".
   */
  same?(name: string, desired: unknown, observed: unknown): boolean | undefined;
  /** Why the resource cannot reach the desired state in place (planned as replace), if so. */
  replaceReason?(desired: PropsByKind[K], observed: Partial<PropsByKind[K]>): string | undefined;
  read(resource: DesiredResource<K>, ctx: ReadContext): Promise<ObservedState<K>>;
  create(resource: DesiredResource<K>, ctx: WriteContext): Promise<Created>;
  /** Writes the given stated properties (only those that differ). */
  update(resource: DesiredResource<K>, id: string, ids: ResourceIds, changed: string[], ctx: WriteContext): Promise<void>;
  /**
   * Kinds of container this kind lives in, so that `prune: [<kind>]` at the top of a blueprint
   * looks in every declared container of those kinds (even one that declares none of them).
   */
  parentKinds?: readonly ResourceKind[];
  /**
   * Everything of this kind under a parent (the parent's address and ids), for pruning and for
   * replace. Kinds without it cannot be pruned (say so in docs/coverage.md).
   */
  listExisting?(parent: Address, parentIds: ResourceIds, ctx: ReadContext): Promise<ExistingResource[]>;
  /** Deletes one resource (declared or not): `before` holds what was read of it. */
  delete?(address: Address, before: Record<string, unknown>, id: string, ids: ResourceIds, ctx: WriteContext): Promise<void>;
  /**
   * Pure: whether a planned change of this kind destroys content or widens exposure, and which
   * consent flag it needs (e.g. deleting a list that holds items needs allow-delete-content).
   */
  destructive?(change: Change): Destructive | undefined;
  /**
   * Pure: the properties of a planned change that apply will not write (the API does not allow it
   * with app-only permissions), with the reason shown in the plan. `update`/`create` skip them.
   */
  notApplied?(change: Change): NotApplied | undefined;
  /**
   * Pure: whether a planned change writes what a site denying custom script refuses, given what
   * was observed of the resource (`absent` for one under a site the apply creates).
   */
  customScript?(change: Change, observed: ObservedState<K>): CustomScript | undefined;
}

export type AnyProvider = { [K in ResourceKind]: Provider<K> }[ResourceKind];

/** A resource's address together with the ids read or created for it. */
export interface ResolvedResource {
  address: Address;
  id: string;
  ids: ResourceIds;
}
