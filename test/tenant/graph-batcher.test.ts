/** The batcher's logic with an in-memory sender: grouping by 20, and sub-requests retried alone. */
import { expect, test } from 'vitest';
import { GraphBatcher, type BatchSender } from '../../src/tenant/graph-batcher.ts';
import { TenantError } from '../../src/model/tenant-error.ts';

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
