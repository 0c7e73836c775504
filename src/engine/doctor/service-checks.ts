/**
 * The doctor's checks of the service itself, beyond the token's permissions: SharePoint REST
 * with this credential (a client-secret app-only token is refused by SharePoint), the tenant
 * admin host, and the term store (reachable through CSOM taxonomy; administrator rights, which
 * only a write can prove).
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { isClientSecretAppToken, isDelegated, type AccessTokenClaims } from '../../tenant/token-claims.ts';
import { describeFailure, type DoctorCheck } from './check.ts';
import { probeAdminHost, probeSharePoint, probeTermStore } from './probes.ts';

const SECRET_REFUSED = [
  'SharePoint refuses app-only tokens obtained with a client secret ("Unsupported app only token"): use a certificate credential (or workload identity federation / managed identity) for the same app.',
  'Upload the certificate: Entra admin center > App registrations > the app > Certificates & secrets > Certificates > Upload certificate (docs/real-tenant.md shows how to make one).',
  'See https://learn.microsoft.com/sharepoint/dev/solution-guidance/security-apponly-azuread',
];

export async function sharePointAccess(tenant: TenantClient, claims: AccessTokenClaims | undefined, tokenError: string | undefined): Promise<DoctorCheck> {
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

/** What the blueprint does with the tenant admin host when it can do without it (the check is then `advised`). */
export interface AdvisedUse {
  /** what is read there */
  reads: string;
  /** what the plan does without it */
  without: string;
}

/** The tenant admin host answers: needed (a refusal is `missing`), or only advised (`use`: a refusal is `advised`). */
export async function adminHost(tenant: TenantClient, use?: AdvisedUse): Promise<DoctorCheck> {
  const check = `tenant admin host (${tenant.sp.admin.origin})`;
  const probe = await probeAdminHost(tenant);
  if (probe.ok) return { check, status: 'ok', detail: use ? `SPO.Tenant/sites answered (${use.reads})` : 'SPO.Tenant/sites answered (sharing and sensitivity labels are written there)' };
  if (probe.status === 401 || probe.status === 403) {
    return {
      check,
      status: use ? 'advised' : 'missing',
      detail: `refused: ${describeFailure(probe)}${use ? `; ${use.reads}, and goes on without it` : ''}`,
      fix: [
        ...(use ? [`Not required: ${use.without}.`] : []),
        'The tenant admin API needs the SharePoint application permission Sites.FullControl.All (consented), and an app-only token from a certificate, not a client secret.',
        'See https://learn.microsoft.com/sharepoint/dev/solution-guidance/security-apponly-azuread',
      ],
    };
  }
  return { check, status: 'could not check', detail: describeFailure(probe) };
}

export async function termStore(tenant: TenantClient, claims: AccessTokenClaims | undefined): Promise<DoctorCheck[]> {
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
