/**
 * JSON `$batch` as the service answers it: relative sub-request URLs only, answers in an order
 * that is not the request order (pair them by `id`), `ConsistencyLevel` per sub-request; and the
 * engine's batcher (src/tenant/graph-batcher.ts) pairs answers by id against it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { GraphBatcher } from '../../src/tenant/graph-batcher.ts';
import { start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
const UPNS = ['admin@contoso.onmicrosoft.com', 'anna.andersson@contoso.onmicrosoft.com'];

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

it('an absolute sub-request URL makes the batch a 400', async () => {
  const r = await c.graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: 'https://graph.microsoft.com/v1.0/users?$top=1' }] });
  expect(r.status).toBe(400);
  expect(r.json.error).toMatchObject({ code: 'BadRequest', message: 'Invalid batch payload format.' });
});

it('a sub-request URL with the version in it is not found', async () => {
  const r = await c.graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/v1.0/users?$top=1' }] });
  expect(r.status).toBe(200);
  expect(r.json.responses[0]).toMatchObject({ id: '1', status: 400, body: { error: { message: "Resource not found for the segment 'v1.0'." } } });
});

it('answers are not in request order, and each id carries its own answer', async () => {
  const requests = [...UPNS, 'nobody@contoso.onmicrosoft.com'].map((u, i) => ({ id: String(i + 1), method: 'GET', url: `/users/${u}?$select=userPrincipalName` }));
  const r = await c.graph('POST', '/$batch', { requests });
  expect(r.status).toBe(200);
  const ids = r.json.responses.map((x: { id: string }) => x.id);
  expect(ids).not.toEqual(['1', '2', '3']);
  expect([...ids].sort()).toEqual(['1', '2', '3']);
  const byId = new Map(r.json.responses.map((x: { id: string }) => [x.id, x]));
  expect(byId.get('1')).toMatchObject({ status: 200, body: { userPrincipalName: UPNS[0] } });
  expect(byId.get('2')).toMatchObject({ status: 200, body: { userPrincipalName: UPNS[1] } });
  expect(byId.get('3')).toMatchObject({ status: 404 });
});

it('ConsistencyLevel counts only in the sub-request headers', async () => {
  const requests = [
    { id: 'a', method: 'GET', url: '/groups/$count' },
    { id: 'b', method: 'GET', url: '/groups/$count', headers: { ConsistencyLevel: 'eventual' } },
  ];
  const r = await c.graph('POST', '/$batch', { requests }, { ConsistencyLevel: 'eventual' });
  const byId = new Map(r.json.responses.map((x: { id: string; status: number }) => [x.id, x.status]));
  expect(byId.get('a')).toBe(400);
  expect(byId.get('b')).toBe(200);
});

it("the engine's batcher pairs the tenant's out-of-order answers by id", async () => {
  const headers = { authorization: `Bearer ${c.graphToken}`, 'x-forwarded-host': 'graph.microsoft.com', 'content-type': 'application/json' };
  const orders: string[][] = [];
  const batcher = new GraphBatcher({
    async postBatch(body) {
      const res = await fetch(`${t.url}/v1.0/$batch`, { method: 'POST', headers, body: JSON.stringify(body) });
      const answer = (await res.json()) as { responses: { id: string; status: number }[] };
      orders.push(answer.responses.map((x) => x.id));
      return answer;
    },
    async getAlone<T>(path: string) {
      return (await (await fetch(`${t.url}/v1.0${path}`, { headers })).json()) as T;
    },
    throttled: () => undefined,
    learn: () => undefined,
    underPressure: () => false,
    scopeOf: () => 'graph',
  });
  const got = await Promise.all(UPNS.map((u) => batcher.get<{ userPrincipalName: string }>(`/users/${u}?$select=userPrincipalName`)));
  expect(got.map((u) => u.userPrincipalName)).toEqual(UPNS);
  // the event happened: one batch, answered out of request order
  expect(batcher.stats.batches).toBe(1);
  expect(orders).toEqual([['2', '1']]);
});
