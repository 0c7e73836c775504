/**
 * The pure rules of a kind: what `buildPlan` needs to compare, replace and judge a change. No I/O
 * and no SDK: the planner takes these (`buildPlan(desired, observed, rules, ctx)`), never a
 * kind's effects.
 */
import type { Change, CustomScript, Destructive, NotApplied } from '../model/change.ts';
import type { FoundResource } from '../model/found.ts';
import type { ObservedState } from '../model/observed.ts';
import type { NamedUser } from '../model/principal.ts';
import type { PropsByKind, ResourceKind } from '../model/resources.ts';

/**
 * Contract:
 * - `identity` props are the natural key: never diffed (a different value is another resource).
 * - `createOnly` props are used at creation and never diffed afterwards (the service cannot
 *   change them, or they are not readable back).
 * - every function is pure.
 */
export interface KindRules<K extends ResourceKind> {
  kind: K;
  /** The API face(s) the kind goes through, shown in the plan. */
  api: string;
  identity: readonly (keyof PropsByKind[K] & string)[];
  createOnly: readonly (keyof PropsByKind[K] & string)[];
  /**
   * Identity props the service lets change in place. Names compare case-insensitively (see
   * `addressKey`), so a value that differs from the read one in case only is the same resource:
   * for these props it is an update (the kind's `update` writes it); for other identity props
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
   * Props that are lists of names the tenant must hold at least (a lower bound: owners, members):
   * the stated names missing from the tenant are added, names it holds beyond them are kept. The
   * plan compares them so (every stated name held, case-insensitively; no `same` needed) and marks
   * their changes `partial`, so that a reader sees the names to add, never the kept ones as removed.
   */
  lowerBoundLists?: readonly (keyof PropsByKind[K] & string)[];
  /**
   * Props that are exact sets of names (permission levels, base permissions, a group's exact
   * members): the plan compares them so (case-insensitively, in any order; no `same` needed) and
   * marks their changes `set`, shown as the names added and removed.
   */
  nameSets?: readonly (keyof PropsByKind[K] & string)[];
  /**
   * Props that are lists of objects named by `name` compared in any order by the kind's own
   * `same` (a content type's column links): the plan marks their changes `set`, so that a
   * rendering shows the elements gained, lost and changed, never an order.
   */
  unorderedLists?: readonly (keyof PropsByKind[K] & string)[];
  /**
   * The tenant's value of a stated property as `same` compares it, when that is less than what was
   * read (a content type's links without those every type inherits, which apply neither compares
   * nor removes): the plan shows it as the change's `before`, so that nothing apply keeps reads
   * as removed. Undefined: the value as read.
   */
  comparedBefore?(name: string, desired: unknown, observed: unknown): unknown;
  /**
   * Kinds of container this kind lives in, so that `prune: [<kind>]` at the top of a blueprint
   * looks in every declared container of those kinds (even one that declares none of them).
   */
  parentKinds?: readonly ResourceKind[];
  /**
   * Equality of one stated property against what was read, for properties with their own rule;
   * `undefined` means "use deep equality".
   */
  same?(name: string, desired: unknown, observed: unknown): boolean | undefined;
  /** Why the resource cannot reach the desired state in place (planned as replace), if so. */
  replaceReason?(desired: PropsByKind[K], observed: Partial<PropsByKind[K]>): string | undefined;
  /**
   * Whether a planned change of this kind destroys content or widens exposure, and which
   * consent flag it needs (e.g. deleting a list that holds items needs allow-delete-content).
   */
  destructive?(change: Change): Destructive | undefined;
  /**
   * The properties of a planned change that apply will not write (the API does not allow it
   * with app-only permissions), with the reason shown in the plan. `update`/`create` skip them.
   */
  notApplied?(change: Change): NotApplied | undefined;
  /**
   * Whether a planned change writes what a site denying custom script refuses, given what
   * was observed of the resource (`absent` for one under a site the apply creates).
   */
  customScript?(change: Change, observed: ObservedState<K>): CustomScript | undefined;
  /**
   * Whether `found`, a resource of this kind found for pruning, uses `other` (found too), so
   * that `other`'s delete must wait for `found`'s: deletes run dependents first
   * (src/plan/delete-order.ts), so that the service never refuses a delete because something
   * still uses the object. Reads only what `listExisting` reports (addresses, ids, props).
   */
  uses?(found: FoundResource, other: FoundResource): boolean;
  /**
   * true when this kind's `uses` may name a resource of another site (a site joined to a hub uses
   * the hub's site); otherwise it is only asked about resources of its own site.
   */
  usesOtherSites?: boolean;
  /** The kinds `uses` may answer true for; it is asked about no other (absent: any kind). */
  usedKinds?: readonly ResourceKind[];
  /**
   * Whether the delete of `found` (a resource of this kind found for pruning, its props as read)
   * must wait for `sibling`, the planned change of a declared resource of the same kind in the
   * same container: the service refuses the delete until that change is made (a list keeps its
   * default view: the old default goes after another view is made the default). Asked only
   * about such siblings (src/plan/delete-after.ts).
   */
  deleteAfter?(found: FoundResource, sibling: Change): boolean;
  /**
   * Why the service refuses the delete of `found` unless a sibling it waits for (`deleteAfter`)
   * is planned (a list's default view), or undefined when it takes it as it is. Without such a
   * sibling the plan shows the prune as not acted on, with this reason, instead of a delete
   * that apply would fail.
   */
  deleteRefusedAlone?(found: FoundResource): string | undefined;
  /**
   * The users a desired resource of this kind names by UPN (owners, members, a principal that
   * is a user), in the order written: the engine checks they exist before an apply
   * (src/engine/principals/) and `provision doctor` asks for the permission to look them up.
   */
  principals?(props: PropsByKind[K]): NamedUser[];
}

/**
 * The rules of any kind, as the engine's kind-generic code calls them: props by name. The
 * registry hands these out (one erasure, there), so callers need no cast.
 */
export interface AnyKindRules {
  kind: ResourceKind;
  api: string;
  identity: readonly string[];
  createOnly: readonly string[];
  renamable?: readonly string[];
  partialMaps?: readonly string[];
  lowerBoundLists?: readonly string[];
  nameSets?: readonly string[];
  unorderedLists?: readonly string[];
  comparedBefore?(name: string, desired: unknown, observed: unknown): unknown;
  parentKinds?: readonly ResourceKind[];
  same?(name: string, desired: unknown, observed: unknown): boolean | undefined;
  replaceReason?(desired: Record<string, unknown>, observed: Record<string, unknown>): string | undefined;
  destructive?(change: Change): Destructive | undefined;
  notApplied?(change: Change): NotApplied | undefined;
  customScript?(change: Change, observed: ObservedState): CustomScript | undefined;
  uses?(found: FoundResource, other: FoundResource): boolean;
  usesOtherSites?: boolean;
  usedKinds?: readonly ResourceKind[];
  deleteAfter?(found: FoundResource, sibling: Change): boolean;
  deleteRefusedAlone?(found: FoundResource): string | undefined;
  principals?(props: Record<string, unknown>): NamedUser[];
}

/** The pure rules of every kind: what `buildPlan` is given. */
export type KindRulesByKind = { readonly [K in ResourceKind]: KindRules<K> };

/** The rules of one kind, erased to props by name (see AnyKindRules). */
export function rulesOf(rules: KindRulesByKind, kind: ResourceKind): AnyKindRules {
  return rules[kind] as unknown as AnyKindRules;
}
