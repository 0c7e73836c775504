/**
 * What the sign-in endpoints beside the token endpoint (the managed identity's, the device code
 * flow's) need from the tenant's Entra ID: its names, derived ids and secrets, token issue and
 * the service's error answers. `Auth` (auth.ts) implements it; the endpoints depend on this
 * contract only, so auth.ts can own them without an import circle.
 */
import type { Req, Res } from './http.ts';

/** Microsoft Azure CLI's first-party public client id. */
export const AZURE_CLI_APP_ID = '04b07795-8ddb-461a-bbee-02f9e1bf7b46';
/** The registered app's display name (`app_displayname`). */
export const APP_DISPLAY_NAME = 'm365-provision';

/** A user who can be signed in. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/** The resource a token is for. */
export type ResourceKind = 'graph' | 'sharepoint';

/** Who a token is issued to. */
export type TokenSubject =
  | { type: 'app'; appId: string; displayName: string; oid: string; acr: '1' | '2'; roles: string[]; mirid?: string }
  | { type: 'user'; appId: string; displayName: string; user: DirectoryUser };

/** The token issuer as the sign-in endpoints see it (implemented by `Auth`). */
export interface TokenIssuer {
  readonly tenantId: string;
  readonly tenantName: string;
  /** The registered app's client id. */
  readonly clientId: string;
  /** The tenant clock's time, ms. */
  nowMs(): number;
  /** App roles of the registered app for a resource. */
  appRoles(kind: ResourceKind): string[];
  /** A stable id derived from the tenant's signing key. */
  derivedId(s: string): string;
  /** A secret derived from the signing key. Never logged. */
  derivedSecret(s: string): string;
  /** An HMAC of `data` under the signing key (base64url). */
  sign(data: string): string;
  /** The resource a scope or resource names, or undefined. */
  resourceOf(scopeOrResource: string): { kind: ResourceKind; resource: string } | undefined;
  /** A signed access token for `resource` issued to `subject`. */
  issue(resource: string, subject: TokenSubject): { token: string; expiresIn: number };
  /** An Entra ID error answer (`AADSTS<code>`). */
  error(req: Req, status: number, error: string, code: number, message: string): Res;
  /** The service's answer for an application that is not registered in the tenant. */
  unknownClient(req: Req, clientId: string): Res;
  /** The service's answer for a resource it does not know. */
  unknownResource(req: Req, resource: string): Res;
}
