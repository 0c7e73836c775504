/**
 * The write-ahead journal of apply (`.provision/journal.jsonl`): before a change is sent its
 * intent is appended, after it its outcome, synchronously, so that a run killed at any point
 * (even `kill -9`) leaves a record of what was in flight. The next apply reports an interrupted
 * run and what it had in flight; those changes need no special treatment because the plan is
 * made from a fresh read and every create adopts an object whose natural key is taken
 * (create-once.ts): the journal is what makes that visible, not what makes it safe.
 * A line torn by a kill mid-write is reported (file and line number) and terminated before the
 * next run appends, so that it never swallows the next run's header.
 */
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendLine } from './append-line.ts';
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

/** A line of the journal that is not a whole record (a kill mid-write), as `file:line`. */
export interface TornLine {
  file: string;
  line: number;
}

/** What reading the journal found: the last run if it never ended, and any torn lines. */
export interface JournalReading {
  interrupted?: InterruptedRun;
  torn: TornLine[];
}

export class Journal {
  /** Open from `begin` to `end`: one write per record, not an open and close (issue 12). */
  private fd: number | undefined;

  constructor(
    private readonly file: string,
    private readonly run: string,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /** The last run of the journal, when it never ended. */
  lastInterrupted(): InterruptedRun | undefined {
    return this.read().interrupted;
  }

  /** The last run when it never ended, and the torn lines in it (each reported by the next run only). */
  read(): JournalReading {
    const torn: TornLine[] = [];
    if (!existsSync(this.file)) return { torn };
    let last: InterruptedRun | undefined;
    const open = new Set<string>();
    const lines = readFileSync(this.file, 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (line === '') continue;
      let e: Entry;
      try {
        e = JSON.parse(line) as Entry;
        if (!e || typeof e !== 'object' || typeof (e as { t?: unknown }).t !== 'string') throw new Error('not a journal record');
      } catch {
        torn.push({ file: this.file, line: index + 1 });
        continue;
      }
      if (e.t === 'run') {
        last = { run: e.run, startedAt: e.at, inFlight: [] };
        open.clear();
        torn.length = 0; // reported once: torn lines of earlier runs were reported by the run after them
      } else if (last && e.run === last.run) {
        if (e.t === 'intent') open.add(e.address);
        else if (e.t === 'outcome') open.delete(e.address);
        else if (e.t === 'end') last = undefined;
      }
    }
    if (last) last.inFlight = [...open];
    return { ...(last ? { interrupted: last } : {}), torn };
  }

  begin(tenant: string, blueprint: string): void {
    this.terminateTornLine();
    this.fd = openSync(this.file, 'a');
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
    this.close();
  }

  /** Closes the file (after `end`, or when the run stops without one). */
  close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }

  /** A kill mid-write leaves a last line without its newline: end it, so the next record starts a line. */
  private terminateTornLine(): void {
    if (!existsSync(this.file)) return;
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size === 0) return;
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) appendFileSync(this.file, '\n');
    } finally {
      closeSync(fd);
    }
  }

  private append(entry: Entry): void {
    if (this.fd === undefined) appendFileSync(this.file, JSON.stringify(entry) + '\n');
    else appendLine(this.fd, JSON.stringify(entry));
  }
}
