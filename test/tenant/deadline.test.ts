/**
 * Every request has a deadline (architecture decision 15), over real HTTP against a scripted
 * server that holds requests without answering: a read that gets no answer is retried and then
 * given up, a write is thrown back at once as an ambiguous `TenantError` and never resent, an
 * answer whose body stalls counts as no answer, and a token request has its own deadline.
 * Through the local tenant, the flag survives both SDKs (Graph SDK, PnPjs).
 */
import http from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { afterEach, expect, test } from 'vitest';
import { TenantError } from '../../src/model/tenant-error.ts';
import { createFetchHttpClient } from '../../src/tenant/identity-http-client.ts';
import { openTarget } from '../../src/tenant/target.ts';
import { createTransport } from '../../src/tenant/transport.ts';

/** What the scripted server does with the n-th request: answer, or hold it (no answer ever). */
type Script = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => 'hold' | void;
let server: http.Server | undefined;

async function serve(script: Script): Promise<{ url: string; arrivals: string[] }> {
  const arrivals: string[] = [];
  server = http.createServer((req, res) => {
    arrivals.push(req.method ?? '');
    req.resume();
    req.on('end', () => script(req, res, arrivals.length));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, arrivals };
}

afterEach(async () => {
  if (!server) return;
  server.closeAllConnections();
  await new Promise((resolve) => server!.close(resolve));
  server = undefined;
});

async function timed<T>(run: () => Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const started = Date.now();
  try {
    return { value: await run(), ms: Date.now() - started };
  } catch (error) {
    return { error, ms: Date.now() - started };
  }
}

test('a GET that gets no answer within its deadline is retried, and its answer is used when one comes', async () => {
  const { url, arrivals } = await serve((_req, res, n) => (n <= 2 ? 'hold' : void res.writeHead(200).end('ok')));
  const transport = createTransport({ requestTimeoutMs: 1000, baseBackoffMs: 10 });
  const { value, ms } = await timed(() => transport.send(url, { method: 'GET' }));
  expect(await value?.text()).toBe('ok');
  expect(arrivals).toEqual(['GET', 'GET', 'GET']);
  expect(transport.stats.timedOut).toBe(2);
  expect(ms).toBeGreaterThanOrEqual(1900);
  expect(ms).toBeLessThan(6000);
});

test('a GET that never gets an answer gives up after two retries, as a retryable, unambiguous TenantError', async () => {
  const { url, arrivals } = await serve(() => 'hold');
  const transport = createTransport({ requestTimeoutMs: 1000, baseBackoffMs: 10 });
  const { error } = await timed(() => transport.send(url, { method: 'GET' }));
  expect(error).toBeInstanceOf(TenantError);
  expect(error).toMatchObject({ status: 0, code: 'requestTimeout', retryable: true, ambiguous: false });
  expect(arrivals).toEqual(['GET', 'GET', 'GET']);
  expect(transport.stats.timedOut).toBe(3);
});

test('a POST that gets no answer is never resent: it comes back at its deadline as an ambiguous TenantError', async () => {
  const { url, arrivals } = await serve(() => 'hold');
  const transport = createTransport({ requestTimeoutMs: 1500 });
  const { error, ms } = await timed(() => transport.send(url, { method: 'POST', body: '{}' }));
  expect(error).toBeInstanceOf(TenantError);
  expect(error).toMatchObject({ status: 0, code: 'requestTimeout', ambiguous: true });
  expect((error as Error).message).toContain('no answer within 1.5 s');
  expect(arrivals).toEqual(['POST']);
  expect(ms).toBeGreaterThanOrEqual(1400);
  expect(ms).toBeLessThan(4000);
});

test('an answer whose body stops halfway counts as no answer: the deadline covers the body', async () => {
  const { url, arrivals } = await serve((_req, res, n) => {
    if (n === 1) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"value": [');
      return 'hold';
    }
    res.writeHead(200).end('{"value":[]}');
  });
  const transport = createTransport({ requestTimeoutMs: 1000, baseBackoffMs: 10 });
  const answer = await transport.send(url, { method: 'GET' });
  expect(await answer.json()).toEqual({ value: [] });
  expect(arrivals).toHaveLength(2);
  expect(transport.stats.timedOut).toBe(1);
});

test('a token request that gets no answer fails at its own deadline', async () => {
  const { url } = await serve(() => 'hold');
  const client = createFetchHttpClient(500);
  const { error, ms } = await timed(() => client.sendRequest(createPipelineRequest({ url, method: 'POST', body: 'grant_type=client_credentials' })));
  expect(error).toBeInstanceOf(RestError);
  expect((error as RestError).code).toBe(RestError.REQUEST_SEND_ERROR);
  expect((error as Error).message).toContain('no answer within 500 ms');
  expect(ms).toBeLessThan(3000);
});

test('through both SDKs, a write the local tenant holds comes back ambiguous at its deadline, and a held read is retried', async () => {
  const cwd = await mkdtemp(join(tmpdir(), 'provision-deadline-'));
  const target = await openTarget({
    tenant: 'local',
    cwd,
    local: {
      faults: {
        plan: [
          { request: 'POST /groups', fault: 'commit-then-hang' },
          { request: 'POST /_api/SPSiteManager/create', fault: 'hang' },
          { request: 'GET /users', fault: 'hang' },
        ],
      },
    },
    transport: { requestTimeoutMs: 1000, baseBackoffMs: 10 },
  });
  try {
    const graphPost = await timed(() => target.client.graph.post('/groups', { displayName: 'Held', mailNickname: 'held', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] }));
    expect(graphPost.error).toBeInstanceOf(TenantError);
    expect(graphPost.error).toMatchObject({ code: 'requestTimeout', ambiguous: true });
    // commit-then-hang: the group exists although its create never got an answer.
    const groups = await target.client.graph.get<{ value: unknown[] }>(`/groups?$filter=mailNickname eq 'held'`);
    expect(groups.value).toHaveLength(1);

    const spPost = await timed(() => target.client.sp.post('_api/SPSiteManager/create', { request: { Title: 'Held', Url: `https://${target.client.sharepointHost}/sites/held-comm`, WebTemplate: 'SITEPAGEPUBLISHING#0' } }));
    expect(spPost.error).toBeInstanceOf(TenantError);
    expect(spPost.error).toMatchObject({ code: 'requestTimeout', ambiguous: true });

    const users = await target.client.graph.list<{ id: string }>('/users?$select=id');
    expect(users.length).toBeGreaterThan(0);
    expect(target.client.transport.stats.timedOut).toBe(3);
  } finally {
    await target.close();
  }
}, 30_000);
