/**
 * Azure CLI: `AzureCliCredential` runs `az account get-access-token --resource …` for whoever
 * `az login` signed in (an admin: delegated tokens). The CLI must be signed in to the same cloud
 * (`az cloud set`). Each call has a deadline.
 */
import { AzureCliCredential, type TokenCredential } from '@azure/identity';
import type { CredentialSpec } from './kinds.ts';

const DEADLINE_MS = 60_000;

export function azureCliCredential(spec: Extract<CredentialSpec, { kind: 'azure-cli' }>): TokenCredential {
  return new AzureCliCredential({ ...(spec.tenantId ? { tenantId: spec.tenantId } : {}), processTimeoutInMs: DEADLINE_MS });
}
