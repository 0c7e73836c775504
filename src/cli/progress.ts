/**
 * Prints apply's progress as plain lines (one per change started, stepped, finished), which
 * read well both on a terminal and in a pipeline log, with a count of what is done.
 */
import type { ApplyEvent } from '../apply/events.ts';
import { info } from './output.ts';

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
      case 'succeeded':
        finished++;
        return info(`${counter()} ${event.address}: ${event.adopted ? 'adopted (created by an earlier, unanswered request)' : DONE[event.action] ?? event.action} (${(event.ms / 1000).toFixed(1)} s)`);
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
