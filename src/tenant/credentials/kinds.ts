/**
 * The credential kinds the engine signs in with, what each needs (`CredentialSpec`), and what the
 * rest of the engine may know about the identity (`ClientIdentity`: app-only or delegated, the
 * kind, ids; never a secret).
 */

export const CREDENTIAL_KINDS = ['certificate', 'client-secret', 'federated-token-file', 'github-actions', 'azure-devops', 'managed-identity', 'azure-cli', 'device-code'] as const;
/** A way to sign in. */
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** An app registration in a tenant. */
interface App {
  tenantId: string;
  clientId: string;
}

/**
 * What a credential kind needs. Fields holding secrets (`clientSecret`, `certificatePassword`,
 * `requestToken`, `systemAccessToken`) are never logged, printed or written.
 */
export type CredentialSpec =
  /** PEM (private key + certificate, the key optionally encrypted) or PFX/PKCS#12 (`.pfx`, `.p12`) with its password. */
  | (App & { kind: 'certificate'; certificatePath: string; certificatePassword?: string })
  /** Works for Graph; SharePoint refuses its app-only tokens ("Unsupported app only token"). */
  | (App & { kind: 'client-secret'; clientSecret: string })
  /** Workload identity federation from a token file (Kubernetes, `AZURE_FEDERATED_TOKEN_FILE`). */
  | (App & { kind: 'federated-token-file'; tokenFile: string })
  /** GitHub Actions' OIDC token (`permissions: id-token: write`), exchanged as a federated credential. */
  | (App & { kind: 'github-actions'; requestUrl: string; requestToken: string; audience?: string })
  /** Azure DevOps' OIDC token for a service connection (workload identity federation). */
  | (App & { kind: 'azure-devops'; serviceConnectionId: string; systemAccessToken: string; oidcRequestUri: string })
  /** The managed identity of the Azure resource the engine runs on (system-assigned, or user-assigned by client id). */
  | { kind: 'managed-identity'; clientId?: string; tenantId?: string }
  /** Whoever `az login` signed in (usually an admin: delegated). */
  | { kind: 'azure-cli'; tenantId?: string; clientId?: string }
  /** An admin signs in at a laptop with a code (delegated); the app registration must allow public client flows. */
  | (App & { kind: 'device-code' });

/** Who the engine is in the tenant. Safe to print. */
export interface ClientIdentity {
  kind: CredentialKind;
  /** `app-only` (application permissions) or `delegated` (a signed-in user's, with the app's delegated permissions) */
  mode: 'app-only' | 'delegated';
  tenantId?: string;
  clientId?: string;
  /** e.g. `app 1234… with a certificate (app-only)` */
  description: string;
}

/** How each kind signs in, in words, and whether its tokens are the app's or a user's. */
export const KIND_INFO: Record<CredentialKind, { mode: 'app-only' | 'delegated'; words: string }> = {
  certificate: { mode: 'app-only', words: 'a certificate' },
  'client-secret': { mode: 'app-only', words: 'a client secret' },
  'federated-token-file': { mode: 'app-only', words: 'a federated token file (workload identity federation)' },
  'github-actions': { mode: 'app-only', words: "GitHub Actions' OIDC token (workload identity federation)" },
  'azure-devops': { mode: 'app-only', words: "an Azure DevOps service connection's OIDC token (workload identity federation)" },
  'managed-identity': { mode: 'app-only', words: 'a managed identity' },
  'azure-cli': { mode: 'delegated', words: "the Azure CLI's signed-in account" },
  'device-code': { mode: 'delegated', words: 'a device code sign-in' },
};

export function identityOf(spec: CredentialSpec): ClientIdentity {
  const info = KIND_INFO[spec.kind];
  const who = spec.kind === 'managed-identity' ? `managed identity${spec.clientId ? ` ${spec.clientId}` : ''}` : spec.kind === 'azure-cli' ? 'the Azure CLI account' : `app ${spec.clientId}`;
  return {
    kind: spec.kind,
    mode: info.mode,
    ...(spec.tenantId ? { tenantId: spec.tenantId } : {}),
    ...(spec.clientId ? { clientId: spec.clientId } : {}),
    description: spec.kind === 'managed-identity' || spec.kind === 'azure-cli' ? `${who} (${info.mode})` : `${who} with ${info.words} (${info.mode})`,
  };
}
