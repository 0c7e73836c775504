/**
 * Access tokens for Graph and SharePoint, from `@azure/identity` (client secret flow), cached per
 * resource until shortly before they expire. Tokens and secrets never leave this module except
 * as the `Authorization` header.
 */
import { ClientSecretCredential } from '@azure/identity';
import { createFetchHttpClient } from './identity-http-client.ts';

/** Credentials of an app registration. `clientSecret` is a secret: never log it. */
export interface AppCredentials {
  tenantId: string;
  clientId: string;
  clientSecret: string;
}

/** Gives a bearer token for a resource such as `https://graph.microsoft.com`. */
export interface TokenProvider {
  token(resource: string): Promise<string>;
}

export function createTokenProvider(creds: AppCredentials): TokenProvider {
  const credential = new ClientSecretCredential(creds.tenantId, creds.clientId, creds.clientSecret, {
    authorityHost: 'https://login.microsoftonline.com',
    httpClient: createFetchHttpClient(),
    disableInstanceDiscovery: true,
  });
  const cache = new Map<string, Promise<{ token: string; expiresOnTimestamp: number }>>();
  return {
    async token(resource: string): Promise<string> {
      const cached = cache.get(resource);
      if (cached) {
        const hit = await cached.catch(() => undefined);
        if (hit && hit.expiresOnTimestamp - Date.now() > 120_000) return hit.token;
      }
      const pending = credential.getToken(`${resource}/.default`).then((t) => {
        if (!t) throw new Error(`no token was issued for ${resource}`);
        return t;
      });
      cache.set(resource, pending);
      pending.catch(() => cache.delete(resource));
      return (await pending).token;
    },
  };
}
