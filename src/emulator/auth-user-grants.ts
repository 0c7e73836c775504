/**
 * Sign-in of a user at a laptop, as Entra ID's device code flow (RFC 8628) does it: a client
 * asks `/oauth2/v2.0/devicecode` for a code, the user enters it at the verification page and
 * signs in, the client polls the token endpoint (`authorization_pending` until then) and gets a
 * delegated access token (`idtyp` user, `scp`, `appidacr` "0"), an ID token and a refresh token,
 * which later gives tokens for other resources (`grant_type=refresh_token`).
 *
 * The local tenant's verification page is `POST /common/oauth2/deviceauth` (form fields `otc`,
 * `login`, `passwd`) on its own origin; only the built-in admin (`admin@<tenant>.onmicrosoft.com`,
 * password derived from the tenant's signing key and given by `LocalTenant.admin`) can sign in.
 * Public clients: the registered app (public client flows allowed) and Microsoft Azure CLI.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { jsonRes, type Req, type Res } from './http.ts';
import { APP_DISPLAY_NAME, AZURE_CLI_APP_ID, type DirectoryUser, type TokenIssuer } from './auth-issuer.ts';

interface PendingCode {
  userCode: string;
  clientId: string;
  scope: string;
  expiresAt: number;
  user?: DirectoryUser;
}

const DEVICE_CODE_TTL_S = 900;
const REFRESH_TTL_S = 90 * 24 * 3600;
const MAX_PENDING = 1000;
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export class UserGrants {
  private readonly pending = new Map<string, PendingCode>();

  constructor(
    private readonly auth: TokenIssuer,
    private readonly userByUpn: (upn: string) => DirectoryUser | undefined,
  ) {}

  /** The built-in admin's UPN. */
  get adminUpn(): string {
    return `admin@${this.auth.tenantName}.onmicrosoft.com`;
  }
  /** The built-in admin's password (derived from the signing key; never logged). */
  get adminPassword(): string {
    return this.auth.derivedSecret('admin-password');
  }

  private publicClient(clientId: string | null): { appId: string; displayName: string } | undefined {
    const id = (clientId ?? '').toLowerCase();
    if (id === this.auth.clientId.toLowerCase()) return { appId: this.auth.clientId, displayName: APP_DISPLAY_NAME };
    if (id === AZURE_CLI_APP_ID) return { appId: AZURE_CLI_APP_ID, displayName: 'Microsoft Azure CLI' };
    return undefined;
  }

  /** `POST /{tenant}/oauth2/v2.0/devicecode` */
  deviceCode(req: Req): Res {
    const form = new URLSearchParams(req.body.toString('utf8'));
    const clientId = form.get('client_id');
    if (!clientId) return this.auth.error(req, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");
    if (!this.publicClient(clientId)) return this.auth.unknownClient(req, clientId);
    const scope = (form.get('scope') ?? '').trim();
    if (!this.resourceScope(scope)) return this.auth.error(req, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`);
    const now = this.auth.nowMs();
    for (const [k, v] of this.pending) if (v.expiresAt <= now) this.pending.delete(k);
    if (this.pending.size >= MAX_PENDING) return this.auth.error(req, 429, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.');
    const deviceCode = randomBytes(48).toString('base64url');
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
    const userCode = [...randomBytes(9)].map((b) => alphabet[b % alphabet.length]).join('');
    this.pending.set(deviceCode, { userCode, clientId, scope, expiresAt: now + DEVICE_CODE_TTL_S * 1000 });
    const verificationUri = 'https://microsoft.com/devicelogin';
    return jsonRes(200, {
      user_code: userCode,
      device_code: deviceCode,
      verification_uri: verificationUri,
      expires_in: DEVICE_CODE_TTL_S,
      interval: 1,
      message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
    });
  }

  /** `POST /common/oauth2/deviceauth` (otc, login, passwd): the user enters the code and signs in. */
  deviceAuth(req: Req): Res {
    if (req.method !== 'POST') {
      return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<form method="post"><label>Code <input name="otc"></label> <label>User <input name="login"></label> <label>Password <input name="passwd" type="password"></label> <button>Sign in</button></form>' };
    }
    const form = new URLSearchParams(req.body.toString('utf8'));
    const code = (form.get('otc') ?? '').trim().toUpperCase();
    const entry = [...this.pending.values()].find((p) => p.userCode === code && p.expiresAt > this.auth.nowMs());
    if (!entry) return this.auth.error(req, 400, 'invalid_grant', 70019, 'The code you entered has expired or is not valid. Get a new code from the device or app and try again.');
    const user = this.signIn(form.get('login') ?? '', form.get('passwd') ?? '');
    if (!user) return this.auth.error(req, 400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.');
    entry.user = user;
    return jsonRes(200, { signedIn: user.userPrincipalName, message: `You have signed in to ${APP_DISPLAY_NAME} on your device. You may now close this window.` });
  }

  private signIn(login: string, password: string): DirectoryUser | undefined {
    if (login.trim().toLowerCase() !== this.adminUpn) return undefined;
    const a = Buffer.from(password);
    const b = Buffer.from(this.adminPassword);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
    return this.userByUpn(this.adminUpn);
  }

  /** `grant_type=urn:ietf:params:oauth:grant-type:device_code` */
  tokenByDeviceCode(req: Req, form: URLSearchParams): Res {
    const code = form.get('device_code') ?? '';
    const entry = this.pending.get(code);
    if (!entry || entry.clientId.toLowerCase() !== (form.get('client_id') ?? '').toLowerCase()) {
      return this.auth.error(req, 400, 'invalid_grant', 70000, 'The provided value for the input parameter \'device_code\' is not valid.');
    }
    if (entry.expiresAt <= this.auth.nowMs()) {
      this.pending.delete(code);
      return this.auth.error(req, 400, 'expired_token', 70020, 'The provided value for the input parameter \'device_code\' is not valid. This device code has expired.');
    }
    if (!entry.user) return this.auth.error(req, 400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.');
    this.pending.delete(code);
    return this.tokens(req, entry.clientId, entry.user, form.get('scope')?.trim() || entry.scope);
  }

  /** `grant_type=refresh_token` */
  tokenByRefreshToken(req: Req, form: URLSearchParams): Res {
    const rt = form.get('refresh_token') ?? '';
    const parts = rt.split('.');
    const bad = () => this.auth.error(req, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
    if (parts.length !== 3 || parts[0] !== 'rt') return bad();
    const expected = Buffer.from(this.auth.sign(`rt.${parts[1]}`));
    const got = Buffer.from(parts[2]!);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) return bad();
    let payload: { uid: string; cid: string; exp: number };
    try {
      payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as typeof payload;
    } catch {
      return bad();
    }
    if (payload.exp * 1000 <= this.auth.nowMs()) return this.auth.error(req, 400, 'invalid_grant', 700082, 'The refresh token has expired due to inactivity.');
    if (payload.cid.toLowerCase() !== (form.get('client_id') ?? '').toLowerCase()) return this.auth.error(req, 400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed.');
    const user = this.userByUpn(this.adminUpn);
    if (!user || user.id !== payload.uid) return this.auth.error(req, 400, 'invalid_grant', 50034, 'The user account does not exist in the directory.');
    return this.tokens(req, payload.cid, user, (form.get('scope') ?? '').trim());
  }

  /** The first scope that names a resource (not openid, profile, offline_access). */
  private resourceScope(scope: string): string | undefined {
    return scope.split(/\s+/).find((s) => s && !OIDC_SCOPES.has(s.toLowerCase()));
  }

  private tokens(req: Req, clientId: string, user: DirectoryUser, scope: string): Res {
    const client = this.publicClient(clientId);
    if (!client) return this.auth.unknownClient(req, clientId);
    const first = this.resourceScope(scope) ?? '';
    const target = this.auth.resourceOf(first);
    if (!target) return this.auth.unknownResource(req, first.replace(/\/\.default$/, ''));
    const { token, expiresIn } = this.auth.issue(target.resource, { type: 'user', appId: client.appId, displayName: client.displayName, user });
    const now = Math.floor(this.auth.nowMs() / 1000);
    const rtBody = Buffer.from(JSON.stringify({ uid: user.id, cid: client.appId, exp: now + REFRESH_TTL_S })).toString('base64url');
    const refresh = `rt.${rtBody}.${this.auth.sign(`rt.${rtBody}`)}`;
    const idClaims = {
      aud: client.appId,
      iss: `https://login.microsoftonline.com/${this.auth.tenantId}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + expiresIn,
      name: user.displayName,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      sub: this.auth.derivedId(`sub:${user.id}:${client.appId}`).replace(/-/g, ''),
      tid: this.auth.tenantId,
      ver: '2.0',
    };
    const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'local-tenant' })).toString('base64url');
    const idBody = Buffer.from(JSON.stringify(idClaims)).toString('base64url');
    const clientInfo = Buffer.from(JSON.stringify({ uid: user.id, utid: this.auth.tenantId })).toString('base64url');
    const granted = scope.split(/\s+/).filter(Boolean).join(' ');
    return jsonRes(
      200,
      {
        token_type: 'Bearer',
        scope: granted,
        expires_in: expiresIn,
        ext_expires_in: expiresIn,
        access_token: token,
        refresh_token: refresh,
        id_token: `${head}.${idBody}.${this.auth.sign(`${head}.${idBody}`)}`,
        client_info: clientInfo,
      },
      { 'cache-control': 'no-store, no-cache', pragma: 'no-cache' },
    );
  }
}
