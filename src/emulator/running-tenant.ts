/**
 * Finding the local tenant another process serves (`provision emulator start`) from a state
 * directory: its endpoint and the app credentials kept there. Apart from index.ts so that a
 * command finds it without loading the emulator (its routes, stores and faces): the engine
 * imports index.ts only when it starts the local tenant itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureLocalAppCertificate } from './local-certificate.ts';
import { keptVerifiedDomains, loadOrCreateIdentity, processAlive, readEndpoint } from './persistence.ts';

/** How to reach a local tenant, served by this process or another: its address and its app. */
export interface LocalTenantAccess {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** a stable GUID stored in the state dir */
  tenantId: string;
  tenantName: string;
  /** '<tenantName>.sharepoint.com' */
  sharepointHost: string;
  /** the local tenant's registered app (stable, stored in the state dir) */
  clientId: string;
  /**
   * its secret (random at first start, stored in the state dir with mode 0600; never logged).
   * SharePoint refuses the app-only tokens it gives, as the service does: use `certificatePath`.
   */
  clientSecret: string;
  /** the app's certificate with its private key (PEM, 0600): the default credential, accepted by SharePoint */
  certificatePath: string;
}

/**
 * How to reach a local tenant that another process (`provision emulator start`) is serving
 * from `stateDir`: its URL and the app credentials kept in that directory.
 */
export interface RunningLocalTenant extends LocalTenantAccess {
  pid: number;
  /** the key for its control routes (`/_emulator/*`), from its `credentials.json`; undefined when unreadable */
  controlKey: string | undefined;
  /** the custom domains it verified (kept in tenant.json: it verifies none while it runs), lower case */
  customDomains: readonly string[];
}

/** The local tenant served from `stateDir` by a live process, or undefined when none is. */
export function findRunningLocalTenant(stateDir: string): RunningLocalTenant | undefined {
  const dir = path.resolve(stateDir);
  const endpoint = readEndpoint(dir);
  if (!endpoint || endpoint.pid === process.pid || !processAlive(endpoint.pid)) return undefined;
  const { identity, secrets } = loadOrCreateIdentity(dir, 'contoso');
  return {
    url: endpoint.url,
    port: endpoint.port,
    pid: endpoint.pid,
    tenantId: identity.tenantId,
    tenantName: identity.tenantName,
    sharepointHost: `${identity.tenantName}.sharepoint.com`,
    clientId: identity.clientId,
    clientSecret: secrets.clientSecret,
    certificatePath: ensureLocalAppCertificate(dir, identity.tenantName).credentialPath,
    controlKey: readControlKey(dir),
    customDomains: keptVerifiedDomains(identity).map((d) => d.toLowerCase()),
  };
}

/** The control key a running local tenant wrote to `<stateDir>/credentials.json`. */
function readControlKey(stateDir: string): string | undefined {
  try {
    const v = JSON.parse(fs.readFileSync(path.join(stateDir, 'credentials.json'), 'utf8')) as { controlKey?: unknown };
    return typeof v.controlKey === 'string' ? v.controlKey : undefined;
  } catch {
    return undefined;
  }
}
