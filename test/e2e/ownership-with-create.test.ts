/**
 * Ownership is recorded with the create (an intent before it, the outcome after), so an apply
 * killed in the middle loses nothing it made: the lists a killed run created are owned, and a
 * blueprint that drops them prunes them. A ledger item that does not parse is unknown: prune
 * will not act on its scope and says why, and apply never overwrites it.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { OwnershipLedger } from '../../src/ownership/ledger.ts';
import { LEDGER_LIST } from '../../src/ownership/ledger-scope.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import { provision, repoRoot } from '../support/cli.ts';
import { journalOf } from '../support/journal-lines.ts';
import { desiredOf } from '../support/engine-steps.ts';
import { siteByPath, withTenant } from '../support/tenant-state.ts';
import { applyRun, openLocalTarget } from '../support/apply-run.ts';

const owner = 'anna.andersson@contoso.onmicrosoft.com';
const SITES = ['own-a', 'own-b', 'own-c', 'own-d'];
const LISTS = ['Avtal', 'Beslut', 'Protokoll'];

function blueprint(withLists: boolean): string {
  return `version: 1
name: own-kill
${withLists ? '' : 'prune: [list]\n'}sites:
${SITES.map(
  (s) => `  - url: /sites/${s}
    type: communication
    title: ${s}
    owner: ${owner}
${withLists ? `    lists:\n${LISTS.map((l) => `      - { url: ${l}, title: ${l} och mer, template: documentLibrary }\n`).join('')}` : ''}`,
).join('')}`;
}

test('an apply killed mid-run has recorded what it created: a blueprint that drops those lists prunes them', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-own-kill-'));
  await writeFile(join(cwd, 'b.yaml'), blueprint(true));
  // A slow tenant (latency, asynchronous site creation), so that the kill lands mid-apply.
  const child = spawn(process.execPath, [join(repoRoot, 'bin/provision.js'), 'apply', 'b.yaml', '--yes', '--local-profile', 'realistic', '--local-time-scale', '20'], { cwd, stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  let listsDone: string[] = [];
  for (let i = 0; i < 3000; i++) {
    listsDone = (await journalOf(cwd)).filter((e) => e.t === 'outcome' && e.ok && /\/list\[/.test(e.address ?? '')).map((e) => e.address!);
    if (listsDone.length >= 2) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  child.kill('SIGKILL');
  await exited;
  // The kill landed inside the apply: lists were made, the run never ended, work was left.
  const journal = await journalOf(cwd);
  expect(listsDone.length).toBeGreaterThanOrEqual(2);
  expect(journal.some((e) => e.t === 'end')).toBe(false);
  expect(journal.filter((e) => e.t === 'outcome' && e.ok).length).toBeLessThan(SITES.length * (1 + LISTS.length));

  // The blueprint drops every list and prunes lists: what the killed run made is owned, so deleted.
  await writeFile(join(cwd, 'b.yaml'), blueprint(false));
  const plan = await provision(cwd, 'plan', 'b.yaml', '--json');
  expect(plan.code, plan.stderr).toBe(0);
  const deletes = JSON.parse(plan.stdout)
    .changes.filter((c: { action: string }) => c.action === 'delete')
    .map((c: { address: string }) => c.address);
  for (const address of listsDone) expect(deletes).toContain(address);

  const applied = await provision(cwd, 'apply', 'b.yaml', '--yes');
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stderr).toMatch(/previous apply .* was interrupted/);
  expect((await provision(cwd, 'plan', 'b.yaml', '--detailed-exitcode')).code).toBe(0);
  await withTenant(cwd, async (t) => {
    for (const site of SITES) {
      const s = (await siteByPath(t, `/sites/${site}`))!;
      const lists = await t.client.graph.list<{ name: string }>(`/sites/${s.id}/lists?$select=name`);
      expect(lists.filter((l) => LISTS.includes(l.name)).map((l) => l.name), site).toEqual([]);
    }
  });
}, 300_000);

const ledgerText = (prune: boolean) => `version: 1
name: own-unknown
${prune ? 'prune: [list]\n' : ''}sites:
  - url: /sites/own-unknown
    type: communication
    title: Own unknown
    owner: ${owner}
    lists:
${prune ? '' : '      - { url: Gammal, template: genericList }\n'}      - { url: Ny, template: genericList }
`;

test('a ledger item that does not parse is unknown: prune will not act on it and says why, and apply never overwrites it', async () => {
  const { target } = await openLocalTarget('own-unknown');
  try {
    const first = await desiredOf(ledgerText(false), 'own-unknown.yaml');
    const made = await applyRun(target, await planDesired(first, target.client, target.name), { concurrency: 4 });
    expect(made.failed).toEqual([]);

    // Somebody damages the site's ledger item.
    const site = (await siteByPath(target, '/sites/own-unknown'))!;
    const list = await target.client.graph.get<{ id: string }>(`/sites/${site.id}/lists/${LEDGER_LIST}?$select=id`);
    const items = await target.client.graph.list<{ id: string; fields: { Title?: string; Owned?: string } }>(`/sites/${site.id}/lists/${list.id}/items?$expand=fields`);
    const item = items.find((i) => i.fields.Title === 'own-unknown')!;
    expect(item.fields.Owned).toContain('site[/sites/own-unknown]/list[Gammal]');
    const damaged = '{"site[/sites/own-unknown]/list[Gammal]": "cre';
    await target.client.graph.patch(`/sites/${site.id}/lists/${list.id}/items/${item.id}/fields`, { Owned: damaged });

    // Without Gammal and with prune: its ownership is unknown, so it is shown as such, not deleted.
    const pruning = await desiredOf(ledgerText(true), 'own-unknown.yaml');
    const plan = await planDesired(pruning, target.client, target.name);
    const gammal = plan.changes.find((c) => c.address === 'site[/sites/own-unknown]/list[Gammal]');
    expect(gammal?.action).toBe('unknown');
    expect(gammal && 'reason' in gammal ? gammal.reason : '').toMatch(/prune will not act on it: the ownership record 'own-unknown' .* cannot be read \(not JSON/);
    expect(plan.changes.some((c) => c.action === 'delete')).toBe(false);

    // A create in that site cannot record its ownership: it is not made, and the item stays as it was.
    const withNew = await desiredOf(ledgerText(false).replace('Ny, template', 'Ny2, template'), 'own-unknown.yaml');
    const result = await applyRun(target, await planDesired(withNew, target.client, target.name), { concurrency: 4 });
    expect(result.failed.map((f) => f.address)).toEqual(['site[/sites/own-unknown]/list[Ny2]']);
    expect(result.failed[0]!.error).toMatch(/not created: its ownership could not be recorded first .*cannot be read/);
    const after = await target.client.graph.get<{ fields: { Owned?: string } }>(`/sites/${site.id}/lists/${list.id}/items/${item.id}?$expand=fields`);
    expect(after.fields.Owned).toBe(damaged);
    const lists = await target.client.graph.list<{ name: string }>(`/sites/${site.id}/lists?$select=name`);
    expect(lists.map((l) => l.name)).not.toContain('Ny2');

    // Repaired (here: emptied by its owner), the blueprint converges.
    await target.client.graph.patch(`/sites/${site.id}/lists/${list.id}/items/${item.id}/fields`, { Owned: '' });
    const again = await applyRun(target, await planDesired(withNew, target.client, target.name), { concurrency: 4 });
    expect(again.failed).toEqual([]);
    expect(isEmptyPlan(await planDesired(withNew, target.client, target.name))).toBe(true);
    expect((await new OwnershipLedger(target.client.graph, 'own-unknown').owned({ siteId: site.id, item: 'own-unknown' })).has('site[/sites/own-unknown]/list[Ny2]')).toBe(true);
  } finally {
    await target.close();
  }
}, 120_000);
