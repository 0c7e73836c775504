/**
 * `provision doctor`: signs in, reads what the app was granted from its own tokens (`roles`
 * app-only, `scp` delegated), probes SharePoint, the tenant admin host and the term store, and
 * gives one check per thing the blueprint needs: ok, missing (with the exact fix) or could not
 * check (with why). Read only.
 */
import type { Desired } from '../../model/resources.ts';
import { GRAPH_RESOURCE } from '../../tenant/graph-client.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { grantedPermissions, isClientSecretAppToken, isDelegated, type AccessTokenClaims } from '../../tenant/token-claims.ts';
import { needsOf } from './needs.ts';
import type { PermissionNeed } from './permissions.ts';
import { probeAdminHost, probeSharePoint, probeTermStore, tokenClaims, type ProbeResult } from './probes.ts';

export type CheckStatus = 'ok' | 'missing' | 'could not check';

/** One line of the doctor's table. */
export interface DoctorCheck {
  /** What was checked, e.g. `Microsoft Graph Group.ReadWrite.All (application)`. */
  check: string;
  status: CheckStatus;
  /** What the blueprint needs it for, or what was found. */
  detail: string;
  /** For a check that is not ok: the steps that make it ok. */
  fix?: string[];
}

export interface DoctorReport {
  checks: DoctorCheck[];
  /** True when every check is ok. */
  ok: boolean;
}

/** The consent page an admin opens to grant the app's configured permissions. */
export function adminConsentUrl(tenantId: string, clientId: string): string {
  return `https://login.microsoftonline.com/${tenantId}/adminconsent?client_id=${clientId}`;
}

const ENTRA_APP = 'Entra admin center (https://entra.microsoft.com) > Identity > Applications > App registrations > the app > API permissions';

function describeFailure(p: Exclude<ProbeResult, { ok: true }>): string {
  return `${p.status || 'no answer'} ${p.code}: ${p.message}`.slice(0, 300);
}

function permissionCheck(need: PermissionNeed, claims: AccessTokenClaims | undefined, tokenError: string | undefined): DoctorCheck {
  const delegated = claims ? isDelegated(claims) : false;
  const kind = delegated ? 'delegated' : 'application';
  const check = `${need.api} ${need.grant} (${kind})`;
  if (!claims) return { check, status: 'could not check', detail: `no ${need.api} token: ${tokenError ?? 'unknown error'}`, fix: ['Fix the sign-in first (see the sign-in check).'] };
  const granted = grantedPermissions(claims);
  const has = need.accepts.find((p) => granted.some((g) => g.toLowerCase() === p.toLowerCase()));
  if (has) return { check, status: 'ok', detail: `${need.feature}${has !== need.grant ? ` (granted through ${has})` : ''}` };
  const tenantId = claims.tid ?? '<tenant id>';
  const clientId = claims.appid ?? (claims as { azp?: string }).azp ?? '<client id>';
  const fix = delegated
    ? [
        `Add the ${need.api} delegated permission ${need.grant}: ${ENTRA_APP} > Add a permission > ${need.api} > Delegated permissions > ${need.grant}.`,
        `Grant admin consent (or sign in again and consent): ${adminConsentUrl(tenantId, clientId)}`,
        `Documented at ${need.doc}`,
      ]
    : [
        `Add the ${need.api} application permission ${need.grant}: ${ENTRA_APP} > Add a permission > ${need.api} > Application permissions > ${need.grant}.`,
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
  if (needs.termStore) checks.push(...(await termStore(tenant, s?.claims)));
  return { checks, ok: checks.every((c) => c.status === 'ok') };
}

const SECRET_REFUSED = [
  'SharePoint refuses app-only tokens obtained with a client secret ("Unsupported app only token"): use a certificate credential (or workload identity federation / managed identity) for the same app.',
  'Upload the certificate: Entra admin center > App registrations > the app > Certificates & secrets > Certificates > Upload certificate (docs/real-tenant.md shows how to make one).',
  'See https://learn.microsoft.com/sharepoint/dev/solution-guidance/security-apponly-azuread',
];

async function sharePointAccess(tenant: TenantClient, claims: AccessTokenClaims | undefined, tokenError: string | undefined): Promise<DoctorCheck> {
  const check = `SharePoint REST with this credential (${tenant.sp.origin})`;
  if (!claims) return { check, status: 'missing', detail: `no SharePoint token: ${tokenError ?? 'unknown error'}`, fix: ['Fix the sign-in first.'] };
  const secret = isClientSecretAppToken(claims);
  const probe = await probeSharePoint(tenant);
  if (probe.ok) {
    return secret
      ? { check, status: 'missing', detail: 'this tenant answered a client-secret app-only token, but Microsoft 365 refuses such tokens for SharePoint REST and CSOM', fix: SECRET_REFUSED }
      : { check, status: 'ok', detail: 'GET _api/web answered' };
  }
  if (probe.status === 401 && secret) return { check, status: 'missing', detail: `refused: ${describeFailure(probe)}`, fix: SECRET_REFUSED };
  if (probe.status === 401 || probe.status === 403) {
    return { check, status: 'missing', detail: `refused: ${describeFailure(probe)}`, fix: ['Grant the SharePoint application permission Sites.FullControl.All (see its check) and consent.'] };
  }
  return { check, status: 'could not check', detail: describeFailure(probe) };
}

async function adminHost(tenant: TenantClient): Promise<DoctorCheck> {
  const check = `tenant admin host (${tenant.sp.admin.origin})`;
  const probe = await probeAdminHost(tenant);
  if (probe.ok) return { check, status: 'ok', detail: 'SPO.Tenant/sites answered (sharing and sensitivity labels are written there)' };
  if (probe.status === 401 || probe.status === 403) {
    return {
      check,
      status: 'missing',
      detail: `refused: ${describeFailure(probe)}`,
      fix: [
        'The tenant admin API needs the SharePoint application permission Sites.FullControl.All (consented), and an app-only token from a certificate, not a client secret.',
        'See https://learn.microsoft.com/sharepoint/dev/solution-guidance/security-apponly-azuread',
      ],
    };
  }
  return { check, status: 'could not check', detail: describeFailure(probe) };
}

async function termStore(tenant: TenantClient, claims: AccessTokenClaims | undefined): Promise<DoctorCheck[]> {
  const reach = 'term store (CSOM taxonomy, read)';
  const probe = await probeTermStore(tenant);
  const delegated = claims ? isDelegated(claims) : false;
  const adminFix = delegated
    ? ['Sign in as a user who is a term store administrator: SharePoint admin center > Content services > Term store > Admins.']
    : [
        'Make the app a term store administrator: SharePoint admin center > Content services > Term store > Admins > add app@sharepoint (the app-only principal i:0i.t|00000003-0000-0ff1-ce00-000000000000|app@sharepoint), or write the term store with a delegated sign-in of a term store administrator.',
        'Graph term store writes have no application permission (termstore-group-post: "Application: Not supported").',
      ];
  const admin: DoctorCheck = {
    check: 'term store administrator',
    status: 'could not check',
    detail: 'being an administrator can only be proven by a write (PnP probes it by creating and deleting a group); doctor writes nothing',
    fix: adminFix,
  };
  if (probe.ok) return [{ check: reach, status: 'ok', detail: probe.detail ?? 'the default term store answered' }, admin];
  if (probe.status === 401 || probe.status === 403) return [{ check: reach, status: 'missing', detail: `refused: ${describeFailure(probe)}`, fix: adminFix }, admin];
  return [{ check: reach, status: 'could not check', detail: `the tenant does not serve it as expected: ${describeFailure(probe)}` }, admin];
}
