/**
 * Managed identity of the Azure resource the engine runs on (App Service, Functions, Container
 * Apps, VMs, Arc): `ManagedIdentityCredential` finds the platform's endpoint from the environment
 * (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`, else IMDS). Its tokens are app-only (`appidacr` 2),
 * accepted by SharePoint; the identity's service principal needs the app roles granted by an admin.
 */
import { ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { CredentialSpec } from './kinds.ts';
import { createFetchHttpClient } from '../identity-http-client.ts';

export function managedIdentityCredential(spec: Extract<CredentialSpec, { kind: 'managed-identity' }>): TokenCredential {
  const options = { httpClient: createFetchHttpClient(), retryOptions: { maxRetries: 2 } };
  return spec.clientId ? new ManagedIdentityCredential({ clientId: spec.clientId, ...options }) : new ManagedIdentityCredential(options);
}
