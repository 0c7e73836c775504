/**
 * Access tokens for Graph and SharePoint from an `@azure/identity` credential (credentials/),
 * cached per resource until shortly before they expire, each request bounded by a deadline.
 * Tokens and secrets never leave this module except as the `Authorization` header; a failure
 * names the credential and the resource, never a secret.
 */
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { createFetchHttpClient } from './identity-http-client.ts';
import { DEFAULT_GET_TOKEN_DEADLINE_MS } from './deadline.ts';

/**
 * Credentials of an app registration with a client secret (kept for callers of the first
 * version; prefer a `CredentialSpec`). `clientSecret` is a secret: never log it.
 */
export interface AppCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Gives a bearer token for a resource such as `https://graph.microsoft.com`. */
export interface TokenProvider {
  token(resource: string): Promise<string>;
}

export interface TokenProviderOptions {
  /** Deadline of one token request (default 60 s). */
  deadlineMs?: number;
  /** Names the credential in errors, e.g. `app 1234 with a certificate (app-only)`. */
  describe?: string;
  /**
   * One token request at a time (a person signing in: the first request prompts once, the
   * others then refresh silently instead of each showing a code).
   */
  oneAtATime?: boolean;
}

export function createTokenProvider(source: TokenCredential | AppCredentials, options: TokenProviderOptions = {}): TokenProvider {
  const credential: TokenCredential =
    'getToken' in source
      ? source
      : new ClientSecretCredential(source.tenantId, source.clientId, source.clientSecret, {
          authorityHost: 'https://login.microsoftonline.com',
          httpClient: createFetchHttpClient(),
          disableInstanceDiscovery: true,
        });
  const deadlineMs = options.deadlineMs ?? DEFAULT_GET_TOKEN_DEADLINE_MS;
  const cache = new Map<string, Promise<{ token: string; expiresOnTimestamp: number }>>();
  let queue: Promise<unknown> = Promise.resolve();
  const request = (scope: string) => {
    const run = () => credential.getToken(scope, { abortSignal: AbortSignal.timeout(deadlineMs) });
    if (!options.oneAtATime) return run();
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
  // The tokens obtained, by resource: every request looks its token up, so a valid one is
  // found without awaiting the cached promise again.
  const issued = new Map<string, { token: string; expiresOnTimestamp: number }>();
  return {
    async token(resource: string): Promise<string> {
      const ready = issued.get(resource);
      if (ready && ready.expiresOnTimestamp - Date.now() > 120_000) return ready.token;
      const cached = cache.get(resource);
      if (cached) {
        const hit = await cached.catch(() => undefined);
        if (hit && hit.expiresOnTimestamp - Date.now() > 120_000) return hit.token;
      }
      const pending = request(`${resource}/.default`)
        .then((t) => {
          if (!t) throw new Error(`no token was issued for ${resource}`);
          return t;
        })
        .catch((error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          throw new Error(`sign-in${options.describe ? ` as ${options.describe}` : ''} for ${resource} failed: ${why}`);
        });
      cache.set(resource, pending);
      issued.delete(resource);
      pending.then((t) => issued.set(resource, t), () => cache.delete(resource));
      return (await pending).token;
    },
  };
}
