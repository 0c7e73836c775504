/**
 * Where the engine points: the local tenant (the default) or a real Microsoft 365 tenant.
 * This is the one place that starts the local tenant (architecture decision 3): in-process on a
 * loopback port, with its state under `.provision/local-tenant`, and the real hostnames rerouted
 * to it; or, when `provision emulator start` is already serving that state, the running one. A real tenant is configured by environment: AZURE_TENANT_ID, AZURE_CLIENT_ID,
 * AZURE_CLIENT_SECRET, with `--tenant <name>` giving `<name>.sharepoint.com`.
 */
import { join } from 'node:path';
import { findRunningLocalTenant, startLocalTenant } from '../emulator/index.ts';
import { installRerouting } from './reroute.ts';
import { createTenantClient, type TenantClient } from './tenant-client.ts';
import type { TransportOptions } from './transport.ts';

/** How an in-process local tenant behaves (see docs/local-tenant.md); the emulator's defaults otherwise. */
export interface LocalBehaviour {
  profile?: 'instant' | 'realistic';
  timeScale?: number;
  licences?: number;
  /** Path of a faults file (JSON or YAML). */
  faults?: string;
}

export interface TargetOptions {
  /** `local` or a tenant name such as `contoso`. */
  tenant: string;
  /** Behaviour of the local tenant when this process starts it. */
  local?: LocalBehaviour;
  /** Folder holding `.provision/` (the current directory). */
  cwd: string;
  transport?: Partial<TransportOptions>;
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
  const local = running ?? (await startLocalTenant({ stateDir, ...behaviour }));
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
      if (!running && 'close' in local) await local.close();
    },
  };
}

async function openRemote(options: TargetOptions): Promise<Target> {
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

function describeBehaviour(b: LocalBehaviour | undefined): string {
  const parts = [`profile ${b?.profile ?? 'instant'}`];
  if (b?.timeScale && b.timeScale !== 1) parts.push(`time ${b.timeScale}x`);
  if (b?.licences) parts.push(`${b.licences} licences`);
  if (b?.faults) parts.push(`faults from ${b.faults}`);
  return parts.join(', ');
}
