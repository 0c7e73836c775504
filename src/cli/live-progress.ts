/**
 * The live progress display of apply on a terminal: one status line, redrawn twice a second —
 * changes done of all, in flight, pending, failed, HTTP requests per second, throttled answers,
 * and how long requests waited for the budget — with failures and pending work printed above it
 * as they happen. Without a terminal, apply prints plain lines instead (progress.ts).
 */
import type { ApplyEvent } from '../apply/events.ts';
import type { TransportStats } from '../tenant/transport.ts';

export interface LiveProgress {
  onEvent(event: ApplyEvent): void;
  stop(): void;
}

export function createLiveProgress(total: number, transport: TransportStats, stream: NodeJS.WriteStream = process.stderr): LiveProgress {
  let done = 0;
  let inFlight = 0;
  let pending = 0;
  let failed = 0;
  let lastRequests = transport.requests;
  let lastAt = Date.now();
  let rate = 0;
  const draw = () => {
    const now = Date.now();
    rate = ((transport.requests - lastRequests) * 1000) / Math.max(1, now - lastAt);
    lastRequests = transport.requests;
    lastAt = now;
    const line =
      `${done}/${total} done · ${inFlight} in flight · ${pending} pending · ${failed} failed · ` +
      `${rate.toFixed(0)} req/s · ${transport.throttled} throttled · budget waits ${(transport.pacer.waitedMs / 1000).toFixed(0)} s`;
    stream.write(`\r\x1b[2K${line}`);
  };
  const above = (text: string) => {
    stream.write(`\r\x1b[2K${text}\n`);
    draw();
  };
  const timer = setInterval(draw, 500);
  return {
    onEvent(event) {
      switch (event.type) {
        case 'started':
          inFlight++;
          return;
        case 'progress':
          return;
        case 'succeeded':
          inFlight--;
          done++;
          return;
        case 'failed':
          inFlight--;
          done++;
          failed++;
          return above(`${event.address}: FAILED: ${event.error}`);
        case 'pending':
          inFlight--;
          done++;
          pending++;
          return above(`${event.address}: pending: ${event.waitingFor}`);
        case 'skipped':
          done++;
          return;
      }
    },
    stop() {
      clearInterval(timer);
      draw();
      stream.write('\n');
    },
  };
}
