/**
 * buildPlan(desired, observed, rules): the pure heart of the engine. For each desired resource:
 * absent -> create; unknown -> unknown (blocks, never drift); present -> replace when a stated
 * property cannot change in place, update when stated properties differ, else noop. Only
 * properties the blueprint states are compared; identity and create-only ones never are. The
 * kinds' pure rules are given (`KIND_RULES` of src/kinds/registry.ts): the planner imports no
 * kind's effects and no SDK.
 */
import { addressKey, insideAny, type Address } from '../model/address.ts';
import type { Change, PropertyChange } from '../model/change.ts';
import type { Observed, ObservedState } from '../model/observed.ts';
import { PLAN_FORMAT_VERSION, type Plan, type PlanSummary } from '../model/plan.ts';
import type { AnyDesiredResource, Desired } from '../model/resources.ts';
import type { FoundResource } from '../model/found.ts';
import { ownerName } from '../model/owner.ts';
import { rulesOf, type AnyKindRules, type KindRulesByKind } from '../kinds/kind-rules.ts';
import { deleteDependencies } from './delete-order.ts';
import { deleteAfterSiblings } from './delete-after.ts';
import { replacesInUse } from './replace-in-use.ts';
import { settleHeldKeys } from './held-keys.ts';
import { orderByDependencies } from './order.ts';
import { fingerprintOf, observedDigest } from './observed-digest.ts';
import { sameValue } from '../model/stable-json.ts';
import { includesAll, sameSet } from '../model/same-set.ts';
import { definedProps } from '../blueprint-core/defined-props.ts';

export interface PlanContext {
  /** Name of the targeted tenant, e.g. `local (contoso)`. */
  tenant: string;
  /** ISO time the plan is made at (passed in: buildPlan reads no clock). */
  now: string;
  /**
   * Digest what was observed (each change's `observedDigest`, the plan's `fingerprint`): for a
   * plan that is saved, shown as JSON or compared with a saved one (default). A plan that is only
   * shown or applied at once leaves them out: nothing reads them, and for 10,000 workspaces they
   * were about a second of CPU (docs/performance.md).
   */
  digests?: boolean;
}

/**
 * `existing` lists undeclared resources found for pruning (empty when the blueprint prunes
 * nothing); each owned one becomes a delete, deepest first.
 */
export function buildPlan(desired: Desired, observed: Observed, rules: KindRulesByKind, ctx: PlanContext, existing: readonly FoundResource[] = []): Plan {
  // Each declared address's place in the blueprint: what a dependency may name, and whether the
  // blueprint's order already puts every change after what it depends on.
  const placeOf = new Map<Address, number>();
  desired.resources.forEach((r, i) => placeOf.set(r.address, i));
  const digests = ctx.digests ?? true;
  // What lies inside a replaced resource is destroyed with it: plan it as absent, so that it is
  // created again in the same apply.
  const replaced = new Set<Address>();
  let inOrder = true;
  const changes = desired.resources.map((resource, place) => {
    const inReplaced = insideAny(resource.address, replaced);
    const seen: ObservedState = observed.get(resource.address) ?? { status: 'unknown', reason: 'not read' };
    const state: ObservedState = inReplaced && seen.status === 'present' ? { status: 'absent' } : seen;
    const change = markDestructive(rules, changeFor(rules, resource, state, placeOf, digests), state);
    if (change.action === 'replace') replaced.add(change.address);
    if (inOrder) for (const dep of change.dependsOn) if (placeOf.get(dep)! >= place) inOrder = false;
    return change;
  });
  if (existing.length > 0) changes.push(...deletesFor(rules, existing, new Set([...placeOf.keys()].map(addressKey)), changes, digests));
  // A create or update whose key another object holds: after that object's delete, or not at all.
  const held = settleHeldKeys(changes, observed, digests ? (reason) => observedDigest({ status: 'unknown', reason }) : undefined);
  if (held.changes !== changes) {
    changes.splice(0, changes.length, ...held.changes);
    if (held.reordered) inOrder = false;
  }
  // A replace that a present resource's use blocks, or that must wait for a user's change.
  const inUse = replaced.size > 0 ? replacesInUse(changes, desired.resources, observed, rules, (update) => markDestructive(rules, update)) : undefined;
  if (inUse) {
    changes.splice(0, changes.length, ...inUse.changes);
    if (inUse.reordered) inOrder = false;
  }
  // Ordering keeps the given order where it already holds (a blueprint lists a parent before
  // what it holds): a plan of 10,000 workspaces need not walk its 200,000 changes again.
  const ordered = inOrder && existing.length === 0 ? changes : orderByDependencies(changes);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    blueprint: desired.file,
    tenant: ctx.tenant,
    createdAt: ctx.now,
    ...(digests ? { fingerprint: fingerprintOf(ordered.map((c) => [c.address, c.observedDigest ?? ''])) } : {}),
    owner: ownerOf(desired),
    resources: desired.resources,
    prune: desired.prune ?? [],
    changes: ordered,
    summary: summarize(ordered),
  };
}

/** The owner name recorded for a blueprint's resources: its `name`, else its file name. */
export function ownerOf(desired: Desired): string {
  return ownerName(desired.name, desired.file);
}

/** Properties the blueprint states and the engine compares for a resource. */
export function statedProps(rules: KindRulesByKind, resource: AnyDesiredResource): Record<string, unknown> {
  const provider = rulesOf(rules, resource.kind);
  const props = resource.props as object;
  // Props shared by a template's rows are frozen (src/blueprint-core/shared-props.ts): what they
  // state is worked out once per props object and kind, and never changed by its users.
  if (!Object.isFrozen(props)) return stated(provider, props);
  let byProps = statedOfShared.get(provider);
  if (!byProps) statedOfShared.set(provider, (byProps = new WeakMap()));
  let out = byProps.get(props);
  if (!out) byProps.set(props, (out = Object.freeze(stated(provider, props))));
  return out;
}

/** The stated props of shared (frozen) props objects, per kind's rules. */
const statedOfShared = new WeakMap<AnyKindRules, WeakMap<object, Record<string, unknown>>>();

function stated(provider: AnyKindRules, props: object): Record<string, unknown> {
  const skip = notComparedOf(provider);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (v !== undefined && !skip.has(k)) out[k] = v;
  return out;
}

/** A kind's lower-bound lists and name sets by property name, one map per kind's rules. */
const lists = new WeakMap<AnyKindRules, ReadonlyMap<string, 'lowerBound' | 'nameSet'>>();
function listsOf(provider: AnyKindRules): ReadonlyMap<string, 'lowerBound' | 'nameSet'> {
  let map = lists.get(provider);
  if (!map) lists.set(provider, (map = new Map([...(provider.nameSets ?? []).map((n) => [n, 'nameSet'] as const), ...(provider.lowerBoundLists ?? []).map((n) => [n, 'lowerBound'] as const)])));
  return map;
}

/** A kind's identity and create-only property names (never compared), one set per kind's rules. */
const notCompared = new WeakMap<AnyKindRules, ReadonlySet<string>>();
function notComparedOf(provider: AnyKindRules): ReadonlySet<string> {
  let skip = notCompared.get(provider);
  if (!skip) notCompared.set(provider, (skip = new Set<string>([...provider.identity, ...provider.createOnly])));
  return skip;
}

function changeFor(rules: KindRulesByKind, resource: AnyDesiredResource, state: ObservedState, declared: ReadonlyMap<Address, number>, digests: boolean): Change {
  const provider = rulesOf(rules, resource.kind);
  // Built key by key (no spreads: a plan makes one per desired resource, 200,000 for 10,000
  // workspaces); the keys' order is the saved plan's.
  const change = { address: resource.address, kind: resource.kind, dependsOn: dependenciesOf(resource, declared), api: provider.api } as Change & Record<string, unknown>;
  if (digests) change.observedDigest = observedDigest(state);
  if (resource.source) change.source = resource.source;
  if (state.status === 'unknown') {
    change.action = 'unknown';
    change.reason = state.reason;
    return change;
  }
  if (state.status === 'absent') {
    change.action = 'create';
    // The props a create sets: all the blueprint gives a value.
    change.after = definedProps(resource.props as object) as Record<string, unknown>;
    return change;
  }
  const stated = statedProps(rules, resource);
  const seen = state.props as Record<string, unknown>;
  const { reason, diffs } = differences(rules, resource, seen, stated);
  change.action = reason ? 'replace' : diffs!.length === 0 ? 'noop' : 'update';
  change.id = state.id;
  change.ids = state.ids ?? {};
  // The facts travel with the change (saved in plans), beside the ids.
  if (state.facts) change.facts = state.facts;
  if (reason) {
    const before: Record<string, unknown> = {};
    for (const k in stated) before[k] = seen[k];
    change.before = before;
    change.after = { ...stated };
    change.reason = reason;
    change.changes = diffs;
  } else if (diffs!.length > 0) {
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const d of diffs!) {
      before[d.name] = d.before;
      after[d.name] = d.after;
    }
    change.before = before;
    change.after = after;
    change.changes = diffs;
  }
  return change;
}

/**
 * How a present resource differs from its blueprint (pure): the reason it must be replaced, if
 * it must, and the stated properties whose read value differs, as the kind compares them
 * (case-only renames of renamable identity props first; on a replace, those that alone would
 * force it marked). What a plan's update holds; apply asks it too of an object
 * it adopted after a create that got no clear answer, to finish what the create left undone.
 */
export function differences(
  rules: KindRulesByKind,
  resource: AnyDesiredResource,
  seen: Record<string, unknown>,
  stated: Record<string, unknown> = statedProps(rules, resource),
): { reason?: string; diffs: PropertyChange[] } {
  const provider = rulesOf(rules, resource.kind);
  const reason = provider.replaceReason?.(resource.props as unknown as Record<string, unknown>, seen);
  const diffs = caseRenames(provider, resource.props as unknown as Record<string, unknown>, seen);
  for (const name in stated) {
    const want = stated[name];
    const have = seen[name];
    // A lower-bound list holds the stated names (others may be there), a name set exactly them:
    // compared as the service compares names, case-insensitively, in any order.
    const list = listsOf(provider).get(name);
    const equal = provider.same?.(name, want, have) ?? (list === 'lowerBound' ? includesAll(want, have) : list === 'nameSet' ? sameSet(want, have) : sameValue(want, have));
    if (equal) continue;
    const before = provider.comparedBefore ? (provider.comparedBefore(name, want, have) ?? have) : have;
    const diff: PropertyChange = list === 'lowerBound' || provider.partialMaps?.includes(name) ? { name, before, after: want, partial: true } : list === 'nameSet' || provider.unorderedLists?.includes(name) ? { name, before, after: want, set: true } : { name, before, after: want };
    // On a replace: whether this property alone, changed on what was read, would make it one.
    if (reason && provider.replaceReason!({ ...seen, [name]: want }, seen)) diff.forcesReplacement = true;
    diffs.push(diff);
  }
  return reason ? { reason, diffs } : { diffs };
}

/** What a change waits for: its resource's declared `after` first, its declared parent last (apply hands a change the ids of its last dependency). */
function dependenciesOf(resource: AnyDesiredResource, declared: ReadonlyMap<Address, number>): Address[] {
  const out: Address[] = [];
  if (resource.after) for (const a of resource.after) if (a !== resource.parent && declared.has(a)) out.push(a);
  if (resource.parent && declared.has(resource.parent)) out.push(resource.parent);
  return out;
}

/**
 * Identity props the provider can rename in place whose read value differs from the stated one
 * in case only: the read matched them case-insensitively, as the service does, so the object is
 * the same one and only its casing changes.
 */
function caseRenames(provider: AnyKindRules, props: Record<string, unknown>, seen: Record<string, unknown>): PropertyChange[] {
  const out: PropertyChange[] = [];
  for (const name of provider.renamable ?? []) {
    const want = props[name];
    const have = seen[name];
    if (typeof want === 'string' && typeof have === 'string' && want !== have && want.toLowerCase() === have.toLowerCase()) {
      out.push({ name, before: have, after: want });
    }
  }
  return out;
}

/**
 * Adds the provider's verdicts: whether a change destroys content or widens exposure, what it
 * cannot apply, and whether it needs custom script allowed on its site.
 */
function markDestructive(rules: KindRulesByKind, change: Change, state?: ObservedState): Change {
  if (change.action === 'noop' || change.action === 'unknown') return change;
  const provider = rulesOf(rules, change.kind);
  const destructive = provider.destructive?.(change);
  const own = provider.notApplied?.(change);
  // A change may already hold props it will not apply (a replace the service would refuse).
  const notApplied = own && change.notApplied ? { props: [...new Set([...change.notApplied.props, ...own.props])], reason: `${change.notApplied.reason}; ${own.reason}` } : own;
  const customScript = state ? provider.customScript?.(change, state) : undefined;
  if (!destructive && !notApplied && !customScript) return change;
  return { ...change, ...(destructive ? { destructive } : {}), ...(notApplied ? { notApplied } : {}), ...(customScript ? { customScript } : {}) };
}

/**
 * Deletes for owned, undeclared resources, each after the deletes of what uses it
 * (`delete-order.ts`) and after the `declared` changes beside it the service needs made first
 * (`delete-after.ts`). What lies inside something that is deleted goes with
 * it (a deleted list takes its columns), so it gets no delete of its own. A found resource whose
 * address matches a declared one as the service compares names (`list[dokument]` and the declared
 * `list[Dokument]`) is that resource, never a delete.
 */
function deletesFor(rules: KindRulesByKind, existing: readonly FoundResource[], declaredKeys: ReadonlySet<string>, declared: readonly Change[], digests: boolean): Change[] {
  // Ownership that cannot be read is unknown: shown, and never acted on.
  const unknown: Change[] = existing
    .filter((e) => e.owned === 'unknown' && !declaredKeys.has(addressKey(e.address)))
    .map((e) => ({ address: e.address, kind: e.kind, action: 'unknown', reason: `prune will not act on it: ${e.why}`, dependsOn: [], api: rules[e.kind].api, ...(digests ? { observedDigest: `unknown:${e.why}` } : {}) }));
  const owned = existing.filter((e) => e.owned === true && !declaredKeys.has(addressKey(e.address)));
  const ownedKeys = new Set(owned.map((o) => addressKey(o.address)));
  const deleted = owned.filter((e) => !insideAny(addressKey(e.address), ownedKeys));
  // Dependents first (the reverse of creates): a delete waits for the deletes of what uses it.
  const after = deleteDependencies(deleted, rules);
  // And after a declared change beside it that the service needs first (delete-after.ts); one
  // that the service refuses without such a change is shown and not acted on.
  const besides = deleteAfterSiblings(deleted, declared, rules);
  const refused = deleted.map((e) => (besides.has(e.address) ? undefined : rulesOf(rules, e.kind).deleteRefusedAlone?.(e)));
  for (const [place, why] of refused.entries()) {
    const e = deleted[place]!;
    if (why) unknown.push({ address: e.address, kind: e.kind, action: 'unknown', reason: `prune will not act on it: ${why}`, pruneRefused: true, dependsOn: [], api: rules[e.kind].api, ...(digests ? { observedDigest: `unknown:${why}` } : {}) });
  }
  return [...unknown, ...deleted.filter((_, place) => !refused[place]).map((e) =>
    markDestructive(rules, {
      address: e.address,
      kind: e.kind,
      action: 'delete',
      id: e.id,
      ids: e.ids,
      ...(e.facts ? { facts: e.facts } : {}),
      before: e.props,
      dependsOn: [...(after.get(e.address) ?? []), ...(besides.get(e.address) ?? [])],
      api: rules[e.kind].api,
      ...(digests ? { observedDigest: observedDigest({ status: 'present', id: e.id, ids: e.ids, ...(e.facts ? { facts: e.facts } : {}), props: e.props }) } : {}),
    }),
  )];
}

function summarize(changes: Change[]): PlanSummary {
  const summary: PlanSummary = { add: 0, change: 0, destroy: 0, unknown: 0 };
  for (const c of changes) {
    if (c.action === 'create') summary.add++;
    else if (c.action === 'update') summary.change++;
    else if (c.action === 'delete') summary.destroy++;
    else if (c.action === 'replace') {
      summary.add++;
      summary.destroy++;
    } else if (c.action === 'unknown') summary.unknown++;
  }
  return summary;
}

/** True when applying the plan would change nothing. */
export function isEmptyPlan(plan: Plan): boolean {
  return plan.summary.add + plan.summary.change + plan.summary.destroy === 0;
}
