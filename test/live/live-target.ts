/**
 * Where the live scenarios run: a real tenant when `npm run test:live` asked for one
 * (PROVISION_LIVE_RUN=real, set by scripts/test-live.ts) and its settings are in the environment
 * (PROVISION_LIVE_TENANT, PROVISION_LIVE_OWNER and the credential the CLI reads); else the local
 * tenant, so that `npm test` exercises the same scenarios on every run and never touches a real
 * tenant by accident.
 *
 *   PROVISION_LIVE_TENANT  the tenant name (contoso -> contoso.sharepoint.com) or SharePoint host
 *   PROVISION_LIVE_OWNER   the UPN of a real user who owns what the scenarios create
 *   AZURE_TENANT_ID, AZURE_CLIENT_ID and a credential (today AZURE_CLIENT_SECRET)
 *   <!-- credentials: filled by lead -->
 */

export type LiveTarget =
  | { kind: 'local'; tenantArg: 'local'; owner: string; prefix: string; why: string }
  | { kind: 'real'; tenantArg: string; owner: string; prefix: string };

/** What a real-tenant run needs from the environment, and what is missing. */
export function missingLiveSettings(env: NodeJS.ProcessEnv = process.env): string[] {
  const missing = ['PROVISION_LIVE_TENANT', 'PROVISION_LIVE_OWNER', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID'].filter((v) => !env[v]);
  // A credential: the client secret today; the credentials work adds certificates, federation and more.
  const credential = ['AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_FEDERATED_TOKEN_FILE'].some((v) => env[v]);
  if (!credential) missing.push('a credential (AZURE_CLIENT_SECRET, AZURE_CLIENT_CERTIFICATE_PATH or AZURE_FEDERATED_TOKEN_FILE)');
  return missing;
}

/** A prefix unique to this run, valid in site URLs and mailNicknames (lower case letters and digits). */
export function runPrefix(now = Date.now(), random = Math.random()): string {
  return `live${now.toString(36)}${Math.floor(random * 36 ** 3).toString(36).padStart(3, '0')}`;
}

export function liveTarget(env: NodeJS.ProcessEnv = process.env): LiveTarget {
  const prefix = env.PROVISION_LIVE_PREFIX ?? runPrefix();
  const missing = missingLiveSettings(env);
  if (env.PROVISION_LIVE_RUN === 'real' && missing.length === 0) {
    return { kind: 'real', tenantArg: env.PROVISION_LIVE_TENANT!, owner: env.PROVISION_LIVE_OWNER!, prefix };
  }
  return { kind: 'local', tenantArg: 'local', owner: 'anna.andersson@contoso.onmicrosoft.com', prefix, why: env.PROVISION_LIVE_RUN === 'real' ? `not set: ${missing.join(', ')}` : 'not asked for: npm run test:live runs against one' };
}
