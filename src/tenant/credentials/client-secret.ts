/**
 * Client secret: `ClientSecretCredential`. Graph accepts its app-only tokens; SharePoint refuses
 * them (`appidacr` 1: "Unsupported app only token"), see sharepoint-refusal.ts.
 */
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import type { CredentialSpec } from './kinds.ts';
import { identityOptions } from './identity-options.ts';

export function clientSecretCredential(spec: Extract<CredentialSpec, { kind: 'client-secret' }>, cloud: Cloud): TokenCredential {
  return new ClientSecretCredential(spec.tenantId, spec.clientId, spec.clientSecret, identityOptions(cloud));
}
