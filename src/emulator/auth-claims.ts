/**
 * What the local tenant's access tokens say, as Entra ID's v1.0 access tokens for Graph and
 * SharePoint do (learn.microsoft.com/entra/identity-platform/access-token-claims-reference):
 * `appidacr` says how the client proved itself ("0" public client, "1" client secret, "2"
 * certificate or client assertion, managed identity too), `idtyp` whether the token is an app's
 * or a user's, `roles` the app roles of an app-only token and `scp` the delegated scopes of a
 * user's. Also the permissions a token carries, as the names the route checks use.
 */

/** The claims of an access token the local tenant issues. */
export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  /** "0" public client, "1" client secret, "2" certificate / client assertion / managed identity */
  appidacr: '0' | '1' | '2';
  app_displayname: string;
  idp: string;
  /** `app` for an app-only token, `user` for a delegated one */
  idtyp: 'app' | 'user';
  oid: string;
  sub: string;
  tid: string;
  uti: string;
  ver: '1.0';
  /** app roles (app-only tokens) */
  roles?: string[];
  /** delegated scopes, space separated (user tokens) */
  scp?: string;
  /** user tokens */
  upn?: string;
  unique_name?: string;
  name?: string;
  amr?: string[];
  /** managed identity tokens: the identity's resource id */
  xms_mirid?: string;
}

/** SharePoint's delegated scopes and the app role each is equivalent to in the route checks. */
const SP_SCOPE_AS_ROLE: Record<string, string> = {
  'allsites.fullcontrol': 'Sites.FullControl.All',
  'allsites.manage': 'Sites.Manage.All',
  'allsites.write': 'Sites.ReadWrite.All',
  'allsites.read': 'Sites.Read.All',
};

/**
 * The permissions a token carries, named as the app roles the route checks use: an app-only
 * token's `roles`; a user token's `scp` (SharePoint's `AllSites.*` read as the `Sites.*.All`
 * they correspond to). The built-in admin holds every right a scope can give, so the scope is
 * the limit.
 */
export function permissionsOf(claims: TokenClaims): string[] {
  if (claims.idtyp !== 'user') return claims.roles ?? [];
  return (claims.scp ?? '').split(/\s+/).filter(Boolean).map((s) => SP_SCOPE_AS_ROLE[s.toLowerCase()] ?? s);
}

/** Whether a token is app-only (no user). */
export function isAppOnly(claims: TokenClaims): boolean {
  return claims.idtyp !== 'user';
}
