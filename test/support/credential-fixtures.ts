/**
 * What the credential tests stand on besides the local tenant: an OIDC issuer on loopback that
 * plays GitHub Actions' and Azure DevOps' token endpoints (RS256 JWTs, counted), a federated
 * token file, a PFX made from the local app's certificate, a fake `az` on PATH that gets its
 * token from the local tenant with a refresh token (as `az login` leaves one), a device code
 * sign-in as the built-in admin, and a clean environment for the `provision` child.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import forge from 'node-forge';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { repoRoot, type CliResult } from './cli.ts';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const GITHUB_SUBJECT = 'repo:botkyrka/ia:ref:refs/heads/main';
export const ADO_ISSUER = 'https://vstoken.dev.azure.com/5d0f1e8c-3c51-4b6f-9a57-0d4d1c1c9e11';
export const ADO_SUBJECT = 'sc://botkyrka/ia/m365-provision';
export const K8S_ISSUER = 'https://oidc.prod-aks.azure.com/6e1b2c3d-0000-4000-8000-000000000001/';
export const K8S_SUBJECT = 'system:serviceaccount:provision:engine';
export const AZURE_CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';

/** An issuer of workload identity tokens on loopback, with the counts of what it issued. */
export interface OidcIssuer {
  url: string;
  publicKeyPem: string;
  /** a JWT of `issuer` for `subject`, audience `api://AzureADTokenExchange` */
  jwt(issuer: string, subject: string, audience?: string): string;
  issued: { github: number; azureDevOps: number };
  githubRequestToken: string;
  systemAccessToken: string;
  close(): Promise<void>;
}

export async function startOidcIssuer(): Promise<OidcIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (issuer: string, subject: string, audience = 'api://AzureADTokenExchange') => {
    const now = Math.floor(Date.now() / 1000);
    const head = b64({ alg: 'RS256', typ: 'JWT', kid: 'test-issuer' });
    const body = b64({ iss: issuer, sub: subject, aud: audience, iat: now, nbf: now, exp: now + 600, jti: `${now}-${Math.random()}` });
    return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), privateKey).toString('base64url')}`;
  };
  const issued = { github: 0, azureDevOps: 0 };
  const githubRequestToken = 'gh-request-token-for-the-test';
  const systemAccessToken = 'ado-system-access-token-for-the-test';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const auth = req.headers.authorization ?? '';
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // GitHub Actions: GET $ACTIONS_ID_TOKEN_REQUEST_URL&audience=…, bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN
    if (req.method === 'GET' && url.pathname === '/github/idtoken') {
      if (auth.toLowerCase() !== `bearer ${githubRequestToken}`) return send(401, { message: 'Bad credentials' });
      issued.github++;
      return send(200, { value: jwt(GITHUB_ISSUER, GITHUB_SUBJECT, url.searchParams.get('audience') ?? undefined) });
    }
    // Azure DevOps: POST $SYSTEM_OIDCREQUESTURI?api-version=7.1&serviceConnectionId=…, Bearer $SYSTEM_ACCESSTOKEN
    if (req.method === 'POST' && url.pathname === '/ado/oidctoken') {
      if (auth !== `Bearer ${systemAccessToken}`) return send(401, { message: 'TF400813: The user is not authorized to access this resource.' });
      if (!url.searchParams.get('serviceConnectionId')) return send(400, { message: 'serviceConnectionId is required' });
      issued.azureDevOps++;
      return send(200, { oidcToken: jwt(ADO_ISSUER, ADO_SUBJECT) });
    }
    send(404, { message: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    jwt,
    issued,
    githubRequestToken,
    systemAccessToken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The app registration's federated credentials for the three issuers, in the local tenant's state folder. */
export function trustIssuer(stateDir: string, issuer: OidcIssuer): void {
  mkdirSync(stateDir, { recursive: true });
  const publicKeys = [issuer.publicKeyPem];
  writeFileSync(
    join(stateDir, 'federated-credentials.json'),
    JSON.stringify([
      { issuer: GITHUB_ISSUER, subject: GITHUB_SUBJECT, publicKeys },
      { issuer: ADO_ISSUER, subject: ADO_SUBJECT, publicKeys },
      { issuer: K8S_ISSUER, subject: K8S_SUBJECT, publicKeys },
    ]),
  );
}

/** A PFX (PKCS#12, AES-256 or 3DES) of the local app's key and certificate. */
export function pfxOf(pemPath: string, password: string, file: string, algorithm: 'aes256' | '3des' = 'aes256'): string {
  const pem = readFileSync(pemPath, 'utf8');
  const key = forge.pki.privateKeyFromPem(pem);
  const cert = forge.pki.certificateFromPem(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)![0]);
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm, generateLocalKeyId: true, friendlyName: 'm365-provision' });
  writeFileSync(file, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
  return file;
}

/**
 * A fake `az` on PATH: `az account get-access-token --output json --resource R [--tenant T]`
 * answers what Azure CLI answers, with a token it gets from the local tenant by the refresh
 * token that its `az login` (a device code sign-in with Azure CLI's client id) left. Each call
 * is logged to `calls.log`.
 */
export function fakeAzureCli(dir: string, tenant: LocalTenant, refreshToken: string): { binDir: string; calls: () => string[] } {
  const binDir = join(dir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const login = join(dir, 'az-login.json');
  writeFileSync(login, JSON.stringify({ url: tenant.url, tenantId: tenant.tenantId, refreshToken }));
  const log = join(dir, 'calls.log');
  writeFileSync(log, '');
  const script = `#!/usr/bin/env node
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(log)}, args.join(' ') + '\\n');
const at = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
if (args[0] !== 'account' || args[1] !== 'get-access-token') { process.stderr.write("ERROR: 'fake az' knows only account get-access-token\\n"); process.exit(2); }
const login = JSON.parse(fs.readFileSync(${JSON.stringify(login)}, 'utf8'));
const resource = at('--resource');
fetch(login.url + '/' + (at('--tenant') || login.tenantId) + '/oauth2/v2.0/token', {
  method: 'POST',
  headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ grant_type: 'refresh_token', client_id: '${AZURE_CLI_APP_ID}', refresh_token: login.refreshToken, scope: resource + '/.default offline_access' }),
}).then(async (r) => {
  const j = await r.json();
  if (!r.ok) { process.stderr.write('ERROR: AADSTS: ' + j.error_description + "\\nPlease run 'az login' to setup account.\\n"); process.exit(1); }
  const exp = Math.floor(Date.now() / 1000) + j.expires_in;
  process.stdout.write(JSON.stringify({ accessToken: j.access_token, expiresOn: new Date(exp * 1000).toISOString().replace('T', ' ').replace('Z', '000'), expires_on: exp, subscription: '00000000-0000-0000-0000-000000000000', tenant: login.tenantId, tokenType: 'Bearer' }, null, 2) + '\\n');
});
`;
  const az = join(binDir, 'az');
  writeFileSync(az, script);
  chmodSync(az, 0o755);
  return { binDir, calls: () => readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

/** The sign-in a person does at the verification page: the code, the admin's name and password. */
export async function signInWithCode(tenant: LocalTenant, userCode: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await fetch(`${tenant.url}/common/oauth2/deviceauth`, {
    method: 'POST',
    headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ otc: userCode, login: tenant.admin.userPrincipalName, passwd: tenant.admin.password }),
  });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

/** `az login --use-device-code` against the local tenant: Azure CLI's client id, the admin signs in; gives the refresh token. */
export async function azLogin(tenant: LocalTenant): Promise<string> {
  const login = `${tenant.url}/${tenant.tenantId}/oauth2/v2.0`;
  const headers = { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' };
  const scope = 'https://graph.microsoft.com/.default openid profile offline_access';
  const code = (await (await fetch(`${login}/devicecode`, { method: 'POST', headers, body: new URLSearchParams({ client_id: AZURE_CLI_APP_ID, scope }) })).json()) as { device_code: string; user_code: string };
  const signedIn = await signInWithCode(tenant, code.user_code);
  if (signedIn.status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(signedIn.body)}`);
  const r = await fetch(`${login}/token`, { method: 'POST', headers, body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', client_id: AZURE_CLI_APP_ID, device_code: code.device_code }) });
  const j = (await r.json()) as { refresh_token?: string };
  if (!j.refresh_token) throw new Error(`no refresh token: ${JSON.stringify(j)}`);
  return j.refresh_token;
}

const CREDENTIAL_ENV = /^(AZURE_|ACTIONS_ID_TOKEN_|SYSTEM_OIDCREQUESTURI$|SYSTEM_ACCESSTOKEN$|AZURESUBSCRIPTION_|IDENTITY_|MSI_|IMDS_|PROVISION_)/;

/** The test process's environment without any credential or provision setting, plus `extra`. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !CREDENTIAL_ENV.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

/** Runs `provision` with an environment; `onStderr` sees stderr as it comes (for a device code). */
export function provisionEnv(cwd: string, env: Record<string, string>, args: string[], onStderr?: (text: string) => void): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'provision.js'), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      onStderr?.(stderr);
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** The folder of the node binary, for a PATH that finds `node` (the fake az's interpreter). */
export const nodeBinDir = dirname(process.execPath);
