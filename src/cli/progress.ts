/**
 * Apply's progress as plain lines, for a pipeline log (a terminal gets live-progress.ts):
 * `lines`, one per change stepped and finished with a count of what is done; or `periodic`, the
 * status line (progress-status.ts) every interval, with failures and pending work as they happen,
 * so that an apply of 10,000 workspaces (200,000 changes) logs a line a minute, not a line a change.
 */
import type { ApplyEvent } from '../apply/events.ts';
import type { Address } from '../model/address.ts';
import type { TransportStats } from '../tenant/transport.ts';
import { info } from './output.ts';
import { createApplyStatus } from './progress-status.ts';

/** How apply reports progress: a live line (a terminal), a line a change, or a status line every interval. */
export type ProgressMode = 'live' | 'lines' | 'periodic';

/** From this many changes, a pipeline log gets periodic status lines unless `--progress lines` is given. */
export const PERIODIC_FROM_CHANGES = 2_000;

/** The mode for `--progress` (`auto` when not given), on a terminal or not, for `changes` changes. */
export function progressModeOf(asked: 'auto' | 'lines' | 'periodic', terminal: boolean, changes: number): ProgressMode {
  if (asked !== 'auto') return asked;
  if (terminal) return 'live';
  return changes >= PERIODIC_FROM_CHANGES ? 'periodic' : 'lines';
}

/** The status line every `intervalMs`, and failures and pending work as they happen. */
export function createPeriodicProgress(addresses: readonly Address[], transport: TransportStats, intervalMs: number, say: (line: string) => void = info): { onEvent(event: ApplyEvent): void; stop(): void } {
  const status = createApplyStatus(addresses, transport);
  const started = Date.now();
  const stamp = () => {
    const s = Math.floor((Date.now() - started) / 1000);
    return `[${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}]`;
  };
  const timer = setInterval(() => say(`${stamp()} ${status.line()}`), intervalMs);
  return {
    onEvent(event) {
      status.onEvent(event);
      if (event.type === 'failed') say(`${stamp()} ${event.address}: FAILED: ${event.error}`);
      else if (event.type === 'pending') say(`${stamp()} ${event.address}: pending: ${event.waitingFor}; the next apply finishes it`);
    },
    stop() {
      clearInterval(timer);
      say(`${stamp()} ${status.line()}`);
    },
  };
}

const DONE: Record<string, string> = { create: 'created', update: 'updated', replace: 'replaced', delete: 'destroyed' };

export function createProgressPrinter(total: number): (event: ApplyEvent) => void {
  let finished = 0;
  const counter = () => `[${String(finished).padStart(String(total).length)}/${total}]`;
  return (event) => {
    switch (event.type) {
      case 'started':
        return;
      case 'progress':
        return info(`${counter()} ${event.address}: ${event.message}`);
      case 'succeeded': {
        finished++;
        const notApplied = event.notApplied ? `not applied: ${event.notApplied.join(', ')} (the plan says why)` : '';
        if (event.nothingWritten) return info(`${counter()} ${event.address}: ${notApplied}`);
        const done = event.adopted ? 'adopted (created by an earlier, unanswered request)' : DONE[event.action] ?? event.action;
        return info(`${counter()} ${event.address}: ${done} (${(event.ms / 1000).toFixed(1)} s)${notApplied ? `; ${notApplied}` : ''}`);
      }
      case 'failed':
        finished++;
        return info(`${counter()} ${event.address}: FAILED: ${event.error}`);
      case 'pending':
        finished++;
        return info(`${counter()} ${event.address}: pending: ${event.waitingFor}; the next apply finishes it`);
      case 'skipped':
        finished++;
        return info(`${counter()} ${event.address}: skipped: ${event.because}`);
    }
  };
}
