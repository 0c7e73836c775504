/**
 * Ctrl-C (SIGINT) during `provision apply`, as a user's key or a cancelled pipeline sends it:
 * no new change starts, the changes in flight finish and are recorded (the journal ends with
 * every intent's outcome, ownership is flushed), the lock and the lease are released so that the
 * next apply starts at once, the summary counts what was not started, and the exit code is 130.
 * The test proves the signal landed mid-apply: work was in flight and work was left.
 * A signal while the plan is read (the lock and the lease already held) exits at once, after
 * releasing both: the test proves it landed then (the lock file there, no journal yet).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision, repoRoot } from '../support/cli.ts';
import { inFlight, journalOf, type JournalLine } from '../support/journal-lines.ts';
import { withLocalTarget } from '../support/apply-run.ts';
import { tryTakeLease } from '../../src/engine/apply-lease.ts';

const owner = 'anna.andersson@contoso.onmicrosoft.com';
const SITES = ['int-a', 'int-b', 'int-c', 'int-d', 'int-e', 'int-f'];

const blueprint = `version: 1
name: interrupt
sites:
${SITES.map(
  (s) => `  - url: /sites/${s}
    type: communication
    title: ${s}
    owner: ${owner}
    lists:
      - { url: Avtal, template: documentLibrary }
      - { url: Beslut, template: documentLibrary }
`,
).join('')}`;

test('SIGINT mid-apply: in-flight changes finish and are recorded, nothing new starts, locks are released, exit 130, and the next apply finishes the rest', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-interrupt-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint);
  // A slow tenant and two changes at a time, so that the signal lands with work in flight and work left.
  const child = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'apply', 'b.yaml', '--yes', '--concurrency', '2', '--local-profile', 'realistic', '--local-time-scale', '20'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  let atSignal: JournalLine[] = [];
  for (let i = 0; i < 3000; i++) {
    atSignal = await journalOf(cwd);
    if (atSignal.some((e) => e.t === 'outcome') && inFlight(atSignal).length > 0) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGINT');
  const code = await exited;

  // The signal landed mid-apply: something had finished, something was in flight.
  expect(atSignal.some((e) => e.t === 'outcome')).toBe(true);
  expect(inFlight(atSignal).length).toBeGreaterThan(0);
  expect(code, stdout + stderr).toBe(130);
  expect(stderr).toContain('SIGINT received: no new change is started; the changes in flight finish and are recorded');
  const notStarted = Number(/, (\d+) not started\./.exec(stdout)?.[1] ?? 0);
  expect(notStarted, stdout).toBeGreaterThan(0);
  expect(stdout).toContain('because the apply was interrupted (SIGINT). Everything that was made is recorded; run apply again to make the rest.');

  // Graceful: the run ended in the journal with every intent's outcome; the lock is gone.
  const journal = await journalOf(cwd);
  const run = journal.filter((e) => e.t === 'run').at(-1)!.run;
  const mine = journal.filter((e) => e.run === run);
  expect(mine.at(-1)!.t).toBe('end');
  expect(inFlight(mine)).toEqual([]);
  expect(existsSync(join(cwd, '.provision', 'apply.lock'))).toBe(false);

  // The next apply starts at once (the lease was released) and makes the rest; then the plan is empty.
  const again = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(again.stderr).not.toMatch(/was interrupted with/);
  expect(again.stderr).not.toContain('Waiting for');
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 300_000);

test('SIGTERM while apply plans (lock and lease held, no change started): it exits 143 after releasing both, so another machine may take the lease at once', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-interrupt-early-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint);
  const child = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'apply', 'b.yaml', '--yes', '--local-profile', 'realistic', '--local-time-scale', '20'], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  // The lock is taken, then the lease, then the plan is read: signal once the plan has begun.
  const lockFile = join(cwd, '.provision', 'apply.lock');
  for (let i = 0; i < 3000 && !(existsSync(lockFile) && /Tenant: local tenant/.test(stderr)); i++) await new Promise((r) => setTimeout(r, 5));
  const lockedAtSignal = existsSync(lockFile);
  const journalAtSignal = await journalOf(cwd);
  child.kill('SIGTERM');
  const code = await exited;

  // It landed while the run held the lock and before any change started.
  expect(lockedAtSignal).toBe(true);
  expect(journalAtSignal).toEqual([]);
  expect(code, stderr).toBe(143);
  expect(stderr).toContain('SIGTERM received before any change was made: stopping; nothing was changed.');
  expect(existsSync(lockFile)).toBe(false);
  expect(await journalOf(cwd)).toEqual([]);

  // Another machine takes the blueprint's lease at once: it was released, not left to expire.
  const elsewhere = { host: 'another-runner', pid: 1, since: new Date().toISOString(), run: 'another-run' };
  await withLocalTarget(
    'interrupt-early',
    async (target) => {
      const taken = await tryTakeLease(target.client.graph, 'interrupt', elsewhere, 60_000);
      expect(taken.ok).toBe(true);
      if (taken.ok) await taken.lease.release();
    },
    undefined,
    cwd,
  );
}, 120_000);
