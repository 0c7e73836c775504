/**
 * Throughput of the local tenant, with the server in its own process (as `provision emulator
 * start` runs it) and the client here:
 *
 *   npx tsx scripts/bench-emulator.ts [--seconds 5] [--concurrency 64] [--workspaces 10000] [--profile instant]
 *
 * Measures simple GETs per second on a fresh tenant, creates N workspaces (group + team site +
 * list with 2 columns) and measures again, then prints the emulator's stats.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
}
const SECONDS = Number(arg('seconds', '5'));
const CONC = Number(arg('concurrency', '64'));
const WORKSPACES = Number(arg('workspaces', '10000'));
const PROFILE = arg('profile', 'instant');

const root = path.resolve(import.meta.dirname, '..');
const state = fs.mkdtempSync(path.join(os.tmpdir(), 'lt-bench-'));
const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'emulator', 'start', '--state', state, '--profile', PROFILE], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(buf);
    if (m) resolve(m[1]!);
  });
  child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
});
const tenant = JSON.parse(fs.readFileSync(path.join(state, 'tenant.json'), 'utf8')) as { tenantId: string; clientId: string };
const secret = (JSON.parse(fs.readFileSync(path.join(state, 'secrets.json'), 'utf8')) as { clientSecret: string }).clientSecret;

async function token(scope: string): Promise<string> {
  const r = await fetch(`${url}/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: tenant.clientId, client_secret: secret, scope }),
  });
  return ((await r.json()) as { access_token: string }).access_token;
}
const graphHeaders = { authorization: `Bearer ${await token('https://graph.microsoft.com/.default')}`, 'x-forwarded-host': 'graph.microsoft.com' };

async function graph(method: string, p: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${url}/v1.0${p}`, { method, headers: { ...graphHeaders, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  return { status: r.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function measure(name: string, mk: (i: number) => Promise<{ status: number }>): Promise<number> {
  let count = 0;
  let errors = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONC }, async (_, w) => {
      let i = w;
      while (Date.now() < end) {
        const r = await mk(i);
        if (r.status >= 400) errors++;
        i += CONC;
        count++;
      }
    }),
  );
  const rps = Math.round(count / SECONDS);
  console.log(`${name}: ${rps} requests/s (${count} in ${SECONDS} s, ${CONC} concurrent, ${errors} errors)`);
  return rps;
}

const users = ((await graph('GET', '/users?$select=id&$top=999')).json.value as { id: string }[]).map((u) => u.id);
console.log(`server pid ${child.pid} at ${url}, profile ${PROFILE}`);
// warm up both processes (JIT) before measuring
for (let end = Date.now() + 1500; Date.now() < end; ) await Promise.all(Array.from({ length: 16 }, (_, i) => graph('GET', `/users/${users[i % users.length]}`)));
const before = await measure('GET /users/{id} (empty tenant)', (i) => graph('GET', `/users/${users[i % users.length]}`));

const t0 = Date.now();
const nicks: string[] = [];
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < WORKSPACES) {
      const i = next++;
      const nick = `ws${i}`;
      const g = await graph('POST', '/groups', { displayName: `Workspace ${i}`, mailNickname: nick, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], 'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/admin@contoso.onmicrosoft.com'] });
      if (g.status !== 201) throw new Error(`POST /groups ${g.status}`);
      const s = await graph('GET', `/groups/${g.json.id as string}/sites/root?$select=id`);
      if (s.status === 200) await graph('POST', `/sites/${s.json.id as string}/lists`, { displayName: 'Cases', columns: [{ name: 'Stage', choice: { choices: ['a', 'b'] } }, { name: 'Due', dateTime: {} }] });
      nicks.push(nick);
    }
  }),
);
if (WORKSPACES) console.log(`created ${WORKSPACES} workspaces in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const after = await measure(`GET /users/{id} (${WORKSPACES} workspaces)`, (i) => graph('GET', `/users/${users[i % users.length]}`));
if (WORKSPACES) await measure(`GET /groups?$filter=mailNickname eq (${WORKSPACES} workspaces)`, (i) => graph('GET', `/groups?$filter=mailNickname eq '${nicks[i % nicks.length]}'`));
const controlKey = (JSON.parse(fs.readFileSync(path.join(state, 'credentials.json'), 'utf8')) as { controlKey: string }).controlKey;
const stats = (await (await fetch(`${url}/_emulator/stats`, { headers: { authorization: `Bearer ${controlKey}` } })).json()) as Record<string, unknown>;
console.log(`stats: requests ${String(stats.requests)}, throttled ${JSON.stringify(stats.throttled)}, violations ${String(stats.retryAfterViolations)}`);
console.log(`result: ${before} requests/s on a fresh tenant, ${after} requests/s with ${WORKSPACES} workspaces`);
child.kill('SIGINT');
await new Promise((r) => child.on('exit', r));
fs.rmSync(state, { recursive: true, force: true });
