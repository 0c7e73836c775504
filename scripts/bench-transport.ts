/**
 * The request path's CPU cost (issue 12): CPU time of this process per request through the real
 * transport and SDK faces (src/tenant/), against a local tenant served by `provision emulator
 * start` in another process, so that only the engine's side is counted. Three kinds of request,
 * as a plan makes them:
 * - a Graph GET (the Graph SDK face, `GET /sites/root`);
 * - a SharePoint REST GET through PnPjs (`web/lists()` of the root site);
 * - a Graph `$batch` of 20 GETs.
 * Each is measured with each sender (src/tenant/http-sender.ts): `fetch`, the previous path
 * (Node's global fetch on the rerouting dispatcher, the answer copied into a new Response), and
 * `undici`, the current one; the rounds alternate the two and the lowest figure of each is kept
 * (the machine is shared). It also counts the TCP connections opened (keep-alive reused or not).
 *
 * Then, with the current sender, what each layer of a request costs (issue 12's twenty-ninth
 * pass): the same GET sent by undici alone (the global rerouting dispatcher, a bearer token, the
 * answer parsed), through the engine's transport (pacing, deadline, retry, throttling scope), and
 * through the SDK face the engine reads with: the Graph face for `GET /sites/root`, and for
 * SharePoint the engine's own read of a library's security (`readListSecurity`, PnPjs, `$select`
 * and `$expand` of its role assignments). Rounds alternate the layers; the lowest figure is kept.
 *
 * Last, the same SharePoint read (a list's views) made through PnPjs's fluent chain
 * (`web(url).web.lists.getById(id).views`, a queryable built for each step) and through one
 * queryable at its path (`query(url, path)`, as a plan reads every site since issue 12's
 * thirty-ninth pass): the same request, rounds alternating, the lowest figure kept.
 *
 *   npx tsx scripts/bench-transport.ts [--requests 2000] [--rounds 3] [--parallel 16] [--dir .bench/transport]
 */
import { subscribe } from 'node:diagnostics_channel';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openTarget } from '../src/tenant/target.ts';
import { sendWithFetch, sendWithUndici, type HttpSender } from '../src/tenant/http-sender.ts';
import type { TenantClient } from '../src/tenant/tenant-client.ts';
import { startEmulatorProcess } from './bench/emulator-process.ts';
import { request as undiciRequest } from 'undici';
import '@pnp/sp/views/index.js';
import { ASSIGNMENT_SELECT, readListSecurity } from '../src/kinds/shared/list-assignments.ts';

const root = resolve(import.meta.dirname, '..');
const argOf = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new Error(`--${name}: ${process.argv[i + 1]} is not a whole number, 1-100000`);
  return n;
};
const requests = argOf('requests', 2000);
const rounds = argOf('rounds', 3);
const parallel = argOf('parallel', 16);
const dirIndex = process.argv.indexOf('--dir');
const cwd = resolve(dirIndex >= 0 ? process.argv[dirIndex + 1]! : join(root, '.bench', 'transport'));
rmSync(cwd, { recursive: true, force: true });
mkdirSync(cwd, { recursive: true });

let connections = 0;
subscribe('undici:client:connected', () => connections++);

type Kind = 'graph GET' | 'SharePoint GET (PnPjs)' | 'graph $batch of 20';
const kinds: Record<Kind, (client: TenantClient) => Promise<unknown>> = {
  'graph GET': (c) => c.graph.get('/sites/root'),
  'SharePoint GET (PnPjs)': (c) => c.sp.web(`https://${c.sharepointHost}`).web.lists(),
  'graph $batch of 20': (c) =>
    c.graph.post('/$batch', { requests: Array.from({ length: 20 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: '/sites/root' })) }),
};
const senders: Record<string, HttpSender> = { fetch: sendWithFetch, undici: sendWithUndici };

/** CPU microseconds per request for `count` requests, `parallel` in flight. */
async function measure(client: TenantClient, run: (c: TenantClient) => Promise<unknown>, count: number): Promise<{ cpuUs: number; connections: number }> {
  const opened = connections;
  const cpu = process.cpuUsage();
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++;
        await run(client);
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { cpuUs: (used.user + used.system) / count, connections: connections - opened };
}

/** One GET, layer by layer (the header's second part): CPU µs per request, lowest of the rounds. */
async function measureLayers(client: TenantClient): Promise<Record<string, number>> {
  const graphUrl = 'https://graph.microsoft.com/v1.0/sites/root';
  const site = `https://${client.sharepointHost}`;
  const graphAuth = `Bearer ${await client.tokens.token('https://graph.microsoft.com')}`;
  const spAuth = `Bearer ${await client.tokens.token(site)}`;
  const [list] = await client.sp.web(site).web.lists.select('Id')<{ Id: string }[]>();
  if (!list) throw new Error('the local tenant\'s root site has no list to read');
  // the request readListSecurity makes
  const select = ['HasUniqueRoleAssignments', ...ASSIGNMENT_SELECT.map((p) => `RoleAssignments/${p}`)].join(',');
  const listUrl = `${site}/_api/web/lists('${list.Id}')?$select=${select}&$expand=RoleAssignments/Member,RoleAssignments/RoleDefinitionBindings`;
  const memo = <T>(_key: string, load: () => Promise<T>) => load();
  const steps: Record<string, (c: TenantClient) => Promise<unknown>> = {
    'Graph GET: undici alone': async () => (await undiciRequest(graphUrl, { headers: { authorization: graphAuth } })).body.json(),
    'Graph GET: the transport': async (c) => (await c.transport.send(graphUrl, { method: 'GET', headers: { authorization: graphAuth } })).json(),
    'Graph GET: the Graph face': (c) => c.graph.get('/sites/root'),
    'SharePoint GET: undici alone': async () => (await undiciRequest(listUrl, { headers: { authorization: spAuth, accept: 'application/json;odata=nometadata' } })).body.json(),
    'SharePoint GET: the transport': async (c) => (await c.transport.send(listUrl, { method: 'GET', headers: { authorization: spAuth, accept: 'application/json;odata=nometadata' } })).json(),
    "SharePoint GET: PnPjs (a library's security read)": (c) => readListSecurity({ tenant: c, memo }, site, list.Id),
  };
  for (const run of Object.values(steps)) await measure(client, run, Math.min(200, requests)); // warm-up
  const out: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    const names = round % 2 === 0 ? Object.keys(steps) : Object.keys(steps).reverse();
    for (const name of names) {
      const { cpuUs } = await measure(client, steps[name]!, requests);
      out[name] = Math.min(out[name] ?? Infinity, cpuUs);
      console.error(`round ${round + 1} ${name}: ${cpuUs.toFixed(0)} µs CPU/request`);
    }
  }
  return out;
}

/** A list's views through the fluent chain and through one queryable: CPU µs per request, lowest of the rounds. */
async function measureChain(client: TenantClient): Promise<Record<string, number>> {
  const site = `https://${client.sharepointHost}`;
  const [list] = await client.sp.web(site).web.lists.select('Id')<{ Id: string }[]>();
  if (!list) throw new Error('the local tenant\'s root site has no list to read');
  const steps: Record<string, (c: TenantClient) => Promise<unknown>> = {
    'the fluent chain (web, lists, getById, views)': (c) => c.sp.web(site).web.lists.getById(list.Id).views.select('Id', 'Title')(),
    'one queryable (query)': (c) => c.sp.query(site, `_api/web/lists('${list.Id}')/views`).select('Id', 'Title')(),
  };
  for (const run of Object.values(steps)) await measure(client, run, Math.min(200, requests)); // warm-up
  const out: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    const names = round % 2 === 0 ? Object.keys(steps) : Object.keys(steps).reverse();
    for (const name of names) out[name] = Math.min(out[name] ?? Infinity, (await measure(client, steps[name]!, requests)).cpuUs);
  }
  return out;
}

const emulator = await startEmulatorProcess(cwd, ['--profile', 'instant']);
const best: Record<string, { cpuUs: number; connections: number }> = {};
let layers: Record<string, number> = {};
let chain: Record<string, number> = {};
try {
  // one client per sender, unpaced Graph GETs unbatched: each kind is what it says
  const clients: Record<string, TenantClient> = {};
  const targets = [];
  for (const [name, sender] of Object.entries(senders)) {
    const target = await openTarget({ tenant: 'local', cwd, transport: { sender, batching: false, concurrency: parallel } });
    targets.push(target);
    clients[name] = target.client;
    for (const run of Object.values(kinds)) await measure(target.client, run, Math.min(200, requests)); // warm-up: tokens, JIT
  }
  for (let round = 0; round < rounds; round++) {
    for (const [kind, run] of Object.entries(kinds)) {
      const order = round % 2 === 0 ? Object.keys(senders) : Object.keys(senders).reverse();
      for (const name of order) {
        const count = kind.includes('$batch') ? Math.max(1, Math.round(requests / 10)) : requests;
        const figure = await measure(clients[name]!, run, count);
        const key = `${kind}|${name}`;
        if (!best[key] || figure.cpuUs < best[key].cpuUs) best[key] = figure;
        console.error(`round ${round + 1} ${kind} ${name}: ${figure.cpuUs.toFixed(0)} µs CPU/request, ${figure.connections} connections opened`);
      }
    }
  }
  layers = await measureLayers(clients.undici!);
  chain = await measureChain(clients.undici!);
  for (const target of targets) await target.close();
} finally {
  await emulator.stop();
}

console.log(`\nCPU of this process per request (lowest of ${rounds} rounds; ${requests} requests a round, ${parallel} in flight; a $batch round sends a tenth as many)\n`);
console.log('| request | fetch (before) | undici (after) | after / before |');
console.log('| --- | ---: | ---: | ---: |');
for (const kind of Object.keys(kinds)) {
  const before = best[`${kind}|fetch`]!;
  const after = best[`${kind}|undici`]!;
  console.log(`| ${kind} | ${(before.cpuUs / 1000).toFixed(3)} ms | ${(after.cpuUs / 1000).toFixed(3)} ms | ${(after.cpuUs / before.cpuUs).toFixed(2)} |`);
}
console.log(`\nTCP connections: ${connections} opened in all (warm-up included), ${Object.values(best).map((b) => b.connections).join(', ')} in the measured rounds kept (0 = keep-alive reused)`);
console.log(`\nWhat each layer adds (the undici sender; lowest of ${rounds} rounds, ${requests} requests a round)\n`);
console.log('| request | CPU per request | added by this layer |');
console.log('| --- | ---: | ---: |');
let below = 0;
for (const [name, us] of Object.entries(layers)) {
  const first = name.endsWith('undici alone');
  console.log(`| ${name} | ${(us / 1000).toFixed(3)} ms | ${first ? '–' : `${((us - below) / 1000).toFixed(3)} ms`} |`);
  below = us;
}
console.log(`\nOne SharePoint read (a list's views) through PnPjs, two ways (lowest of ${rounds} rounds, ${requests} requests a round)\n`);
console.log('| PnPjs | CPU per request |');
console.log('| --- | ---: |');
for (const [name, us] of Object.entries(chain)) console.log(`| ${name} | ${(us / 1000).toFixed(3)} ms |`);
