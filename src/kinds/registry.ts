/**
 * Registry 3 of 3 (SDK-bound): every kind whole, its spec's rules and its `effects.ts`
 * (registry.generated.ts, written from src/kinds/kind-list.ts by scripts/gen-kind-registries.ts).
 * Only the observer, the pruner's finder, apply and the engine import this; the planner is given
 * `KIND_RULES` (`buildPlan(desired, observed, rules, ctx)`).
 */
import type { ResourceKind } from '../model/resources.ts';
import type { AnyKind, Kind } from './kind-effects.ts';
import type { KindRulesByKind } from './kind-rules.ts';
import { kinds } from './registry.generated.ts';

export { kinds };

/** The pure rules of every kind, for `buildPlan` (a kind whole is also its rules). */
export const KIND_RULES: KindRulesByKind = kinds;

/** One kind, typed by its name (for code and tests that name the kind). */
export function kindOf<K extends ResourceKind>(kind: K): Kind<K> {
  return kinds[kind];
}

/**
 * One kind as the engine's kind-generic code calls it: props by name, resources of any kind. The
 * caller passes resources and changes of this kind only (their `kind` is the key it looks up).
 */
export function anyKind(kind: ResourceKind): AnyKind {
  return kinds[kind] as unknown as AnyKind;
}
