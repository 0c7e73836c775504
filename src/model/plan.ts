import type { Change } from './change.ts';
import type { AnyDesiredResource, PruneRule } from './resources.ts';

/** Version of the JSON plan format; bump on any incompatible change. */
export const PLAN_FORMAT_VERSION = 1;

/**
 * The result of `buildPlan`: every desired resource's change, ordered so that each change comes
 * after those it depends on. `fingerprint` is a hash of what was observed, so that a saved plan
 * can refuse to apply when the tenant has moved.
 */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  blueprint: string;
  tenant: string;
  createdAt: string;
  fingerprint: string;
  /** The blueprint's name: the owner recorded for what apply creates (ownership ledger). */
  owner: string;
  /** The desired resources the plan was made from, so that a saved plan applies on its own. */
  resources: AnyDesiredResource[];
  /** The blueprint's top-level prune rules (per-container ones are on the resources). */
  prune: PruneRule[];
  changes: Change[];
  summary: PlanSummary;
}

export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
  /** Resources whose state could not be read. */
  unknown: number;
}
