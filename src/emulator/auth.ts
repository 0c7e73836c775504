/**
 * The local tenant's Entra ID: the token endpoint (client credentials with a secret, a
 * certificate or a federated assertion; device code and refresh token for the built-in admin),
 * OIDC metadata and instance discovery for MSAL, the managed identity endpoint, and the bearer
 * check both faces use. Tokens are HS256 JWTs with the claims Entra ID puts in v1.0 access tokens
 * (auth-claims.ts). As the service does, SharePoint refuses an app-only token obtained with a
 * client secret (`appidacr` "1"): 401 "Unsupported app only token.".
 *
 * Principals: the registered app (`clientId`; a secret, its certificates, its federated
 * credentials; public client flows allowed, for an admin's device code sign-in), the tenant's
 * managed identity (auth-managed-identity.ts), and Microsoft's Azure CLI public client.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Clock } from './clock.ts';
import { header, jsonRes, type Req, type Res } from './http.ts';
import { aadError, LOGIN_HOST } from './auth-errors.ts';
import { checkAssertion, trustedKey, type FederatedCredential, type TrustedKey } from './auth-assertion.ts';
import type { TokenClaims } from './auth-claims.ts';
import { ManagedIdentityEndpoint } from './auth-managed-identity.ts';
import { UserGrants } from './auth-user-grants.ts';
import { APP_DISPLAY_NAME, type DirectoryUser, type ResourceKind, type TokenIssuer, type TokenSubject } from './auth-issuer.ts';

export { LOGIN_HOST } from './auth-errors.ts';
export type { TokenClaims } from './auth-claims.ts';
export type { FederatedCredential } from './auth-assertion.ts';
export { APP_DISPLAY_NAME, AZURE_CLI_APP_ID, type DirectoryUser, type ResourceKind, type TokenSubject } from './auth-issuer.ts';
export const GRAPH_HOST = 'graph.microsoft.com';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const SP_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

/**
 * App roles granted to the local tenant's registered app (and its managed identity), per resource,
 * unless `appRoles` names others: what the engine needs, no more (no User.ReadWrite.All).
 */
export const DEFAULT_APP_ROLES: Record<'graph' | 'sharepoint', string[]> = {
  graph: ['Group.ReadWrite.All', 'Directory.Read.All', 'User.Read.All', 'Sites.FullControl.All', 'Sites.ReadWrite.All', 'TeamSettings.ReadWrite.All', 'Team.Create', 'Channel.Create', 'TermStore.ReadWrite.All', 'TeamMember.ReadWrite.All', 'ChannelMember.ReadWrite.All'],
  sharepoint: ['Sites.FullControl.All', 'TermStore.ReadWrite.All', 'User.Read.All'],
};

/** Delegated scopes consented for the built-in admin's sign-ins, per resource. */
const SCOPES: Record<'graph' | 'sharepoint', string[]> = {
  graph: ['Channel.Create', 'ChannelMember.ReadWrite.All', 'Directory.Read.All', 'Group.ReadWrite.All', 'Sites.FullControl.All', 'Team.Create', 'TeamSettings.ReadWrite.All', 'TermStore.ReadWrite.All', 'User.Read', 'User.Read.All'],
  sharepoint: ['AllSites.FullControl', 'TermStore.ReadWrite.All', 'User.Read.All'],
};

/** How apps may authenticate besides the client secret, and which app roles the local tenant's app holds. */
export interface AppCredentials {
  /**
   * Certificates (or public keys), PEM, whose private keys may sign client assertions
   * (`client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`).
   * Files in `<stateDir>/certificates/*.pem` are trusted too, among them the app certificate
   * the local tenant makes at first start (local-certificate.ts).
   */
  clientCertificates?: string[];
  /** Federated identity credentials of the app (also read from `<stateDir>/federated-credentials.json`). */
  federatedCredentials?: FederatedCredential[];
  /** App roles granted per resource (default: everything the engine needs). */
  appRoles?: { graph?: string[]; sharepoint?: string[] };
}

export type VerifyResult =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: 'missing' | 'malformed' | 'signature' | 'expired' | 'not-yet-valid' | 'audience' | 'unsupported-app-only' };

export interface AuthOptions {
  tenantId: string;
  tenantName: string;
  /** Whether a name is one of the tenant's verified domains (Store.isVerifiedDomain): a sign-in may name the tenant by one; without it, by `<tenantName>.onmicrosoft.com`. */
  isVerifiedDomain?: (name: string) => boolean;
  clientId: string;
  clientSecret: string;
  signingKey: string;
  clock: Clock;
  credentials?: AppCredentials;
  /** A user of the directory by UPN (case-insensitive), for sign-ins. */
  userByUpn?: (upn: string) => DirectoryUser | undefined;
}

export class Auth implements TokenIssuer {
  private readonly key: Buffer;
  private readonly spResource: string;
  private readonly cache = new Map<string, TokenClaims>();
  readonly servicePrincipalId: string;
  private readonly certKeys: TrustedKey[];
  private readonly roles: { graph: string[]; sharepoint: string[] };
  readonly users: UserGrants;
  readonly managedIdentity: ManagedIdentityEndpoint;

  constructor(private readonly opts: AuthOptions) {
    this.key = Buffer.from(opts.signingKey, 'base64');
    this.certKeys = (opts.credentials?.clientCertificates ?? []).map(trustedKey);
    this.roles = { graph: opts.credentials?.appRoles?.graph ?? DEFAULT_APP_ROLES.graph, sharepoint: opts.credentials?.appRoles?.sharepoint ?? DEFAULT_APP_ROLES.sharepoint };
    this.spResource = `https://${opts.tenantName}.sharepoint.com`;
    this.servicePrincipalId = this.derivedId(`sp:${opts.clientId}`);
    this.users = new UserGrants(this, opts.userByUpn ?? (() => undefined));
    this.managedIdentity = new ManagedIdentityEndpoint(this);
  }

  get tenantId(): string {
    return this.opts.tenantId;
  }
  get tenantName(): string {
    return this.opts.tenantName;
  }
  get clientId(): string {
    return this.opts.clientId;
  }
  nowMs(): number {
    return this.opts.clock.now();
  }
  /** App roles of the registered app for a resource (its managed identity holds the same). */
  appRoles(kind: ResourceKind): string[] {
    return this.roles[kind];
  }
  /** Delegated scopes consented for the built-in admin. */
  delegatedScopes(kind: ResourceKind): string[] {
    return SCOPES[kind];
  }

  /** A stable id derived from the tenant's signing key (service principals, secrets of the local tenant). */
  derivedId(s: string): string {
    const h = createHmac('sha256', this.key).update(s).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
  /** A secret derived from the signing key (the admin's password, the identity header). Never logged. */
  derivedSecret(s: string): string {
    return createHmac('sha256', this.key).update(`secret:${s}`).digest('base64url').slice(0, 32);
  }

  sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  /** `https://<tenant>-admin.sharepoint.com` (SPO.Tenant) */
  private spAdminResource(): string {
    return `https://${this.opts.tenantName}-admin.sharepoint.com`;
  }

  /** The resource a scope or resource names (`https://graph.microsoft.com/.default`, `https://contoso.sharepoint.com`), or undefined. */
  resourceOf(scopeOrResource: string): { kind: ResourceKind; resource: string } | undefined {
    let r = scopeOrResource.replace(/\/\.default$/i, '').replace(/\/$/, '').toLowerCase();
    if (r.startsWith('https://')) {
      try {
        r = new URL(r).origin; // `https://graph.microsoft.com/User.Read` names Graph
      } catch {
        return undefined;
      }
    }
    if (r === GRAPH_RESOURCE || r === GRAPH_APP_ID) return { kind: 'graph', resource: GRAPH_RESOURCE };
    if (r === this.spResource.toLowerCase()) return { kind: 'sharepoint', resource: this.spResource };
    if (r === this.spAdminResource()) return { kind: 'sharepoint', resource: this.spAdminResource() };
    return undefined;
  }

  issue(resource: string, subject: TokenSubject): { token: string; expiresIn: number } {
    const now = Math.floor(this.opts.clock.now() / 1000);
    const expiresIn = 3599;
    const sts = `https://sts.windows.net/${this.opts.tenantId}/`;
    const common = { aud: resource, iss: sts, iat: now, nbf: now, exp: now + expiresIn, idp: sts, tid: this.opts.tenantId, uti: randomUUID().replace(/-/g, '').slice(0, 22), ver: '1.0' as const };
    const claims: TokenClaims =
      subject.type === 'app'
        ? { ...common, appid: subject.appId, appidacr: subject.acr, app_displayname: subject.displayName, idtyp: 'app', oid: subject.oid, sub: subject.oid, roles: subject.roles, ...(subject.mirid ? { xms_mirid: subject.mirid } : {}) }
        : {
            ...common,
            appid: subject.appId,
            appidacr: '0',
            app_displayname: subject.displayName,
            idtyp: 'user',
            oid: subject.user.id,
            sub: this.derivedId(`sub:${subject.user.id}:${subject.appId}`).replace(/-/g, ''),
            scp: SCOPES[this.resourceOf(resource)?.kind ?? 'graph'].join(' '),
            upn: subject.user.userPrincipalName,
            unique_name: subject.user.userPrincipalName,
            name: subject.user.displayName,
            amr: ['pwd'],
          };
    const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'local-tenant' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    return { token: `${head}.${body}.${this.sign(`${head}.${body}`)}`, expiresIn };
  }

  /**
   * Verify a bearer token for a face. Verified tokens are cached (the hot path does one map
   * lookup). SharePoint refuses app-only tokens obtained with a client secret, as the service does.
   */
  verify(req: Req, face: 'graph' | 'sharepoint'): VerifyResult {
    const h = header(req, 'authorization');
    if (!h) return { ok: false, reason: 'missing' };
    const m = /^Bearer\s+(.+)$/i.exec(h);
    if (!m) return { ok: false, reason: 'malformed' };
    const token = m[1]!.trim();
    let claims = this.cache.get(token);
    if (!claims) {
      const parts = token.split('.');
      if (parts.length !== 3) return { ok: false, reason: 'malformed' };
      const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
      const got = Buffer.from(parts[2]!);
      if (expected.length !== got.length || !timingSafeEqual(expected, got)) return { ok: false, reason: 'signature' };
      try {
        claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as TokenClaims;
      } catch {
        return { ok: false, reason: 'malformed' };
      }
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(token, claims);
    }
    const now = this.opts.clock.now();
    if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
    if (claims.nbf * 1000 > now + 300_000) return { ok: false, reason: 'not-yet-valid' };
    const aud = claims.aud.replace(/\/$/, '').toLowerCase();
    const okAud =
      face === 'graph'
        ? aud === GRAPH_RESOURCE || aud === GRAPH_APP_ID
        : aud === this.spResource.toLowerCase() || aud === this.spAdminResource() || aud.startsWith(`${SP_APP_ID}/${this.opts.tenantName}.sharepoint.com`);
    if (!okAud) return { ok: false, reason: 'audience' };
    if (face === 'sharepoint' && claims.idtyp !== 'user' && claims.appidacr === '1') return { ok: false, reason: 'unsupported-app-only' };
    return { ok: true, claims };
  }

  // ------------------------------------------------------------ login.microsoftonline.com

  handleLogin(req: Req): Res {
    const path = req.rawPath;
    const t = this.opts.tenantId;
    const base = `https://${LOGIN_HOST}`;
    const segs = path.split('/').filter(Boolean);
    if (req.method === 'GET' && /\/discovery\/instance$/i.test(path)) {
      req.op = 'GET /common/discovery/instance';
      return jsonRes(200, {
        tenant_discovery_endpoint: `${base}/${segs[0] === 'common' ? 'common' : t}/v2.0/.well-known/openid-configuration`,
        'api-version': '1.1',
        metadata: [
          { preferred_network: LOGIN_HOST, preferred_cache: 'login.windows.net', aliases: [LOGIN_HOST, 'login.windows.net', 'login.microsoft.com', 'sts.windows.net'] },
        ],
      });
    }
    if (req.method === 'GET' && /\/\.well-known\/openid-configuration$/i.test(path)) {
      req.op = 'GET /{tenant}/v2.0/.well-known/openid-configuration';
      const tenantSeg = segs[0] ?? t;
      if (!this.knownTenant(tenantSeg) && tenantSeg !== 'common' && tenantSeg !== 'organizations') return this.tenantNotFound(req, tenantSeg);
      const tid = tenantSeg === 'common' || tenantSeg === 'organizations' ? '{tenantid}' : t;
      const tseg = tenantSeg === 'common' || tenantSeg === 'organizations' ? tenantSeg : t;
      return jsonRes(200, {
        token_endpoint: `${base}/${tseg}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
        jwks_uri: `${base}/${tseg}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `${base}/${tid}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
        authorization_endpoint: `${base}/${tseg}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${base}/${tseg}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${base}/${tseg}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'tid', 'ver'],
        kerberos_endpoint: `${base}/${tseg}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      });
    }
    if (req.method === 'GET' && /\/discovery\/(v2\.0\/)?keys$/i.test(path)) {
      req.op = 'GET /{tenant}/discovery/v2.0/keys';
      return jsonRes(200, { keys: [] });
    }
    if (req.method === 'POST' && /\/oauth2\/(v2\.0\/)?token$/i.test(path)) {
      req.op = 'POST /{tenant}/oauth2/v2.0/token';
      const tenantSeg = segs[0] ?? '';
      if (!this.knownTenant(tenantSeg) && tenantSeg !== 'organizations') return this.tenantNotFound(req, tenantSeg);
      return this.token(req, tenantSeg);
    }
    if (req.method === 'POST' && /\/oauth2\/(v2\.0\/)?devicecode$/i.test(path)) {
      req.op = 'POST /{tenant}/oauth2/v2.0/devicecode';
      const tenantSeg = segs[0] ?? '';
      if (!this.knownTenant(tenantSeg) && tenantSeg !== 'organizations') return this.tenantNotFound(req, tenantSeg);
      return this.users.deviceCode(req);
    }
    if (/\/oauth2\/deviceauth$/i.test(path)) {
      req.op = `${req.method} /common/oauth2/deviceauth`;
      return this.users.deviceAuth(req);
    }
    req.op = `${req.method} login (unknown)`;
    return this.error(req, 404, 'invalid_request', 90000, `Unsupported endpoint ${path}.`);
  }

  private knownTenant(seg: string): boolean {
    const s = seg.toLowerCase();
    return s === this.opts.tenantId.toLowerCase() || (this.opts.isVerifiedDomain ? this.opts.isVerifiedDomain(s) : s === `${this.opts.tenantName}.onmicrosoft.com`);
  }

  private tenantNotFound(req: Req, seg: string): Res {
    return this.error(req, 400, 'invalid_tenant', 90002, `Tenant '${seg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }

  error(req: Req, status: number, error: string, code: number, message: string): Res {
    return aadError(req, this.opts.clock.now(), status, error, code, message);
  }

  /** The service's answer for an application that is not registered in the tenant. */
  unknownClient(req: Req, clientId: string): Res {
    return this.error(req, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.opts.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
  }

  /** The service's answer for a resource it does not know. */
  unknownResource(req: Req, resource: string): Res {
    return this.error(req, 400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${this.opts.tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
  }

  private token(req: Req, tenantSeg: string): Res {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const grant = form.get('grant_type');
    if (grant === 'urn:ietf:params:oauth:grant-type:device_code' || grant === 'device_code') return this.users.tokenByDeviceCode(req, form);
    if (grant === 'refresh_token') return this.users.tokenByRefreshToken(req, form);
    if (grant !== 'client_credentials') {
      return this.error(req, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`);
    }
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
    if (basic) {
      const [u, p] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(u ?? '');
      clientSecret = decodeURIComponent(p ?? '');
    }
    if (!clientId) return this.error(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId.toLowerCase() !== this.opts.clientId.toLowerCase()) return this.unknownClient(req, clientId);
    const assertion = form.get('client_assertion');
    let acr: '1' | '2';
    if (assertion) {
      const verdict = checkAssertion(req, this.opts.clock.now(), {
        type: form.get('client_assertion_type'),
        jwt: assertion,
        clientId,
        tenantSeg,
        certKeys: this.certKeys,
        federated: this.opts.credentials?.federatedCredentials ?? [],
      });
      if (!verdict.ok) return verdict.res;
      acr = '2';
    } else {
      if (!clientSecret) {
        return this.error(req, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
      }
      const a = Buffer.from(clientSecret);
      const b = Buffer.from(this.opts.clientSecret);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        return this.error(req, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${this.opts.clientId}'.`);
      }
      acr = '1';
    }
    const scope = (form.get('scope') ?? '').trim();
    const first = scope.split(/\s+/)[0] ?? '';
    if (!first.endsWith('/.default')) {
      return this.error(req, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    const target = this.resourceOf(first);
    if (!target) return this.unknownResource(req, first.slice(0, -'/.default'.length));
    const { token, expiresIn } = this.issue(target.resource, { type: 'app', appId: this.opts.clientId, displayName: APP_DISPLAY_NAME, oid: this.servicePrincipalId, acr, roles: this.roles[target.kind] });
    return jsonRes(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token }, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
  }
}
