/**
 * Azure DevOps: a service connection with workload identity federation.
 * `AzurePipelinesCredential` asks the pipeline's OIDC endpoint (`SYSTEM_OIDCREQUESTURI`, with
 * `System.AccessToken`) for the service connection's token and exchanges it for an app-only token.
 */
import { AzurePipelinesCredential, type TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import type { CredentialSpec } from './kinds.ts';
import { identityOptions } from './identity-options.ts';

export function azureDevOpsCredential(spec: Extract<CredentialSpec, { kind: 'azure-devops' }>, cloud: Cloud): TokenCredential {
  // The library reads the OIDC endpoint from the environment only.
  process.env.SYSTEM_OIDCREQUESTURI = spec.oidcRequestUri;
  return new AzurePipelinesCredential(spec.tenantId, spec.clientId, spec.serviceConnectionId, spec.systemAccessToken, identityOptions(cloud));
}
