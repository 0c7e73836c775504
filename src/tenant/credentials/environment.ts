/**
 * Which credential, and its settings, from what the user chose (flags, config file) and the
 * environment, following `@azure/identity`'s conventions:
 *
 *   AZURE_TENANT_ID, AZURE_CLIENT_ID                   the app registration (all app kinds)
 *   AZURE_CLIENT_CERTIFICATE_PATH (+ _PASSWORD)         certificate, PEM or PFX
 *   AZURE_CLIENT_SECRET                                 client secret (Graph only: SharePoint refuses it)
 *   AZURE_FEDERATED_TOKEN_FILE                          federated token file
 *   ACTIONS_ID_TOKEN_REQUEST_URL, _TOKEN                GitHub Actions OIDC
 *   SYSTEM_OIDCREQUESTURI, SYSTEM_ACCESSTOKEN,          Azure DevOps OIDC (the AzureCLI@2 task sets the
 *     AZURESUBSCRIPTION_SERVICE_CONNECTION_ID,            AZURESUBSCRIPTION_* variables; map
 *     AZURESUBSCRIPTION_CLIENT_ID, _TENANT_ID)            System.AccessToken into SYSTEM_ACCESSTOKEN)
 *   IDENTITY_ENDPOINT (+ IDENTITY_HEADER), MSI_ENDPOINT managed identity (AZURE_CLIENT_ID: a user-assigned one)
 *
 * With no kind chosen, the first that the environment completes is taken, in that order —
 * except that a certificate wins over a secret, since SharePoint refuses the secret's tokens.
 * `azure-cli` and `device-code` are taken only when chosen.
 */
import { CREDENTIAL_KINDS, type CredentialKind, type CredentialSpec } from './kinds.ts';

/** What flags or a config file chose; every field optional, the environment fills the rest. */
export interface CredentialChoice {
  kind?: CredentialKind;
  tenantId?: string;
  clientId?: string;
  certificatePath?: string;
  tokenFile?: string;
  serviceConnectionId?: string;
}

/** The local tenant's (or another default) app, used where neither the choice nor the environment names one. */
export interface AppDefaults {
  tenantId?: string;
  clientId?: string;
}

type Env = Record<string, string | undefined>;

export function parseCredentialKind(value: string): CredentialKind {
  const v = value.trim().toLowerCase();
  if ((CREDENTIAL_KINDS as readonly string[]).includes(v)) return v as CredentialKind;
  throw new Error(`unknown credential '${value}': use one of ${CREDENTIAL_KINDS.join(', ')}`);
}

/** The kind the environment completes, if any (see the order above). */
export function kindFromEnvironment(env: Env): CredentialKind | undefined {
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) return 'certificate';
  if (env.AZURE_CLIENT_SECRET) return 'client-secret';
  if (env.AZURE_FEDERATED_TOKEN_FILE) return 'federated-token-file';
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) return 'github-actions';
  if (env.SYSTEM_OIDCREQUESTURI && (env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID || env.AZURE_SERVICE_CONNECTION_ID)) return 'azure-devops';
  if (env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT) return 'managed-identity';
  return undefined;
}

/**
 * The full spec of the chosen (or environment's) credential; throws one message naming every
 * setting that is missing and where it comes from. Never includes a secret in a message.
 */
export function credentialSpecFrom(choice: CredentialChoice, env: Env, defaults: AppDefaults = {}): CredentialSpec {
  const kind = choice.kind ?? kindFromEnvironment(env);
  if (!kind) {
    throw new Error(
      'no credential: choose one with --credential (certificate, federated-token-file, github-actions, azure-devops, managed-identity, azure-cli, device-code, client-secret) ' +
        'or set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_CERTIFICATE_PATH (see docs/real-tenant.md)',
    );
  }
  const missing: string[] = [];
  const need = (value: string | undefined, what: string): string => {
    if (!value) missing.push(what);
    return value ?? '';
  };
  const ado = kind === 'azure-devops';
  const tenantId = choice.tenantId ?? env.AZURE_TENANT_ID ?? (ado ? env.AZURESUBSCRIPTION_TENANT_ID : undefined) ?? defaults.tenantId;
  const clientId = choice.clientId ?? env.AZURE_CLIENT_ID ?? (ado ? env.AZURESUBSCRIPTION_CLIENT_ID : undefined) ?? defaults.clientId;
  const app = () => ({ tenantId: need(tenantId, 'the tenant id (--tenant-id or AZURE_TENANT_ID)'), clientId: need(clientId, 'the app (client) id (--client-id or AZURE_CLIENT_ID)') });
  let spec: CredentialSpec;
  switch (kind) {
    case 'certificate': {
      const password = env.AZURE_CLIENT_CERTIFICATE_PASSWORD;
      spec = { kind, ...app(), certificatePath: need(choice.certificatePath ?? env.AZURE_CLIENT_CERTIFICATE_PATH, 'the certificate (--certificate or AZURE_CLIENT_CERTIFICATE_PATH)'), ...(password ? { certificatePassword: password } : {}) };
      break;
    }
    case 'client-secret':
      spec = { kind, ...app(), clientSecret: need(env.AZURE_CLIENT_SECRET, 'the secret (AZURE_CLIENT_SECRET)') };
      break;
    case 'federated-token-file':
      spec = { kind, ...app(), tokenFile: need(choice.tokenFile ?? env.AZURE_FEDERATED_TOKEN_FILE, 'the token file (AZURE_FEDERATED_TOKEN_FILE)') };
      break;
    case 'github-actions':
      spec = {
        kind,
        ...app(),
        requestUrl: need(env.ACTIONS_ID_TOKEN_REQUEST_URL, 'ACTIONS_ID_TOKEN_REQUEST_URL (the job needs permissions: id-token: write)'),
        requestToken: need(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN (the job needs permissions: id-token: write)'),
      };
      break;
    case 'azure-devops':
      spec = {
        kind,
        ...app(),
        serviceConnectionId: need(choice.serviceConnectionId ?? env.AZURESUBSCRIPTION_SERVICE_CONNECTION_ID ?? env.AZURE_SERVICE_CONNECTION_ID, 'the service connection id (--service-connection-id or AZURESUBSCRIPTION_SERVICE_CONNECTION_ID)'),
        systemAccessToken: need(env.SYSTEM_ACCESSTOKEN, 'SYSTEM_ACCESSTOKEN (map $(System.AccessToken) into the step env)'),
        oidcRequestUri: need(env.SYSTEM_OIDCREQUESTURI, 'SYSTEM_OIDCREQUESTURI (set by Azure Pipelines)'),
      };
      break;
    case 'managed-identity':
      spec = { kind, ...(choice.clientId ?? env.AZURE_CLIENT_ID ? { clientId: choice.clientId ?? env.AZURE_CLIENT_ID! } : {}), ...(tenantId ? { tenantId } : {}) };
      break;
    case 'azure-cli':
      spec = { kind, ...(tenantId ? { tenantId } : {}) };
      break;
    case 'device-code':
      spec = { kind, ...app() };
      break;
  }
  if (missing.length) throw new Error(`credential ${kind} needs ${missing.join(', ')}`);
  return spec;
}
