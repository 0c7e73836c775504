/**
 * One apply at a time, through the CLI: the state folder's lock refuses a second apply in the
 * same folder (naming the holder, never calling the running one "interrupted"), the tenant lease
 * refuses an apply of the same blueprint from another machine, `--lock-timeout` waits for either
 * and then proceeds, and two applies of kalmar-teams started together against one
 * `provision emulator start` end with one refused, no duplicate list and an empty re-plan.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { OwnershipLedger } from '../../src/ownership/ledger.ts';
import { leaseTitle } from '../../src/engine/apply-lease.ts';
import type { Target } from '../../src/tenant/target.ts';
import { provision, provisionWatching, repoRoot, workspaceWith } from '../support/cli.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';

const blueprint = `version: 1
name: lock-test
sites:
  - url: /sites/lock-test
    type: communication
    title: Lock test
    owner: anna.andersson@contoso.onmicrosoft.com
    lists:
      - { url: Rutiner, title: Rutiner och riktlinjer, template: documentLibrary }
`;

async function folderWith(text: string): Promise<string> {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-lock-'));
  await writeFile(join(cwd, 'b.yaml'), text);
  return cwd;
}

/** A live process of this host (the "other apply"), until it is killed. */
function otherProcess(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setTimeout(() => {}, 600000)'], { stdio: 'ignore' });
}

/** Writes the blueprint's lease item in the tenant as another machine would hold it. */
async function plantLease(t: Target, owner: string, expires: Date): Promise<void> {
  const ledger = new OwnershipLedger(t.client.graph, owner);
  const root = (await t.client.graph.get<{ id: string }>('/sites/root?$select=id')).id;
  const { listId } = await ledger.ensureList(root);
  const items = `/sites/${root}/lists/${listId}/items`;
  const all = await t.client.graph.list<{ id: string; fields: { Title?: string } }>(`${items}?$expand=fields`);
  const Owned = JSON.stringify({ lease: true, host: 'build-agent-7', pid: 4242, since: '2026-01-01T08:00:00.000Z', run: 'other-run', expires: expires.toISOString() });
  const mine = all.find((i) => i.fields.Title === leaseTitle(owner));
  if (mine) await t.client.graph.patch(`${items}/${mine.id}/fields`, { Owned });
  else await t.client.graph.post(items, { fields: { Title: leaseTitle(owner), Owned } });
}

test('a second apply in the same folder is refused naming the holder, and --lock-timeout waits for it', async () => {
  const cwd = await folderWith(blueprint);
  const other = otherProcess();
  try {
    // The other apply: its lock, and its journal's run that has not ended (it is still going).
    await mkdir(join(cwd, '.provision'), { recursive: true });
    await writeFile(join(cwd, '.provision', 'apply.lock'), JSON.stringify({ host: hostname(), pid: other.pid, since: '2026-01-01T08:00:00.000Z', run: 'other-run' }));
    await writeFile(join(cwd, '.provision', 'journal.jsonl'), JSON.stringify({ t: 'run', run: 'other-run', at: '2026-01-01T08:00:00.000Z', tenant: 'local', blueprint: 'b.yaml' }) + '\n');

    const refused = await provision(cwd, 'apply', 'b.yaml', '--yes');
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr).toContain(`another apply is running in this folder`);
    expect(refused.stderr).toContain(`pid ${other.pid}`);
    expect(refused.stderr).not.toMatch(/interrupted/);
    await withTenant(cwd, async (t) => expect(await siteByPath(t, '/sites/lock-test')).toBeUndefined());

    // The other apply ends while this one waits for it.
    let ended = false;
    const waited = await provisionWatching(cwd, ['apply', 'b.yaml', '--yes', '--lock-timeout', '2m'], (soFar) => {
      if (!ended && soFar.includes('Waiting for the apply running in this folder')) [ended] = [true, other.kill()];
    });
    expect(waited.code, waited.stdout + waited.stderr).toBe(0);
    expect(ended).toBe(true);
    // Now the other run is gone: its journal run never ended, so it was interrupted.
    expect(waited.stderr).toMatch(/previous apply .* was interrupted/);
  } finally {
    other.kill();
  }
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 240_000);

test('a lease held by another machine in the tenant refuses the apply before anything changes; --lock-timeout waits for it to run out', async () => {
  const cwd = await folderWith(blueprint);
  await withTenant(cwd, (t) => plantLease(t, 'lock-test', new Date(Date.now() + 10 * 60_000)));

  const refused = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(refused.code, refused.stderr).toBe(1);
  expect(refused.stderr).toMatch(/holds the tenant lease: host build-agent-7, pid 4242, since 2026-01-01T08:00:00.000Z, expires \S+ \(run other-run\)/);
  await withTenant(cwd, async (t) => expect(await siteByPath(t, '/sites/lock-test')).toBeUndefined());

  // While an apply waits, the other machine's lease runs out (it stopped renewing): taken over.
  let expired: Promise<void> | undefined;
  const waited = await provisionWatching(cwd, ['apply', 'b.yaml', '--yes', '--lock-timeout', '2m'], (soFar) => {
    if (!expired && soFar.includes("Waiting for the apply of 'lock-test' that holds the tenant lease (host build-agent-7")) {
      expired = withTenant(cwd, (t) => plantLease(t, 'lock-test', new Date(Date.now() - 1000)));
    }
  });
  expect(waited.code, waited.stdout + waited.stderr).toBe(0);
  expect(expired).toBeDefined();
  await expired;
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
}, 240_000);

test('two applies of kalmar-teams at once against one emulator: one is refused naming the holder, no duplicate list, empty re-plan', async () => {
  const a = await workspaceWith('kalmar-teams');
  const b = await workspaceWith('kalmar-teams');
  // Folder b is another machine: its own state folder (lock, journal), the same tenant.
  await mkdir(join(a, '.provision', 'local-tenant'), { recursive: true });
  await mkdir(join(b, '.provision'), { recursive: true });
  await symlink(join(a, '.provision', 'local-tenant'), join(b, '.provision', 'local-tenant'));
  const server = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'emulator', 'start', '--profile', 'realistic', '--time-scale', '50'], { cwd: a, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      let text = '';
      server.stdout!.on('data', (d) => (text += d) && text.includes('listening on') && resolve());
      server.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    });
    const [one, two] = await Promise.all([provision(a, 'apply', 'kalmar-teams/blueprint.yaml', '--yes'), provision(b, 'apply', 'kalmar-teams/blueprint.yaml', '--yes')]);
    const runs = [
      { folder: a, ...one },
      { folder: b, ...two },
    ];
    const applied = runs.filter((r) => r.code === 0);
    const refused = runs.filter((r) => r.code !== 0);
    expect(applied.length, runs.map((r) => r.stdout + r.stderr).join('\n----\n')).toBe(1);
    expect(refused[0]!.stderr).toMatch(new RegExp(`holds the tenant lease: host ${hostname()}, pid \\d+, since \\S+, expires \\S+`));
    expect(applied[0]!.stdout).toMatch(/Apply complete in [\d.]+ s: 240 succeeded, 0 failed/);
    // Refused before changing anything: the refused folder's journal never began a run.
    expect(await readFile(join(refused[0]!.folder, '.provision', 'journal.jsonl'), 'utf8').catch(() => '')).toBe('');

    const again = await provision(a, 'plan', 'kalmar-teams/blueprint.yaml', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);
  } finally {
    const exited = new Promise((resolve) => server.on('exit', resolve));
    server.kill('SIGINT');
    await exited;
  }
  // One Rutiner list per department site, none renumbered.
  const aliases = (await readFile(join(a, 'kalmar-teams', 'departments.csv'), 'utf8')).split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]);
  expect(aliases.length).toBeGreaterThan(50);
  await withTenant(a, async (t) => {
    for (const alias of aliases) {
      const site = (await siteByPath(t, `/sites/kalmar-${alias}`))!;
      const lists = await t.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
      expect(lists.filter((l) => /^rutiner/i.test(l.name)).map((l) => l.name), alias).toEqual(['Rutiner']);
    }
  });
}, 300_000);
