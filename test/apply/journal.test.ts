/**
 * The apply journal read back: the last run when it never ended, what it had in flight, what it
 * set out to create (settle-interrupted.ts settles those records), and whether its last record is
 * an end, known from the file's last bytes (an apply with nothing to change asks only that).
 */
import { appendFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { Journal } from '../../src/apply/journal.ts';

async function journalFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'provision-journal-')), 'journal.jsonl');
}

test('an interrupted run: what it had in flight and what it set out to create, done or not; an ended run is not interrupted', async () => {
  const file = await journalFile();
  expect(new Journal(file, 'r0').lastRunEnded()).toBe(true); // no journal yet

  const first = new Journal(file, 'r1');
  first.begin('contoso', 'bp.yaml');
  first.onEvent({ type: 'started', address: 'site[/sites/a]', action: 'create' });
  first.onEvent({ type: 'succeeded', address: 'site[/sites/a]', action: 'create', ms: 1 });
  first.end();
  expect(new Journal(file, 'x').lastRunEnded()).toBe(true);
  expect(new Journal(file, 'x').read().interrupted).toBeUndefined();

  const killed = new Journal(file, 'r2');
  killed.begin('contoso', 'bp.yaml');
  killed.onEvent({ type: 'started', address: 'site[/sites/b]', action: 'create' });
  killed.onEvent({ type: 'succeeded', address: 'site[/sites/b]', action: 'create', ms: 1 });
  killed.onEvent({ type: 'started', address: 'site[/sites/b]/list[L]', action: 'create' });
  killed.onEvent({ type: 'started', address: 'site[/sites/a]/list[M]', action: 'update' });
  killed.onEvent({ type: 'started', address: 'site[/sites/a]/list[N]', action: 'replace' });
  killed.close();

  expect(new Journal(file, 'x').lastRunEnded()).toBe(false);
  const { interrupted } = new Journal(file, 'x').read();
  expect(interrupted).toMatchObject({ run: 'r2', tenant: 'contoso', blueprint: 'bp.yaml' });
  expect(interrupted!.inFlight.sort()).toEqual(['site[/sites/a]/list[M]', 'site[/sites/a]/list[N]', 'site[/sites/b]/list[L]']);
  // created (done or in flight) and replaced; not updated; not the earlier, ended run's
  expect(interrupted!.creates.sort()).toEqual(['site[/sites/a]/list[N]', 'site[/sites/b]', 'site[/sites/b]/list[L]']);
});

test('a last line torn by a kill, or one that is not a record, is no end', async () => {
  const file = await journalFile();
  const run = new Journal(file, 'r1');
  run.begin('contoso', 'bp.yaml');
  run.end();
  expect(new Journal(file, 'x').lastRunEnded()).toBe(true);
  appendFileSync(file, '{"t":"run","run":"r2"');
  expect(new Journal(file, 'x').lastRunEnded()).toBe(false);
  appendFileSync(file, '\nnot json\n');
  expect(new Journal(file, 'x').lastRunEnded()).toBe(false);
});
