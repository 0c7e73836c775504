/**
 * Client conformance: drives CLI for Microsoft 365 (a client nobody here wrote) against the local
 * tenant through its proxy, at the real hostnames, and reports which commands pass.
 *
 *   npm run conformance:m365            (npx tsx scripts/m365-conformance.ts [--keep] [--debug])
 *
 * Installs `@pnp/cli-microsoft365@11.11.0` into `.bench/m365/` when absent (about a minute; needs
 * the npm registry), starts a fresh local tenant with its proxy in a temporary folder, signs in
 * with the tenant's app certificate (`m365 login --authType certificate`) in a CLI config of its
 * own (HOME, XDG_CONFIG_HOME and TMPDIR point into the temporary folder: a user's real login is
 * never touched), runs each command with a deadline, checks what it printed, and ends with
 * `N/M passed`. Exit code 0 when every command passed, 1 otherwise. Commands that cannot pass,
 * and why, are listed in docs/local-tenant.md ("CLI for Microsoft 365 conformance").
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalTenant, startLocalTenantProxy } from '../src/emulator/index.ts';

const CLI_VERSION = '11.11.0';
const root = path.resolve(import.meta.dirname, '..');
const prefix = path.join(root, '.bench', 'm365');
const cliMain = path.join(prefix, 'node_modules', '@pnp', 'cli-microsoft365', 'dist', 'index.js');
/** Deadline of one CLI command (the machine may be loaded: a command's start alone takes seconds). */
const COMMAND_MS = 180_000;
const INSTALL_MS = 600_000;
const keep = process.argv.includes('--keep');
/** `--debug`: each command runs with the CLI's `--debug` (its requests and answers in the kept logs) */
const debug = process.argv.includes('--debug');

function installedVersion(): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(prefix, 'node_modules', '@pnp', 'cli-microsoft365', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return undefined;
  }
}

if (installedVersion() !== CLI_VERSION) {
  console.log(`installing @pnp/cli-microsoft365@${CLI_VERSION} into ${prefix} ...`);
  fs.mkdirSync(prefix, { recursive: true });
  const npm = spawnSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `@pnp/cli-microsoft365@${CLI_VERSION}`], { stdio: 'inherit', timeout: INSTALL_MS });
  if (npm.status !== 0 || installedVersion() !== CLI_VERSION) {
    console.error(`error: npm install of @pnp/cli-microsoft365@${CLI_VERSION} into ${prefix} failed (exit ${npm.status ?? npm.signal})`);
    process.exit(1);
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'm365-conformance-'));
const stateDir = path.join(work, 'state');
const home = path.join(work, 'home');
fs.mkdirSync(path.join(home, 'tmp'), { recursive: true });
const tenant = await startLocalTenant({ stateDir });
const proxy = await startLocalTenantProxy({ stateDir, tenantUrl: tenant.url, sharepointHost: tenant.sharepointHost });
console.log(`local tenant ${tenant.sharepointHost} at ${tenant.url}; proxy ${proxy.url}; CLI config in ${home}`);

// Only what the CLI needs: no AZURE_*, no real proxy settings, no real HOME.
const env: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  HOME: home,
  USERPROFILE: home,
  XDG_CONFIG_HOME: path.join(home, '.config'),
  TMPDIR: path.join(home, 'tmp'),
  HTTPS_PROXY: proxy.url,
  HTTP_PROXY: proxy.url,
  NO_PROXY: '',
  NODE_EXTRA_CA_CERTS: proxy.caCertificatePath,
  CLIMICROSOFT365_NOUPDATE: '1',
};

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function m365(args: string[]): Promise<Outcome> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliMain, ...args, ...(debug ? ['--debug'] : [])], { env, cwd: work, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      stderr += `\n(no answer within ${COMMAND_MS / 1000} s: killed)`;
      child.kill('SIGKILL');
    }, COMMAND_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Step {
  /** the command as reported, e.g. `entra m365group add` */
  name: string;
  args: () => string[];
  /** what the output must show; returns a reason when it does not */
  check?: (json: Json) => string | undefined;
  /** a setup step: run and reported, but not counted in N/M */
  setup?: boolean;
}

const n = Date.now().toString(36);
const site = `https://${tenant.sharepointHost}`;
const admin = tenant.admin.userPrincipalName;
const listTitle = `Conformance ${n}`;
const ctId = `0x0100${randomBytes(16).toString('hex').toUpperCase()}`;
const ids: { group?: string; siteId?: string; team?: string } = {};
const has = (cond: boolean, why: string) => (cond ? undefined : why);
const arr = (j: Json): Json[] => (Array.isArray(j) ? j : Array.isArray(j?.value) ? j.value : []);

const steps: Step[] = [
  { name: 'cli config set disableTelemetry', setup: true, args: () => ['cli', 'config', 'set', '--key', 'disableTelemetry', '--value', 'true'] },
  {
    name: 'login --authType certificate',
    args: () => ['login', '--authType', 'certificate', '--certificateFile', tenant.certificatePath, '--appId', tenant.clientId, '--tenant', tenant.tenantId, '--output', 'json'],
    check: (j) => has(j?.authType === 'certificate' && j?.appId === tenant.clientId, 'not signed in with the certificate'),
  },
  { name: 'entra group list', args: () => ['entra', 'group', 'list', '--output', 'json'], check: (j) => has(Array.isArray(j), 'no array of groups') },
  {
    name: 'entra m365group add',
    args: () => ['entra', 'm365group', 'add', '--displayName', `Conformance ${n}`, '--mailNickname', `conf${n}`, '--description', 'Conformance check', '--owners', admin, '--output', 'json'],
    check: (j) => {
      ids.group = j?.id;
      return has(typeof j?.id === 'string', 'no group id');
    },
  },
  { name: 'entra m365group get', args: () => ['entra', 'm365group', 'get', '--id', ids.group ?? 'missing', '--output', 'json'], check: (j) => has(j?.mailNickname === `conf${n}`, 'not the group created') },
  {
    name: 'spo site get',
    args: () => ['spo', 'site', 'get', '--url', site, '--output', 'json'],
    check: (j) => {
      ids.siteId = typeof j?.Id === 'string' ? j.Id : undefined;
      return has(typeof j?.Url === 'string' && j.Url.toLowerCase() === site, 'not the root site');
    },
  },
  { name: 'spo list list', args: () => ['spo', 'list', 'list', '--webUrl', site, '--output', 'json'], check: (j) => has(arr(j).some((l) => l.Title === 'Documents'), 'Documents missing') },
  { name: 'spo list add', args: () => ['spo', 'list', 'add', '--title', listTitle, '--baseTemplate', 'GenericList', '--webUrl', site, '--output', 'json'], check: (j) => has(j?.Title === listTitle, 'not the list created') },
  {
    name: 'spo field add',
    args: () => ['spo', 'field', 'add', '--webUrl', site, '--listTitle', listTitle, '--xml', '<Field Type="Text" DisplayName="Conformance code" Name="ConfCode" StaticName="ConfCode" />', '--options', 'AddFieldInternalNameHint', '--output', 'json'],
    check: (j) => has(j?.InternalName === 'ConfCode', 'field not created as ConfCode'),
  },
  { name: 'spo field list', args: () => ['spo', 'field', 'list', '--webUrl', site, '--listTitle', listTitle, '--output', 'json'], check: (j) => has(arr(j).some((f) => f.InternalName === 'ConfCode'), 'ConfCode missing') },
  {
    name: 'spo contenttype add',
    args: () => ['spo', 'contenttype', 'add', '--webUrl', site, '--id', ctId, '--name', `Conformance CT ${n}`, '--group', 'Conformance', '--output', 'json'],
    check: (j) => has(String(j?.StringId ?? j?.Id?.StringValue ?? '').toLowerCase() === ctId.toLowerCase() || j?.Name === `Conformance CT ${n}`, 'content type not created'),
  },
  { name: 'spo contenttype list', args: () => ['spo', 'contenttype', 'list', '--webUrl', site, '--output', 'json'], check: (j) => has(arr(j).some((c) => c.Name === `Conformance CT ${n}`), 'content type missing') },
  {
    // as an admin allows custom script (the engine's --allow-custom-script does the same)
    name: 'request PATCH SPO.Tenant/sites (allow custom script)',
    setup: true,
    args: () => ['request', '--url', `${site.replace('.sharepoint.com', '-admin.sharepoint.com')}/_api/SPO.Tenant/sites('${ids.siteId ?? 'missing'}')`, '--method', 'patch', '--body', '{"DenyAddAndCustomizePages":1}', '--content-type', 'application/json', '--accept', 'application/json;odata=nometadata'],
  },
  { name: 'spo propertybag set', args: () => ['spo', 'propertybag', 'set', '--webUrl', site, '--key', 'conformance', '--value', n, '--output', 'json'] },
  { name: 'spo propertybag get', args: () => ['spo', 'propertybag', 'get', '--webUrl', site, '--key', 'conformance', '--output', 'json'], check: (j) => has(j === n || j?.value === n, `value is not ${n}`) },
  { name: 'spo listitem list', args: () => ['spo', 'listitem', 'list', '--webUrl', site, '--listTitle', listTitle, '--output', 'json'], check: (j) => has(Array.isArray(j), 'no array of items') },
  {
    name: 'teams team add',
    args: () => ['teams', 'team', 'add', '--name', `Conformance team ${n}`, '--description', 'Conformance check', '--ownerUserNames', admin, '--wait', '--output', 'json'],
    check: (j) => {
      ids.team = j?.id ?? j?.targetResourceId;
      return has(typeof ids.team === 'string', 'no team id');
    },
  },
  { name: 'teams team list', args: () => ['teams', 'team', 'list', '--output', 'json'], check: (j) => has(arr(j).some((t) => t.id === ids.team), 'the team created is missing') },
  { name: 'teams channel add', args: () => ['teams', 'channel', 'add', '--teamId', ids.team ?? 'missing', '--name', `Conf ${n}`, '--output', 'json'], check: (j) => has(j?.displayName === `Conf ${n}`, 'not the channel created') },
  { name: 'teams channel list', args: () => ['teams', 'channel', 'list', '--teamId', ids.team ?? 'missing', '--output', 'json'], check: (j) => has(arr(j).some((c) => c.displayName === `Conf ${n}`), 'the channel created is missing') },
  { name: 'entra m365group remove', args: () => ['entra', 'm365group', 'remove', '--id', ids.group ?? 'missing', '--force', '--output', 'json'] },
];

/** The first line of the CLI's error, without secrets (the CLI prints none; tokens never reach stderr). */
function firstError(o: Outcome): string {
  const text = (o.stderr.trim() || o.stdout.trim()).split('\n').find((l) => l.trim()) ?? `exit ${o.code}`;
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

let passed = 0;
let counted = 0;
const failures: string[] = [];
const t0 = Date.now();
try {
  fs.mkdirSync(path.join(work, 'logs'));
  for (const [i, step] of steps.entries()) {
    const o = await m365(step.args());
    fs.writeFileSync(path.join(work, 'logs', `${String(i).padStart(2, '0')} ${step.name.replace(/[^\w -]/g, '_')}.txt`), `${step.args().join(' ')}\nexit ${o.code}\n--- stdout\n${o.stdout}\n--- stderr\n${o.stderr}`);
    let why: string | undefined = o.code === 0 ? undefined : firstError(o);
    if (!why && step.check) {
      let json: Json;
      try {
        json = o.stdout.trim() ? JSON.parse(o.stdout) : undefined;
      } catch {
        json = o.stdout.trim();
      }
      why = step.check(json);
    }
    if (!step.setup) {
      counted++;
      if (!why) passed++;
      else failures.push(`${step.name}: ${why}`);
    }
    console.log(`${why ? 'FAIL' : 'pass'}  ${step.setup ? '(setup) ' : ''}m365 ${step.name}  ${(o.ms / 1000).toFixed(1)} s${why ? `\n      ${why}` : ''}`);
  }
} finally {
  await proxy.close();
  await tenant.close();
  if (!keep) fs.rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work} (each command's output in logs/)`);
}
console.log(`\n${passed}/${counted} passed (CLI for Microsoft 365 v${CLI_VERSION} through the local tenant's proxy, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
process.exit(passed === counted ? 0 : 1);
