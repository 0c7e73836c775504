/**
 * GitHub Actions: the job's OIDC token (`ACTIONS_ID_TOKEN_REQUEST_URL` with the bearer
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN`, audience `api://AzureADTokenExchange`, which needs
 * `permissions: id-token: write`) is the client assertion of a federated credential
 * (`ClientAssertionCredential`). A fresh token is asked for each exchange (they live minutes).
 */
import { ClientAssertionCredential, type TokenCredential } from '@azure/identity';
import type { Cloud } from '../clouds.ts';
import type { CredentialSpec } from './kinds.ts';
import { identityOptions } from './identity-options.ts';

const DEADLINE_MS = 30_000;
const MAX_ANSWER_CHARS = 64 * 1024;

export function githubActionsCredential(spec: Extract<CredentialSpec, { kind: 'github-actions' }>, cloud: Cloud): TokenCredential {
  const audience = spec.audience ?? 'api://AzureADTokenExchange';
  const getAssertion = async (): Promise<string> => {
    const url = `${spec.requestUrl}${spec.requestUrl.includes('?') ? '&' : '?'}audience=${encodeURIComponent(audience)}`;
    const res = await fetch(url, { headers: { authorization: `bearer ${spec.requestToken}`, accept: 'application/json' }, signal: AbortSignal.timeout(DEADLINE_MS) });
    const text = (await res.text()).slice(0, MAX_ANSWER_CHARS);
    if (!res.ok) throw new Error(`GitHub Actions OIDC token request (ACTIONS_ID_TOKEN_REQUEST_URL) answered ${res.status}: ${text.slice(0, 300)}`);
    const value = (JSON.parse(text) as { value?: unknown }).value;
    if (typeof value !== 'string' || !value) throw new Error('GitHub Actions OIDC token request answered no token (does the job have permissions: id-token: write?)');
    return value;
  };
  return new ClientAssertionCredential(spec.tenantId, spec.clientId, getAssertion, identityOptions(cloud));
}
