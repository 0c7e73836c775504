import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { start, token, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

function claims(jwt: string): Record<string, unknown> {
  const parts = jwt.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('token endpoint', () => {
  it('issues a Graph token for client credentials', async () => {
    const r = await token(t, 'https://graph.microsoft.com/.default');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const cl = claims(r.json.access_token as string);
    expect(cl.aud).toBe('https://graph.microsoft.com');
    expect(cl.tid).toBe(t.tenantId);
    expect(cl.appid).toBe(t.clientId);
    expect(cl.roles).toEqual(expect.arrayContaining(['Group.ReadWrite.All', 'Sites.FullControl.All', 'User.Read.All']));
    expect(typeof cl.exp).toBe('number');
  });

  it('issues a SharePoint token with the tenant audience', async () => {
    const r = await token(t, `https://${t.sharepointHost}/.default`);
    expect(r.status).toBe(200);
    expect(claims(r.json.access_token as string).aud).toBe(`https://${t.sharepointHost}`);
  });

  it('rejects a wrong secret with AADSTS7000215', async () => {
    const r = await token(t, 'https://graph.microsoft.com/.default', 'wrong-secret');
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('invalid_client');
    expect(r.json.error_codes).toEqual([7000215]);
    expect(String(r.json.error_description)).toMatch(/^AADSTS7000215:/);
    expect(JSON.stringify(r.json)).not.toContain(t.clientSecret);
  });

  it('rejects an unknown resource and an unknown tenant', async () => {
    expect((await token(t, 'https://example.com/.default')).status).toBe(400);
    const r = await fetch(`${t.url}/00000000-0000-0000-0000-000000000001/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: t.clientId, client_secret: t.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
    });
    expect(r.status).toBe(400);
  });

  it('serves the OIDC metadata and instance discovery MSAL fetches', async () => {
    const oidc = await fetch(`${t.url}/${t.tenantId}/v2.0/.well-known/openid-configuration`, { headers: { 'x-forwarded-host': 'login.microsoftonline.com' } });
    expect(oidc.status).toBe(200);
    const j = (await oidc.json()) as Record<string, string>;
    expect(j.token_endpoint).toBe(`https://login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/token`);
    expect(j.issuer).toBe(`https://login.microsoftonline.com/${t.tenantId}/v2.0`);
    expect(j.authorization_endpoint).toBeTruthy();
    expect(j.jwks_uri).toBeTruthy();
    const disc = await fetch(
      `${t.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(`https://login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/authorize`)}`,
      { headers: { 'x-forwarded-host': 'login.microsoftonline.com' } },
    );
    expect(disc.status).toBe(200);
    const d = (await disc.json()) as { tenant_discovery_endpoint: string; metadata: unknown[] };
    expect(d.tenant_discovery_endpoint).toContain('/.well-known/openid-configuration');
    expect(d.metadata.length).toBeGreaterThan(0);
  });

  it('works with @azure/identity ClientSecretCredential through a rerouting httpClient', async () => {
    const { ClientSecretCredential } = await import('@azure/identity');
    const { createDefaultHttpClient } = await import('@azure/core-rest-pipeline');
    const inner = createDefaultHttpClient();
    const seen: string[] = [];
    const cred = new ClientSecretCredential(t.tenantId, t.clientId, t.clientSecret, {
      httpClient: {
        sendRequest: (req) => {
          const u = new URL(req.url);
          req.headers.set('x-forwarded-host', u.host);
          req.url = `${t.url}${u.pathname}${u.search}`;
          req.allowInsecureConnection = true;
          seen.push(`${req.method} ${u.host}${u.pathname}`);
          return inner.sendRequest(req);
        },
      },
    });
    const at = await cred.getToken('https://graph.microsoft.com/.default');
    expect(claims(at.token).aud).toBe('https://graph.microsoft.com');
    expect(seen).toContain(`POST login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/token`);
    const r = await fetch(`${t.url}/v1.0/users/admin@contoso.onmicrosoft.com`, { headers: { authorization: `Bearer ${at.token}`, 'x-forwarded-host': 'graph.microsoft.com' } });
    expect(r.status).toBe(200);
  });
});

describe('bearer checks', () => {
  it('Graph answers 401 InvalidAuthenticationToken without a token', async () => {
    const r = await fetch(`${t.url}/v1.0/groups`, { headers: { 'x-forwarded-host': 'graph.microsoft.com' } });
    expect(r.status).toBe(401);
    const j = (await r.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
    expect(j.error.code).toBe('InvalidAuthenticationToken');
    expect(j.error.innerError['request-id']).toBeTruthy();
    expect(r.headers.get('request-id')).toBeTruthy();
  });

  it('Graph refuses a SharePoint-audience token and SharePoint refuses a Graph token', async () => {
    const g = await fetch(`${t.url}/v1.0/groups`, { headers: { authorization: `Bearer ${c.spToken}`, 'x-forwarded-host': 'graph.microsoft.com' } });
    expect(g.status).toBe(401);
    const s = await fetch(`${t.url}/_api/web`, { headers: { authorization: `Bearer ${c.graphToken}`, 'x-forwarded-host': t.sharepointHost, accept: 'application/json' } });
    expect(s.status).toBe(401);
    expect(((await s.json()) as { error_description: string }).error_description).toMatch(/audience/i);
  });

  it('refuses a tampered token', async () => {
    const parts = c.graphToken.split('.');
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString()) as Record<string, unknown>;
    payload.exp = 9_999_999_999;
    const forged = `${parts[0]}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${parts[2]}`;
    const r = await fetch(`${t.url}/v1.0/groups`, { headers: { authorization: `Bearer ${forged}`, 'x-forwarded-host': 'graph.microsoft.com' } });
    expect(r.status).toBe(401);
  });

  it('SharePoint answers 401 with error_description without a token', async () => {
    const r = await fetch(`${t.url}/_api/web`, { headers: { 'x-forwarded-host': t.sharepointHost, accept: 'application/json' } });
    expect(r.status).toBe(401);
    expect(((await r.json()) as { error_description: string }).error_description).toMatch(/Invalid JWT token/);
    expect(r.headers.get('www-authenticate')).toMatch(/^Bearer realm=/);
  });

  it('routes by path when no x-forwarded-host is given', async () => {
    const r = await fetch(`${t.url}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${c.graphToken}` } });
    expect(r.status).toBe(200);
    const s = await fetch(`${t.url}/_api/web`, { headers: { authorization: `Bearer ${c.spToken}`, accept: 'application/json' } });
    expect(s.status).toBe(200);
  });
});
