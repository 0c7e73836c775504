/**
 * Reading the tenant for a plan (src/observe/read-tenant.ts), through the engine and the local
 * tenant: a tree is read from its top down; under an absent parent a child is absent without a
 * call of its own, under an unknown one it is unknown, naming that parent.
 */
import { expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import { readTenant } from '../../src/observe/read-tenant.ts';
import type { LocalBehaviour } from '../../src/tenant/target.ts';
import { withLocalTarget } from '../support/apply-run.ts';
import { desiredOf } from '../support/engine-steps.ts';

const text = `version: 1
name: reads
sites:
${['one', 'two', 'three']
  .map(
    (n) => `  - url: /sites/reads-${n}
    type: team
    title: Reads ${n}
    owners: [anna.andersson@contoso.onmicrosoft.com]
    columns:
      - { name: Reads${n}Case, type: text }
    lists:
      - url: Handlingar
        template: documentLibrary
        columns:
          - { name: Reads${n}Step, type: choice, choices: [A, B] }
    team:
      channels:
        - { name: Projekt, description: Projekt }`,
  )
  .join('\n')}
`;

type Counts = Record<string, number>;
const readsOf = (stats: { byOperation: Counts; batchedByOperation: Counts }): Counts => {
  const all: Counts = {};
  for (const source of [stats.byOperation, stats.batchedByOperation]) for (const [op, n] of Object.entries(source)) if (op.startsWith('GET ')) all[op] = (all[op] ?? 0) + n;
  return all;
};
const minus = (after: Counts, before: Counts): Counts => Object.fromEntries(Object.entries(after).flatMap(([op, n]) => (n - (before[op] ?? 0) > 0 ? [[op, n - (before[op] ?? 0)]] : [])));

test('under an absent site nothing is read: every resource of the new sites is a create, and only the groups were looked up', async () => {
  const desired = await desiredOf(text, 'reads.yaml');
  await withLocalTarget('reads-absent', async (target) => {
    const before = readsOf(target.localTenant!.stats());
    const plan = await planDesired(desired, target.client, target.name);
    const reads = minus(readsOf(target.localTenant!.stats()), before);
    expect(plan.changes.length).toBe(desired.resources.length);
    expect(plan.changes.every((c) => c.action === 'create')).toBe(true);
    // the three group lookups in one read (`mailNickname in`, group-lookup.ts), and the ownership
    // ledger's own reads in the root site (once for the plan, not once a site; its list's lookup
    // answers 404 before the first apply, which the local tenant counts as `GET (error)`):
    // nothing under a new site; the deleted groups, once, since a deleted group would hold a new
    // site's mailNickname; and each new site's URL, once, since another site may hold it
    expect(reads['GET /groups']).toBe(1);
    expect(reads['GET /directory/deletedItems/microsoft.graph.group']).toBe(1);
    expect(reads['GET /sites/{hostname}:/{path}']).toBe(3);
    const ledger = ['GET /sites/{id}', 'GET /sites/{id}/lists', 'GET /sites/{id}/lists/{id}/items', 'GET (error)'];
    const expected = ['GET /groups', 'GET /directory/deletedItems/microsoft.graph.group', 'GET /sites/{hostname}:/{path}'];
    expect(Object.keys(reads).filter((op) => !expected.includes(op) && !ledger.includes(op))).toEqual([]);
    for (const op of ledger) expect(reads[op] ?? 0).toBeLessThanOrEqual(1);
  });
});

test('under a site that cannot be read, everything is unknown and names that site', async () => {
  const desired = await desiredOf(text, 'reads.yaml');
  // The group lookups answer 503 whichever way they travel, until the retries give up (at 100x:
  // the transport's backoffs are engine time).
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /$batch', fault: '503', count: 0 }, { request: 'GET /groups', fault: '503', count: 0 }] };
  await withLocalTarget(
    'reads-unknown',
    async (target) => {
      const plan = await planDesired(desired, target.client, target.name);
      const site = plan.changes.find((c) => c.address === 'site[/sites/reads-two]')!;
      expect(site.action).toBe('unknown');
      const under = plan.changes.filter((c) => c.address.startsWith('site[/sites/reads-two]/'));
      expect(under.length).toBeGreaterThan(4);
      for (const c of under) {
        expect(c.action).toBe('unknown');
        expect(c.action === 'unknown' && c.reason).toMatch(/^its parent site\[\/sites\/reads-two\](\/[^ ]*)? could not be read$/);
      }
    },
    { faults, timeScale: 100 },
  );
});

test('resources on a parent cycle (a bug of expansion) are unknown, never absent; the rest is read as usual', async () => {
  const desired = await desiredOf(text, 'reads.yaml');
  const list = desired.resources.find((r) => r.kind === 'list' && r.address.startsWith('site[/sites/reads-two]/'))!;
  const column = desired.resources.find((r) => r.parent === list.address)!;
  const resources = desired.resources.map((r) => (r === list ? { ...r, parent: column.address } : r));
  await withLocalTarget('reads-cycle', async (target) => {
    const states = await readTenant(resources, target.client);
    for (const address of [list.address, column.address]) expect(states.get(address)).toEqual({ status: 'unknown', reason: 'not read: its parent chain does not end' });
    expect(states.get('site[/sites/reads-two]')).toEqual({ status: 'absent' });
    expect([...states.values()].filter((s) => s.status === 'unknown')).toHaveLength(2);
    expect(states.size).toBe(resources.length);
  });
});
