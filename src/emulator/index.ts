/**
 * The local tenant: an HTTP emulator of Microsoft Graph v1.0, SharePoint REST and the Entra ID
 * token endpoint, with its state in a directory. The engine imports this module only when it
 * starts the local tenant in its own process (src/tenant/target.ts, a dynamic import), and
 * running-tenant.ts to find one another process serves: so a command that talks to a real tenant,
 * or to `provision emulator start`, loads none of the emulator.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Auth, type AppCredentials, type FederatedCredential } from './auth.ts';
import { ensureLocalAppCertificate } from './local-certificate.ts';
import type { LocalTenantAccess } from './running-tenant.ts';
import { newControlKey } from './control-access.ts';
import { ScaledClock } from './clock.ts';
import { DirectoryLag } from './directory-lag.ts';
import { resolveConfig, type BehaviourOptions, type EmulatorConfig } from './config.ts';
import type { FaultPlanEntry } from './faults.ts';
import { Policy } from './policy.ts';
import { GraphFace } from './graph/index.ts';
import { acquireLock, Journal, keptVerifiedDomains, loadOrCreateIdentity, removeEndpoint, saveVerifiedDomains, writeEndpoint, writeFileAtomic } from './persistence.ts';
import { mergeCustomDomains } from './verified-domains.ts';
import { createServer, listen, StatsCounter, type Stats } from './server.ts';
import { SharePointFace } from './sharepoint/index.ts';
import { Store } from './store.ts';
import type { UserRec } from './types.ts';

export { StateLockedError } from './persistence.ts';
export { findRunningLocalTenant, type LocalTenantAccess, type RunningLocalTenant } from './running-tenant.ts';
export { customDomainName } from './verified-domains.ts';
export type { Stats } from './server.ts';
export type { BehaviourOptions, EmulatorConfig, Profile, RetryAfterFormat } from './config.ts';
export type { FaultKind, FaultPlanEntry, FaultsInput } from './faults.ts';
export type { AppCredentials, FederatedCredential } from './auth.ts';
export { startLocalTenantProxy, type LocalTenantProxy, type LocalTenantProxyOptions } from './proxy/forward-proxy.ts';
export { ensureCertificateAuthority, type CertificateAuthority } from './proxy/certificate-authority.ts';

export interface LocalTenantOptions extends BehaviourOptions, AppCredentials {
  /** e.g. `<cwd>/.provision/local-tenant`; created if missing; state persists here */
  stateDir: string;
  /** default 0 (ephemeral); binds 127.0.0.1 */
  port?: number;
  /** default 'contoso' -> contoso.sharepoint.com, contoso.onmicrosoft.com */
  tenantName?: string;
  /**
   * custom domains to verify in the tenant (e.g. `['botkyrka.se']`), beside those its state
   * already holds: users may then be created with them (verified-domains.ts); kept in tenant.json
   */
  verifiedDomains?: readonly string[];
}

/** A local tenant this process serves: how to reach it (LocalTenantAccess), and its controls. */
export interface LocalTenant extends LocalTenantAccess {
  /** the custom domains the tenant has verified (users may be created on them), lower case */
  customDomains: readonly string[];
  /** the built-in admin who can sign in with the device code flow (password: never logged) */
  admin: { userPrincipalName: string; password: string };
  /** the tenant's managed identity, served as App Service's identity endpoint (`IDENTITY_ENDPOINT`, `IDENTITY_HEADER`) */
  managedIdentity: { endpoint: string; header: string; clientId: string };
  /** requests by operation, resource units, 429s, 503s, blocks, violations, faults, simulated time */
  stats(): Stats;
  /**
   * the key for the control routes (`GET <url>/_emulator/stats` with `Authorization: Bearer <controlKey>`):
   * new at every start, kept in `credentials.json` (0600); never logged
   */
  controlKey: string;
  /** the resolved behaviour (profile, clock, budgets, latency, async delays, faults) */
  config: EmulatorConfig;
  /** add a scripted fault at run time (same form as a plan entry of the faults file) */
  injectFault(entry: FaultPlanEntry): void;
  /** the simulated clock (epoch ms) */
  now(): number;
  /** moves the simulated clock forward by `simMs` at once (tests: "a day later") */
  advanceClock(simMs: number): void;
  /** whether the app is a term store administrator now (starts as `appIsTermStoreAdministrator`); settable */
  appIsTermStoreAdministrator: boolean;
  /** stop serving, flush state */
  close(): Promise<void>;
}

const COMPACT_EVERY_OPS = 200_000;

export async function startLocalTenant(opts: LocalTenantOptions): Promise<LocalTenant> {
  const tenantName = (opts.tenantName ?? 'contoso').toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(tenantName)) throw new Error(`invalid tenant name '${opts.tenantName}'`);
  const stateDir = path.resolve(opts.stateDir);
  fs.mkdirSync(stateDir, { recursive: true });
  const lock = acquireLock(stateDir);
  try {
    const loaded = loadOrCreateIdentity(stateDir, tenantName);
    let identity = loaded.identity;
    const { secrets } = loaded;
    if (identity.tenantName !== tenantName) {
      throw new Error(`state directory ${stateDir} holds tenant '${identity.tenantName}', not '${tenantName}'`);
    }
    const kept = keptVerifiedDomains(identity);
    const customDomains = mergeCustomDomains(kept, opts.verifiedDomains ?? []);
    if (customDomains.join() !== kept.join()) identity = saveVerifiedDomains(stateDir, identity, customDomains);
    const clock = new ScaledClock(opts.timeScale ?? 1);
    const store = new Store({ tenantName, clock, customDomains });
    const journal = new Journal(stateDir);
    journal.load(store);
    if (store.users.size === 0) seedFreshTenant(store);
    // async work that was pending when the last process stopped has finished meanwhile
    for (const s of store.sites.values()) if (s.readyAt !== undefined) delete s.readyAt;
    for (const t of store.teams.values()) if (t.readyAt !== undefined) delete t.readyAt;
    journal.compact(store);
    journal.open();
    store.journal = (op) => journal.append(op);

    const config = resolveConfig(opts, store.users.size);
    const appCertificate = ensureLocalAppCertificate(stateDir, tenantName);
    const auth = new Auth({
      tenantId: identity.tenantId,
      tenantName,
      isVerifiedDomain: (name) => store.isVerifiedDomain(name),
      clientId: identity.clientId,
      clientSecret: secrets.clientSecret,
      signingKey: secrets.signingKey,
      clock: { now: () => Date.now(), scale: 1 },
      credentials: {
        ...opts,
        clientCertificates: [...(opts.clientCertificates ?? []), ...stateDirCertificates(stateDir)],
        federatedCredentials: [...(opts.federatedCredentials ?? []), ...stateDirFederatedCredentials(stateDir)],
      },
      userByUpn: (upn) => {
        const u = [...store.users.values()].find((x) => x.userPrincipalName.toLowerCase() === upn.toLowerCase());
        return u ? { id: u.id, displayName: u.displayName, userPrincipalName: u.userPrincipalName } : undefined;
      },
    });
    const policy = new Policy(config, clock, auth);
    store.groupSiteDelay = () => policy.draw(config.async.groupSite);
    const graph = new GraphFace(store, auth, identity.tenantId);
    graph.gate = policy;
    graph.directoryLag = new DirectoryLag(config.directoryLag, clock, config.seed, (id) => store.groupBirth.get(id));
    graph.teams.timing = { cfg: config.async, draw: (d) => policy.draw(d), chance: (p) => p > 0 && policy.rng.next() < p };
    const sharepoint = new SharePointFace(store, auth, identity.tenantId);
    sharepoint.gate = policy;
    sharepoint.appIsTermStoreAdmin = opts.appIsTermStoreAdministrator ?? true;
    sharepoint.siteTiming = { asyncRate: config.async.siteCreateAsyncRate, delay: () => policy.draw(config.async.siteCreate), chance: (p) => p > 0 && policy.rng.next() < p };
    const stats = new StatsCounter();
    graph.onSubRequest = (op) => stats.countBatched(op);
    sharepoint.onSubRequest = (op) => stats.countBatched(op);
    const startedReal = Date.now();
    const statsJson = (): Stats => {
      const t = policy.throttler.counters;
      const byKind = Object.fromEntries(policy.faults.injected);
      return {
        ...stats.snapshot(),
        profile: config.profile,
        timeScale: config.timeScale,
        licences: config.licences,
        simulatedElapsedMs: Math.round(clock.elapsed()),
        realElapsedMs: Date.now() - startedReal,
        resourceUnits: { spent: { ...t.ruSpent }, buckets: policy.throttler.buckets(identity.clientId), sharepointByOperation: policy.sharePointByOperation(), sharepointMinuteWindows: policy.throttler.sharePointMinuteWindows(identity.clientId) },
        throttled: { total: t.throttled.sharepoint + t.throttled.entra + t.throttled.teams, byScope: { ...t.throttled } },
        blocked: { periods: t.blockedPeriods, responses: t.blocked503, simulatedMs: t.blockedSimMs },
        retryAfterViolations: t.violations,
        faults: { total: Object.values(byKind).reduce((a, b) => a + b, 0), byKind },
        latency: { draws: policy.latencyDraws, simulatedMs: Math.round(policy.latencySimMs) },
        directoryLag: { enabled: config.directoryLag.enabled, ...graph.directoryLag.counters },
      };
    };
    const controlKey = newControlKey();
    let stopping = false;
    const server = createServer({ graph, sharepoint, auth, spHost: store.spHost, stats, policy, statsJson, controlKey, stopping: () => stopping });
    const port = await listen(server, opts.port ?? 0);
    const url = `http://127.0.0.1:${port}`;
    lock.update({ port, url });
    // how other tools sign in to this tenant (secrets: mode 0600, never logged)
    const signIn = {
      tenantId: identity.tenantId,
      clientId: identity.clientId,
      certificatePath: appCertificate.credentialPath,
      clientSecret: secrets.clientSecret,
      admin: { userPrincipalName: auth.users.adminUpn, password: auth.users.adminPassword },
      managedIdentity: { endpoint: `${url}/msi/token`, header: auth.managedIdentity.identityHeader, clientId: auth.managedIdentity.clientId },
      controlKey,
    };
    writeFileAtomic(path.join(stateDir, 'credentials.json'), JSON.stringify(signIn, null, 1) + '\n', 0o600);
    // announced only once credentials.json (with this start's control key) is in place
    writeEndpoint(stateDir, { pid: process.pid, port, url });
    const timer = setInterval(() => {
      if (journal.opsSinceSnapshot >= COMPACT_EVERY_OPS) journal.compact(store);
    }, 10_000);
    timer.unref();

    let closed: Promise<void> | null = null;
    return {
      url,
      port,
      ...signIn,
      tenantName,
      sharepointHost: store.spHost,
      customDomains,
      stats: statsJson,
      config,
      injectFault: (e) => policy.faults.add(e),
      now: () => clock.now(),
      advanceClock: (simMs) => clock.advance(simMs),
      get appIsTermStoreAdministrator() {
        return sharepoint.appIsTermStoreAdmin;
      },
      set appIsTermStoreAdministrator(v: boolean) {
        sharepoint.appIsTermStoreAdmin = v;
      },
      close() {
        stopping = true;
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

/** Certificates (PEM) dropped in `<stateDir>/certificates/` are trusted for client assertions. */
function stateDirCertificates(stateDir: string): string[] {
  const dir = path.join(stateDir, 'certificates');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => /\.(pem|crt|cer)$/i.test(f)).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

/**
 * Federated identity credentials of the app, as an admin adds them to an app registration:
 * `<stateDir>/federated-credentials.json`, an array of `{ issuer, subject, audience?, publicKeys }`
 * (the issuer's public keys, PEM: the local tenant does not fetch the issuer's JWKS).
 */
function stateDirFederatedCredentials(stateDir: string): FederatedCredential[] {
  const file = path.join(stateDir, 'federated-credentials.json');
  if (!fs.existsSync(file)) return [];
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of { issuer, subject, audience?, publicKeys }`);
  return parsed as FederatedCredential[];
}

/** The report printed when a local tenant stops: one line per figure. */
export function formatStats(s: Stats): string {
  const lines: string[] = [];
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  lines.push(`profile ${s.profile}, time scale ${s.timeScale}x, ${s.licences} licences; simulated ${secs(s.simulatedElapsedMs)} in ${secs(s.realElapsedMs)} real`);
  lines.push(`requests ${s.requests}; by status ${Object.entries(s.byStatus).map(([k, v]) => `${k}: ${v}`).join(', ') || '-'}`);
  lines.push(`throttled (429) ${s.throttled.total} (SharePoint ${s.throttled.byScope.sharepoint}, Entra ${s.throttled.byScope.entra}, Teams ${s.throttled.byScope.teams}); Retry-After violations ${s.retryAfterViolations}`);
  lines.push(`blocked periods ${s.blocked.periods} (${s.blocked.responses} calls answered 503, ${secs(s.blocked.simulatedMs)} simulated)`);
  const spent = Object.entries(s.resourceUnits.spent).filter(([, v]) => v > 0);
  lines.push(`resource units spent: ${spent.map(([k, v]) => `${k} ${v}`).join(', ') || '-'}`);
  const spByOp = Object.entries(s.resourceUnits.sharepointByOperation).sort((a, b) => b[1].ru - a[1].ru).slice(0, 8);
  if (spByOp.length > 0) lines.push(`SharePoint RU by operation: ${spByOp.map(([op, v]) => `${op} ${v.ru} (${v.requests} requests)`).join(', ')}`);
  if (s.directoryLag?.enabled) lines.push(`directory lag: groups left out of lookups ${s.directoryLag.hiddenFromQueries}, 404 by id ${s.directoryLag.notFoundById}, reference adds refused ${s.directoryLag.refsRefused}`);
  lines.push(`faults injected ${s.faults.total}${s.faults.total ? ` (${Object.entries(s.faults.byKind).map(([k, v]) => `${k}: ${v}`).join(', ')})` : ''}`);
  const top = Object.entries(s.byOperation).sort((a, b) => b[1] - a[1]).slice(0, 12);
  lines.push('requests by operation:');
  for (const [op, n] of top) lines.push(`  ${String(n).padStart(7)}  ${op}`);
  return lines.join('\n');
}
