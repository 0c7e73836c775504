import type { Address } from './address.ts';
import type { Facts } from './facts.ts';
import type { FactsByKind, PropsByKind, ResourceKind } from './resources.ts';

/**
 * What a read of the tenant found for one desired address.
 * - `present`: the resource exists; `props` holds the same property names as the desired props
 *   (all that the provider could read), `id` is the service's id (group id, site id, list id,
 *   field id) and `ids` any further ids a later change needs (e.g. the group's site id);
 *   `facts` what its children or its rules need that is not an id (src/model/facts.ts): the
 *   kind's facts type, or any facts for a state of no particular kind.
 * - `absent`: the read succeeded and the resource does not exist.
 * - `heldBy` (on `present` and `absent`): another object of the tenant holds a key the service
 *   gives one object (a list's title in its site, a term's default label among its siblings, a
 *   term set's names in its group) and that the blueprint gives this one, so the service would
 *   refuse the create, or the update of `props`, while it is there: planned only when this plan
 *   deletes that object (the change then waits for the delete), else a create is shown as unknown
 *   and an update writes the rest, with `reason` (src/plan/held-keys.ts).
 * - `unknown`: the read failed (throttled, 5xx, 403...), or it found under the natural key an
 *   object that is not the blueprint's (another id than the blueprint gives it: a site's built-in
 *   column, a content type made elsewhere). Never treated as absent or as drift; it blocks changes
 *   to the resource and everything under it, and `reason` says which.
 */
export type ObservedState<K extends ResourceKind = ResourceKind> =
  | { status: 'present'; id: string; ids?: Record<string, string>; facts?: ResourceKind extends K ? Facts : FactsByKind[K]; props: Partial<PropsByKind[K]>; heldBy?: HeldBy }
  | { status: 'absent'; heldBy?: HeldBy }
  | { status: 'unknown'; reason: string };

/**
 * What holds a key the blueprint gives a resource: the holder's address (as a prune would find
 * it), why the service refuses meanwhile, and for a present resource the properties whose update
 * it refuses.
 */
export interface HeldBy {
  address: Address;
  reason: string;
  props?: string[];
}

/** Observed state keyed by desired address. Every desired address has an entry. */
export type Observed = Map<Address, ObservedState>;

/** The reason of a resource left unread because its parent could not be read (the read settles it so, without a call). */
export function underUnreadReason(parent: Address): string {
  return `its parent ${parent} could not be read`;
}

/** Whether `reason` is `underUnreadReason`'s: the resource is unread only because its parent is (the plan folds it under the parent). */
export function isUnderUnread(reason: string): boolean {
  return reason.startsWith('its parent ') && reason.endsWith(' could not be read');
}
