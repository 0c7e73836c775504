/**
 * buildPlan(desired, observed, rules): the pure heart of the engine. For each desired resource:
 * absent -> create; unknown -> unknown (blocks, never drift); present -> replace when a stated
 * property cannot change in place, update when stated properties differ, else noop. Only
 * properties the blueprint states are compared; identity and create-only ones never are. The
 * kinds' pure rules are given (`KIND_RULES` of src/kinds/registry.ts): the planner imports no
 * kind's effects and no SDK.
 */
import { addressKey, type Address } from '../model/address.ts';
import type { Change, PropertyChange } from '../model/change.ts';
import type { Observed, ObservedState } from '../model/observed.ts';
import { PLAN_FORMAT_VERSION, type Plan, type PlanSummary } from '../model/plan.ts';
import type { AnyDesiredResource, Desired } from '../model/resources.ts';
import type { FoundResource } from '../model/found.ts';
import { rulesOf, type AnyKindRules, type KindRulesByKind } from '../kinds/kind-rules.ts';
import { deleteDependencies } from './delete-order.ts';
import { orderByDependencies } from './order.ts';
import { fingerprintOf, observedDigest } from './observed-digest.ts';
import { sameValue } from '../model/stable-json.ts';

export interface PlanContext {
  /** Name of the targeted tenant, e.g. `local (contoso)`. */
  tenant: string;
  /** ISO time the plan is made at (passed in: buildPlan reads no clock). */
  now: string;
}

/**
 * `existing` lists undeclared resources found for pruning (empty when the blueprint prunes
 * nothing); each owned one becomes a delete, deepest first.
 */
export function buildPlan(desired: Desired, observed: Observed, rules: KindRulesByKind, ctx: PlanContext, existing: readonly FoundResource[] = []): Plan {
  const declared = new Set(desired.resources.map((r) => r.address));
  // What lies inside a replaced resource is destroyed with it: plan it as absent, so that it is
  // created again in the same apply.
  const replaced: Address[] = [];
  const changes = desired.resources.map((resource) => {
    const inReplaced = replaced.some((r) => resource.address.startsWith(`${r}/`));
    const seen: ObservedState = observed.get(resource.address) ?? { status: 'unknown', reason: 'not read' };
    const state: ObservedState = inReplaced && seen.status === 'present' ? { status: 'absent' } : seen;
    const change = markDestructive(rules, changeFor(rules, resource, state, declared), state);
    if (change.action === 'replace') replaced.push(change.address);
    return change;
  });
  changes.push(...deletesFor(rules, existing, new Set([...declared].map(addressKey))));
  const ordered = orderByDependencies(changes);
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    blueprint: desired.file,
    tenant: ctx.tenant,
    createdAt: ctx.now,
    fingerprint: fingerprintOf(ordered.map((c) => [c.address, c.observedDigest])),
    owner: ownerOf(desired),
    resources: desired.resources,
    prune: desired.prune ?? [],
    changes: ordered,
    summary: summarize(ordered),
  };
}

/** The owner name recorded for a blueprint's resources: its `name`, else its file name. */
export function ownerOf(desired: Desired): string {
  return desired.name ?? desired.file.replace(/^.*[\\/]/, '').replace(/\.ya?ml$/i, '');
}

/** Properties the blueprint states and the engine compares for a resource. */
export function statedProps(rules: KindRulesByKind, resource: AnyDesiredResource): Record<string, unknown> {
  const provider = rulesOf(rules, resource.kind);
  const skip = new Set<string>([...provider.identity, ...provider.createOnly]);
  return Object.fromEntries(Object.entries(resource.props).filter(([k, v]) => v !== undefined && !skip.has(k)));
}

function changeFor(rules: KindRulesByKind, resource: AnyDesiredResource, state: ObservedState, declared: Set<Address>): Change {
  const provider = rulesOf(rules, resource.kind);
  const base = {
    address: resource.address,
    kind: resource.kind,
    // `after` first, the parent last: apply hands a change the ids of its last dependency.
    dependsOn: [
      ...(resource.after ?? []).filter((a) => declared.has(a) && a !== resource.parent),
      ...(resource.parent && declared.has(resource.parent) ? [resource.parent] : []),
    ],
    api: provider.api,
    observedDigest: observedDigest(state),
    ...(resource.source ? { source: resource.source } : {}),
  };
  if (state.status === 'unknown') return { ...base, action: 'unknown', reason: state.reason };
  const stated = statedProps(rules, resource);
  if (state.status === 'absent') {
    const after = Object.fromEntries(Object.entries(resource.props).filter(([, v]) => v !== undefined));
    return { ...base, action: 'create', after };
  }
  const ids = state.ids ?? {};
  // The facts travel with the change (saved in plans), beside the ids.
  const facts = state.facts ? { facts: state.facts } : {};
  const seen = state.props as Record<string, unknown>;
  const reason = provider.replaceReason?.(resource.props as unknown as Record<string, unknown>, seen);
  const before = Object.fromEntries(Object.keys(stated).map((k) => [k, seen[k]]));
  if (reason) return { ...base, action: 'replace', id: state.id, ids, ...facts, before, after: stated, reason };
  const diffs: PropertyChange[] = caseRenames(provider, resource.props as unknown as Record<string, unknown>, seen);
  for (const [name, want] of Object.entries(stated)) {
    const have = seen[name];
    const equal = provider.same?.(name, want, have) ?? sameValue(want, have);
    if (!equal) diffs.push({ name, before: have, after: want, ...(provider.partialMaps?.includes(name) ? { partial: true as const } : {}) });
  }
  if (diffs.length === 0) return { ...base, action: 'noop', id: state.id, ids, ...facts };
  return {
    ...base,
    action: 'update',
    id: state.id,
    ids,
    ...facts,
    before: Object.fromEntries(diffs.map((d) => [d.name, d.before])),
    after: Object.fromEntries(diffs.map((d) => [d.name, d.after])),
    changes: diffs,
  };
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
  const notApplied = provider.notApplied?.(change);
  const customScript = state ? provider.customScript?.(change, state) : undefined;
  return { ...change, ...(destructive ? { destructive } : {}), ...(notApplied ? { notApplied } : {}), ...(customScript ? { customScript } : {}) };
}

/**
 * Deletes for owned, undeclared resources, each after the deletes of what uses it
 * (`delete-order.ts`). What lies inside something that is deleted goes with
 * it (a deleted list takes its columns), so it gets no delete of its own. A found resource whose
 * address matches a declared one as the service compares names (`list[dokument]` and the declared
 * `list[Dokument]`) is that resource, never a delete.
 */
function deletesFor(rules: KindRulesByKind, existing: readonly FoundResource[], declaredKeys: ReadonlySet<string>): Change[] {
  // Ownership that cannot be read is unknown: shown, and never acted on.
  const unknown: Change[] = existing
    .filter((e) => e.owned === 'unknown' && !declaredKeys.has(addressKey(e.address)))
    .map((e) => ({ address: e.address, kind: e.kind, action: 'unknown', reason: `prune will not act on it: ${e.why}`, dependsOn: [], api: rules[e.kind].api, observedDigest: `unknown:${e.why}` }));
  const owned = existing.filter((e) => e.owned === true && !declaredKeys.has(addressKey(e.address)));
  const inside = (e: FoundResource) => owned.some((o) => addressKey(e.address).startsWith(`${addressKey(o.address)}/`));
  const deleted = owned.filter((e) => !inside(e));
  // Dependents first (the reverse of creates): a delete waits for the deletes of what uses it.
  const after = deleteDependencies(deleted, rules);
  return [...unknown, ...deleted.map((e) =>
    markDestructive(rules, {
      address: e.address,
      kind: e.kind,
      action: 'delete',
      id: e.id,
      ids: e.ids,
      ...(e.facts ? { facts: e.facts } : {}),
      before: e.props,
      dependsOn: after.get(e.address) ?? [],
      api: rules[e.kind].api,
      observedDigest: observedDigest({ status: 'present', id: e.id, ids: e.ids, ...(e.facts ? { facts: e.facts } : {}), props: e.props }),
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
