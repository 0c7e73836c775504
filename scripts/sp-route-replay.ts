/**
 * Replays a corpus of recorded Graph and SharePoint requests against a fresh local tenant of one
 * source tree, and writes what the SharePoint face answered (status and body, normalised), one
 * JSON line per SharePoint request, so that two trees (the face before and after a change) can
 * be compared line by line (`scripts/sp-route-compare.ts`).
 *
 *   npx tsx scripts/sp-route-replay.ts <tree> <out.jsonl> <corpus.jsonl>...
 *
 * A corpus line is one request a local tenant answered, as scripts/sp-route-recorder.mjs writes
 * them (`tenant` groups the requests of one tenant; `claims` the token's claims or null;
 * `resBody` the answer recorded). Each
 * tenant's requests are replayed in order against a fresh tenant of `<tree>` with the same name:
 * verified tokens are signed again with the new tenant's key (times moved to now), other
 * `Authorization` headers are sent as recorded; ids the recording's answers gave are mapped to
 * the ids the new tenant gives, by their order in the two answers, and replaced in later paths
 * and bodies. Then `odd paths`, written here, are sent to one more tenant: every route's paths in
 * wrong case, with trailing slashes, unknown segments, missing or wrong arguments, encoded
 * characters, under every method.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ODD_PATHS, oddSetup } from './sp-route-odd-paths.ts';

interface Rec {
  tenant: string;
  /** the SharePoint host the request named (`<tenant>.sharepoint.com`), or null */
  spHost: string | null;
  face: 'graph' | 'sharepoint';
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  claims: Record<string, unknown> | null;
  status: number;
  resBody: string | null;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const [tree, out, ...corpora] = process.argv.slice(2);
if (!tree || !out || corpora.length === 0) throw new Error('usage: sp-route-replay.ts <tree> <out.jsonl> <corpus.jsonl>...');
const { startLocalTenant } = (await import(pathToFileURL(resolve(tree, 'src/emulator/index.ts')).href)) as typeof import('../src/emulator/index.ts');

const recs: Rec[] = corpora.flatMap((f) =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Rec),
);
const byTenant = new Map<string, Rec[]>();
for (const r of recs) byTenant.set(r.tenant, [...(byTenant.get(r.tenant) ?? []), r]);

const lines: string[] = [];

function token(key: Buffer, claims: Record<string, unknown>): string {
  const now = Math.floor(Date.now() / 1000);
  const c = { ...claims, iat: now - 60, nbf: now - 60, exp: now + 3000 };
  const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'local-tenant' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(c)).toString('base64url');
  return `${head}.${body}.${createHmac('sha256', key).update(`${head}.${body}`).digest('base64url')}`;
}

/** Replaces every mapped id (in any case) in a text. */
function mapIds(s: string, ids: Map<string, string>): string {
  return s.replace(UUID, (m) => ids.get(m.toLowerCase()) ?? m);
}

/** The answer without what differs from run to run: ids as first seen, digests, times. */
function normalise(body: string, seen: Map<string, string>): string {
  return body
    .replace(UUID, (m) => {
      const k = m.toLowerCase();
      if (!seen.has(k)) seen.set(k, `#${seen.size}`);
      return seen.get(k)!;
    })
    .replace(/0x[0-9A-F]{128},[^"<]*/g, '<digest>')
    .replace(/\/Date\([\d,]+\)\//g, '<date>')
    .replace(/0x[0-9a-f]{36,}|[0-9a-f]{32}/gi, (m) => {
      const k = m.toLowerCase();
      if (!seen.has(k)) seen.set(k, `#${seen.size}`);
      return seen.get(k)!;
    })
    .replace(/\b1\d{12}\b/g, '<ms>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?/g, '<time>')
    .replace(/[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g, '<time>');
}

/** The operations the stats counted SharePoint requests under (what users and the benchmark read), as one more line. */
async function operations(t: { url: string; controlKey: string }, label: string): Promise<string> {
  const stats = (await (await fetch(`${t.url}/_emulator/stats`, { headers: { authorization: `Bearer ${t.controlKey}` } })).json()) as { byOperation: Record<string, number> };
  const sp = Object.entries(stats.byOperation).filter(([k]) => k.startsWith('SP '));
  return JSON.stringify({ label: `${label} operations`, method: 'STATS', url: '', status: 200, body: JSON.stringify(Object.fromEntries(sp)) });
}

async function replay(label: string, tenantName: string, requests: Rec[]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sp-replay-'));
  const t = await startLocalTenant({ stateDir: dir, port: 0, tenantName, profile: 'instant' });
  const key = Buffer.from((JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { signingKey: string }).signingKey, 'base64');
  const ids = new Map<string, string>();
  const seen = new Map<string, string>();
  try {
    for (const r of requests) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.headers)) if (k !== 'authorization') headers[k] = String(v);
      if (r.claims) headers.authorization = `Bearer ${token(key, r.claims)}`;
      else if (r.headers.authorization) headers.authorization = String(r.headers.authorization);
      const body = r.body ? Buffer.from(mapIds(Buffer.from(r.body, 'base64').toString('latin1'), ids), 'latin1') : undefined;
      const res = await fetch(`${t.url}${mapIds(r.url, ids)}`, { method: r.method, headers, ...(body && body.length && r.method !== 'GET' ? { body } : {}) });
      const text = await res.text();
      // ids the recording's answer gave, in order, are the ones this answer gives
      if (r.resBody) {
        const was = r.resBody.match(UUID) ?? [];
        const now = text.match(UUID) ?? [];
        if (was.length === now.length) was.forEach((w, i) => !ids.has(w.toLowerCase()) && ids.set(w.toLowerCase(), now[i]!.toLowerCase()));
      }
      if (r.face === 'sharepoint') lines.push(JSON.stringify({ label, method: r.method, url: r.url, xmethod: r.headers['x-http-method'] ?? null, status: res.status, body: normalise(text, seen) }));
    }
    lines.push(await operations(t, label));
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const cpuStart = process.cpuUsage();
let n = 0;
for (const [tenant, requests] of byTenant) {
  const host = requests.find((r) => r.spHost)?.spHost ?? 'contoso.sharepoint.com';
  await replay(`tenant ${n++} (${tenant})`, host.replace(/\.sharepoint\.com$/, ''), requests);
}

const cpu = process.cpuUsage(cpuStart);
const cpuRecorded = (cpu.user + cpu.system) / 1e6;

// odd paths, on a tenant of their own, with a certificate app token (all roles)
{
  const dir = mkdtempSync(join(tmpdir(), 'sp-replay-odd-'));
  const t = await startLocalTenant({ stateDir: dir, port: 0, tenantName: 'contoso', profile: 'instant' });
  const key = Buffer.from((JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8')) as { signingKey: string }).signingKey, 'base64');
  const auth = `Bearer ${token(key, { aud: 'https://contoso.sharepoint.com', iss: `https://sts.windows.net/${t.tenantId}/`, tid: t.tenantId, appid: t.clientId, appidacr: '2', idtyp: 'app', oid: t.clientId, sub: t.clientId, roles: ['Sites.FullControl.All', 'Sites.ReadWrite.All', 'Sites.Read.All', 'TermStore.ReadWrite.All'], ver: '1.0' })}`;
  const seen = new Map<string, string>();
  const send = async (method: string, path: string, body?: unknown, host = 'contoso.sharepoint.com') => {
    const headers: Record<string, string> = { authorization: auth, accept: 'application/json;odata=nometadata', 'x-forwarded-host': host };
    if (body !== undefined) headers['content-type'] = 'application/json';
    // 'POST+MERGE': a POST with X-HTTP-Method, as PnPjs sends its updates
    const [verb, tunnelled] = method.split('+') as [string, string | undefined];
    if (tunnelled) headers['x-http-method'] = tunnelled;
    const res = await fetch(`${t.url}${path}`, { method: verb, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: res.status, text: await res.text() };
  };
  try {
    const ctx = await oddSetup(send);
    for (const o of ODD_PATHS(ctx)) {
      const r = await send(o.method, o.path, o.body, o.host);
      lines.push(JSON.stringify({ label: 'odd', method: o.method, url: o.path, host: o.host ?? null, status: r.status, body: normalise(r.text, seen) }));
    }
    lines.push(await operations(t, 'odd'));
  } finally {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

writeFileSync(out, lines.join('\n') + '\n');
const cpuAll = (() => {
  const u = process.cpuUsage(cpuStart);
  return (u.user + u.system) / 1e6;
})();
// the process's CPU (client, tenant and replay bookkeeping in one process): the recorded part, then all
console.log(`${lines.length} SharePoint answers written to ${out}; CPU ${cpuRecorded.toFixed(2)} s for ${recs.length} recorded requests, ${cpuAll.toFixed(2)} s in all`);
