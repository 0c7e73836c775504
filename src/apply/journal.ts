/**
 * The write-ahead journal of apply (`.provision/journal.jsonl`): before a change is sent its
 * intent is appended, after it its outcome, synchronously, so that a run killed at any point
 * (even `kill -9`) leaves a record of what was in flight. The next apply reports an interrupted
 * run and what it had in flight; those changes need no special treatment because the plan is
 * made from a fresh read and every create adopts an object whose natural key is taken
 * (create-once.ts): the journal is what makes that visible, not what makes it safe.
 * A line torn by a kill mid-write is reported (file and line number) and terminated before the
 * next run appends, so that it never swallows the next run's header.
 * Bounded: the journal is read a piece at a time (file-lines.ts), a line longer than
 * MAX_RECORD_CHARS is torn, at most MAX_TORN_REPORTED torn lines are listed, and a journal larger
 * than ROTATE_AT_BYTES when a run begins is moved aside to `journal.previous.jsonl` (replacing the
 * one before): only the last run is ever read back, and 10,000 workspaces of the benchmark wrote 68 MB.
 */
import { appendFileSync, closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { appendLine } from './append-line.ts';
import { fileLines, LINE_TOO_LONG } from './file-lines.ts';
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
  /** The tenant and the blueprint the run applied, as its record names them. */
  tenant: string;
  blueprint: string;
  inFlight: string[];
  /**
   * Addresses the run started a create (or a replace, which creates) of, in flight or done: their
   * ownership records may still be intents (settle-interrupted.ts).
   */
  creates: string[];
}

/** A line of the journal that is not a whole record (a kill mid-write), as `file:line`. */
export interface TornLine {
  file: string;
  line: number;
}

/** What reading the journal found: the last run if it never ended, and any torn lines. */
export interface JournalReading {
  interrupted?: InterruptedRun;
  /** The last run's torn lines, the first MAX_TORN_REPORTED of them. */
  torn: TornLine[];
  /** How many more torn lines the last run has than `torn` lists. */
  tornNotListed: number;
}

/** A record is a line of a few hundred characters; a longer line is torn (or not the journal's). */
const MAX_RECORD_CHARS = 1024 * 1024;
/** Torn lines listed by a reading; the rest are counted. */
const MAX_TORN_REPORTED = 20;
/** A journal larger than this when a run begins is moved aside (`journal.previous.jsonl`). */
const ROTATE_AT_BYTES = 64 * 1024 * 1024;

/** The bytes read from the journal's end to find its last record (an end record is ~100). */
const TAIL_BYTES = 4096;

/** Where a journal is moved aside: `journal.jsonl` -> `journal.previous.jsonl`. */
const previousJournal = (file: string): string => file.replace(/(\.jsonl)?$/, '.previous$1');

export class Journal {
  /** Open from `begin` to `end`: one write per record, not an open and close (issue 12). */
  private fd: number | undefined;

  constructor(
    private readonly file: string,
    private readonly run: string,
  ) {
    mkdirSync(dirname(file), { recursive: true });
  }

  /**
   * Whether the journal's last record is a run's end (or there is no journal): then no run was
   * interrupted, known from its last bytes instead of reading up to 64 MiB of it (an apply with
   * nothing to change asks this first).
   */
  lastRunEnded(): boolean {
    if (!existsSync(this.file)) return true;
    const fd = openSync(this.file, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size === 0) return true;
      const tail = Buffer.alloc(Math.min(size, TAIL_BYTES));
      readSync(fd, tail, 0, tail.length, size - tail.length);
      const text = tail.toString('utf8');
      if (!text.endsWith('\n')) return false; // torn: a kill mid-write
      const line = text.slice(text.lastIndexOf('\n', text.length - 2) + 1, -1);
      try {
        return (JSON.parse(line) as { t?: unknown }).t === 'end';
      } catch {
        return false;
      }
    } finally {
      closeSync(fd);
    }
  }

  /** The last run of the journal, when it never ended. */
  lastInterrupted(): InterruptedRun | undefined {
    return this.read().interrupted;
  }

  /** The last run when it never ended, and the torn lines in it (each reported by the next run only). */
  read(): JournalReading {
    const torn: TornLine[] = [];
    let tornNotListed = 0;
    if (!existsSync(this.file)) return { torn, tornNotListed };
    let last: InterruptedRun | undefined;
    const open = new Set<string>();
    const creates = new Set<string>();
    const fd = openSync(this.file, 'r');
    try {
      let lineNumber = 0;
      for (const line of fileLines(fd, MAX_RECORD_CHARS)) {
        lineNumber++;
        if (line === '') continue;
        let e: Entry;
        try {
          if (line === LINE_TOO_LONG) throw new Error('longer than any record');
          e = JSON.parse(line) as Entry;
          if (!e || typeof e !== 'object' || typeof (e as { t?: unknown }).t !== 'string') throw new Error('not a journal record');
        } catch {
          if (torn.length < MAX_TORN_REPORTED) torn.push({ file: this.file, line: lineNumber });
          else tornNotListed++;
          continue;
        }
        if (e.t === 'run') {
          last = { run: e.run, startedAt: e.at, tenant: e.tenant, blueprint: e.blueprint, inFlight: [], creates: [] };
          open.clear();
          creates.clear();
          torn.length = 0; // reported once: torn lines of earlier runs were reported by the run after them
          tornNotListed = 0;
        } else if (last && e.run === last.run) {
          if (e.t === 'intent') {
            open.add(e.address);
            if (e.action === 'create' || e.action === 'replace') creates.add(e.address);
          }
          else if (e.t === 'outcome') open.delete(e.address);
          else if (e.t === 'end') last = undefined;
        }
      }
    } finally {
      closeSync(fd);
    }
    if (last) {
      last.inFlight = [...open];
      last.creates = [...creates];
    }
    return { ...(last ? { interrupted: last } : {}), torn, tornNotListed };
  }

  /** Starts this run's records (after `read`: what the journal held has been reported). */
  begin(tenant: string, blueprint: string): void {
    if (existsSync(this.file) && statSync(this.file).size > ROTATE_AT_BYTES) renameSync(this.file, previousJournal(this.file));
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
