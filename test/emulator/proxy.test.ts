/**
 * Proxy mode from a client's side: undici's ProxyAgent (what `HTTPS_PROXY` gives Node's fetch)
 * signs in at https://login.microsoftonline.com and reads https://graph.microsoft.com through a
 * CONNECT tunnel whose TLS is verified against the local tenant's CA (and fails without it); an
 * absolute-form request (axios's way) reaches SharePoint; another tenant's SharePoint is refused.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { Client } from '@microsoft/microsoft-graph-client';
import { EnvHttpProxyAgent, ProxyAgent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalTenant, startLocalTenantProxy, type LocalTenant, type LocalTenantProxy } from '../../src/emulator/index.ts';
import { clientAssertion, tempDir } from './helpers.ts';

let t: LocalTenant;
let proxy: LocalTenantProxy;
let agent: ProxyAgent;
let dir: string;

beforeAll(async () => {
  dir = tempDir('lt-proxy-');
  t = await startLocalTenant({ stateDir: dir });
  proxy = await startLocalTenantProxy({ stateDir: dir, tenantUrl: t.url, sharepointHost: t.sharepointHost });
  agent = new ProxyAgent({ uri: proxy.url, requestTls: { ca: fs.readFileSync(proxy.caCertificatePath, 'utf8') } });
});
afterAll(async () => {
  await agent?.close();
  await proxy?.close();
  await t?.close();
});

/** A certificate token from the real token endpoint, through the proxy. */
async function tokenThroughProxy(scope: string): Promise<string> {
  const r = await fetch(`https://login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: t.clientId, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: clientAssertion(t), scope }),
  } as RequestInit);
  expect(r.status).toBe(200);
  return ((await r.json()) as { access_token: string }).access_token;
}

describe('proxy mode', () => {
  it('routes HTTPS through CONNECT to the local tenant at the real hostnames, TLS verified against its CA', async () => {
    const before = t.stats().requests;
    const token = await tokenThroughProxy('https://graph.microsoft.com/.default');
    const r = await fetch('https://graph.microsoft.com/v1.0/users/admin@contoso.onmicrosoft.com?$select=userPrincipalName', { dispatcher: agent, headers: { authorization: `Bearer ${token}` } } as RequestInit);
    expect(r.status).toBe(200);
    expect(((await r.json()) as { userPrincipalName: string }).userPrincipalName).toBe('admin@contoso.onmicrosoft.com');
    // both calls were answered by this local tenant
    expect(t.stats().requests - before).toBe(2);
  });

  it('the Graph SDK reaches the local tenant through HTTPS_PROXY (undici EnvHttpProxyAgent)', async () => {
    const saved = { https: process.env.HTTPS_PROXY, no: process.env.NO_PROXY };
    process.env.HTTPS_PROXY = proxy.url;
    process.env.NO_PROXY = '';
    const fromEnv = new EnvHttpProxyAgent({ requestTls: { ca: fs.readFileSync(proxy.caCertificatePath, 'utf8') } });
    try {
      const token = await tokenThroughProxy('https://graph.microsoft.com/.default');
      const graph = Client.init({ authProvider: (done) => done(null, token), fetchOptions: { dispatcher: fromEnv } as RequestInit });
      const before = t.stats().byOperation['GET /users'] ?? 0;
      const page = (await graph.api('/users').top(2).select('userPrincipalName').get()) as { value: { userPrincipalName: string }[] };
      expect(page.value).toHaveLength(2);
      expect(t.stats().byOperation['GET /users']).toBe(before + 1);
    } finally {
      await fromEnv.close();
      process.env.HTTPS_PROXY = saved.https;
      process.env.NO_PROXY = saved.no;
      if (saved.https === undefined) delete process.env.HTTPS_PROXY;
      if (saved.no === undefined) delete process.env.NO_PROXY;
    }
  });

  it('a client that does not trust the CA is refused by TLS', async () => {
    const untrusting = new ProxyAgent({ uri: proxy.url });
    try {
      const err = await fetch('https://graph.microsoft.com/v1.0/users', { dispatcher: untrusting } as RequestInit).then(
        () => undefined,
        (e: Error & { cause?: { code?: string } }) => e,
      );
      expect(err?.cause?.code).toMatch(/CERT|SELF_SIGNED|UNABLE_TO/);
    } finally {
      await untrusting.close();
    }
  });

  it('serves an absolute-form request (as axios sends HTTPS through a proxy) for SharePoint', async () => {
    const token = await tokenThroughProxy(`https://${t.sharepointHost}/.default`);
    const p = new URL(proxy.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: p.hostname, port: p.port, method: 'GET', path: `https://${t.sharepointHost}/_api/web?$select=Url`, headers: { authorization: `Bearer ${token}`, accept: 'application/json;odata=nometadata', host: t.sharepointHost } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ Url: `https://${t.sharepointHost}` });
  });

  it("refuses another tenant's SharePoint rather than reaching a real tenant", async () => {
    const p = new URL(proxy.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: p.hostname, port: p.port, method: 'CONNECT', path: 'fabrikam.sharepoint.com:443' });
      req.on('connect', (res, socket, head: Buffer) => {
        let body = head.toString();
        socket.on('data', (d: Buffer) => (body += d.toString()));
        socket.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toContain('fabrikam.sharepoint.com');
  });

  it('refuses what the service never answers (http://, a port other than 443) and another cloud\'s Graph host', async () => {
    const p = new URL(proxy.url);
    const plain = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: p.hostname, port: p.port, method: 'GET', path: `http://${t.sharepointHost}/_api/web`, headers: { host: t.sharepointHost } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(plain.status).toBe(403);
    expect(plain.body).toContain('only https://');
    const connect = (authority: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: p.hostname, port: p.port, method: 'CONNECT', path: authority });
        req.on('connect', (res, socket, head: Buffer) => {
          let body = head.toString();
          socket.on('data', (d: Buffer) => (body += d.toString()));
          socket.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end();
      });
    const otherPort = await connect('graph.microsoft.com:8443');
    expect([otherPort.status, otherPort.body.includes('port 443')]).toEqual([403, true]);
    const dod = await connect('dod-graph.microsoft.us:443');
    expect([dod.status, dod.body.includes('dod-graph.microsoft.us')]).toEqual([403, true]);
  });

  it('keeps the CA key in the state folder, readable by its owner only', () => {
    expect(proxy.caCertificatePath).toBe(path.join(dir, 'proxy-ca.cer.pem'));
    expect(fs.statSync(path.join(dir, 'proxy-ca.key.pem')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(proxy.caCertificatePath, 'utf8')).not.toContain('PRIVATE KEY');
  });
});
