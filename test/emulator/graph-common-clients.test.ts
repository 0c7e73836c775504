/**
 * Graph reads common clients make: `GET /me` (app-only: the service's 400; delegated: the user),
 * `GET /organization`, `GET /teams`, `GET /groups/{id}/drive`, each with its permissions.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { AZURE_CLI_APP_ID, signInWithCode } from '../support/credential-fixtures.ts';
import { client, newGroup, start, tempDir, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

/** A delegated Graph token of the built-in admin, by the device code flow. */
async function delegatedToken(): Promise<string> {
  const login = `${t.url}/${t.tenantId}/oauth2/v2.0`;
  const headers = { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' };
  const code = (await (await fetch(`${login}/devicecode`, { method: 'POST', headers, body: new URLSearchParams({ client_id: AZURE_CLI_APP_ID, scope: 'https://graph.microsoft.com/.default' }) })).json()) as { device_code: string; user_code: string };
  expect((await signInWithCode(t, code.user_code)).status).toBe(200);
  const r = (await (await fetch(`${login}/token`, { method: 'POST', headers, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: AZURE_CLI_APP_ID, device_code: code.device_code }) })).json()) as { access_token: string };
  return r.access_token;
}

it('GET /me with an app-only token is the service 400', async () => {
  const r = await c.graph('GET', '/me');
  expect(r.status).toBe(400);
  expect(r.json.error).toMatchObject({ code: 'BadRequest', message: '/me request is only valid with delegated authentication flow.' });
});

it('GET /me with a delegated token is the signed-in user', async () => {
  const token = await delegatedToken();
  const r = await c.graph('GET', '/me?$select=id,userPrincipalName', undefined, { authorization: `Bearer ${token}` });
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(id,userPrincipalName)/$entity', userPrincipalName: t.admin.userPrincipalName });
});

it('GET /organization is the tenant, with its verified domain', async () => {
  const r = await c.graph('GET', '/organization');
  expect(r.status).toBe(200);
  expect(r.json.value).toHaveLength(1);
  expect(r.json.value[0]).toMatchObject({ id: t.tenantId, verifiedDomains: [{ name: 'contoso.onmicrosoft.com', isDefault: true, isInitial: true }] });
});

it('GET /teams lists teams once they exist, with $filter and $select', async () => {
  const g = await newGroup(c, uniq('tl'), { displayName: `Team list ${uniq('x')}` });
  const before = await c.graph('GET', '/teams?$select=id,displayName');
  expect(before.status).toBe(200);
  expect(before.json.value.map((x: { id: string }) => x.id)).not.toContain(g.id);
  expect((await c.graph('PUT', `/groups/${g.id}/team`, {})).status).toBeLessThan(300);
  let listed: { id: string; displayName: string }[] = [];
  for (let i = 0; i < 50 && !listed.some((x) => x.id === g.id); i++) {
    listed = (await c.graph('GET', `/teams?$filter=${encodeURIComponent(`displayName eq '${g.displayName}'`)}&$select=id,displayName`)).json.value;
    if (!listed.length) await new Promise((r) => setTimeout(r, 100));
  }
  expect(listed).toEqual([{ id: g.id, displayName: g.displayName }]);
});

it('GET /groups/{id}/drive is the group site default document library', async () => {
  const g = await newGroup(c, uniq('drv'));
  let r = await c.graph('GET', `/groups/${g.id}/drive`);
  for (let i = 0; i < 50 && r.status === 404; i++) {
    await new Promise((res) => setTimeout(res, 100));
    r = await c.graph('GET', `/groups/${g.id}/drive`);
  }
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({ driveType: 'documentLibrary', name: 'Documents', owner: { group: { id: g.id } } });
  expect(r.json.id).toMatch(/^b![A-Za-z0-9_-]{64}$/);
  expect(r.json.webUrl).toMatch(/\/Shared%20Documents$|\/Shared Documents$/);
});

it('each route checks its permissions', async () => {
  const other = await start(tempDir(), { appRoles: { graph: ['Sites.Read.All'] } });
  try {
    const weak = await client(other.t);
    const org = await weak.graph('GET', '/organization');
    expect(org.status).toBe(403);
    expect(org.json.error.code).toBe('Authorization_RequestDenied');
    expect((await weak.graph('GET', '/teams')).status).toBe(403);
    // A percent-encoded segment is the same route, with the same permission check.
    expect((await weak.graph('GET', '/%75sers')).status).toBe(403);
    expect((await weak.graph('POST', '/%67roups', { displayName: 'x', mailNickname: 'x', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] })).status).toBe(403);
    const nested = await weak.graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: '/%24batch' }] });
    expect(nested.json.responses[0].status).toBe(400);
  } finally {
    await other.t.close();
  }
});
