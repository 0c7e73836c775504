/**
 * Where the engine points: the local tenant (the default) or a real Microsoft 365 tenant.
 * This is the one place that starts the local tenant (architecture decision 3): in-process on a
 * loopback port, with its state under `.provision/local-tenant`, and the real hostnames rerouted
 * to it; or, when `provision emulator start` is already serving that state, the running one.
 * The local tenant's default credential is its app certificate (the kind SharePoint accepts);
 * another kind is used only when chosen. A real tenant is `--tenant <name>` in a cloud
 * (`<name>.sharepoint.com`, `.sharepoint.us`, …) with the credential chosen or found in the
 * environment (credentials/environment.ts).
 */
import { join } from 'node:path';
// The emulator itself (index.ts) is loaded only when this process starts the local tenant.
import type { AppCredentials as LocalAppCredentials, BehaviourOptions, LocalTenant } from '../emulator/index.ts';
import { findRunningLocalTenant } from '../emulator/running-tenant.ts';
import { installRerouting } from './reroute.ts';
import { setEngineTimeScale } from '../time/engine-time.ts';
import { createTenantClient, type ClientOptions, type TenantClient } from './tenant-client.ts';
import { cloudOf, sharepointHostOf } from './clouds.ts';
import { createCredential } from './credentials/create.ts';
import type { SignInPrompt } from './credentials/device-code.ts';
import { credentialSpecFrom, type CredentialChoice } from './credentials/environment.ts';
import type { CredentialSpec } from './credentials/kinds.ts';
import { credentialWarnings } from './credentials/sharepoint-refusal.ts';


/**
 * How an in-process local tenant behaves (docs/local-tenant.md): profile, clock compression,
 * licences, faults (a file path or a plan), the app roles its app is granted, and any finer
 * setting; the emulator's defaults otherwise.
 */
export type LocalBehaviour = BehaviourOptions & Pick<LocalAppCredentials, 'appRoles'>;

export interface TargetOptions {
  /** `local` or a tenant name such as `contoso`. */
  tenant: string;
  /** Behaviour of the local tenant when this process starts it. */
  local?: LocalBehaviour;
  /** Folder holding `.provision/` (the current directory). */
  cwd: string;
  transport?: ClientOptions;
  /** The credential chosen by flags or a config file (the environment fills the rest). */
  credential?: CredentialChoice;
  /** `global` (default), `usgov`, `usgov-dod` or `china` (clouds.ts). */
  cloud?: string;
  /** Where device code sign-in instructions go (default stderr). */
  prompt?: SignInPrompt;
  /** The environment to read credentials from (default `process.env`). */
  env?: Record<string, string | undefined>;
}

export interface Target {
  client: TenantClient;
  /** Short name for plans, e.g. `local (contoso)`. */
  name: string;
  /** One line saying which tenant is targeted and who signs in; never contains a secret. */
  banner: string;
  /**
   * What the tenant will refuse with this credential (a client secret on SharePoint), one line
   * each, for the CLI to print before anything changes.
   */
  warnings: string[];
  /**
   * The local tenant when this process started it (undefined for a real tenant or one served by
   * another process): its stats and simulated clock, for tests and tools that measure a run.
   */
  localTenant?: Pick<LocalTenant, 'stats' | 'now' | 'advanceClock'>;
  close(): Promise<void>;
}

export function stateDirOf(cwd: string): string {
  return join(cwd, '.provision');
}

export async function openTarget(options: TargetOptions): Promise<Target> {
  if (options.tenant === 'local') return openLocal(options);
  return openRemote(options);
}

async function openLocal(options: TargetOptions): Promise<Target> {
  const stateDir = join(stateDirOf(options.cwd), 'local-tenant');
  const running = findRunningLocalTenant(stateDir);
  const behaviour = Object.fromEntries(Object.entries(options.local ?? {}).filter(([, v]) => v !== undefined));
  if (running && Object.keys(behaviour).length > 0) {
    throw new Error(
      `the local tenant of this folder is already served by process ${running.pid} at ${running.url} with its own behaviour, so ${describeOptions(behaviour)} cannot apply; ` +
        'stop that process to let this command start the local tenant with them, or give them to `provision emulator start`',
    );
  }
  const started: LocalTenant | undefined = running ? undefined : await (await import('../emulator/index.ts')).startLocalTenant({ stateDir, ...behaviour });
  const local = running ?? started!;
  // The engine's own waits follow the local tenant's clock (src/time).
  setEngineTimeScale(started ? started.config.timeScale : await runningTimeScale(running!.url, running!.controlKey));
  const restore = installRerouting({
    'graph.microsoft.com': local.url,
    'login.microsoftonline.com': local.url,
    [local.sharepointHost]: local.url,
    [local.sharepointHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')]: local.url,
  });
  let client: TenantClient;
  try {
    if (options.cloud && cloudOf(options.cloud).name !== 'global') throw new Error(`the local tenant is in the global cloud, not '${options.cloud}'`);
    // The default: the app's certificate, which SharePoint accepts. Another kind only when chosen,
    // so that a real tenant's AZURE_* variables in the environment never reach the local tenant.
    const spec: CredentialSpec = options.credential?.kind
      ? credentialSpecFrom(withLocalCertificate(options.credential, local.certificatePath, options.env ?? process.env), options.env ?? process.env, { tenantId: local.tenantId, clientId: local.clientId })
      : { kind: 'certificate', tenantId: local.tenantId, clientId: local.clientId, certificatePath: local.certificatePath };
    client = createTenantClient(createCredential(spec, cloudOf('global'), options.prompt ? { prompt: options.prompt } : {}), local.sharepointHost, options.transport);
  } catch (error) {
    restore();
    await started?.close();
    throw error;
  }
  return {
    client,
    name: `local (${local.tenantName})`,
    banner: running
      ? `Tenant: local tenant ${local.sharepointHost}, served by process ${running.pid} at ${local.url}, state in ${stateDir}; signed in as ${client.identity.description}`
      : `Tenant: local tenant ${local.sharepointHost}, served in-process at ${local.url} (${describeBehaviour(options.local)}), state in ${stateDir}; signed in as ${client.identity.description}`,
    warnings: credentialWarnings(client.identity),
    ...(started ? { localTenant: started } : {}),
    async close() {
      restore();
      await started?.close();
    },
  };
}

async function openRemote(options: TargetOptions): Promise<Target> {
  setEngineTimeScale(1);
  const cloud = cloudOf(options.cloud);
  const host = sharepointHostOf(options.tenant, cloud);
  let spec: CredentialSpec;
  try {
    spec = credentialSpecFrom(options.credential ?? {}, options.env ?? process.env);
  } catch (error) {
    throw new Error(`--tenant ${options.tenant}: ${(error as Error).message}`);
  }
  const client = createTenantClient(createCredential(spec, cloud, options.prompt ? { prompt: options.prompt } : {}), host, { ...options.transport, cloud });
  return {
    client,
    name: host,
    banner: `Tenant: ${host} (${cloud.label} cloud); signed in as ${client.identity.description}`,
    warnings: credentialWarnings(client.identity),
    close: async () => {},
  };
}

/** For the local tenant, a chosen certificate credential with no file is the local app's own certificate. */
function withLocalCertificate(choice: CredentialChoice, certificatePath: string, env: Record<string, string | undefined>): CredentialChoice {
  if (choice.kind !== 'certificate' || choice.certificatePath || env.AZURE_CLIENT_CERTIFICATE_PATH) return choice;
  return { ...choice, certificatePath };
}

/** The clock compression of a local tenant served by another process (its stats need its control key). */
async function runningTimeScale(url: string, controlKey: string | undefined): Promise<number> {
  if (!controlKey) return 1;
  try {
    const stats = (await (await fetch(`${url}/_emulator/stats`, { headers: { authorization: `Bearer ${controlKey}` }, signal: AbortSignal.timeout(10_000) })).json()) as { timeScale?: number };
    return typeof stats.timeScale === 'number' && stats.timeScale > 0 ? stats.timeScale : 1;
  } catch {
    return 1;
  }
}

/** The `--local-*` options that were given, as the user typed them. */
function describeOptions(behaviour: Record<string, unknown>): string {
  const flag: Record<string, string> = { profile: '--local-profile', timeScale: '--local-time-scale', licences: '--local-licences', faults: '--local-faults', directoryLag: '--local-directory-lag' };
  return Object.keys(behaviour).map((k) => flag[k] ?? k).join(', ');
}

function describeBehaviour(b: LocalBehaviour | undefined): string {
  const parts = [`profile ${b?.profile ?? 'instant'}`];
  if (b?.timeScale && b.timeScale !== 1) parts.push(`time ${b.timeScale}x`);
  if (b?.licences) parts.push(`${b.licences} licences`);
  if (typeof b?.directoryLag === 'number') parts.push(b.directoryLag > 0 ? `directory lag ${b.directoryLag / 1000} s` : 'no directory lag');
  if (b?.faults) parts.push(typeof b.faults === 'string' ? `faults from ${b.faults}` : 'scripted faults');
  return parts.join(', ');
}
