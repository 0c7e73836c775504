import { createHash, createHmac, createPublicKey, randomUUID, timingSafeEqual, verify as verifySignature, X509Certificate, type KeyObject } from 'node:crypto';
import type { Clock } from './clock.ts';
import { header, jsonRes, type Req, type Res } from './http.ts';

export const LOGIN_HOST = 'login.microsoftonline.com';
export const GRAPH_HOST = 'graph.microsoft.com';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const SP_APP_ID = '00000003-0000-0ff1-ce00-000000000000';

/** App roles granted to the local tenant's registered app, per resource. */
const ROLES: Record<string, string[]> = {
  graph: ['Group.ReadWrite.All', 'Directory.Read.All', 'User.Read.All', 'Sites.FullControl.All', 'Sites.ReadWrite.All', 'TeamSettings.ReadWrite.All', 'Team.Create', 'Channel.Create', 'TermStore.ReadWrite.All', 'TeamMember.ReadWrite.All', 'ChannelMember.ReadWrite.All'],
  sharepoint: ['Sites.FullControl.All', 'TermStore.ReadWrite.All', 'User.Read.All'],
};

/** How apps may authenticate besides the client secret, and which app roles the local tenant's app holds. */
export interface AppCredentials {
  /**
   * Certificates (or public keys), PEM, whose private keys may sign client assertions
   * (`client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`).
   * Files in `<stateDir>/certificates/*.pem` are trusted too.
   */
  clientCertificates?: string[];
  /** Federated identity credentials of the app: assertions issued by `issuer` for `subject`. */
  federatedCredentials?: Array<{ issuer: string; subject: string; audience?: string; publicKeys?: string[] }>;
  /** App roles granted per resource (default: everything the engine needs). */
  appRoles?: { graph?: string[]; sharepoint?: string[] };
}

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

interface TrustedKey {
  key: KeyObject;
  x5t?: string;
  x5t256?: string;
}

export interface TokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  appid: string;
  appidacr: string;
  idp: string;
  oid: string;
  roles: string[];
  sub: string;
  tid: string;
  uti: string;
  ver: string;
}

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: 'missing' | 'malformed' | 'signature' | 'expired' | 'audience' };

export class Auth {
  private readonly key: Buffer;
  private readonly spResource: string;
  /** the tenant admin host's resource, `https://<tenant>-admin.sharepoint.com` (SPO.Tenant) */
  private spAdminResource(): string {
    return `https://${this.opts.tenantName}-admin.sharepoint.com`;
  }
  private readonly cache = new Map<string, TokenClaims>();
  readonly servicePrincipalId: string;
  private readonly certKeys: TrustedKey[];
  private readonly roles: { graph: string[]; sharepoint: string[] };

  constructor(
    private readonly opts: { tenantId: string; tenantName: string; clientId: string; clientSecret: string; signingKey: string; clock: Clock; credentials?: AppCredentials },
  ) {
    this.key = Buffer.from(opts.signingKey, 'base64');
    this.certKeys = (opts.credentials?.clientCertificates ?? []).map(trustedKey);
    this.roles = { graph: opts.credentials?.appRoles?.graph ?? ROLES.graph!, sharepoint: opts.credentials?.appRoles?.sharepoint ?? ROLES.sharepoint! };
    this.spResource = `https://${opts.tenantName}.sharepoint.com`;
    this.servicePrincipalId = uuidFrom(this.key, `sp:${opts.clientId}`);
  }

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  issue(resource: string, kind: 'graph' | 'sharepoint'): { token: string; expiresIn: number } {
    const now = Math.floor(this.opts.clock.now() / 1000);
    const expiresIn = 3599;
    const claims: TokenClaims = {
      aud: resource,
      iss: `https://sts.windows.net/${this.opts.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + expiresIn,
      appid: this.opts.clientId,
      appidacr: '1',
      idp: `https://sts.windows.net/${this.opts.tenantId}/`,
      oid: this.servicePrincipalId,
      roles: this.roles[kind],
      sub: this.servicePrincipalId,
      tid: this.opts.tenantId,
      uti: randomUUID().replace(/-/g, '').slice(0, 22),
      ver: '1.0',
    };
    const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'local-tenant' })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const token = `${head}.${body}.${this.sign(`${head}.${body}`)}`;
    return { token, expiresIn };
  }

  /** Verify a bearer token for a face. Verified tokens are cached (the hot path does one map lookup). */
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
    if (claims.exp * 1000 <= this.opts.clock.now()) return { ok: false, reason: 'expired' };
    const aud = claims.aud.replace(/\/$/, '').toLowerCase();
    const okAud =
      face === 'graph'
        ? aud === GRAPH_RESOURCE || aud === GRAPH_APP_ID
        : aud === this.spResource.toLowerCase() || aud === this.spAdminResource() || aud.startsWith(`${SP_APP_ID}/${this.opts.tenantName}.sharepoint.com`);
    if (!okAud) return { ok: false, reason: 'audience' };
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
      return this.token(req, segs[0] ?? '');
    }
    req.op = `${req.method} login (unknown)`;
    return this.aadError(req, 404, 'invalid_request', 90000, `Unsupported endpoint ${path}.`);
  }

  private knownTenant(seg: string): boolean {
    const s = seg.toLowerCase();
    return s === this.opts.tenantId.toLowerCase() || s === `${this.opts.tenantName}.onmicrosoft.com`;
  }

  private tenantNotFound(req: Req, seg: string): Res {
    return this.aadError(req, 400, 'invalid_tenant', 90002, `Tenant '${seg}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`);
  }

  private token(req: Req, tenantSeg: string): Res {
    if (!this.knownTenant(tenantSeg)) return this.tenantNotFound(req, tenantSeg);
    const form = new URLSearchParams(req.body.toString('utf8'));
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(header(req, 'authorization') ?? '');
    if (basic) {
      const [u, p] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(u ?? '');
      clientSecret = decodeURIComponent(p ?? '');
    }
    const grant = form.get('grant_type');
    if (grant !== 'client_credentials') {
      return this.aadError(req, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant ?? ''}'.`);
    }
    if (!clientId) return this.aadError(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (clientId.toLowerCase() !== this.opts.clientId.toLowerCase()) {
      return this.aadError(req, 400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${this.opts.tenantName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }
    const assertion = form.get('client_assertion');
    if (assertion) {
      const err = this.checkAssertion(req, form.get('client_assertion_type'), assertion, clientId, tenantSeg);
      if (err) return err;
    } else {
      if (!clientSecret) {
        return this.aadError(req, 401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
      }
      const a = Buffer.from(clientSecret);
      const b = Buffer.from(this.opts.clientSecret);
      if (a.length !== b.length || !timingSafeEqual(a, b)) {
        return this.aadError(req, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${this.opts.clientId}'.`);
      }
    }
    const scope = (form.get('scope') ?? '').trim();
    const first = scope.split(/\s+/)[0] ?? '';
    if (!first.endsWith('/.default')) {
      return this.aadError(req, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    const resource = first.slice(0, -'/.default'.length).replace(/\/$/, '');
    const rl = resource.toLowerCase();
    let kind: 'graph' | 'sharepoint';
    if (rl === GRAPH_RESOURCE || rl === GRAPH_APP_ID) kind = 'graph';
    else if (rl === this.spResource.toLowerCase() || rl === this.spAdminResource()) kind = 'sharepoint';
    else {
      return this.aadError(req, 400, 'invalid_resource', 500011, `The resource principal named ${resource} was not found in the tenant named ${this.opts.tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`);
    }
    const { token, expiresIn } = this.issue(kind === 'graph' ? GRAPH_RESOURCE : rl === this.spAdminResource() ? this.spAdminResource() : this.spResource, kind);
    return jsonRes(200, { token_type: 'Bearer', expires_in: expiresIn, ext_expires_in: expiresIn, access_token: token }, { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' });
  }

  /** A client assertion: signed by a trusted certificate of the app (iss = sub = client id), or a federated credential. */
  private checkAssertion(req: Req, type: string | null, jwt: string, clientId: string, tenantSeg: string): Res | null {
    if (type !== ASSERTION_TYPE) return this.aadError(req, 400, 'invalid_request', 50027, `Invalid client_assertion_type '${type ?? ''}'. Expected '${ASSERTION_TYPE}'.`);
    const parts = jwt.split('.');
    let head: Record<string, unknown>;
    let claims: Record<string, unknown>;
    try {
      if (parts.length !== 3) throw new Error('parts');
      head = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
      claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return this.aadError(req, 400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
    }
    const now = Math.floor(Date.now() / 1000);
    const exp = Number(claims.exp);
    const nbf = claims.nbf === undefined ? 0 : Number(claims.nbf);
    if (!(exp > now - 300) || nbf > now + 300) return this.aadError(req, 401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
    const sig = Buffer.from(parts[2]!, 'base64url');
    const alg = String(head.alg ?? '');
    const ok = (k: KeyObject) => {
      try {
        if (alg === 'RS256') return verifySignature('sha256', signed, k, sig);
        if (alg === 'PS256') return verifySignature('sha256', signed, { key: k, padding: 6, saltLength: 32 }, sig);
        if (alg === 'ES256') return verifySignature('sha256', signed, { key: k, dsaEncoding: 'ieee-p1363' }, sig);
      } catch {
        return false;
      }
      return false;
    };
    const iss = String(claims.iss ?? '');
    const fed = (this.opts.credentials?.federatedCredentials ?? []).find((f) => f.issuer === iss);
    if (fed) {
      if (claims.sub !== fed.subject) return this.aadError(req, 401, 'invalid_client', 70021, `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${String(claims.sub)}'. Assertion Audience: '${String(claims.aud)}'.`);
      const aud = fed.audience ?? 'api://AzureADTokenExchange';
      const auds = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
      if (!auds.includes(aud)) return this.aadError(req, 401, 'invalid_client', 700212, `No matching federated identity record found for presented assertion audience '${auds.join(', ')}'.`);
      const keys = (fed.publicKeys ?? []).map((p) => trustedKey(p).key);
      if (keys.length && !keys.some(ok)) return this.aadError(req, 401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
      return null;
    }
    if (iss.toLowerCase() !== clientId.toLowerCase() || String(claims.sub ?? '').toLowerCase() !== clientId.toLowerCase()) {
      return this.aadError(req, 401, 'invalid_client', 700021, `Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`);
    }
    const aud = String(claims.aud ?? '').toLowerCase();
    if (!/^https:\/\/login\.(microsoftonline\.com|microsoft\.com|windows\.net)\//.test(aud) || !aud.includes(tenantSeg.toLowerCase()) || !/\/oauth2\/(v2\.0\/)?token$/.test(aud)) {
      return this.aadError(req, 401, 'invalid_client', 700003, `The audience '${String(claims.aud)}' of the client assertion is not the token endpoint of the tenant.`);
    }
    const x5t = typeof head.x5t === 'string' ? head.x5t : undefined;
    const x5t256 = typeof head['x5t#S256'] === 'string' ? (head['x5t#S256'] as string) : undefined;
    let cands = this.certKeys.filter((k) => (x5t && k.x5t === x5t) || (x5t256 && k.x5t256 === x5t256));
    if (!cands.length) cands = this.certKeys;
    if (!cands.length) return this.aadError(req, 401, 'invalid_client', 700027, `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${x5t ?? ''}']`);
    if (!cands.some((k) => ok(k.key))) return this.aadError(req, 401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    return null;
  }

  private aadError(req: Req, status: number, error: string, code: number, message: string): Res {
    const now = new Date(this.opts.clock.now());
    const ts = now.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
    const trace = randomUUID();
    const corr = header(req, 'client-request-id') ?? randomUUID();
    return jsonRes(status, {
      error,
      error_description: `AADSTS${code}: ${message} Trace ID: ${trace} Correlation ID: ${corr} Timestamp: ${ts}`,
      error_codes: [code],
      timestamp: ts,
      trace_id: trace,
      correlation_id: corr,
      error_uri: `https://${LOGIN_HOST}/error?code=${code}`,
    });
  }
}

function uuidFrom(key: Buffer, s: string): string {
  const h = createHmac('sha256', key).update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function trustedKey(pem: string): TrustedKey {
  if (pem.includes('BEGIN CERTIFICATE')) {
    const cert = new X509Certificate(pem);
    return { key: cert.publicKey, x5t: createHash('sha1').update(cert.raw).digest('base64url'), x5t256: createHash('sha256').update(cert.raw).digest('base64url') };
  }
  return { key: createPublicKey(pem) };
}
