import type { Address } from '../model/address.ts';
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
}

export type AnyProvider = { [K in ResourceKind]: Provider<K> }[ResourceKind];

/** A resource's address together with the ids read or created for it. */
export interface ResolvedResource {
  address: Address;
  id: string;
  ids: ResourceIds;
}
