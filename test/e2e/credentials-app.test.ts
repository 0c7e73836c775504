/**
 * Every app-only credential kind applies an example to a fresh local tenant through the real CLI
 * and `@azure/identity`, and a fresh plan is empty (the PFX certificate applies blueprints/botkyrka
 * whole, term store and custom script included; the others blueprints/ambassadors, which is
 * enough to prove a credential's tokens on Graph and on SharePoint, in a quarter of the time): a PFX certificate with its password,
 * a federated token file, GitHub Actions' OIDC token, an Azure DevOps service connection's OIDC
 * token, and the managed identity (App Service's identity endpoint, served by the local tenant).
 * Each test proves its credential was used (the issuer's or the endpoint's count, the banner).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startLocalTenant, type LocalTenant } from '../../src/emulator/index.ts';
import { workspaceWith } from '../support/cli.ts';
import { cleanEnv, K8S_ISSUER, K8S_SUBJECT, pfxOf, provisionEnv, startOidcIssuer, trustIssuer, type OidcIssuer } from '../support/credential-fixtures.ts';
import { client } from '../emulator/helpers.ts';
import { writeFile } from 'node:fs/promises';

/** An example, the site its apply must leave in the tenant, and that site's title. */
interface Example {
  folder: string;
  blueprint: string;
  site: string;
  title: string;
}
const BOTKYRKA: Example = { folder: 'botkyrka', blueprint: 'botkyrka/blueprint.yaml', site: 'sbf-bygglov', title: 'Bygglov' };
const AMBASSADORS: Example = { folder: 'ambassadors', blueprint: 'ambassadors/blueprint.yaml', site: 'digitala-ambassadorer', title: 'Digitala ambassadörer' };
let issuer: OidcIssuer;

beforeAll(async () => {
  issuer = await startOidcIssuer();
});
afterAll(async () => {
  await issuer.close();
});

/** A fresh workspace with a local tenant served by this process, which trusts the test issuer. */
async function freshTenant(example: Example = AMBASSADORS): Promise<{ cwd: string; tenant: LocalTenant }> {
  const cwd = await workspaceWith(example.folder);
  const stateDir = join(cwd, '.provision', 'local-tenant');
  trustIssuer(stateDir, issuer);
  return { cwd, tenant: await startLocalTenant({ stateDir }) };
}

/** apply --yes, then plan --detailed-exitcode: 0 and no changes; the tenant holds the sites. */
async function appliesAndConverges(cwd: string, tenant: LocalTenant, env: Record<string, string>, args: string[], signedInAs: RegExp, example: Example = AMBASSADORS): Promise<void> {
  const { blueprint } = example;
  const applied = await provisionEnv(cwd, env, ['apply', blueprint, '--yes', '--allow-custom-script', ...args]);
  expect(applied.code, applied.stdout + applied.stderr).toBe(0);
  expect(applied.stderr).toMatch(signedInAs);
  expect(applied.stderr).not.toMatch(/Warning/);
  expect(applied.stdout).toMatch(/Apply complete .*: \d+ succeeded, 0 failed, 0 pending, 0 skipped/);
  const again = await provisionEnv(cwd, env, ['plan', blueprint, '--detailed-exitcode', ...args]);
  expect(again.stdout).toContain('No changes.');
  expect(again.code, again.stdout + again.stderr).toBe(0);
  const c = await client(tenant);
  const site = await c.graph('GET', `/sites/${tenant.sharepointHost}:/sites/${example.site}`);
  expect(site.json.displayName).toBe(example.title);
}

describe("app-only credentials apply botkyrka and converge", { timeout: 240_000 }, () => {
  test('certificate: a PFX with its password (AZURE_CLIENT_CERTIFICATE_PATH, AZURE_CLIENT_CERTIFICATE_PASSWORD)', async () => {
    const { cwd, tenant } = await freshTenant(BOTKYRKA);
    try {
      const pfx = pfxOf(tenant.certificatePath, 'kommun-2026!', join(cwd, 'app.pfx'));
      const env = cleanEnv({ AZURE_TENANT_ID: tenant.tenantId, AZURE_CLIENT_ID: tenant.clientId, AZURE_CLIENT_CERTIFICATE_PATH: pfx, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'kommun-2026!' });
      await appliesAndConverges(cwd, tenant, env, ['--credential', 'certificate'], /signed in as app \S+ with a certificate \(app-only\)/, BOTKYRKA);
      // a wrong password is refused before anything is read, naming the file and not the password
      const wrong = await provisionEnv(cwd, { ...env, AZURE_CLIENT_CERTIFICATE_PASSWORD: 'not-it' }, ['plan', BOTKYRKA.blueprint, '--credential', 'certificate']);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('app.pfx: cannot open the PFX certificate (wrong password');
      expect(wrong.stderr).not.toContain('not-it');
    } finally {
      await tenant.close();
    }
  });

  test('workload identity federation: a token file (AZURE_FEDERATED_TOKEN_FILE)', async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const tokenFile = join(cwd, 'sa-token');
      await writeFile(tokenFile, issuer.jwt(K8S_ISSUER, K8S_SUBJECT));
      const env = cleanEnv({ AZURE_TENANT_ID: tenant.tenantId, AZURE_CLIENT_ID: tenant.clientId, AZURE_FEDERATED_TOKEN_FILE: tokenFile });
      await appliesAndConverges(cwd, tenant, env, ['--credential', 'federated-token-file'], /with a federated token file \(workload identity federation\) \(app-only\)/);
      // a token of a subject the app does not trust is refused with Entra ID's code
      await writeFile(tokenFile, issuer.jwt(K8S_ISSUER, 'system:serviceaccount:other:pod'));
      const refused = await provisionEnv(cwd, env, ['plan', AMBASSADORS.blueprint, '--credential', 'federated-token-file']);
      expect(refused.code).toBe(1);
      expect(refused.stdout + refused.stderr).toContain('AADSTS70021');
    } finally {
      await tenant.close();
    }
  });

  test("GitHub Actions' OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL, ACTIONS_ID_TOKEN_REQUEST_TOKEN), chosen from the environment", async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const before = issuer.issued.github;
      const env = cleanEnv({
        AZURE_TENANT_ID: tenant.tenantId,
        AZURE_CLIENT_ID: tenant.clientId,
        ACTIONS_ID_TOKEN_REQUEST_URL: `${issuer.url}/github/idtoken?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: issuer.githubRequestToken,
        // the credential is found in the environment, as in a workflow: no --credential
        PROVISION_CREDENTIAL: 'github-actions',
      });
      await appliesAndConverges(cwd, tenant, env, [], /with GitHub Actions' OIDC token/);
      expect(issuer.issued.github).toBeGreaterThan(before);
    } finally {
      await tenant.close();
    }
  });

  test('Azure DevOps: a service connection with workload identity federation (SYSTEM_OIDCREQUESTURI, SYSTEM_ACCESSTOKEN, AZURESUBSCRIPTION_*)', async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const before = issuer.issued.azureDevOps;
      const env = cleanEnv({
        AZURESUBSCRIPTION_TENANT_ID: tenant.tenantId,
        AZURESUBSCRIPTION_CLIENT_ID: tenant.clientId,
        AZURESUBSCRIPTION_SERVICE_CONNECTION_ID: '0b6a3f0e-0000-4000-8000-00000000ad0c',
        SYSTEM_OIDCREQUESTURI: `${issuer.url}/ado/oidctoken`,
        SYSTEM_ACCESSTOKEN: issuer.systemAccessToken,
      });
      await appliesAndConverges(cwd, tenant, env, ['--credential', 'azure-devops'], /with an Azure DevOps service connection's OIDC token/);
      expect(issuer.issued.azureDevOps).toBeGreaterThan(before);
    } finally {
      await tenant.close();
    }
  });

  test('managed identity: App Service identity endpoint (IDENTITY_ENDPOINT, IDENTITY_HEADER), found in the environment', async () => {
    const { cwd, tenant } = await freshTenant();
    try {
      const env = cleanEnv({ IDENTITY_ENDPOINT: tenant.managedIdentity.endpoint, IDENTITY_HEADER: tenant.managedIdentity.header, PROVISION_TENANT: 'local', PROVISION_CREDENTIAL: 'managed-identity' });
      await appliesAndConverges(cwd, tenant, env, [], /signed in as managed identity \(app-only\)/);
      expect(tenant.stats().byOperation['GET /msi/token']).toBeGreaterThan(0);
    } finally {
      await tenant.close();
    }
  });
});
