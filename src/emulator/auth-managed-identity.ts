/**
 * The tenant's managed identity, served as Azure App Service's identity endpoint does
 * (`IDENTITY_ENDPOINT` + `IDENTITY_HEADER`, api-version 2019-08-01): `GET /msi/token?resource=…`
 * with the `X-IDENTITY-HEADER` secret answers an app-only token of the managed identity's service
 * principal (`appidacr` "2", `xms_mirid`), holding the same app roles as the registered app (an
 * admin grants them to the identity's service principal). Loopback only, like the real one.
 */
import { timingSafeEqual } from 'node:crypto';
import { header, jsonRes, type Req, type Res } from './http.ts';
import type { TokenIssuer } from './auth-issuer.ts';

export class ManagedIdentityEndpoint {
  constructor(private readonly auth: TokenIssuer) {}

  /** The identity's client id (application id of its service principal). */
  get clientId(): string {
    return this.auth.derivedId('managed-identity');
  }
  /** What the platform puts in `IDENTITY_HEADER` (never logged). */
  get identityHeader(): string {
    return this.auth.derivedSecret('identity-header');
  }
  get displayName(): string {
    return `${this.auth.tenantName}-automation`;
  }

  /** `GET /msi/token` */
  handle(req: Req): Res {
    req.op = `${req.method} /msi/token`;
    if (req.method !== 'GET') return jsonRes(405, { error: 'invalid_request', error_description: 'Only GET is supported.' });
    const given = Buffer.from(header(req, 'x-identity-header') ?? '');
    const expected = Buffer.from(this.identityHeader);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return jsonRes(401, { error: 'unauthorized', error_description: 'The X-IDENTITY-HEADER header is missing or not valid.' });
    }
    const requested = req.query.get('client_id') ?? req.query.get('principal_id') ?? req.query.get('mi_res_id');
    if (requested && requested.toLowerCase() !== this.clientId) {
      return jsonRes(400, { error: 'invalid_request', error_description: `No managed identity with the id '${requested}' is assigned to this resource.` });
    }
    const resource = req.query.get('resource') ?? '';
    const target = this.auth.resourceOf(resource);
    if (!target) return jsonRes(400, { error: 'invalid_resource', error_description: `AADSTS500011: The resource principal named ${resource} was not found in the tenant named ${this.auth.tenantName}.` });
    const mirid = `/subscriptions/00000000-0000-0000-0000-000000000000/resourcegroups/local/providers/Microsoft.Web/sites/${this.displayName}`;
    const oid = this.auth.derivedId(`sp:${this.clientId}`);
    const { token, expiresIn } = this.auth.issue(target.resource, { type: 'app', appId: this.clientId, displayName: this.displayName, oid, acr: '2', roles: this.auth.appRoles(target.kind), mirid });
    const expiresOn = Math.floor(this.auth.nowMs() / 1000) + expiresIn;
    return jsonRes(200, { access_token: token, expires_on: String(expiresOn), resource, token_type: 'Bearer', client_id: this.clientId });
  }
}
