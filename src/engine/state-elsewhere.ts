/**
 * Finds where else a blueprint was applied to a local tenant. The local tenant's state lives in
 * `.provision/` of the folder a command runs in, so running from another folder silently uses a
 * new, empty tenant and plans everything as new. This looks in the folders a user plausibly ran
 * from before (the blueprint's folder, and the ancestors of it and of the current folder) for a
 * journal whose runs applied this same blueprint file. Bounded: a few folders, and at most the
 * first and the last 4 MiB of each journal (a journal is moved aside when it grows large, so its
 * first line is then the header of the run that began it: journal.ts).
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const MAX_DEPTH = 12;
const MAX_JOURNAL_BYTES = 4 * 1024 * 1024;

/** Folders other than `cwd` whose `.provision/journal.jsonl` records an apply of `blueprintFile`. */
export function foldersThatApplied(blueprintFile: string, cwd: string): string[] {
  const target = resolve(cwd, blueprintFile);
  const here = resolve(cwd);
  const candidates = new Set<string>([...ancestors(dirname(target)), ...ancestors(here)]);
  candidates.delete(here);
  return [...candidates].filter((dir) => journalMentions(join(dir, '.provision', 'journal.jsonl'), dir, target));
}

function ancestors(start: string): string[] {
  const out: string[] = [];
  let dir = start;
  for (let i = 0; i < MAX_DEPTH; i++) {
    out.push(dir);
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return out;
}

/** True when a run header of the journal names `target` (its path is relative to `dir`, where that run ran). */
function journalMentions(file: string, dir: string, target: string): boolean {
  if (!existsSync(file)) return false;
  let text: string;
  try {
    text = headAndTail(file, MAX_JOURNAL_BYTES);
  } catch {
    return false;
  }
  for (const line of text.split('\n')) {
    if (!line.includes('"t":"run"')) continue;
    try {
      const entry = JSON.parse(line) as { blueprint?: unknown };
      if (typeof entry.blueprint === 'string' && resolve(dir, entry.blueprint) === target) return true;
    } catch {
      // a torn line: not evidence either way
    }
  }
  return false;
}

/** The first and the last `max` bytes of the file (the whole file when it is not longer than both). */
function headAndTail(file: string, max: number): string {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const read = (position: number, length: number) => {
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, position);
      return buffer.toString('utf8');
    };
    if (size <= 2 * max) return read(0, size);
    return `${read(0, max)}\n${read(size - max, max)}`;
  } finally {
    closeSync(fd);
  }
}
