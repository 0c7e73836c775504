/**
 * The audit log: one JSON line per change apply made or failed to make, appended to
 * `.provision/audit.jsonl`. It records addresses, actions and outcomes, never property values
 * that could hold secrets, and never tokens.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApplyEvent } from './events.ts';

export function createAuditLog(file: string, tenant: string, run: string): (event: ApplyEvent) => void {
  mkdirSync(dirname(file), { recursive: true });
  return (event) => {
    if (event.type !== 'succeeded' && event.type !== 'failed') return;
    const line = { time: new Date().toISOString(), run, tenant, ...event };
    appendFileSync(file, JSON.stringify(line) + '\n');
  };
}
