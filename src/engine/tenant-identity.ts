/**
 * Which tenant a client talks to, as the service states it: the tenant id from the `tid` claim
 * of the client's own Graph token (whatever the configuration called the tenant: a domain, a
 * GUID, `local`) and the SharePoint host. A saved plan records it and applies only there.
 */
import type { TenantIdentity } from '../model/plan.ts';
import { GRAPH_RESOURCE } from '../tenant/graph-client.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { readTokenClaims } from '../tenant/token-claims.ts';

export async function tenantIdentityOf(tenant: TenantClient): Promise<TenantIdentity> {
  const claims = readTokenClaims(await tenant.tokens.token(GRAPH_RESOURCE));
  if (!claims.tid) throw new Error('the Graph access token has no tid (tenant id) claim');
  return { tenantId: claims.tid.toLowerCase(), host: tenant.sharepointHost.toLowerCase() };
}

/** Whether two identities name the same tenant (ids compared case-insensitively). */
export function sameTenant(a: TenantIdentity, b: TenantIdentity): boolean {
  return a.tenantId.toLowerCase() === b.tenantId.toLowerCase() && a.host.toLowerCase() === b.host.toLowerCase();
}

/** `contoso.sharepoint.com (tenant 1234…)`, for messages. */
export function describeTenant(t: TenantIdentity): string {
  return `${t.host} (tenant id ${t.tenantId})`;
}
