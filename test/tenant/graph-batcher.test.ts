/** The batcher's logic with an in-memory sender: grouping by 20, and sub-requests retried alone. */
import { expect, test } from 'vitest';
import { GraphBatcher, type BatchSender } from '../../src/tenant/graph-batcher.ts';
import { TenantError } from '../../src/model/tenant-error.ts';
import { batchCapOf } from '../../src/tenant/endpoint-limits.ts';

test('GETs are coalesced 20 at a time; a throttled sub-request is retried alone; a 404 rejects only its own', async () => {
  const batches: string[][] = [];
  const alone: string[] = [];
  const throttled: [string, number][] = [];
  const sender: BatchSender = {
    async postBatch({ requests }) {
      batches.push(requests.map((r) => r.url));
      return {
        responses: requests.map((r) => {
          if (r.url === '/groups/7') return { id: r.id, status: 429, headers: { 'Retry-After': '0.05' } };
          if (r.url === '/groups/9') return { id: r.id, status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'gone' } } };
          return { id: r.id, status: 200, body: { path: r.url } };
        }),
      };
    },
    async getAlone<T>(path: string) {
      alone.push(path);
      return { path, alone: true } as T;
    },
    throttled: (path, ms) => throttled.push([path, ms]),
    learn: () => {},
    underPressure: () => false,
    scopeOf: () => 'graph',
  };
  const batcher = new GraphBatcher(sender);
  const results = await Promise.allSettled(Array.from({ length: 25 }, (_, i) => batcher.get<{ path: string; alone?: boolean }>(`/groups/${i}`)));
  expect(batches.map((b) => b.length)).toEqual([20, 5]);
  expect(alone).toEqual(['/groups/7']);
  expect(throttled).toEqual([['/groups/7', 50]]);
  const byIndex = results.map((r) => (r.status === 'fulfilled' ? r.value : r.reason));
  expect(byIndex[7]).toEqual({ path: '/groups/7', alone: true });
  expect(byIndex[9]).toBeInstanceOf(TenantError);
  expect((byIndex[9] as TenantError).status).toBe(404);
  expect(byIndex[3]).toEqual({ path: '/groups/3' });
  expect(batcher.stats).toEqual({ batches: 2, batched: 25, retriedAlone: 1 });
});

test("team reads: a batch carries at most 4 of one team and 15 Teams calls (half the 30-a-second window), other reads fill it", async () => {
  const batches: string[][] = [];
  const sender: BatchSender = {
    async postBatch({ requests }) {
      batches.push(requests.map((r) => r.url));
      return { responses: requests.map((r) => ({ id: r.id, status: 200, body: { path: r.url } })) };
    },
    getAlone: async <T>(path: string) => ({ path }) as T,
    throttled: () => {},
    learn: () => {},
    underPressure: () => false,
    scopeOf: () => 'graph',
    capOf: (path) => batchCapOf(path.split('?')[0]!),
  };
  const batcher = new GraphBatcher(sender);
  // 10 teams, 3 reads each (30 Teams calls), 6 reads of one more team, and 10 site reads
  const paths = [
    ...Array.from({ length: 10 }, (_, t) => [`/teams/t${t}`, `/teams/t${t}/channels`, `/teams/t${t}/members`]).flat(),
    ...Array.from({ length: 6 }, () => '/teams/busy/channels'),
    ...Array.from({ length: 10 }, (_, i) => `/sites/s${i}/columns`),
  ];
  await Promise.all(paths.map((p) => batcher.get(p)));
  expect(batches.flat().sort()).toEqual([...paths].sort());
  for (const b of batches) {
    expect(b.length).toBeLessThanOrEqual(20);
    expect(b.filter((p) => p.startsWith('/teams/')).length).toBeLessThanOrEqual(15);
    const perTeam = new Map<string, number>();
    for (const p of b.filter((x) => x.startsWith('/teams/'))) perTeam.set(p.split('/')[2]!, (perTeam.get(p.split('/')[2]!) ?? 0) + 1);
    expect(Math.max(0, ...perTeam.values())).toBeLessThanOrEqual(4);
  }
  // the first batch is full: 15 Teams calls and 5 site reads
  expect(batches[0]!.length).toBe(20);
});
