import type { Address } from '../model/address.ts';
import type { ChangeAction } from '../model/change.ts';

/**
 * What apply reports while it runs, for progress displays and the audit log. A succeeded update's
 * `notApplied` names the properties the plan marked as not applied (`Change.notApplied`): apply
 * did not write them, and the next plan shows them again; `nothingWritten` when they were all it
 * held.
 */
export type ApplyEvent =
  | { type: 'started'; address: Address; action: ChangeAction }
  | { type: 'progress'; address: Address; message: string }
  | { type: 'succeeded'; address: Address; action: ChangeAction; ms: number; adopted?: boolean; notApplied?: string[]; nothingWritten?: true }
  | { type: 'failed'; address: Address; action: ChangeAction; error: string }
  | { type: 'skipped'; address: Address; because: string }
  | { type: 'pending'; address: Address; action: ChangeAction; waitingFor: string };

/** The outcome of an apply, per address. */
export interface ApplyResult {
  succeeded: Address[];
  failed: { address: Address; error: string }[];
  /** Not run because a dependency failed, could not be read, or (`waiting`) is still pending. */
  skipped: { address: Address; because: string; waiting?: boolean }[];
  /** Created, but the service has not finished with it (a site still provisioning): the next run finishes it. */
  pending: { address: Address; waitingFor: string }[];
  unchanged: number;
  /**
   * The run was stopped (an interrupt, the lease lost) before every change started: how many
   * never did, and why. The changes in flight then finished; the next apply plans the rest.
   */
  notStarted?: { count: number; because: string };
}
