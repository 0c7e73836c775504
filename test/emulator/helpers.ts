import { createHash, createPrivateKey, randomUUID, sign as cryptoSign, X509Certificate } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { startLocalTenant, type LocalTenant, type LocalTenantOptions } from '../../src/emulator/index.ts';

export function tempDir(prefix = 'lt-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Client {
  t: LocalTenant;
  graphToken: string;
  spToken: string;
  graph(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
  sp(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<HttpResult>;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/**
 * A client assertion for the local tenant's app, signed with its certificate (RS256, `x5t`), as
 * MSAL makes one: the credential SharePoint accepts for app-only tokens.
 */
export function clientAssertion(t: Pick<LocalTenant, 'tenantId' | 'clientId' | 'certificatePath'>): string {
  const pem = fs.readFileSync(t.certificatePath, 'utf8');
  const cert = new X509Certificate(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)![0]);
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ alg: 'RS256', typ: 'JWT', x5t: createHash('sha1').update(cert.raw).digest('base64url') });
  const body = b64({ aud: `https://login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/token`, iss: t.clientId, sub: t.clientId, jti: randomUUID(), nbf: now, exp: now + 600 });
  return `${head}.${body}.${cryptoSign('sha256', Buffer.from(`${head}.${body}`), createPrivateKey(pem)).toString('base64url')}`;
}

/** An app-only token obtained with the app's certificate (`appidacr` 2). */
export async function certificateToken(t: LocalTenant, scope: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${t.url}/${t.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: t.clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion(t), scope }),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

/** An app-only token obtained with the client secret (`appidacr` 1: SharePoint refuses it, Graph accepts it). */
export async function token(t: LocalTenant, scope: string, secret = t.clientSecret): Promise<{ status: number; json: Record<string, unknown> }> {
  const r = await fetch(`${t.url}/${t.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: t.clientId, client_secret: secret, scope }),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

async function send(url: string, method: string, headers: Record<string, string>, body: unknown): Promise<HttpResult> {
  const r = await fetch(url, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await r.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: r.status, headers: r.headers, text, json };
}

/** Strip a real Graph URL to the path the emulator serves. */
export function graphPath(p: string): string {
  return p.replace(/^https:\/\/graph\.microsoft\.com/, '');
}

/** A client of both faces with app-only tokens from the app's certificate. */
export async function client(t: LocalTenant): Promise<Client> {
  const g = await certificateToken(t, 'https://graph.microsoft.com/.default');
  const s = await certificateToken(t, `https://${t.sharepointHost}/.default`);
  const graphToken = g.json.access_token as string;
  const spToken = s.json.access_token as string;
  return {
    t,
    graphToken,
    spToken,
    graph: (method, p, body, headers = {}) =>
      send(`${t.url}/v1.0${p.startsWith('/v1.0') ? p.slice(5) : p}`, method, { authorization: `Bearer ${graphToken}`, 'x-forwarded-host': 'graph.microsoft.com', ...headers }, body),
    sp: (method, p, body, headers = {}) =>
      send(`${t.url}${p}`, method, { authorization: `Bearer ${spToken}`, accept: 'application/json', 'x-forwarded-host': t.sharepointHost, ...(body !== undefined ? { 'content-type': 'application/json;charset=utf-8' } : {}), ...headers }, body),
  };
}

export async function start(dir = tempDir(), opts: Omit<LocalTenantOptions, 'stateDir'> = {}): Promise<{ t: LocalTenant; c: Client; dir: string }> {
  const t = await startLocalTenant({ stateDir: dir, ...opts });
  const c = await client(t);
  return { t, c, dir };
}

/**
 * For files whose tests each need a tenant of their own: returns a starter; every tenant it
 * started is closed after the test. Call at the top level of the test file.
 */
export function tenantPerTest(): (opts?: Omit<LocalTenantOptions, 'stateDir'>) => Promise<{ t: LocalTenant; c: Client }> {
  const open: LocalTenant[] = [];
  afterEach(async () => {
    while (open.length) await open.pop()!.close();
  });
  return async (opts = {}) => {
    const r = await start(tempDir(), opts);
    open.push(r.t);
    return r;
  };
}

let seq = 0;
export function uniq(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${(seq++).toString(36)}`;
}

export async function newGroup(c: Client, nick = uniq('grp'), extra: Record<string, unknown> = {}): Promise<{ id: string; mailNickname: string; displayName: string }> {
  const r = await c.graph('POST', '/groups', {
    displayName: `Group ${nick}`,
    mailNickname: nick,
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ['Unified'],
    'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/admin@contoso.onmicrosoft.com'],
    ...extra,
  });
  if (r.status !== 201) throw new Error(`group create failed: ${r.status} ${r.text}`);
  return r.json;
}

export async function groupSite(c: Client, groupId: string): Promise<{ id: string; webUrl: string; path: string }> {
  const r = await c.graph('GET', `/groups/${groupId}/sites/root`);
  if (r.status !== 200) throw new Error(`group site failed: ${r.status} ${r.text}`);
  return { id: r.json.id, webUrl: r.json.webUrl, path: new URL(r.json.webUrl).pathname };
}

/** A SharePoint `$batch` of writes in one changeset, written by hand (not by the engine's batcher), each `[method, absolute url, body]`. */
export function batchOf(writes: [string, string, unknown][]): { body: string; contentType: string } {
  const lines = ['--batch_b1', 'Content-Type: multipart/mixed; boundary="changeset_c1"', ''];
  for (const [method, url, body] of writes) {
    lines.push('--changeset_c1', 'Content-Type: application/http', 'Content-Transfer-Encoding: binary', '', `${method} ${url} HTTP/1.1`, 'Accept: application/json;odata=nometadata', 'Content-Type: application/json;charset=utf-8', '', JSON.stringify(body), '');
  }
  lines.push('--changeset_c1--', '', '--batch_b1--', '');
  return { body: lines.join('\r\n'), contentType: 'multipart/mixed; boundary=batch_b1' };
}

/** The status of each part of a `$batch` answer, in order. */
export function statusesOf(text: string): number[] {
  return [...text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => Number(m[1]));
}
