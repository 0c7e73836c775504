/**
 * `provision doctor`: signs in, reads what the app was granted from its own tokens (`roles`
 * app-only, `scp` delegated), probes SharePoint, the tenant admin host and the term store, and
 * gives one check per thing the blueprint needs: ok, missing (with the exact fix) or could not
 * check (with why). Read only.
 */
import type { Desired } from '../../model/resources.ts';
import { GRAPH_RESOURCE } from '../../tenant/graph-client.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { grantedPermissions, isDelegated, type AccessTokenClaims } from '../../tenant/token-claims.ts';
import type { DoctorCheck, DoctorReport } from './check.ts';
import { needsOf } from './needs.ts';
import type { PermissionNeed } from './permissions.ts';
import { tokenClaims } from './probes.ts';
import { adminHost, sharePointAccess, termStore, type AdvisedUse } from './service-checks.ts';

export type { CheckStatus, DoctorCheck, DoctorReport } from './check.ts';

/** What a team site's plan reads through the tenant admin host, and how it goes on without it. */
const ADMIN_HOST_FOR_TEAM_SITES: AdvisedUse = {
  reads: "the team sites' plan reads the tenant's recycle bin and lists its sites there",
  without:
    "without it a URL a deleted site holds in the recycle bin is planned as a create (which the service then refuses or puts elsewhere), and a plan of many new team sites reads each one's URL (a resource unit each) instead of one listing",
};

/** The consent page an admin opens to grant the app's configured permissions. */
export function adminConsentUrl(tenantId: string, clientId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${clientId}`;
}

const ENTRA_APP = 'Entra admin center (https://entra.microsoft.com) > Identity > Applications > App registrations > the app > API permissions';

function permissionCheck(need: PermissionNeed, claims: AccessTokenClaims | undefined, tokenError: string | undefined): DoctorCheck {
  const delegated = claims ? isDelegated(claims) : false;
  const kind = delegated ? 'delegated' : 'application';
  // A delegated token carries scopes, whose names differ for SharePoint.
  const { grant, accepts } = delegated && need.delegated ? need.delegated : need;
  const check = `${need.api} ${grant} (${kind})`;
  if (!claims) return { check, status: 'could not check', detail: `no ${need.api} token: ${tokenError ?? 'unknown error'}`, fix: ['Fix the sign-in first (see the sign-in check).'] };
  const granted = grantedPermissions(claims);
  const has = accepts.find((p) => granted.some((g) => g.toLowerCase() === p.toLowerCase()));
  if (has) return { check, status: 'ok', detail: `${need.feature}${has !== grant ? ` (granted through ${has})` : ''}` };
  const tenantId = claims.tid ?? '<tenant id>';
  const clientId = claims.appid ?? (claims as { azp?: string }).azp ?? '<client id>';
  const fix = delegated
    ? [
        `Add the ${need.api} delegated permission ${grant}: ${ENTRA_APP} > Add a permission > ${need.api} > Delegated permissions > ${grant}.`,
        `Grant admin consent (or sign in again and consent): ${adminConsentUrl(tenantId, clientId)}`,
        `Documented at ${need.doc}`,
      ]
    : [
        `Add the ${need.api} application permission ${grant}: ${ENTRA_APP} > Add a permission > ${need.api} > Application permissions > ${grant}.`,
        `Grant admin consent for the tenant ("Grant admin consent" on that page, or open ${adminConsentUrl(tenantId, clientId)}).`,
        `Documented at ${need.doc}`,
      ];
  return { check, status: 'missing', detail: `needed for ${need.feature}; the token grants ${granted.length ? granted.join(', ') : 'nothing'}`, fix };
}

export async function runDoctor(desired: Desired, tenant: TenantClient): Promise<DoctorReport> {
  const needs = needsOf(desired);
  const checks: DoctorCheck[] = [];
  const spResource = tenant.sp.origin;
  const [g, s] = await Promise.all([tokenClaims(tenant, GRAPH_RESOURCE), needs.sharePoint ? tokenClaims(tenant, spResource) : Promise.resolve(undefined)]);

  checks.push(
    g.claims
      ? { check: 'sign-in (Microsoft Graph token)', status: 'ok', detail: `${isDelegated(g.claims) ? `delegated, user ${g.claims.upn ?? '?'}` : 'app-only'}, tenant ${g.claims.tid ?? '?'}, app ${g.claims.app_displayname ?? g.claims.appid ?? '?'}` }
      : { check: 'sign-in (Microsoft Graph token)', status: 'missing', detail: g.error ?? 'no token', fix: ['Check the tenant id, the client id and the credential the app registration holds (docs/real-tenant.md).'] },
  );
  for (const need of needs.permissions.filter((n) => n.api === 'Microsoft Graph')) checks.push(permissionCheck(need, g.claims, g.error));

  if (s) {
    for (const need of needs.permissions.filter((n) => n.api === 'SharePoint')) checks.push(permissionCheck(need, s.claims, s.error));
    checks.push(await sharePointAccess(tenant, s.claims, s.error));
  }
  if (needs.adminHost) checks.push(await adminHost(tenant));
  else if (needs.adminHostAdvised) checks.push(await adminHost(tenant, ADMIN_HOST_FOR_TEAM_SITES));
  if (needs.termStore) checks.push(...(await termStore(tenant, s?.claims)));
  return { checks, ok: checks.every((c) => c.status === 'ok' || c.status === 'advised') };
}

