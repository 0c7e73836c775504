/**
 * The live progress display of apply on a terminal: one status line, redrawn twice a second —
 * workspaces (a site and everything under it) done, in flight and pending; changes done of
 * all; failures; HTTP requests per second; throttled answers; and how much of each throttle
 * budget the service says is used — with failures and pending work printed above it as they
 * happen. Without a terminal, apply prints plain lines instead (progress.ts).
 */
import type { ApplyEvent } from '../apply/events.ts';
import { siteOfAddress, type Address } from '../model/address.ts';
import type { TransportStats } from '../tenant/transport.ts';

export interface LiveProgress {
  onEvent(event: ApplyEvent): void;
  /** A line printed above the status line (e.g. that an interrupt was received). */
  note(line: string): void;
  stop(): void;
}

/** The workspace an address belongs to: its site (`site[/sites/x]`), or the address itself. */
function workspaceOf(address: Address): string {
  return siteOfAddress(address) ?? address;
}

export function createLiveProgress(addresses: readonly Address[], transport: TransportStats, stream: NodeJS.WriteStream = process.stderr): LiveProgress {
  const remaining = new Map<string, number>();
  for (const a of addresses) remaining.set(workspaceOf(a), (remaining.get(workspaceOf(a)) ?? 0) + 1);
  const workspaces = remaining.size;
  const started = new Set<string>();
  const pendingWs = new Set<string>();
  let done = 0;
  let failed = 0;
  let lastRequests = transport.requests;
  let lastAt = Date.now();
  const finish = (address: Address) => {
    done++;
    const ws = workspaceOf(address);
    remaining.set(ws, (remaining.get(ws) ?? 1) - 1);
  };
  const draw = () => {
    const now = Date.now();
    const rate = ((transport.requests - lastRequests) * 1000) / Math.max(1, now - lastAt);
    lastRequests = transport.requests;
    lastAt = now;
    const wsDone = [...remaining.values()].filter((n) => n <= 0).length;
    const wsInFlight = [...started].filter((ws) => (remaining.get(ws) ?? 0) > 0).length;
    const budgets = Object.entries(transport.pacer.budgetUsed).map(([scope, used]) => `${scope} ${Math.round(used * 100)} %`);
    const line =
      `workspaces ${wsDone}/${workspaces} done, ${wsInFlight} in flight, ${pendingWs.size} pending · changes ${done}/${addresses.length}, ${failed} failed · ` +
      `${rate.toFixed(0)} req/s · ${transport.throttled} throttled · budget ${budgets.length ? budgets.join(', ') : 'under 80 %'}`;
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
          started.add(workspaceOf(event.address));
          return;
        case 'progress':
          return;
        case 'succeeded':
          return finish(event.address);
        case 'failed':
          failed++;
          finish(event.address);
          return above(`${event.address}: FAILED: ${event.error}`);
        case 'pending':
          pendingWs.add(workspaceOf(event.address));
          finish(event.address);
          return above(`${event.address}: pending: ${event.waitingFor}`);
        case 'skipped':
          return finish(event.address);
      }
    },
    note: above,
    stop() {
      clearInterval(timer);
      draw();
      stream.write('\n');
    },
  };
}
