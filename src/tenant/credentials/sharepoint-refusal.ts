/**
 * What SharePoint will refuse, said before anything changes: SharePoint Online accepts app-only
 * tokens only from a certificate or a client assertion (`appidacr` 2); a token obtained with a
 * client secret (`appidacr` 1) gets 401 "Unsupported app only token." on every SharePoint REST and
 * CSOM call, whatever permissions the app holds (Microsoft's "Granting access via Microsoft Entra
 * ID App-Only", learn.microsoft.com/sharepoint/dev/solution-guidance/security-apponly-azuread,
 * configures a certificate for that reason; PnP and CLI for Microsoft 365 refuse secrets for
 * SharePoint). Graph accepts it. Delegated tokens (a user's) are not concerned.
 */
import type { ClientIdentity } from './kinds.ts';

/** Warnings about a credential, one line each; none when SharePoint will accept it. */
export function credentialWarnings(identity: ClientIdentity): string[] {
  if (identity.kind !== 'client-secret') return [];
  return [
    'Warning: a client secret signs in for Microsoft Graph only. SharePoint refuses app-only tokens obtained with a client secret ' +
      '(401 "Unsupported app only token."), so every SharePoint change (lists, columns, views, permissions, site settings) will fail. ' +
      'Use a certificate (AZURE_CLIENT_CERTIFICATE_PATH, PEM or PFX with AZURE_CLIENT_CERTIFICATE_PASSWORD), workload identity federation ' +
      '(AZURE_FEDERATED_TOKEN_FILE, GitHub Actions or Azure DevOps OIDC), a managed identity, or sign in as an admin (--credential device-code). ' +
      'apply refuses to start a plan with SharePoint changes under this credential.',
  ];
}

/** A change as far as this check needs it: its address and the API it goes through (`Change.api`). */
interface ChangeApi {
  address: string;
  action: string;
  api: string;
}

/**
 * The changes SharePoint would refuse with this identity: with a client secret's app-only token,
 * every change whose API is SharePoint REST or CSOM. Apply refuses to start when there are any,
 * so that a run never fails half-way (Graph changes made, SharePoint ones refused).
 */
export function changesSharePointRefuses(changes: readonly ChangeApi[], identity: ClientIdentity): string[] {
  if (identity.kind !== 'client-secret') return [];
  return changes.filter((c) => c.action !== 'noop' && /SharePoint|CSOM/.test(c.api)).map((c) => c.address);
}
