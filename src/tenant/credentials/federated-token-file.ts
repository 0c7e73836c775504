/**
 * Workload identity federation from a token file: `WorkloadIdentityCredential` reads the
 * assertion from the file (re-read as it is rotated, as in Kubernetes with
 * `AZURE_FEDERATED_TOKEN_FILE`) and exchanges it for an app-only token.
 */
import { WorkloadIdentityCredential, type TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import type { CredentialSpec } from './kinds.ts';
import { identityOptions } from './identity-options.ts';

export function federatedTokenFileCredential(spec: Extract<CredentialSpec, { kind: 'federated-token-file' }>, cloud: Cloud): TokenCredential {
  return new WorkloadIdentityCredential({ tenantId: spec.tenantId, clientId: spec.clientId, tokenFilePath: spec.tokenFile, ...identityOptions(cloud) });
}
