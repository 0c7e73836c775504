/**
 * The engine against a directory that is eventually consistent (the local tenant's directory
 * lag, docs/local-tenant.md): a new group is missing from `$filter` lookups for a while, 404 by
 * id for a shorter while, and refuses `$ref` adds meanwhile. In-process engine, local tenant over
 * HTTP, clock compressed 10x or 20x.
 * - An apply of the ambassadors example (a team site with its team, members and channels)
 *   converges with no failure although member adds are refused for a while, and the plan made
 *   right after it (while the group is still missing from lookups) is empty: the ownership
 *   ledger's id finds it.
 * - A `POST /groups` that commits and never answers (`commit-then-hang`) is adopted in the same
 *   run once the lookup shows it; when the lookup lags longer than the engine waits, the change
 *   fails without a resend, and the next apply's create is refused as a duplicate name, which
 *   proves the group exists: it is waited for and adopted. Never a second group.
 * - A group the ledger recorded and someone deleted is absent at once (found in deleted items),
 *   and the create it plans, refused because the deleted group holds the name, fails at once
 *   naming it instead of waiting for a group that will never show.
 * The local tenant's counters prove that lookups missed and `$ref` adds were refused.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { applyPlan } from '../../src/apply/apply-plan.ts';
import type { ApplyEvent } from '../../src/apply/events.ts';
import { loadDesired, planDesired } from '../../src/engine/plan-blueprint.ts';
import { isEmptyPlan } from '../../src/plan/build-plan.ts';
import type { LocalBehaviour } from '../../src/tenant/target.ts';
import { openTarget, type Target } from '../../src/tenant/target.ts';
import { repoRoot } from '../support/cli.ts';
import { desiredOf } from '../support/engine-steps.ts';

const D = '@contoso.onmicrosoft.com';
const fixed = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });

let open: Target | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

async function target(local: LocalBehaviour, requestTimeoutMs?: number): Promise<Target> {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-dirlag-'));
  open = await openTarget({ tenant: 'local', cwd, local: { timeScale: 10, ...local }, ...(requestTimeoutMs ? { transport: { requestTimeoutMs } } : {}) });
  return open;
}

async function groupsNamed(t: Target, nickname: string): Promise<number> {
  return (await t.client.graph.get<{ value: unknown[] }>(`/groups?$filter=mailNickname eq '${nickname}'&$select=id`)).value.length;
}

async function planned(t: Target, text: string): Promise<string[]> {
  const plan = await planDesired(await desiredOf(text, 'lag.yaml'), t.client, t.name);
  return plan.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`);
}

async function apply(t: Target, text: string, events: ApplyEvent[] = []) {
  const plan = await planDesired(await desiredOf(text, 'lag.yaml'), t.client, t.name);
  return applyPlan(plan, t.client, { concurrency: 8, onEvent: (e) => events.push(e) });
}

test('the ambassadors example (team site, team, members, channels) converges under the directory lag; the plan right after is empty; one group', async () => {
  const load = await loadDesired(join(repoRoot, 'blueprints', 'ambassadors', 'blueprint.yaml'));
  if (!load.ok) throw new Error(load.diagnostics.map((d) => d.message).join('\n'));
  // Lookups miss a new group for 400 simulated s (40 s real at 10x), longer than the apply takes;
  // member adds are refused for the first 150 s (15 s real), while the team is made and its
  // members added: windows wide enough in real time that a loaded machine still lands the adds
  // inside them (the counters below prove it did).
  const t = await target({ directoryLag: { query: fixed(400_000), byId: fixed(2_000), refs: fixed(150_000) } });
  const result = await applyPlan(await planDesired(load.desired, t.client, t.name), t.client, { concurrency: 8, allowCustomScript: true });
  expect(result.failed).toEqual([]);
  expect(result.skipped).toEqual([]);
  expect(result.pending).toEqual([]);
  const nicknames = load.desired.resources.flatMap((r) => (r.kind === 'teamSite' ? [r.props.mailNickname] : []));
  expect(nicknames).toHaveLength(1);
  // Right after: the group is still missing from $filter, and the plan is empty all the same.
  expect(await groupsNamed(t, nicknames[0]!)).toBe(0);
  const again = await planDesired(load.desired, t.client, t.name);
  expect(again.changes.filter((c) => c.action !== 'noop').map((c) => `${c.action} ${c.address}`)).toEqual([]);
  const lag = t.localTenant!.stats().directoryLag!;
  expect(lag.hiddenFromQueries).toBeGreaterThan(0);
  expect(lag.refsRefused).toBeGreaterThan(0);
  expect(lag.notFoundById).toBeGreaterThan(0);
  // Once replicated: exactly one group, and still nothing to do.
  t.localTenant!.advanceClock(400_000);
  expect(await groupsNamed(t, nicknames[0]!)).toBe(1);
  expect(isEmptyPlan(await planDesired(load.desired, t.client, t.name))).toBe(true);
}, 120_000);

const held = `version: 1
name: dir-lag-held
sites:
  - url: /sites/lag-held
    type: team
    mailNickname: lag-held
    title: Held create
    owners: [anna.andersson${D}]
`;
const commitThenHang = { plan: [{ request: 'POST /groups', fault: 'commit-then-hang' as const }] };

test('a create that commits and never answers is adopted once the lagging lookup shows it: one group', async () => {
  // The answer is given up after 2 s real (4 simulated s at 2x); the lookup misses the group for
  // 12 simulated s (6 s real), and the engine looks again for 20 simulated s (10 s real) after the
  // lost answer: seconds of margin on both sides, so a loaded machine still sees a miss, then the group.
  // The group's site comes after the lookup shows the group (16 simulated s), as a real group's
  // site comes minutes later: until then nothing at its URL leads to the group either.
  const t = await target({ timeScale: 2, directoryLag: { query: fixed(12_000), byId: fixed(1_000), refs: fixed(3_000) }, async: { groupSite: fixed(16_000) }, faults: commitThenHang }, 2_000);
  const events: ApplyEvent[] = [];
  const result = await apply(t, held, events);
  expect(result.failed).toEqual([]);
  const stats = t.localTenant!.stats();
  expect(stats.faults.byKind).toEqual({ 'commit-then-hang': 1 });
  expect(stats.byOperation['POST /groups']).toBe(1);
  // The lookup after the lost answer missed the group at least once before it was adopted.
  expect(stats.directoryLag!.hiddenFromQueries).toBeGreaterThan(0);
  const progress = events.flatMap((e) => (e.type === 'progress' ? [e.message] : []));
  expect(progress.some((m) => /not found by its natural key yet/.test(m))).toBe(true);
  expect(events.some((e) => e.type === 'succeeded' && e.address === 'site[/sites/lag-held]' && e.adopted)).toBe(true);
  expect(await planned(t, held)).toEqual([]);
  t.localTenant!.advanceClock(12_000);
  expect(await groupsNamed(t, 'lag-held')).toBe(1);
}, 120_000);

test('when the lookup lags longer than the engine waits, the next apply proves the group exists by its taken name and adopts it: one group', async () => {
  // 90 simulated s: longer than the 2 s real (40 simulated s at 20x) deadline and the 20 s the
  // engine looks again after a lost answer.
  // The group's site comes after the next plan (100 simulated s), as a real group's site comes
  // minutes later: until then nothing at its URL leads to the group either.
  const t = await target({ timeScale: 20, directoryLag: { query: fixed(90_000), byId: fixed(1_000), refs: fixed(3_000) }, async: { groupSite: fixed(100_000) }, faults: commitThenHang }, 2_000);
  const first = await apply(t, held);
  expect(first.failed).toEqual([{ address: 'site[/sites/lag-held]', error: expect.stringMatching(/no answer.*not found by its natural key within 20 s afterwards, so it is not sent again/) }]);
  // The next apply plans a create (the lookup still misses, the ledger holds only an intent) ...
  expect(await planned(t, held)).toEqual(['create site[/sites/lag-held]']);
  const events: ApplyEvent[] = [];
  const second = await apply(t, held, events);
  expect(second.failed).toEqual([]);
  // ... whose POST the service refuses (the name is taken), so the group is waited for and adopted.
  const stats = t.localTenant!.stats();
  expect(stats.byOperation['POST /groups']).toBe(2);
  expect(stats.byStatus['400']).toBeGreaterThanOrEqual(1);
  expect(events.some((e) => e.type === 'succeeded' && e.address === 'site[/sites/lag-held]' && e.adopted)).toBe(true);
  expect(await groupsNamed(t, 'lag-held')).toBe(1);
  expect(await planned(t, held)).toEqual([]);
}, 120_000);

test('a group the ledger recorded but someone deleted is found in deleted items at once, not waited for, and the plan says it holds the name', async () => {
  const t = await target({ timeScale: 1 });
  expect((await apply(t, held)).failed).toEqual([]);
  const group = (await t.client.graph.get<{ value: { id: string }[] }>(`/groups?$filter=mailNickname eq 'lag-held'&$select=id`)).value[0]!;
  await t.client.graph.delete(`/groups/${group.id}`);
  const started = Date.now();
  // not a create the service would refuse: the deleted group holds the name until restored or purged
  const plan = await planDesired(await desiredOf(held, 'lag.yaml'), t.client, t.name);
  const change = plan.changes.find((c) => c.address === 'site[/sites/lag-held]')!;
  expect(change.action).toBe('unknown');
  expect(change.action === 'unknown' && change.reason).toContain(`a deleted group (${group.id}, deleted `);
  expect(change.action === 'unknown' && change.reason).toContain(`holds the mailNickname 'lag-held'`);
  // Found in deleted items: no wait for a replica (the wait would pause 1 + 2 + 4 s before it gives up).
  expect(Date.now() - started).toBeLessThan(5_000);
  const stats = t.localTenant!.stats();
  expect(stats.byOperation['GET /directory/deletedItems/{id}']).toBe(1);
  // restored as the reason says, the group is found again and the blueprint is met
  expect(change.action === 'unknown' && change.reason).toContain(`POST /directory/deletedItems/${group.id}/restore`);
  await t.client.graph.post(`/directory/deletedItems/${group.id}/restore`, {});
  expect(await planned(t, held)).toEqual([]);
}, 120_000);

test('a create refused because a deleted group took the name after the plan fails at once naming it, without waiting for the directory', async () => {
  const t = await target({ timeScale: 1 });
  const plan = await planDesired(await desiredOf(held, 'lag.yaml'), t.client, t.name);
  expect(plan.changes.find((c) => c.address === 'site[/sites/lag-held]')?.action).toBe('create');
  // between the plan and the apply, someone makes a group with the name and deletes it
  const made = await t.client.graph.post<{ id: string }>('/groups', { displayName: 'Other', mailNickname: 'lag-held', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
  await t.client.graph.delete(`/groups/${made.id}`);
  const group = made;
  // the proof the name was taken after the plan: it is in deleted items now
  expect((await t.client.graph.get<{ value: { id: string }[] }>('/directory/deletedItems/microsoft.graph.group?$select=id')).value.map((g) => g.id)).toContain(made.id);
  const started = Date.now();
  const again = await applyPlan(plan, t.client, { concurrency: 8 });
  expect(again.failed).toEqual([{ address: 'site[/sites/lag-held]', error: expect.stringContaining(`mailNickname already exists.; a deleted group (${group.id}, deleted `) }]);
  // Not the 5 minutes a hidden group would be waited for.
  expect(Date.now() - started).toBeLessThan(15_000);
}, 120_000);

test("a group made moments ago that the directory's lookups miss is found through the site at its URL: not planned again, not taken for a holder", async () => {
  // lookups miss new groups for 400 simulated s; by id they are seen at once
  const t = await target({ directoryLag: { query: fixed(400_000), byId: fixed(0), refs: fixed(0) } });
  const made = await t.client.graph.post<{ id: string }>('/groups', { displayName: 'Made by hand', mailNickname: 'lag-site', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], visibility: 'Private' });
  // the proof the lookup misses it: a plan by the name alone would create a second group
  expect(await groupsNamed(t, 'lag-site')).toBe(0);
  const declared = `version: 1
name: dir-lag-site
sites:
  - url: /sites/lag-site
    type: team
    title: Made by hand
    visibility: Private
`;
  const plan = await planDesired(await desiredOf(declared, 'lag.yaml'), t.client, t.name);
  expect(plan.changes.find((c) => c.address === 'site[/sites/lag-site]')).toMatchObject({ action: 'noop', id: made.id });
  expect(t.localTenant!.stats().directoryLag!.hiddenFromQueries).toBeGreaterThan(0);
}, 120_000);
