/**
 * Follows apply's write-ahead journal (`.provision/journal.jsonl`) as it grows, line by line,
 * and sums up each run: began, which intents are open (sent, no outcome yet), how many
 * outcomes, whether it ended. Reads only what apply wrote; a torn last line waits for its end.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

/** One journal line, as far as this reader needs it. */
export interface JournalEntry {
  t: string;
  run?: string;
  address?: string;
  action?: string;
  ok?: boolean;
}

/** What the journal says about one run. */
export interface RunState {
  run: string;
  /** Intents (address -> action) with no outcome yet. */
  open: Map<string, string>;
  intents: number;
  outcomes: number;
  ended: boolean;
}

export function emptyRun(run: string): RunState {
  return { run, open: new Map(), intents: 0, outcomes: 0, ended: false };
}

/** Applies one entry to the run it belongs to (entries of other runs are ignored). */
export function applyEntry(state: RunState, e: JournalEntry): void {
  if (e.run !== state.run) return;
  if (e.t === 'intent' && e.address) {
    state.open.set(e.address, e.action ?? '?');
    state.intents++;
  } else if (e.t === 'outcome' && e.address) {
    state.open.delete(e.address);
    state.outcomes++;
  } else if (e.t === 'end') state.ended = true;
}

/** Every run of a journal file, in order. */
export function readRuns(file: string): RunState[] {
  if (!existsSync(file)) return [];
  const runs = new Map<string, RunState>();
  for (const e of parseLines(readFileSync(file, 'utf8').split('\n'))) {
    if (e.t === 'run' && e.run) runs.set(e.run, emptyRun(e.run));
    else if (e.run && runs.has(e.run)) applyEntry(runs.get(e.run)!, e);
  }
  return [...runs.values()];
}

function parseLines(lines: string[]): JournalEntry[] {
  const out: JournalEntry[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      const e = JSON.parse(line) as JournalEntry;
      if (e && typeof e.t === 'string') out.push(e);
    } catch {
      // a torn line (the run was killed mid-write): not an entry
    }
  }
  return out;
}

/**
 * Calls `onEntry` for every complete line appended to `file` after the moment it is called,
 * as soon as the file changes (inotify, with a short poll as a fallback). `stop()` ends it.
 */
export function followJournal(file: string, onEntry: (e: JournalEntry) => void): { stop(): void } {
  let offset = existsSync(file) ? statSync(file).size : 0;
  let partial = '';
  let stopped = false;
  const buffer = Buffer.alloc(64 * 1024);
  const decoder = new StringDecoder('utf8');
  const drain = () => {
    if (stopped || !existsSync(file)) return;
    const fd = openSync(file, 'r');
    try {
      for (;;) {
        const n = readSync(fd, buffer, 0, buffer.length, offset);
        if (n <= 0) break;
        offset += n;
        const text = partial + decoder.write(buffer.subarray(0, n));
        const lines = text.split('\n');
        partial = lines.pop() ?? '';
        for (const e of parseLines(lines)) {
          if (stopped) return;
          onEntry(e);
        }
      }
    } finally {
      closeSync(fd);
    }
  };
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dirname(file), () => drain());
  } catch {
    watcher = undefined; // the poll below still follows it
  }
  const poll = setInterval(drain, 15);
  return {
    stop() {
      stopped = true;
      watcher?.close();
      clearInterval(poll);
    },
  };
}
