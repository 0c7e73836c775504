/**
 * `provision emulator start [--profile instant|realistic] [--time-scale N] [--licences N]
 * [--faults FILE] [--directory-lag SECONDS] [--port N] [--state DIR] [--app-roles SPEC] [--domain NAME]... [--proxy] [--proxy-port N]`: serves the
 * local tenant on its own until interrupted, for tests and other tools, and prints its report
 * (requests, resource units, 429s, blocks, Retry-After violations, faults, simulated time) when it
 * stops. Its state is the same `.provision/local-tenant` that plan and apply use in-process (one
 * process per folder). With `--proxy` it also listens as an HTTPS forward proxy for the real hosts
 * (src/emulator/proxy). `provision emulator ca [--state DIR]` prints the proxy CA's certificate path.
 */
import { join, resolve } from 'node:path';
import { ensureCertificateAuthority, formatStats, startLocalTenant, startLocalTenantProxy, type LocalTenantProxy, type Profile } from '../../emulator/index.ts';
import { stateDirOf } from '../../tenant/target.ts';
import { info, out } from '../output.ts';
import type { AppRolesGrant } from '../app-roles-option.ts';

export interface EmulatorStartOptions {
  port?: number;
  state?: string;
  profile?: string;
  timeScale?: number;
  licences?: number;
  faults?: string;
  /** simulated seconds (median) a new group is missing from lookups; 0 = off */
  directoryLag?: number;
  appRoles?: AppRolesGrant;
  /** custom domains to verify (added to those the state holds) */
  domain?: string[];
  proxy?: boolean;
  proxyPort?: number;
}

function stateDirFrom(state: string | undefined): string {
  return state ? resolve(state) : join(stateDirOf(process.cwd()), 'local-tenant');
}

/** `provision emulator ca`: the proxy CA's certificate path (made if missing), alone on stdout. */
export async function emulatorCaCommand(options: { state?: string }): Promise<number> {
  out(ensureCertificateAuthority(stateDirFrom(options.state)).certificatePath);
  return 0;
}

export async function emulatorStartCommand(options: EmulatorStartOptions): Promise<number> {
  const stateDir = stateDirFrom(options.state);
  const profile = (options.profile ?? 'instant') as Profile;
  if (profile !== 'instant' && profile !== 'realistic') throw new Error(`unknown profile '${options.profile}': use instant or realistic`);
  const tenant = await startLocalTenant({
    stateDir,
    profile,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.timeScale !== undefined ? { timeScale: options.timeScale } : {}),
    ...(options.licences !== undefined ? { licences: options.licences } : {}),
    ...(options.faults !== undefined ? { faults: resolve(options.faults) } : {}),
    ...(options.directoryLag !== undefined ? { directoryLag: options.directoryLag * 1000 } : {}),
    ...(options.appRoles !== undefined ? { appRoles: options.appRoles } : {}),
    ...(options.domain?.length ? { verifiedDomains: options.domain } : {}),
  });
  out(`Local tenant ${tenant.sharepointHost} listening on ${tenant.url} (tenant id ${tenant.tenantId}, app ${tenant.clientId}); state in ${stateDir}`);
  if (tenant.customDomains.length) info(`Verified custom domains: ${tenant.customDomains.join(', ')} (users may be created on them).`);
  const c = tenant.config;
  info(
    `Profile ${c.profile}${c.timeScale !== 1 ? `, time ${c.timeScale}x` : ''}; throttling ${c.throttle.enabled ? `on (SharePoint ${c.throttle.sharepoint.perMinute} RU/min for ${c.licences} licences)` : 'off'}; latency ${c.latency.enabled ? 'on' : 'off'}; directory lag ${c.directoryLag.enabled ? `on (median ${c.directoryLag.query.medianMs / 1000} s)` : 'off'}${c.faults.plan.length || c.faults.rates.length ? '; faults on' : ''}. Stats: GET ${tenant.url}/_emulator/stats with 'Authorization: Bearer <controlKey>' (controlKey in ${join(stateDir, 'credentials.json')})`,
  );
  info(
    `Credentials: the app's certificate (PEM, private key + certificate; the credential SharePoint accepts) is ${tenant.certificatePath}; ` +
      `device code sign-in as ${tenant.admin.userPrincipalName} at POST ${tenant.url}/common/oauth2/deviceauth (otc, login, passwd); ` +
      `managed identity at IDENTITY_ENDPOINT=${tenant.managedIdentity.endpoint}; ` +
      `the admin's password, the IDENTITY_HEADER and the client secret (Graph only: SharePoint refuses its tokens) are in ${join(stateDir, 'credentials.json')} (mode 0600).`,
  );
  let proxy: LocalTenantProxy | undefined;
  if (options.proxy || options.proxyPort !== undefined) {
    try {
      proxy = await startLocalTenantProxy({ stateDir, tenantUrl: tenant.url, sharepointHost: tenant.sharepointHost, ...(options.proxyPort !== undefined ? { port: options.proxyPort } : {}) });
    } catch (error) {
      await tenant.close();
      throw new Error(`the proxy could not listen: ${(error as Error).message}`);
    }
    out(`Proxy listening on ${proxy.url} for ${proxy.hosts.join(', ')}: HTTPS_PROXY=${proxy.url} NODE_EXTRA_CA_CERTS=${proxy.caCertificatePath}`);
  }
  info('Route https://graph.microsoft.com, https://login.microsoftonline.com and https://' + tenant.sharepointHost + ` to it${proxy ? ' (or use the proxy)' : ''}. Ctrl-C stops it.`);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const report = formatStats(tenant.stats());
  await proxy?.close();
  await tenant.close();
  info(`Local tenant stopped; state saved.\n${report}`);
  return 0;
}
