/**
 * Signing in as a person, and the credential SharePoint refuses. Through the real CLI and
 * `@azure/identity` against a local tenant served by this process:
 * - device code: the admin enters the code the CLI shows (as at the verification page) and
 *   signs in; apply of blueprints/botkyrka with delegated tokens converges;
 * - Azure CLI: `AzureCliCredential` runs a fake `az` on PATH whose token comes from the local
 *   tenant (the refresh token an `az login --use-device-code` left); apply converges;
 * - the local tenant's tokens carry the service's claims, and SharePoint refuses a client
 *   secret's app-only token with the service's 401 while Graph accepts it;
 * - the engine with a client secret says so before anything changes.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { startLocalTenant, type LocalTenant } from '../../src/emulator/index.ts';
import { workspaceWith } from '../support/cli.ts';
import { azLogin, cleanEnv, fakeAzureCli, nodeBinDir, provisionEnv, signInWithCode } from '../support/credential-fixtures.ts';
import { certificateToken, client, tempDir, token } from '../emulator/helpers.ts';

const blueprint = 'botkyrka/blueprint.yaml';

async function freshTenant(): Promise<{ cwd: string; tenant: LocalTenant }> {
  const cwd = await workspaceWith('botkyrka');
  return { cwd, tenant: await startLocalTenant({ stateDir: join(cwd, '.provision', 'local-tenant') }) };
}

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function expectConverged(cwd: string, tenant: LocalTenant, env: Record<string, string>, args: string[], onStderr?: (text: string) => void): Promise<void> {
  const again = await provisionEnv(cwd, env, ['plan', blueprint, '--detailed-exitcode', ...args], onStderr);
  expect(again.stdout).toContain('No changes.');
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const c = await client(tenant);
  expect((await c.graph('GET', `/sites/${tenant.sharepointHost}:/sites/samhallsbyggnad`)).json.displayName).toBe('Samhällsbyggnad');
}

describe('delegated sign-in applies botkyrka and converges', { timeout: 240_000 }, () => {
  test('device code: the admin enters the code the CLI shows and signs in', async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const env = cleanEnv({});
      const signedIn = new Set<string>();
      const results: Promise<{ status: number }>[] = [];
      // a person reads the code from the terminal and signs in at the verification page
      const person = (stderr: string) => {
        for (const m of stderr.matchAll(/open the page (\S+) and enter the code (\w+) to authenticate/g)) {
          if (signedIn.has(m[2]!)) continue;
          expect(m[1]).toBe('https://microsoft.com/devicelogin');
          signedIn.add(m[2]!);
          results.push(signInWithCode(tenant, m[2]!));
        }
      };
      const applied = await provisionEnv(cwd, env, ['apply', blueprint, '--yes', '--allow-custom-script', '--credential', 'device-code'], person);
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(applied.stderr).toMatch(/signed in as app \S+ with a device code sign-in \(delegated\)/);
      // one prompt for the whole run: Graph, SharePoint and the admin host refresh silently
      expect(signedIn.size).toBe(1);
      expect((await Promise.all(results)).map((r) => r.status)).toEqual([200]);
      expect(applied.stdout).toMatch(/Apply complete .*: \d+ succeeded, 0 failed, 0 pending, 0 skipped/);
      await expectConverged(cwd, tenant, env, ['--credential', 'device-code'], person);
      expect(signedIn.size).toBe(2);
    } finally {
      await tenant.close();
    }
  });

  test("Azure CLI: AzureCliCredential runs az, signed in as the admin", async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const refreshToken = await azLogin(tenant);
      const az = fakeAzureCli(tempDir('az-'), tenant, refreshToken);
      const env = cleanEnv({ PATH: `${az.binDir}:${nodeBinDir}:${process.env.PATH ?? ''}` });
      const applied = await provisionEnv(cwd, env, ['apply', blueprint, '--yes', '--allow-custom-script', '--credential', 'azure-cli']);
      expect(applied.code, applied.stdout + applied.stderr).toBe(0);
      expect(applied.stderr).toMatch(/signed in as the Azure CLI account \(delegated\)/);
      expect(applied.stdout).toMatch(/Apply complete .*: \d+ succeeded, 0 failed, 0 pending, 0 skipped/);
      const calls = az.calls();
      expect(calls.some((c) => c.startsWith('account get-access-token --output json --resource https://graph.microsoft.com'))).toBe(true);
      expect(calls.some((c) => c.startsWith(`account get-access-token --output json --resource https://${tenant.sharepointHost}`))).toBe(true);
      await expectConverged(cwd, tenant, env, ['--credential', 'azure-cli']);
    } finally {
      await tenant.close();
    }
  });
});

describe("the local tenant's tokens and SharePoint's refusal of a client secret", { timeout: 120_000 }, () => {
  test('claims: appidacr 2 for a certificate, 1 for a secret, 0 for a user; idtyp, app_displayname, roles or scp, tid, iss, nbf, upn', async () => {
    const tenant = await startLocalTenant({ stateDir: tempDir() });
    try {
      const sp = `https://${tenant.sharepointHost}/.default`;
      const cert = claimsOf((await certificateToken(tenant, sp)).json.access_token as string);
      expect(cert).toMatchObject({ appidacr: '2', idtyp: 'app', app_displayname: 'm365-provision', appid: tenant.clientId, tid: tenant.tenantId, iss: `https://sts.windows.net/${tenant.tenantId}/`, aud: `https://${tenant.sharepointHost}` });
      expect(cert.roles).toContain('Sites.FullControl.All');
      expect(cert.scp).toBeUndefined();
      expect(cert.nbf).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
      const secret = claimsOf((await token(tenant, 'https://graph.microsoft.com/.default')).json.access_token as string);
      expect(secret).toMatchObject({ appidacr: '1', idtyp: 'app', aud: 'https://graph.microsoft.com' });
      // a user's token (the admin's device code sign-in through Azure CLI's public client)
      const rt = await azLogin(tenant);
      const r = await fetch(`${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', client_id: '04b07795-8ddb-461a-bbee-02f9e1bf7b46', refresh_token: rt, scope: `${sp} offline_access` }),
      });
      const user = claimsOf(((await r.json()) as { access_token: string }).access_token);
      expect(user).toMatchObject({ appidacr: '0', idtyp: 'user', app_displayname: 'Microsoft Azure CLI', upn: tenant.admin.userPrincipalName, scp: expect.stringContaining('AllSites.FullControl') });
      expect(user.roles).toBeUndefined();
      // a wrong password is refused as Entra ID does
      const wrong = await fetch(`${tenant.url}/common/oauth2/deviceauth`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-host': 'login.microsoftonline.com' }, body: new URLSearchParams({ otc: 'ABCDEFGHJ', login: tenant.admin.userPrincipalName, passwd: 'guess' }) });
      expect(wrong.status).toBe(400);
    } finally {
      await tenant.close();
    }
  });

  test("SharePoint answers a client secret's app-only token 401 Unsupported app only token; Graph accepts it; a certificate's is accepted", async () => {
    const tenant = await startLocalTenant({ stateDir: tempDir() });
    try {
      const sp = `https://${tenant.sharepointHost}`;
      const secretSp = (await token(tenant, `${sp}/.default`)).json.access_token as string;
      const refused = await fetch(`${tenant.url}/_api/web?$select=Title`, { headers: { authorization: `Bearer ${secretSp}`, accept: 'application/json', 'x-forwarded-host': tenant.sharepointHost } });
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({ error_description: 'Unsupported app only token.' });
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer realm="[0-9a-f-]+",client_id="00000003-0000-0ff1-ce00-000000000000"/);
      // CSOM too
      const csom = await fetch(`${tenant.url}/_vti_bin/client.svc/ProcessQuery`, { method: 'POST', headers: { authorization: `Bearer ${secretSp}`, 'content-type': 'text/xml', 'x-forwarded-host': tenant.sharepointHost }, body: '<Request/>' });
      expect(csom.status).toBe(401);
      expect(await csom.json()).toEqual({ error_description: 'Unsupported app only token.' });
      const secretGraph = (await token(tenant, 'https://graph.microsoft.com/.default')).json.access_token as string;
      const graph = await fetch(`${tenant.url}/v1.0/users?$top=1`, { headers: { authorization: `Bearer ${secretGraph}`, 'x-forwarded-host': 'graph.microsoft.com' } });
      expect(graph.status).toBe(200);
      const certSp = (await certificateToken(tenant, `${sp}/.default`)).json.access_token as string;
      const accepted = await fetch(`${tenant.url}/_api/web?$select=Title`, { headers: { authorization: `Bearer ${certSp}`, accept: 'application/json', 'x-forwarded-host': tenant.sharepointHost } });
      expect(accepted.status).toBe(200);
    } finally {
      await tenant.close();
    }
  });

  test('the engine with a client secret says, before anything changes, that SharePoint will refuse it and what to use; apply refuses the plan', async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const env = cleanEnv({ AZURE_CLIENT_SECRET: tenant.clientSecret });
      const planned = await provisionEnv(cwd, cleanEnv({}), ['plan', blueprint]);
      const planLine = /Plan: \d+ to add, 0 to change, 0 to destroy\./.exec(planned.stdout)?.[0];
      expect(planLine).toBeDefined();
      const applied = await provisionEnv(cwd, env, ['apply', blueprint, '--yes', '--credential', 'client-secret']);
      const lines = applied.stderr.split('\n');
      expect(lines[0]).toMatch(/^Tenant: local tenant .*signed in as app \S+ with a client secret \(app-only\)$/);
      expect(lines[1]).toMatch(/^Warning: a client secret signs in for Microsoft Graph only\. SharePoint refuses app-only tokens obtained with a client secret \(401 "Unsupported app only token\."\)/);
      expect(lines[1]).toContain('Use a certificate (AZURE_CLIENT_CERTIFICATE_PATH');
      expect(applied.stderr).toMatch(/Refusing to apply: \d+ change\(s\) go through SharePoint, which refuses this credential's tokens, e\.g\. termGroup\[Samhällsbyggnad\]/);
      expect(applied.stderr).toContain('Nothing was changed.');
      expect(applied.code).toBe(1);
      expect(applied.stdout + applied.stderr).not.toContain(tenant.clientSecret);
      // the tenant did not move: the same plan as before
      const again = await provisionEnv(cwd, cleanEnv({}), ['plan', blueprint]);
      expect(again.stdout).toContain(planLine!);
    } finally {
      await tenant.close();
    }
  });
});
