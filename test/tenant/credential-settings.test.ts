/**
 * Choosing the credential and the cloud: `@azure/identity`'s environment conventions (and the
 * order when several are present), the flags and config file over the environment, secrets
 * refused in a config file, the clouds' hosts, and a real tenant in a national cloud whose token
 * requests go to that cloud's authority (a recorder on loopback plays it).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { targetSettingsOf } from '../../src/cli/credential-options.ts';
import { cloudOf, sharepointHostOf, adminHostOf } from '../../src/tenant/clouds.ts';
import { createTenantClient } from '../../src/tenant/tenant-client.ts';
import { credentialSpecFrom, kindFromEnvironment } from '../../src/tenant/credentials/environment.ts';
import { installRerouting } from '../../src/tenant/reroute.ts';
import { openTarget } from '../../src/tenant/target.ts';

const app = { AZURE_TENANT_ID: 't-1', AZURE_CLIENT_ID: 'c-1' };

describe('credential from the environment', () => {
  test('each convention gives its kind; a certificate wins over a secret', () => {
    expect(kindFromEnvironment({ ...app, AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' })).toBe('certificate');
    expect(kindFromEnvironment({ ...app, AZURE_CLIENT_SECRET: 's' })).toBe('client-secret');
    expect(kindFromEnvironment({ ...app, AZURE_CLIENT_SECRET: 's', AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem' })).toBe('certificate');
    expect(kindFromEnvironment({ ...app, AZURE_FEDERATED_TOKEN_FILE: '/t' })).toBe('federated-token-file');
    expect(kindFromEnvironment({ ...app, ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x', ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'y' })).toBe('github-actions');
    expect(kindFromEnvironment({ SYSTEM_OIDCREQUESTURI: 'https://x', AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: 'sc' })).toBe('azure-devops');
    expect(kindFromEnvironment({ IDENTITY_ENDPOINT: 'http://127.0.0.1:1/msi/token', IDENTITY_HEADER: 'h' })).toBe('managed-identity');
    expect(kindFromEnvironment({ ...app })).toBeUndefined();
  });

  test('a missing setting is named with the flag or variable that gives it, never with a secret', () => {
    expect(() => credentialSpecFrom({ kind: 'certificate' }, { AZURE_CLIENT_SECRET: 'hush-123' })).toThrow(
      'credential certificate needs the tenant id (--tenant-id or AZURE_TENANT_ID), the app (client) id (--client-id or AZURE_CLIENT_ID), the certificate (--certificate or AZURE_CLIENT_CERTIFICATE_PATH)',
    );
    expect(() => credentialSpecFrom({}, {})).toThrow(/no credential: choose one with --credential/);
    const spec = credentialSpecFrom({ kind: 'azure-devops' }, { AZURESUBSCRIPTION_TENANT_ID: 't', AZURESUBSCRIPTION_CLIENT_ID: 'c', AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: 'sc', SYSTEM_ACCESSTOKEN: 'tok', SYSTEM_OIDCREQUESTURI: 'https://dev.azure.com/o/_apis/distributedtask/hubs/build/plans/p/jobs/j/oidctoken' });
    expect(spec).toMatchObject({ kind: 'azure-devops', tenantId: 't', clientId: 'c', serviceConnectionId: 'sc' });
  });
});

describe('flags and config file', () => {
  test('the config file chooses tenant, cloud and credential; flags win; secrets are refused in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'provision-config-'));
    writeFileSync(join(dir, 'provision.config.yaml'), 'tenant: contoso\ncloud: usgov\ncredential:\n  kind: certificate\n  clientId: c-9\n  certificatePath: certs/app.pfx\n');
    expect(targetSettingsOf({}, dir, {})).toEqual({ tenant: 'contoso', cloud: 'usgov', credential: { kind: 'certificate', clientId: 'c-9', certificatePath: join(dir, 'certs/app.pfx') } });
    expect(targetSettingsOf({ tenant: 'fabrikam', cloud: 'global', clientId: 'c-flag' }, dir, {})).toMatchObject({ tenant: 'fabrikam', cloud: 'global', credential: { clientId: 'c-flag' } });
    writeFileSync(join(dir, 'secret.yaml'), 'credential:\n  kind: client-secret\n  clientSecret: hush-123\n');
    expect(() => targetSettingsOf({ config: 'secret.yaml' }, dir, {})).toThrow(/credential\.clientSecret is a secret and is not read from a file: set it in the environment/);
    expect(() => targetSettingsOf({ config: 'missing.yaml' }, dir, {})).toThrow('--config missing.yaml: no such file');
  });
});

describe('clouds', () => {
  test('authority, Graph host and SharePoint suffix per cloud', () => {
    expect(cloudOf('usgov')).toMatchObject({ authorityHost: 'https://login.microsoftonline.us', graphHost: 'graph.microsoft.us', sharepointSuffix: 'sharepoint.us' });
    expect(cloudOf('usgov-dod')).toMatchObject({ authorityHost: 'https://login.microsoftonline.us', graphHost: 'dod-graph.microsoft.us', sharepointSuffix: 'sharepoint-mil.us' });
    expect(cloudOf('china')).toMatchObject({ authorityHost: 'https://login.chinacloudapi.cn', graphHost: 'microsoftgraph.chinacloudapi.cn', sharepointSuffix: 'sharepoint.cn' });
    expect(cloudOf(undefined).graphHost).toBe('graph.microsoft.com');
    expect(cloudOf('GCCHigh').name).toBe('usgov');
    expect(() => cloudOf('mars')).toThrow("unknown cloud 'mars': use one of global, usgov, usgov-dod, china");
    expect(sharepointHostOf('contoso', cloudOf('usgov-dod'))).toBe('contoso.sharepoint-mil.us');
    expect(adminHostOf('contoso.sharepoint.cn')).toBe('contoso-admin.sharepoint.cn');
  });

  test("references the engine binds (@odata.bind, @odata.id) point at the cloud's Graph", () => {
    const client = (cloud: string) => createTenantClient({ tenantId: 't', clientId: 'c', clientSecret: 's' }, 'contoso.sharepoint.us', { cloud: cloudOf(cloud) });
    expect(client('usgov').graph.url('/users/u1')).toBe('https://graph.microsoft.us/v1.0/users/u1');
    expect(client('china').graph.url("/groups('g')")).toBe("https://microsoftgraph.chinacloudapi.cn/v1.0/groups('g')");
    expect(client('global').graph.url('/directoryObjects/u1')).toBe('https://graph.microsoft.com/v1.0/directoryObjects/u1');
  });

  test("a real tenant in GCC High signs in at the cloud's authority for the cloud's Graph", async () => {
    const seen: { host: string; path: string; body: string }[] = [];
    const recorder = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        seen.push({ host: String(req.headers['x-forwarded-host']), path: req.url ?? '', body });
        const t = (req.url ?? '').split('/')[1];
        if (req.method === 'GET' && /openid-configuration$/.test(req.url ?? '')) {
          // the cloud's metadata, as login.microsoftonline.us publishes it
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ token_endpoint: `https://login.microsoftonline.us/${t}/oauth2/v2.0/token`, issuer: `https://login.microsoftonline.us/${t}/v2.0`, authorization_endpoint: `https://login.microsoftonline.us/${t}/oauth2/v2.0/authorize`, jwks_uri: `https://login.microsoftonline.us/${t}/discovery/v2.0/keys`, end_session_endpoint: `https://login.microsoftonline.us/${t}/oauth2/v2.0/logout` }));
          return;
        }
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: 'invalid_client', error_description: 'AADSTS700016: recorded.', error_codes: [700016] }));
      });
    });
    await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
    const restore = installRerouting({ 'login.microsoftonline.us': `http://127.0.0.1:${(recorder.address() as AddressInfo).port}` });
    try {
      const target = await openTarget({ tenant: 'contoso', cloud: 'usgov', cwd: tmpdir(), env: { AZURE_TENANT_ID: '11111111-1111-1111-1111-111111111111', AZURE_CLIENT_ID: '22222222-2222-2222-2222-222222222222', AZURE_CLIENT_SECRET: 'hush-123' } });
      expect(target.banner).toBe('Tenant: contoso.sharepoint.us (US Government (GCC High) cloud); signed in as app 22222222-2222-2222-2222-222222222222 with a client secret (app-only)');
      expect(target.warnings[0]).toMatch(/^Warning: a client secret signs in for Microsoft Graph only/);
      expect(target.client.identity).toMatchObject({ kind: 'client-secret', mode: 'app-only' });
      const error = await target.client.tokens.token('https://graph.microsoft.us').catch((e: Error) => e);
      expect(String(error)).toContain('sign-in as app 22222222-2222-2222-2222-222222222222 with a client secret (app-only) for https://graph.microsoft.us failed');
      expect(String(error)).not.toContain('hush-123');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((r) => r.host === 'login.microsoftonline.us')).toBe(true);
      const tokenRequest = seen.find((r) => r.path.includes('/oauth2/v2.0/token'));
      expect(new URLSearchParams(tokenRequest?.body).get('scope')).toContain('https://graph.microsoft.us/.default');
    } finally {
      restore();
      await new Promise<void>((resolve) => recorder.close(() => resolve()));
    }
  });
});
