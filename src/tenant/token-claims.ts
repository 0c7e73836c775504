/**
 * Reads the claims of an access token this process obtained (the JWT payload, base64url JSON),
 * without verifying it: the resource verifies tokens; the engine only needs to know what it was
 * granted (`roles` app-only, `scp` delegated) and which tenant issued it (`tid`). Never returns
 * or logs the token itself.
 */

/** The claims the engine reads; the service puts more in a token. */
export interface AccessTokenClaims {
  /** Tenant id (GUID) of the tenant that issued the token. */
  tid?: string;
  aud?: string;
  /** Application permissions (app roles) granted to an app-only token. */
  roles?: string[];
  /** Delegated permissions of a user token, space-separated. */
  scp?: string;
  /** `app` for an app-only token, `user` for a delegated one (v2 optional claim; absent in many tokens). */
  idtyp?: string;
  /** How the client authenticated: `0` public client, `1` client secret, `2` certificate or assertion (v1 tokens). */
  appidacr?: string;
  /** The same for v2 tokens (`azpacr`). */
  azpacr?: string;
  appid?: string;
  app_displayname?: string;
  upn?: string;
  exp?: number;
}

/** The claims of a JWT access token; throws a plain error (naming no token content) when it is not one. */
export function readTokenClaims(token: string): AccessTokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('the access token is not a JWT (three dot-separated parts)');
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    if (typeof claims !== 'object' || claims === null) throw new Error('not an object');
    return claims as AccessTokenClaims;
  } catch {
    throw new Error('the access token payload is not JSON');
  }
}

/** Delegated (a user signed in) when the token has `scp` and no `roles`, or says `idtyp: user`. */
export function isDelegated(claims: AccessTokenClaims): boolean {
  return claims.idtyp === 'user' || (claims.scp !== undefined && claims.roles === undefined);
}

/** The permissions a token carries: its app roles, or its delegated scopes. */
export function grantedPermissions(claims: AccessTokenClaims): string[] {
  return isDelegated(claims) ? (claims.scp ?? '').split(/\s+/).filter(Boolean) : (claims.roles ?? []);
}

/** True when an app-only token was obtained with a client secret (which SharePoint refuses). */
export function isClientSecretAppToken(claims: AccessTokenClaims): boolean {
  return !isDelegated(claims) && (claims.appidacr === '1' || claims.azpacr === '1');
}
