/**
 * The options that choose the tenant's cloud and the credential, shared by `plan` and `apply`,
 * and the config file that may hold them. Precedence: flags, then environment
 * (PROVISION_TENANT, PROVISION_CLOUD, PROVISION_CREDENTIAL, and `@azure/identity`'s AZURE_*
 * variables for the credential's settings), then the config file, then the defaults (the local
 * tenant, the global cloud, the credential the environment completes).
 *
 * The config file is `--config <file>` (PROVISION_CONFIG), else `provision.config.yaml`,
 * `.yml` or `.json` in the working folder if there is one:
 *
 *   tenant: contoso
 *   cloud: global                 # usgov, usgov-dod, china
 *   credential:
 *     kind: certificate           # see src/tenant/credentials/kinds.ts
 *     tenantId: 00000000-…
 *     clientId: 00000000-…
 *     certificatePath: ./app.pfx  # relative to the config file
 *
 * Secrets (a client secret, a certificate password, tokens) are refused in the file: they come
 * from the environment only.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { parse as parseYaml } from 'yaml';
import { CLOUD_NAMES } from '../tenant/clouds.ts';
import { parseCredentialKind, type CredentialChoice } from '../tenant/credentials/environment.ts';
import { CREDENTIAL_KINDS } from '../tenant/credentials/kinds.ts';

export function addCredentialOptions(command: Command): Command {
  return command
    .addOption(new Option('--cloud <cloud>', 'the Microsoft 365 cloud of the tenant').choices([...CLOUD_NAMES]).env('PROVISION_CLOUD'))
    .addOption(new Option('--credential <kind>', 'how to sign in (default: what the environment provides; the local tenant: its app certificate)').choices([...CREDENTIAL_KINDS]).env('PROVISION_CREDENTIAL'))
    .addOption(new Option('--tenant-id <id>', 'the directory (tenant) id (default: AZURE_TENANT_ID)'))
    .addOption(new Option('--client-id <id>', 'the app registration (client) id (default: AZURE_CLIENT_ID)'))
    .addOption(new Option('--certificate <file>', "the app's certificate: PEM (key + certificate) or PFX (password in AZURE_CLIENT_CERTIFICATE_PASSWORD); default AZURE_CLIENT_CERTIFICATE_PATH"))
    .addOption(new Option('--service-connection-id <id>', 'Azure DevOps: the service connection (default: AZURESUBSCRIPTION_SERVICE_CONNECTION_ID)'))
    .addOption(new Option('--config <file>', 'a config file choosing tenant, cloud and credential (default: provision.config.yaml if present)').env('PROVISION_CONFIG'));
}

export interface CredentialOptionValues {
  tenant?: string;
  cloud?: string;
  credential?: string;
  tenantId?: string;
  clientId?: string;
  certificate?: string;
  serviceConnectionId?: string;
  config?: string;
}

/** Where the run points and how it signs in. */
export interface TargetSettings {
  tenant: string;
  cloud?: string;
  credential: CredentialChoice;
}

const SECRET_KEYS = ['clientSecret', 'certificatePassword', 'systemAccessToken', 'requestToken', 'password', 'secret'];
const MAX_CONFIG_BYTES = 64 * 1024;

interface ConfigFile {
  tenant?: string;
  cloud?: string;
  credential?: CredentialChoice;
}

/** The file's settings, paths made absolute against its folder; throws naming the file and the key. */
export function readConfigFile(file: string): ConfigFile {
  const text = readFileSync(file, 'utf8');
  if (text.length > MAX_CONFIG_BYTES) throw new Error(`${file}: larger than 64 KiB, not a config file`);
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file}: expected a mapping with tenant, cloud and credential`);
  const o = raw as Record<string, unknown>;
  for (const key of Object.keys(o)) if (!['tenant', 'cloud', 'credential'].includes(key)) throw new Error(`${file}: unknown key '${key}' (expected tenant, cloud, credential)`);
  const str = (v: unknown, key: string): string | undefined => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !v.trim() || v.length > 1000) throw new Error(`${file}: ${key} must be a non-empty string`);
    return v.trim();
  };
  const config: ConfigFile = {};
  const tenant = str(o.tenant, 'tenant');
  if (tenant) config.tenant = tenant;
  const cloud = str(o.cloud, 'cloud');
  if (cloud) config.cloud = cloud;
  if (o.credential !== undefined) {
    if (typeof o.credential !== 'object' || o.credential === null || Array.isArray(o.credential)) throw new Error(`${file}: credential must be a mapping`);
    const c = o.credential as Record<string, unknown>;
    const allowed = ['kind', 'tenantId', 'clientId', 'certificatePath', 'tokenFile', 'serviceConnectionId'];
    for (const key of Object.keys(c)) {
      if (SECRET_KEYS.includes(key)) throw new Error(`${file}: credential.${key} is a secret and is not read from a file: set it in the environment (see docs/real-tenant.md)`);
      if (!allowed.includes(key)) throw new Error(`${file}: unknown key credential.${key} (expected ${allowed.join(', ')})`);
    }
    const choice: CredentialChoice = {};
    const kind = str(c.kind, 'credential.kind');
    if (kind) choice.kind = parseCredentialKind(kind);
    for (const key of ['tenantId', 'clientId', 'serviceConnectionId'] as const) {
      const v = str(c[key], `credential.${key}`);
      if (v) choice[key] = v;
    }
    for (const key of ['certificatePath', 'tokenFile'] as const) {
      const v = str(c[key], `credential.${key}`);
      if (v) choice[key] = resolve(dirname(resolve(file)), v);
    }
    config.credential = choice;
  }
  return config;
}

function findConfigFile(explicit: string | undefined, cwd: string): string | undefined {
  if (explicit) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new Error(`--config ${explicit}: no such file`);
    return file;
  }
  return ['provision.config.yaml', 'provision.config.yml', 'provision.config.json'].map((f) => resolve(cwd, f)).find((f) => existsSync(f));
}

/** Flags over environment over config file over defaults. */
export function targetSettingsOf(options: CredentialOptionValues, cwd = process.cwd(), env: Record<string, string | undefined> = process.env): TargetSettings {
  const file = findConfigFile(options.config, cwd);
  const config = file ? readConfigFile(file) : {};
  const credential: CredentialChoice = { ...config.credential };
  if (options.credential) credential.kind = parseCredentialKind(options.credential);
  if (options.tenantId) credential.tenantId = options.tenantId;
  if (options.clientId) credential.clientId = options.clientId;
  if (options.certificate) credential.certificatePath = resolve(cwd, options.certificate);
  if (options.serviceConnectionId) credential.serviceConnectionId = options.serviceConnectionId;
  const cloud = options.cloud ?? config.cloud;
  return { tenant: options.tenant ?? env.PROVISION_TENANT ?? config.tenant ?? 'local', ...(cloud ? { cloud } : {}), credential };
}
