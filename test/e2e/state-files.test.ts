/**
 * The state folder's files under damage, through the CLI: an audit log that cannot be written
 * stops apply before any change (and says why); a journal line torn by a kill is reported with
 * its file and line and does not swallow the next run's header; a journal grown past what can be
 * read whole is read a piece at a time and moved aside when the next run begins; a corrupt local-tenant snapshot
 * or `tenant.json` is an error naming the file, never silently dropped (which would re-create
 * the objects).
 */
import { appendFile, mkdir, mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { provision } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const text = (sites: string[]) => `version: 1
name: state-files
sites:
${sites.map((s) => `  - url: /sites/${s}\n    type: communication\n    title: ${s}\n    owner: anna.andersson@contoso.onmicrosoft.com\n`).join('')}`;

/** The header record of a run in the journal, started at a fixed time (as a run that never ended left it). */
const runHeader = (run: string) => JSON.stringify({ t: 'run', run, at: '2026-01-01T08:00:00.000Z', tenant: 'local', blueprint: 'b.yaml' }) + '\n';

/** A folder whose blueprint of one site was applied; its journal's path. */
async function appliedWith(site: string): Promise<{ cwd: string; journal: string }> {
  const cwd = await folderWith([site]);
  expect((await provision(cwd, 'apply', 'b.yaml', '--yes')).code).toBe(0);
  return { cwd, journal: join(cwd, '.provision', 'journal.jsonl') };
}

async function folderWith(sites: string[]): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-state-'));
  await writeFile(join(cwd, 'b.yaml'), text(sites));
  return cwd;
}

test('an audit log that cannot be written stops apply before any change, and says why', async () => {
  const cwd = await folderWith(['audit-a']);
  expect((await provision(cwd, 'plan', 'b.yaml')).code).toBe(0); // creates .provision/
  const audit = join(cwd, '.provision', 'audit.jsonl');
  // Unwritable whoever runs the test (a read-only mode does not stop root): a folder in its place.
  await mkdir(audit);
  try {
    const refused = await provision(cwd, 'apply', 'b.yaml', '--yes');
    expect(refused.code, refused.stdout + refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`Refusing to apply: the audit log ${audit} cannot be written`);
    expect(refused.stderr).toContain('nothing was changed');
    await withTenant(cwd, async (t) => expect(await siteByPath(t, '/sites/audit-a')).toBeUndefined());
  } finally {
    await rm(audit, { recursive: true });
  }
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  // Intent before the change, outcome after.
  const records = (await readFile(audit, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { type: string; address: string });
  expect(records.map((r) => `${r.type} ${r.address}`)).toEqual(['intent site[/sites/audit-a]', 'succeeded site[/sites/audit-a]']);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 180_000);

test("a torn journal line is reported with its file and line and does not swallow the next run's header", async () => {
  const { cwd, journal } = await appliedWith('torn-a');
  // A run killed while writing its second record: the header, then half a line.
  await appendFile(journal, runHeader('killed') + '{"t":"intent","run":"killed","at":"2026-01');
  const tornLine = (await readFile(journal, 'utf8')).split('\n').length;

  await writeFile(join(cwd, 'b.yaml'), text(['torn-a', 'torn-b']));
  const next = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(next.code, next.stdout + next.stderr).toBe(0);
  expect(next.stderr).toContain(`${journal}:${tornLine}: a torn journal line (a run killed while writing it) was skipped`);
  expect(next.stderr).toMatch(/previous apply \(started 2026-01-01T08:00:00.000Z\) was interrupted/);
  // The new run's header is a line of its own, and its run ended: a third run finds nothing interrupted.
  const lines = (await readFile(journal, 'utf8')).split('\n');
  expect(lines[tornLine - 1]).toBe('{"t":"intent","run":"killed","at":"2026-01');
  expect(JSON.parse(lines[tornLine]!)).toMatchObject({ t: 'run' });
  await writeFile(join(cwd, 'b.yaml'), text(['torn-a', 'torn-b', 'torn-c']));
  const third = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(third.code, third.stdout + third.stderr).toBe(0);
  expect(third.stderr).not.toMatch(/interrupted|torn journal line/);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 180_000);

test('a journal grown past what a string can hold is read a piece at a time, and moved aside when the next run begins', async () => {
  const { cwd, journal } = await appliedWith('big-a');
  // A run that never ended, whose one intent comes after 600 MB of a torn line: a hole in the
  // file (nothing on disk), past the 512 MB a string can hold (the whole read failed there).
  await appendFile(journal, runHeader('big'));
  const tornLine = (await readFile(journal, 'utf8')).split('\n').length;
  const file = await open(journal, 'r+');
  await file.write(`\n${JSON.stringify({ t: 'intent', run: 'big', at: '2026-01-01T08:00:01.000Z', address: 'site[/sites/big-a]', action: 'update' })}\n`, (await file.stat()).size + 600 * 1024 * 1024);
  await file.close();
  const grown = (await stat(journal)).size;
  expect(grown).toBeGreaterThan(600 * 1024 * 1024);

  await writeFile(join(cwd, 'b.yaml'), text(['big-a', 'big-b']));
  const next = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(next.code, next.stdout + next.stderr).toBe(0);
  expect(next.stderr).toMatch(/previous apply \(started 2026-01-01T08:00:00.000Z\) was interrupted with 1 change\(s\) in flight/);
  expect(next.stderr).toContain('in flight: site[/sites/big-a]');
  expect(next.stderr).toContain(`${journal}:${tornLine}: a torn journal line`);
  // Moved aside whole; the journal now holds this run alone, which ended.
  expect((await stat(join(cwd, '.provision', 'journal.previous.jsonl'))).size).toBe(grown);
  const records = (await readFile(journal, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { t: string });
  expect(records[0]!.t).toBe('run');
  expect(records.at(-1)!.t).toBe('end');
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 180_000);

test('an interrupted run with many changes in flight lists the first 20 and counts the rest', async () => {
  const cwd = await folderWith(['many-a']);
  await mkdir(join(cwd, '.provision'));
  const intents = Array.from({ length: 25 }, (_, i) => JSON.stringify({ t: 'intent', run: 'many', at: '2026-01-01T08:00:01.000Z', address: `site[/sites/gone-${i}]`, action: 'create' }) + '\n');
  await writeFile(join(cwd, '.provision', 'journal.jsonl'), runHeader('many') + intents.join(''));
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stderr).toMatch(/was interrupted with 25 change\(s\) in flight/);
  expect(applied.stderr.match(/ {2}in flight: /g)).toHaveLength(20);
  expect(applied.stderr).toContain('in flight: site[/sites/gone-19]');
  expect(applied.stderr).not.toContain('gone-20');
  expect(applied.stderr).toContain('  … and 5 more');
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 180_000);

test('a corrupt local-tenant snapshot or tenant.json is an error naming the file; nothing is re-created', async () => {
  const cwd = await folderWith(['snap-a']);
  expect((await provision(cwd, 'apply', 'b.yaml', '--yes')).code).toBe(0);
  const state = join(cwd, '.provision', 'local-tenant');
  const snapshot = join(state, 'snapshot.jsonl');
  const whole = await readFile(snapshot, 'utf8');
  const lines = whole.split('\n');
  const broken = lines.findIndex((l) => l.includes('snap-a'));
  expect(broken).toBeGreaterThan(0);
  lines[broken] = lines[broken]!.slice(0, 20);
  await writeFile(snapshot, lines.join('\n'));

  const plan = await provision(cwd, 'plan', 'b.yaml');
  expect(plan.code).toBe(1);
  expect(plan.stderr).toContain(`local tenant state file ${snapshot} is corrupt (line ${broken + 1} is not a whole record)`);
  expect(plan.stdout).not.toContain('will be created');
  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code).toBe(1);
  expect(applied.stderr).toContain(snapshot);
  expect(await readFile(snapshot, 'utf8')).toBe(lines.join('\n')); // left as it was, for repair

  await writeFile(snapshot, whole);
  const identity = join(state, 'tenant.json');
  const id = await readFile(identity, 'utf8');
  await writeFile(identity, id.slice(0, 10));
  const bad = await provision(cwd, 'plan', 'b.yaml');
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain(`local tenant state file ${identity} is corrupt (not valid JSON)`);

  await writeFile(identity, id);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 180_000);
