/**
 * Where the engine points: the local tenant (the default) or a real Microsoft 365 tenant.
 * This is the one place that starts the local tenant (architecture decision 3): in-process on a
 * loopback port, with its state under `.provision/local-tenant`, and the real hostnames rerouted
 * to it; or, when `provision emulator start` is already serving that state, the running one. A real tenant is configured by environment: AZURE_TENANT_ID, AZURE_CLIENT_ID,
 * AZURE_CLIENT_SECRET, with `--tenant <name>` giving `<name>.sharepoint.com`.
 */
import { join } from 'node:path';
import { findRunningLocalTenant, startLocalTenant, type AppCredentials as LocalAppCredentials, type BehaviourOptions, type LocalTenant } from '../emulator/index.ts';
import { installRerouting } from './reroute.ts';
import { setEngineTimeScale } from '../time/engine-time.ts';
import { createTenantClient, type ClientOptions, type TenantClient } from './tenant-client.ts';


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
}

export interface Target {
  client: TenantClient;
  /** Short name for plans, e.g. `local (contoso)`. */
  name: string;
  /** One line saying which tenant is targeted; never contains a secret. */
  banner: string;
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
  const started: LocalTenant | undefined = running ? undefined : await startLocalTenant({ stateDir, ...behaviour });
  const local = running ?? started!;
  // The engine's own waits follow the local tenant's clock (src/time).
  setEngineTimeScale(started ? started.config.timeScale : await runningTimeScale(running!.url));
  const restore = installRerouting({
    'graph.microsoft.com': local.url,
    'login.microsoftonline.com': local.url,
    [local.sharepointHost]: local.url,
    [local.sharepointHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')]: local.url,
  });
  const client = createTenantClient(
    { tenantId: local.tenantId, clientId: local.clientId, clientSecret: local.clientSecret },
    local.sharepointHost,
    options.transport,
  );
  return {
    client,
    name: `local (${local.tenantName})`,
    banner: running
      ? `Tenant: local tenant ${local.sharepointHost}, served by process ${running.pid} at ${local.url}, state in ${stateDir}`
      : `Tenant: local tenant ${local.sharepointHost}, served in-process at ${local.url} (${describeBehaviour(options.local)}), state in ${stateDir}`,
    async close() {
      restore();
      await started?.close();
    },
  };
}

async function openRemote(options: TargetOptions): Promise<Target> {
  setEngineTimeScale(1);
  const missing = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'].filter((v) => !process.env[v]);
  if (missing.length > 0) {
    throw new Error(`--tenant ${options.tenant} needs ${missing.join(', ')} in the environment (an app registration's credentials)`);
  }
  const host = options.tenant.includes('.') ? options.tenant : `${options.tenant}.sharepoint.com`;
  const client = createTenantClient(
    { tenantId: process.env.AZURE_TENANT_ID!, clientId: process.env.AZURE_CLIENT_ID!, clientSecret: process.env.AZURE_CLIENT_SECRET! },
    host,
    options.transport,
  );
  return { client, name: host, banner: `Tenant: ${host} (app ${process.env.AZURE_CLIENT_ID})`, close: async () => {} };
}

/** The clock compression of a local tenant served by another process. */
async function runningTimeScale(url: string): Promise<number> {
  try {
    const stats = (await (await fetch(`${url}/_emulator/stats`)).json()) as { timeScale?: number };
    return typeof stats.timeScale === 'number' && stats.timeScale > 0 ? stats.timeScale : 1;
  } catch {
    return 1;
  }
}

function describeBehaviour(b: LocalBehaviour | undefined): string {
  const parts = [`profile ${b?.profile ?? 'instant'}`];
  if (b?.timeScale && b.timeScale !== 1) parts.push(`time ${b.timeScale}x`);
  if (b?.licences) parts.push(`${b.licences} licences`);
  if (b?.faults) parts.push(typeof b.faults === 'string' ? `faults from ${b.faults}` : 'scripted faults');
  return parts.join(', ');
}
