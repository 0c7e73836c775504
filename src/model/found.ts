import type { Address } from './address.ts';
import type { Facts } from './facts.ts';
import type { ResourceKind } from './resources.ts';

/**
 * Service ids of a resource that its children need (`siteId`, `webUrl`, `groupId`, `listId`...):
 * ids only; anything else a child needs to know is a fact (src/model/facts.ts).
 */
export type ResourceIds = Record<string, string>;

/**
 * A resource found in the tenant under a declared container, as a kind's `listExisting` reports
 * it, for pruning. `owned` is left undefined when the engine's ownership ledger should decide (the
 * usual case); a kind whose objects carry their own marker (e.g. a term's custom property) sets it.
 */
export interface ExistingResource {
  address: Address;
  id: string;
  ids: ResourceIds;
  /** The kind's facts of it (src/model/facts.ts), if it has any. */
  facts?: Facts;
  props: Record<string, unknown>;
  owned?: boolean;
}

/** An undeclared resource found in the tenant, with its kind and whether this blueprint owns it. */
export interface FoundResource {
  kind: ResourceKind;
  address: Address;
  id: string;
  ids: ResourceIds;
  facts?: Facts;
  props: Record<string, unknown>;
  /** `unknown`: its ownership record cannot be read (`why`); prune must not act on it. */
  owned: boolean | 'unknown';
  why?: string;
}
