import type { Address } from './address.ts';
import type { Facts } from './facts.ts';
import type { ResourceKind, SourceSpan } from './resources.ts';

/** Consent flags for destructive changes, as the CLI spells them (`--allow-delete-content`...). */
export type DestructiveFlag = 'allow-delete-content' | 'allow-delete-sites' | 'allow-remove-last-owner' | 'allow-wider-sharing';

export interface Destructive {
  flag: DestructiveFlag;
  /** Plain words for the plan, e.g. "the library holds 12 items". */
  reason: string;
}

/**
 * A change that writes what SharePoint refuses on a site that denies custom script
 * (`DenyAddAndCustomizePages`, the default of modern sites): the web property bag, and so the
 * theme record. Apply refuses the plan without `--allow-custom-script`; with it, apply allows
 * custom script on `site` through the tenant admin API right before the change.
 */
export interface CustomScript {
  /** Server-relative URL of the site, e.g. `/sites/hr`. */
  site: string;
  /** Plain words for the plan: what needs it and why it is denied. */
  reason: string;
}

/** Properties of a change that cannot be made with the engine's permissions, and why. */
export interface NotApplied {
  props: string[];
  reason: string;
}

/**
 * One property that differs: `before` is what the tenant has (undefined when absent), as the
 * kind compares it (a content type's links leave out those every type inherits unless stated:
 * `KindRules.comparedBefore`).
 */
export interface PropertyChange {
  name: string;
  before: unknown;
  after: unknown;
  /**
   * Set when the property is a partial map (key -> value): `after` holds only the keys the
   * blueprint states, and keys of `before` it does not state are kept as they are (never
   * removed); or a lower-bound list of names (owners, members): `after` holds the names the
   * blueprint states, those missing from `before` are added, and names of `before` it does not
   * state are kept. `before` stays the whole map or list the tenant has.
   */
  partial?: true;
  /**
   * Set when the property is an exact set of names, or of objects named by `name` (`before` and
   * `after` whole lists, compared case-insensitively in any order): a rendering shows the
   * elements added, removed and changed, never an order.
   */
  set?: true;
  /** On a replace: this property's change alone would make it one (the kind's `replaceReason`). */
  forcesReplacement?: true;
}

interface ChangeBase {
  address: Address;
  kind: ResourceKind;
  /** Addresses of changes that must succeed before this one runs. */
  dependsOn: Address[];
  /** The API face this kind goes through, for the reader of the plan (e.g. "Graph"). */
  api: string;
  source?: SourceSpan;
  /**
   * Set when the change destroys content or widens exposure and apply must refuse it unless the
   * user passed `--<flag>`. The plan marks such changes loudly.
   */
  destructive?: Destructive;
  /** Set when the change needs custom script allowed on its site (see CustomScript). */
  customScript?: CustomScript;
  /**
   * Stated properties in this change that apply will not write, and why (e.g. a group's
   * sensitivity label, which Graph sets only with delegated permissions while the engine runs
   * app-only). The plan marks them with `!`; apply makes the rest of the change and does not fail
   * on them; a later plan shows them again (the tenant still differs), so they count as changes
   * (`--detailed-exitcode` exits 2).
   */
  notApplied?: NotApplied;
  /**
   * Digest of what the read observed for this address (`absent`, or the present id and props),
   * so that a saved plan can tell which resources moved since it was made. Always set in a plan
   * that is saved or shown as JSON; absent in one made only to be shown or applied at once
   * (`PlanContext.digests`).
   */
  observedDigest?: string;
}

/**
 * A planned change. A discriminated union on `action`:
 * - `create`: absent in the tenant; `after` holds the desired props.
 * - `update`: present; `changes` lists only stated properties that differ.
 * - `replace`: present but a stated property cannot change in place; `reason` says which.
 * - `delete`: present, owned, no longer declared (not produced by this slice).
 * - `noop`: present and matching every stated property.
 * - `unknown`: the read failed, or found an object that is not the blueprint's (ObservedState);
 *   nothing will be done and the reason is shown.
 * `ids` (on present resources) are the service ids that changes below need: e.g. `siteId`,
 * `webUrl`, `groupId`, `listId`; `facts` what was read of it that is not an id (src/model/facts.ts),
 * kept in saved plans so that apply hands them to the resource's children and rules.
 */
export type Change =
  | (ChangeBase & { action: 'create'; after: Record<string, unknown> })
  | (ChangeBase & {
      action: 'update';
      id: string;
      ids: Record<string, string>;
      facts?: Facts;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      changes: PropertyChange[];
    })
  | (ChangeBase & {
      action: 'replace';
      id: string;
      ids: Record<string, string>;
      facts?: Facts;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      reason: string;
      /**
       * The stated properties that differ, as the kind compares them (an owner or member the
       * tenant has beyond the stated ones is no difference), those that force the replace marked.
       * Absent from plans saved before it was added: their text compares `before` and `after`.
       */
      changes?: PropertyChange[];
    })
  | (ChangeBase & { action: 'delete'; id: string; ids: Record<string, string>; facts?: Facts; before: Record<string, unknown> })
  | (ChangeBase & { action: 'noop'; id: string; ids: Record<string, string>; facts?: Facts })
  | (ChangeBase & {
      action: 'unknown';
      reason: string;
      /** Set when the resource was read and is the blueprint's, but its prune is left undone (the service would refuse it, as `reason` says). */
      pruneRefused?: true;
    });

export type ChangeAction = Change['action'];
