/**
 * The status of an apply in one line, from its events and the transport's counters: workspaces
 * (a site and everything under it) done, in flight and pending; changes done of all; failures;
 * HTTP requests per second since the last line; throttled answers; how much of each throttle
 * budget the service says is used. The terminal's live line (live-progress.ts) and the periodic
 * lines of a pipeline log (progress.ts) both print it.
 */
import type { ApplyEvent } from '../apply/events.ts';
import { siteOfAddress, type Address } from '../model/address.ts';
import type { TransportStats } from '../tenant/transport.ts';

export interface ApplyStatus {
  onEvent(event: ApplyEvent): void;
  /** The line now; requests per second are counted since the previous call. */
  line(): string;
}

/** The workspace an address belongs to: its site (`site[/sites/x]`), or the address itself. */
function workspaceOf(address: Address): string {
  return siteOfAddress(address) ?? address;
}

export function createApplyStatus(addresses: readonly Address[], transport: TransportStats): ApplyStatus {
  const remaining = new Map<string, number>();
  for (const a of addresses) remaining.set(workspaceOf(a), (remaining.get(workspaceOf(a)) ?? 0) + 1);
  const workspaces = remaining.size;
  const started = new Set<string>();
  const pendingWs = new Set<string>();
  let wsDone = 0;
  let done = 0;
  let failed = 0;
  let lastRequests = transport.requests;
  let lastAt = Date.now();
  const finish = (address: Address) => {
    done++;
    const ws = workspaceOf(address);
    const left = (remaining.get(ws) ?? 1) - 1;
    remaining.set(ws, left);
    if (left === 0) wsDone++;
  };
  return {
    onEvent(event) {
      switch (event.type) {
        case 'started':
          started.add(workspaceOf(event.address));
          return;
        case 'progress':
          return;
        case 'failed':
          failed++;
          return finish(event.address);
        case 'pending':
          pendingWs.add(workspaceOf(event.address));
          return finish(event.address);
        case 'succeeded':
        case 'skipped':
          return finish(event.address);
      }
    },
    line() {
      const now = Date.now();
      const rate = ((transport.requests - lastRequests) * 1000) / Math.max(1, now - lastAt);
      lastRequests = transport.requests;
      lastAt = now;
      let wsInFlight = 0;
      for (const ws of started) if ((remaining.get(ws) ?? 0) > 0) wsInFlight++;
      const budgets = Object.entries(transport.pacer.budgetUsed).map(([scope, used]) => `${scope} ${Math.round(used * 100)} %`);
      return (
        `workspaces ${wsDone}/${workspaces} done, ${wsInFlight} in flight, ${pendingWs.size} pending · changes ${done}/${addresses.length}, ${failed} failed · ` +
        `${rate.toFixed(0)} req/s · ${transport.throttled} throttled · budget ${budgets.length ? budgets.join(', ') : 'under 80 %'}`
      );
    },
  };
}
