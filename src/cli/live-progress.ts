/**
 * The live progress display of apply on a terminal: one status line (progress-status.ts),
 * redrawn twice a second, with failures and pending work printed above it as they happen.
 * Without a terminal, apply prints plain lines instead (progress.ts).
 */
import type { ApplyEvent } from '../apply/events.ts';
import type { Address } from '../model/address.ts';
import type { TransportStats } from '../tenant/transport.ts';
import { createApplyStatus } from './progress-status.ts';

export interface LiveProgress {
  onEvent(event: ApplyEvent): void;
  /** A line printed above the status line (e.g. that an interrupt was received). */
  note(line: string): void;
  stop(): void;
}

export function createLiveProgress(addresses: readonly Address[], transport: TransportStats, stream: NodeJS.WriteStream = process.stderr): LiveProgress {
  const status = createApplyStatus(addresses, transport);
  const draw = () => stream.write(`\r\x1b[2K${status.line()}`);
  const above = (text: string) => {
    stream.write(`\r\x1b[2K${text}\n`);
    draw();
  };
  const timer = setInterval(draw, 500);
  return {
    onEvent(event) {
      status.onEvent(event);
      if (event.type === 'failed') above(`${event.address}: FAILED: ${event.error}`);
      else if (event.type === 'pending') above(`${event.address}: pending: ${event.waitingFor}`);
    },
    note: above,
    stop() {
      clearInterval(timer);
      draw();
      stream.write('\n');
    },
  };
}
