/**
 * The transport over real HTTP against a scripted server: a 429 pauses the whole pool until
 * Retry-After (seconds, decimals, HTTP date), a POST is never resent after an ambiguous 5xx
 * while a GET is, a 500 that carries SharePoint's exception is not sent again, and the pacer spaces requests once the budget headers say it runs low.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { createTransport } from '../../src/tenant/transport.ts';
import { Headers as UndiciHeaders } from 'undici';
import { sendWithUndici, type HttpSender } from '../../src/tenant/http-sender.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void;
let server: http.Server | undefined;

async function serve(handler: Handler): Promise<{ url: string; arrivals: { method: string; at: number }[] }> {
  const arrivals: { method: string; at: number }[] = [];
  server = http.createServer((req, res) => {
    arrivals.push({ method: req.method ?? '', at: Date.now() });
    req.resume();
    req.on('end', () => handler(req, res, arrivals.length));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`, arrivals };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

test.each([
  ['whole seconds', () => '1'],
  ['decimal seconds', () => '0.6'],
  ['an HTTP date', () => new Date(Date.now() + 1500).toUTCString()],
])('a 429 with Retry-After in %s pauses every request until it has passed', async (_name, retryAfter) => {
  let throttledUntil = 0;
  const { url, arrivals } = await serve((_req, res, n) => {
    if (n === 1) {
      const value = retryAfter();
      throttledUntil = /^\d/.test(value) ? Date.now() + Number(value) * 1000 : Date.parse(value);
      res.writeHead(429, { 'retry-after': value }).end();
    } else res.writeHead(200).end('ok');
  });
  const transport = createTransport({ concurrency: 4 });
  const first = transport.send(url, { method: 'GET' });
  // Send the others once the client has seen the 429.
  while (transport.stats.throttled === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const others = [1, 2, 3].map(() => transport.send(url, { method: 'GET' }));
  const answers = await Promise.all([first, ...others]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
  // Nothing but the first request reached the server before Retry-After had passed.
  const early = arrivals.slice(1).filter((a) => a.at < throttledUntil - 50);
  expect(early).toEqual([]);
  expect(transport.stats.throttled).toBe(1);
});

test('a request that passed the gate and then waited for a slot does not go out once a 429 has closed the gate', async () => {
  // A pool of two, held by a slow SharePoint request and a Teams request answered 429
  // (Retry-After 1 s) after 150 ms. A second Teams request passes the Teams gate meanwhile (open,
  // one request of its budget in flight) and waits for a slot of the pool. When the 429 frees a
  // slot, the gate is closed: the second must wait for the Retry-After, not go out at once.
  let throttledAt = 0;
  const teams: { path: string; at: number }[] = [];
  const { url } = await serve((req, res) => {
    if (req.url?.startsWith('/sites')) return void setTimeout(() => res.writeHead(200).end('ok'), 400);
    teams.push({ path: req.url ?? '', at: Date.now() });
    if (teams.length === 1) {
      setTimeout(() => {
        throttledAt = Date.now();
        res.writeHead(429, { 'retry-after': '1' }).end();
      }, 150);
    } else res.writeHead(200).end('ok');
  });
  const base = url.replace(/\/x$/, '');
  const transport = createTransport({ concurrency: 2 });
  const slow = transport.send(`${base}/sites/slow`, { method: 'GET' });
  const first = transport.send(`${base}/teams/a`, { method: 'GET' });
  while (teams.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
  const secondCalledAt = Date.now();
  const second = transport.send(`${base}/teams/b`, { method: 'GET' });
  const answers = await Promise.all([slow, first, second]);
  expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
  // The event happened: the second was asked for before the 429 came, passed the gate, and
  // found it closed once it had a slot.
  expect(secondCalledAt).toBeLessThan(throttledAt);
  expect(transport.stats.backToGate).toBe(1);
  // No Teams request reached the server before the Retry-After had passed.
  expect(teams.slice(1).filter((a) => a.at < throttledAt + 1000 - 50)).toEqual([]);
  expect(teams.map((a) => a.path).sort()).toEqual(['/teams/a', '/teams/a', '/teams/b']);
  expect(transport.stats.throttled).toBe(1);
});

test('an ambiguous 503 resends a GET but never a POST', async () => {
  const { url, arrivals } = await serve((_req, res, n) => {
    if (n <= 2) res.writeHead(503).end();
    else res.writeHead(201).end('{}');
  });
  const transport = createTransport({ concurrency: 1, baseBackoffMs: 10 });
  const post = await transport.send(url, { method: 'POST', body: '{}' });
  expect(post.status).toBe(503);
  expect(arrivals.filter((a) => a.method === 'POST')).toHaveLength(1);
  const get = await transport.send(url, { method: 'GET' });
  expect(get.status).toBe(201);
  expect(arrivals.filter((a) => a.method === 'GET')).toHaveLength(2);
});

test('a 500 that carries a SharePoint exception is the service refusing: a DELETE is not sent again; a 500 of a passing trouble is', async () => {
  const refusal = JSON.stringify({ 'odata.error': { code: '-2146232832, Microsoft.SharePoint.SPException', message: { lang: 'en-US', value: 'Site columns which are included in content types cannot be deleted.' } } });
  const passing = JSON.stringify({ 'odata.error': { code: '-2146232060, System.Data.SqlClient.SqlException', message: { lang: 'en-US', value: 'Timeout expired.' } } });
  const { url, arrivals } = await serve((_req, res, n) => {
    if (n === 1) res.writeHead(500, { 'content-type': 'application/json' }).end(refusal);
    else if (n === 2 || n === 4) res.writeHead(500, { 'content-type': 'application/json' }).end(n === 2 ? passing : 'Internal Server Error');
    else res.writeHead(200).end('{}');
  });
  const transport = createTransport({ concurrency: 1, baseBackoffMs: 10 });
  const refused = await transport.send(url, { method: 'DELETE' });
  expect(refused.status).toBe(500);
  expect(await refused.text()).toBe(refusal);
  expect(arrivals).toHaveLength(1);
  expect((await transport.send(url, { method: 'DELETE' })).status).toBe(200);
  expect((await transport.send(url, { method: 'GET' })).status).toBe(200);
  expect(arrivals).toHaveLength(5);
  expect(transport.stats.retried).toBe(2);
});

test('budget headers at the end of the budget hold requests until the reset', async () => {
  const { url, arrivals } = await serve((_req, res, n) => {
    if (n === 1) res.writeHead(200, { 'ratelimit-limit': '100', 'ratelimit-remaining': '5', 'ratelimit-reset': '1' }).end();
    else res.writeHead(200).end();
  });
  const transport = createTransport({ concurrency: 4, targetShare: 0.9 });
  await transport.send(url, { method: 'GET' });
  await Promise.all([1, 2].map(() => transport.send(url, { method: 'GET' })));
  // 5 left is below the 10 % reserve: the next requests wait for the reset (1 s).
  expect(arrivals[1]!.at - arrivals[0]!.at).toBeGreaterThanOrEqual(900);
  expect(transport.stats.pacer.waitedMs).toBeGreaterThan(0);
});

test('requests beyond the reserve of a known budget wait their turn and are all answered, never more in flight than it allows', async () => {
  let inFlight = 0;
  let most = 0;
  const server = await serve((_req, res, n) => {
    inFlight++;
    most = Math.max(most, inFlight);
    // The first answer makes the budget known (100 a window, all of it left, reset at once): a reserve of 10, 5 requests of 2.
    const headers = n === 1 ? { 'ratelimit-limit': '100', 'ratelimit-remaining': '100', 'ratelimit-reset': '0' } : {};
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, headers).end(String(n));
    }, 15);
  });
  const transport = createTransport({ concurrency: 40, targetShare: 0.9 });
  await transport.send(server.url, { method: 'GET' });
  most = 0;
  const answers = await Promise.all(Array.from({ length: 60 }, () => transport.send(server.url, { method: 'GET' })));
  expect(answers.every((r) => r.status === 200)).toBe(true);
  expect(server.arrivals).toHaveLength(61);
  expect(most).toBeLessThanOrEqual(5);
  // It did not go one at a time either: the waiters that fit are woken together.
  expect(most).toBeGreaterThanOrEqual(4);
});

test.each([
  ['a plain object', { 'X-HTTP-Method': 'MERGE', 'content-type': 'application/json' }],
  ['Headers', new Headers({ 'x-http-method': 'DELETE' })],
  ["undici's Headers", new UndiciHeaders({ 'X-Http-Method': 'PUT' })],
  ['name-value pairs', [['X-Http-Method', ' PATCH ']] as [string, string][]],
])('a POST that overrides its method (X-HTTP-Method, headers given as %s) is idempotent: resent after an ambiguous 503', async (_form, headers) => {
  const { url, arrivals } = await serve((_req, res, n) => {
    if (n === 1) res.writeHead(503).end();
    else res.writeHead(204).end();
  });
  const transport = createTransport({ concurrency: 1, baseBackoffMs: 10 });
  const answer = await transport.send(url, { method: 'POST', body: '{}', headers });
  expect(answer.status).toBe(204);
  expect(arrivals).toHaveLength(2);
});

test('requests waiting for their budget hold no slot of the pool: a request of another budget goes at once', async () => {
  const { url, arrivals } = await serve((req, res, n) => {
    // the first SharePoint answer: 2 units left of 100, reset in 2 s, so the next SharePoint requests wait for it
    if (n === 1) res.writeHead(200, { 'ratelimit-limit': '100', 'ratelimit-remaining': '2', 'ratelimit-reset': '2' }).end();
    else res.writeHead(200).end(req.headers['x-scope']);
  });
  // every URL keeps its own scope (SharePoint's host, Graph's directory) and is served by the scripted server
  const sender: HttpSender = (_u, init) => sendWithUndici(url, init);
  const transport = createTransport({ concurrency: 2, targetShare: 0.9, sender });
  const sharepoint = 'https://contoso.sharepoint.com/sites/a/_api/web';
  await transport.send(sharepoint, { method: 'GET', headers: { 'x-scope': 'sharepoint' } });
  const started = Date.now();
  const waiting = [1, 2, 3].map(() => transport.send(sharepoint, { method: 'GET', headers: { 'x-scope': 'sharepoint' } }));
  const user = await transport.send('https://graph.microsoft.com/v1.0/users/someone', { method: 'GET', headers: { 'x-scope': 'entra' } });
  // the directory read went while the three SharePoint requests (more than the pool's 2 slots) waited for the reset
  expect(await user.text()).toBe('entra');
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(arrivals).toHaveLength(2);
  await Promise.all(waiting);
  expect(arrivals).toHaveLength(5);
  expect(arrivals[2]!.at - started).toBeGreaterThanOrEqual(1_800);
});
