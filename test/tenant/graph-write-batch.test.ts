/**
 * Graph writes on SharePoint resources (`/sites/...`) go out together in JSON `$batch` requests
 * (src/tenant/graph-write-batcher.ts), through the Graph SDK, the transport and the local tenant,
 * and never-create-twice holds write by write: a write whose answer is lost is ambiguous and not
 * sent again, a throttled one goes again alone. Each fault test proves its fault happened (the
 * local tenant's fault counters) and asserts on the lists the site holds afterwards.
 */
import { expect, test } from 'vitest';
import { withLocalTarget } from '../support/apply-run.ts';
import { isAmbiguous, TenantError } from '../../src/model/tenant-error.ts';
import type { LocalBehaviour, Target } from '../../src/tenant/target.ts';

const NAMES = ['WriteA', 'WriteB', 'WriteC', 'WriteD', 'WriteE', 'WriteF'];

async function rootSite(target: Target): Promise<string> {
  return (await target.client.graph.get<{ id: string }>('/sites/root')).id;
}

/** Creates the six lists on the root site at once; each promise's outcome, in order. */
async function createAll(target: Target, site: string): Promise<PromiseSettledResult<unknown>[]> {
  return Promise.allSettled(NAMES.map((name) => target.client.graph.post(`/sites/${site}/lists`, { displayName: name, list: { template: 'genericList' } })));
}

/** The test lists the site holds, by name, with how many of each. */
async function listsOn(target: Target, site: string): Promise<Record<string, number>> {
  const lists = await target.client.graph.list<{ name: string }>(`/sites/${site}/lists?$select=name`);
  const out: Record<string, number> = {};
  for (const l of lists) if (l.name.startsWith('Write')) out[l.name] = (out[l.name] ?? 0) + 1;
  return out;
}

const batches = (target: Target) => target.localTenant!.stats().byOperation['POST /$batch'] ?? 0;

test("six writes on a site's lists go in one $batch, and each list is made once", async () => {
  await withLocalTarget('graph-write-batch', async (target) => {
    const site = await rootSite(target);
    const before = batches(target);
    const results = await createAll(target, site);
    expect(results.map((r) => r.status)).toEqual(NAMES.map(() => 'fulfilled'));
    expect(target.client.graph.writeBatchStats).toMatchObject({ batches: 1, batched: 6, retriedAlone: 0 });
    expect(batches(target) - before).toBe(1);
    expect(await listsOn(target, site)).toEqual(Object.fromEntries(NAMES.map((n) => [n, 1])));
  });
});

test('a write whose answer is lost after it ran is ambiguous and not sent again; the others succeed', async () => {
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/*/lists', nth: 3, fault: 'commit-then-504' }] };
  await withLocalTarget('graph-write-batch-504', async (target) => {
    const site = await rootSite(target);
    const results = await createAll(target, site);
    expect(target.localTenant!.stats().faults.byKind).toEqual({ 'commit-then-504': 1 });
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isAmbiguous(lost.reason)).toBe(true);
    expect(await listsOn(target, site)).toEqual(Object.fromEntries(NAMES.map((n) => [n, 1])));
  }, { faults });
});

test('a batch whose connection breaks: every create in it is ambiguous, none is sent again', async () => {
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/*/lists', nth: 2, fault: 'reset' }] };
  await withLocalTarget('graph-write-batch-reset', async (target) => {
    const site = await rootSite(target);
    const before = batches(target);
    const results = await createAll(target, site);
    expect(target.localTenant!.stats().faults.byKind).toEqual({ reset: 1 });
    for (const r of results) {
      expect(r.status).toBe('rejected');
      expect((r as PromiseRejectedResult).reason).toBeInstanceOf(TenantError);
      expect(isAmbiguous((r as PromiseRejectedResult).reason)).toBe(true);
    }
    expect(batches(target) - before).toBe(1);
    expect(target.client.graph.writeBatchStats.retriedAlone).toBe(0);
    // the first ran before the second's reset dropped the batch; the rest never ran
    expect(await listsOn(target, site)).toEqual({ WriteA: 1 });
  }, { faults });
});

test('a throttled write was not run: it goes again alone after its Retry-After and is made once', async () => {
  const faults: LocalBehaviour['faults'] = { plan: [{ request: 'POST /sites/*/lists', nth: 4, fault: '429', retryAfter: 1 }] };
  await withLocalTarget('graph-write-batch-429', async (target) => {
    const site = await rootSite(target);
    const results = await createAll(target, site);
    expect(target.localTenant!.stats().faults.byKind).toEqual({ '429': 1 });
    expect(results.map((r) => r.status)).toEqual(NAMES.map(() => 'fulfilled'));
    expect(target.client.graph.writeBatchStats).toMatchObject({ batches: 1, batched: 6, retriedAlone: 1 });
    expect(await listsOn(target, site)).toEqual(Object.fromEntries(NAMES.map((n) => [n, 1])));
  }, { faults });
});
