/**
 * The apply journal of a working folder (`.provision/journal.jsonl`) as a test reads it while a
 * spawned apply writes it: the whole records so far (a line torn by a kill is left out), and the
 * addresses with an intent and no outcome yet, to prove that a kill or a signal landed mid-apply.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A journal record: its type (`run`, `intent`, `outcome`, `end`), run and address. */
export interface JournalLine {
  t: string;
  run?: string;
  address?: string;
  ok?: boolean;
}

export async function journalOf(cwd: string): Promise<JournalLine[]> {
  const text = await readFile(join(cwd, '.provision', 'journal.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as JournalLine];
      } catch {
        return [];
      }
    });
}

/** Addresses with an intent and no outcome yet. */
export function inFlight(journal: readonly JournalLine[]): string[] {
  const open = new Set<string>();
  for (const e of journal) {
    if (e.t === 'intent') open.add(e.address!);
    if (e.t === 'outcome') open.delete(e.address!);
  }
  return [...open];
}
