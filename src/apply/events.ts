import type { Address } from '../model/address.ts';
import type { ChangeAction } from '../model/change.ts';

/** What apply reports while it runs, for progress displays and the audit log. */
export type ApplyEvent =
  | { type: 'started'; address: Address; action: ChangeAction }
  | { type: 'progress'; address: Address; message: string }
  | { type: 'succeeded'; address: Address; action: ChangeAction; ms: number; adopted?: boolean }
  | { type: 'failed'; address: Address; action: ChangeAction; error: string }
  | { type: 'skipped'; address: Address; because: string };

/** The outcome of an apply, per address. */
export interface ApplyResult {
  succeeded: Address[];
  failed: { address: Address; error: string }[];
  skipped: { address: Address; because: string }[];
  unchanged: number;
}
