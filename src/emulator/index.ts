/**
 * The local tenant: an HTTP emulator of Microsoft Graph v1.0, SharePoint REST and the Entra ID
 * token endpoint, with its state in a directory. This is the only module the engine imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Auth } from './auth.ts';
import { realClock } from './clock.ts';
import { GraphFace } from './graph/index.ts';
import { acquireLock, Journal, loadOrCreateIdentity, processAlive, readEndpoint, removeEndpoint, writeEndpoint } from './persistence.ts';
import { createServer, listen, StatsCounter, type Stats } from './server.ts';
import { SharePointFace } from './sharepoint/index.ts';
import { Store } from './store.ts';
import type { UserRec } from './types.ts';

export { StateLockedError } from './persistence.ts';
export type { Stats } from './server.ts';

export interface LocalTenantOptions {
  /** e.g. `<cwd>/.provision/local-tenant`; created if missing; state persists here */
  stateDir: string;
  /** default 0 (ephemeral); binds 127.0.0.1 */
  port?: number;
  /** default 'contoso' -> contoso.sharepoint.com, contoso.onmicrosoft.com */
  tenantName?: string;
}

export interface LocalTenant {
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
  /** its secret (random at first start, stored in the state dir with mode 0600; never logged) */
  clientSecret: string;
  /** request counts by operation (e.g. 'POST /groups') */
  stats(): Stats;
  /** stop serving, flush state */
  close(): Promise<void>;
}

/**
 * How to reach a local tenant that another process (`provision emulator start`) is serving
 * from `stateDir`: its URL and the app credentials kept in that directory.
 */
export interface RunningLocalTenant {
  url: string;
  port: number;
  pid: number;
  tenantId: string;
  tenantName: string;
  sharepointHost: string;
  clientId: string;
  clientSecret: string;
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
  };
}

const COMPACT_EVERY_OPS = 200_000;

export async function startLocalTenant(opts: LocalTenantOptions): Promise<LocalTenant> {
  const tenantName = (opts.tenantName ?? 'contoso').toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(tenantName)) throw new Error(`invalid tenant name '${opts.tenantName}'`);
  const stateDir = path.resolve(opts.stateDir);
  fs.mkdirSync(stateDir, { recursive: true });
  const lock = acquireLock(stateDir);
  try {
    const { identity, secrets } = loadOrCreateIdentity(stateDir, tenantName);
    if (identity.tenantName !== tenantName) {
      throw new Error(`state directory ${stateDir} holds tenant '${identity.tenantName}', not '${tenantName}'`);
    }
    const clock = realClock;
    const store = new Store({ tenantName, clock });
    const journal = new Journal(stateDir);
    journal.load(store);
    if (store.users.size === 0) seedFreshTenant(store);
    journal.compact(store);
    journal.open();
    store.journal = (op) => journal.append(op);

    const auth = new Auth({ tenantId: identity.tenantId, tenantName, clientId: identity.clientId, clientSecret: secrets.clientSecret, signingKey: secrets.signingKey, clock });
    const stats = new StatsCounter();
    const server = createServer({
      graph: new GraphFace(store, auth, identity.tenantId),
      sharepoint: new SharePointFace(store, auth, identity.tenantId),
      auth,
      spHost: store.spHost,
      stats,
    });
    const port = await listen(server, opts.port ?? 0);
    const url = `http://127.0.0.1:${port}`;
    lock.update({ port, url });
    writeEndpoint(stateDir, { pid: process.pid, port, url });
    const timer = setInterval(() => {
      if (journal.opsSinceSnapshot >= COMPACT_EVERY_OPS) journal.compact(store);
    }, 10_000);
    timer.unref();

    let closed: Promise<void> | null = null;
    return {
      url,
      port,
      tenantId: identity.tenantId,
      tenantName,
      sharepointHost: store.spHost,
      clientId: identity.clientId,
      clientSecret: secrets.clientSecret,
      stats: () => stats.snapshot(),
      close() {
        closed ??= (async () => {
          clearInterval(timer);
          await new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          });
          store.journal = null;
          journal.compact(store);
          journal.closeLog();
          removeEndpoint(stateDir);
          lock.release();
        })();
        return closed;
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

function seedFreshTenant(store: Store): void {
  const seedPath = new URL('./seed/directory.json', import.meta.url);
  const seed = JSON.parse(fs.readFileSync(seedPath, 'utf8')) as { users: Array<{ id: string; displayName: string; userPrincipalName: string; givenName?: string; surname?: string }> };
  for (const u of seed.users) {
    const upn = store.tenantName === 'contoso' ? u.userPrincipalName : u.userPrincipalName.replace(/@.*$/, `@${store.domain}`);
    const rec: UserRec = { id: u.id.toLowerCase(), displayName: u.displayName, userPrincipalName: upn, givenName: u.givenName ?? null, surname: u.surname ?? null, mail: upn };
    store.apply({ k: 'user', v: rec });
  }
  if (!store.getSiteByUrl('/')) {
    store.createSite({ url: '/', title: 'Communication site', description: '', webTemplate: 'SITEPAGEPUBLISHING', configuration: 0, lcid: 1033, groupId: null, owner: null });
  }
}
