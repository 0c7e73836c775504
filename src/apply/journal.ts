/**
 * The write-ahead journal of apply (`.provision/journal.jsonl`): before a change is sent its
 * intent is appended, after it its outcome, synchronously, so that a run killed at any point
 * (even `kill -9`) leaves a record of what was in flight. The next apply reports an interrupted
 * run and what it had in flight; those changes need no special treatment because the plan is
 * made from a fresh read and every create adopts an object whose natural key is taken
 * (create-once.ts): the journal is what makes that visible, not what makes it safe.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ApplyEvent } from './events.ts';

type Entry =
  | { t: 'run'; run: string; at: string; tenant: string; blueprint: string }
  | { t: 'intent'; run: string; at: string; address: string; action: string }
  | { t: 'outcome'; run: string; at: string; address: string; ok: boolean; error?: string }
  | { t: 'end'; run: string; at: string };

/** An apply that started and never ended, with the changes it had in flight. */
export interface InterruptedRun {
  run: string;
  startedAt: string;
  inFlight: string[];
}

export class Journal {
  constructor(
    private readonly file: string,
    private readonly run: string,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /** The last run of the journal, when it never ended. */
  lastInterrupted(): InterruptedRun | undefined {
    if (!existsSync(this.file)) return undefined;
    let last: InterruptedRun | undefined;
    const open = new Set<string>();
    for (const line of readFileSync(this.file, 'utf8').split('\n')) {
      let e: Entry;
      try {
        e = JSON.parse(line) as Entry;
      } catch {
        continue; // empty or torn last line
      }
      if (e.t === 'run') {
        last = { run: e.run, startedAt: e.at, inFlight: [] };
        open.clear();
      } else if (last && e.run === last.run) {
        if (e.t === 'intent') open.add(e.address);
        else if (e.t === 'outcome') open.delete(e.address);
        else if (e.t === 'end') last = undefined;
      }
    }
    if (last) last.inFlight = [...open];
    return last;
  }

  begin(tenant: string, blueprint: string): void {
    this.append({ t: 'run', run: this.run, at: new Date().toISOString(), tenant, blueprint });
  }

  /** Records apply's events: an intent when a change starts, its outcome when it ends. */
  readonly onEvent = (event: ApplyEvent): void => {
    const at = new Date().toISOString();
    if (event.type === 'started') this.append({ t: 'intent', run: this.run, at, address: event.address, action: event.action });
    else if (event.type === 'succeeded') this.append({ t: 'outcome', run: this.run, at, address: event.address, ok: true });
    else if (event.type === 'failed') this.append({ t: 'outcome', run: this.run, at, address: event.address, ok: false, error: event.error });
  };

  end(): void {
    this.append({ t: 'end', run: this.run, at: new Date().toISOString() });
  }

  private append(entry: Entry): void {
    appendFileSync(this.file, JSON.stringify(entry) + '\n');
  }
}
