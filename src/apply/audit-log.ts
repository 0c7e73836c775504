/**
 * The audit log `.provision/audit.jsonl`: for every change apply makes, an intent record before
 * it is sent and an outcome record after (succeeded, failed, pending), appended synchronously.
 * A change whose intent cannot be recorded is not made (`intend` throws, and apply fails the
 * change with that reason); `open` checks that the file can be appended to before anything is
 * changed. It records addresses, actions and outcomes, never property values that could hold
 * secrets, and never tokens.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Change } from '../model/change.ts';
import { appendLine } from './append-line.ts';
import type { ApplyEvent } from './events.ts';

export class AuditLog {
  /** Open from `open` to `close`: one write per record, not an open and close (issue 12). */
  private fd: number | undefined;

  constructor(
    readonly file: string,
    private readonly tenant: string,
    private readonly run: string,
  ) {}

  /** Throws, naming the file, when the log cannot be appended to. */
  open(): void {
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      this.fd = openSync(this.file, 'a', 0o644);
    } catch (error) {
      throw new Error(`the audit log ${this.file} cannot be written: ${(error as Error).message}`);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** The intent of a change, before it is sent; throws (naming the file) when it cannot be written. */
  readonly intend = (change: Change): void => {
    this.append({ type: 'intent', address: change.address, action: change.action }, true);
  };

  /** The outcome of a change (best effort: the change has happened whatever this does). */
  readonly onEvent = (event: ApplyEvent): void => {
    if (event.type !== 'succeeded' && event.type !== 'failed' && event.type !== 'pending') return;
    this.append(event, false);
  };

  private append(record: Record<string, unknown>, must: boolean): void {
    const line = { time: new Date().toISOString(), run: this.run, tenant: this.tenant, ...record };
    try {
      if (this.fd === undefined) throw new Error('the audit log is not open');
      appendLine(this.fd, JSON.stringify(line));
    } catch (error) {
      if (must) throw new Error(`not made: its audit record could not be written to ${this.file} (${(error as Error).message})`);
    }
  }
}
