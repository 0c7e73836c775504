import type { Change } from './change.ts';
import type { AnyDesiredResource, PruneRule } from './resources.ts';

/**
 * Version of the JSON plan format; bump on any incompatible change.
 * 2: the plan records the tenant it was made against (`target`).
 * 3: `ids` hold service ids only; what a child needs that is not an id is in `facts` (a term
 *    set's and a term's `language`, a list scope's `uniquePermissions`/`assignmentsEmpty`, a
 *    navigation node's `location`); a format-2 plan carries them in `ids`, where this version no
 *    longer reads them, so it is refused ("plan again").
 */
export const PLAN_FORMAT_VERSION = 3;

/** The tenant a plan was made against, as the service identifies it. */
export interface TenantIdentity {
  /** The tenant id (GUID, lower case), from the `tid` claim of the engine's own token. */
  tenantId: string;
  /** The SharePoint host, e.g. `contoso.sharepoint.com` (lower case). */
  host: string;
}

/**
 * The result of `buildPlan`: every desired resource's change, ordered so that each change comes
 * after those it depends on. `fingerprint` is a hash of what was observed, so that a saved plan
 * can refuse to apply when the tenant has moved.
 */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  blueprint: string;
  tenant: string;
  /**
   * The tenant the plan was made against; a saved plan applies only to it. Always set by the
   * engine's plan path (`planDesired`) and required in a saved plan; absent only on plans that
   * unit tests build in memory.
   */
  target?: TenantIdentity;
  createdAt: string;
  /** Set with the changes' digests (`observedDigest`): always in a saved plan. */
  fingerprint?: string;
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
