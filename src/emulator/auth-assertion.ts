/**
 * Client assertions (`client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer`):
 * a JWT signed with one of the app's certificates (iss = sub = client id, aud = the tenant's token
 * endpoint), or a federated identity credential's token (GitHub Actions, Azure DevOps, Kubernetes:
 * an issuer, a subject and an audience the app registration trusts, signed with the issuer's key).
 * Refused with Entra ID's codes otherwise.
 */
import { createHash, createPublicKey, verify as verifySignature, X509Certificate, type KeyObject } from 'node:crypto';
import { aadError } from './auth-errors.ts';
import type { Req, Res } from './http.ts';

export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** A federated identity credential of the app: tokens of `issuer` for `subject` (and `audience`), signed by one of `publicKeys`. */
export interface FederatedCredential {
  issuer: string;
  subject: string;
  /** default `api://AzureADTokenExchange` */
  audience?: string;
  /** PEM public keys or certificates of the issuer (Entra ID reads them from the issuer's JWKS; the local tenant is offline) */
  publicKeys?: string[];
}

export interface TrustedKey {
  key: KeyObject;
  x5t?: string;
  x5t256?: string;
}

/** How a client assertion was accepted. */
export type AssertionVerdict = { ok: true; federated: boolean } | { ok: false; res: Res };

export function trustedKey(pem: string): TrustedKey {
  if (pem.includes('BEGIN CERTIFICATE')) {
    const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)![0];
    const cert = new X509Certificate(block);
    return { key: cert.publicKey, x5t: createHash('sha1').update(cert.raw).digest('base64url'), x5t256: createHash('sha256').update(cert.raw).digest('base64url') };
  }
  return { key: createPublicKey(pem) };
}

export function checkAssertion(
  req: Req,
  nowMs: number,
  ctx: { type: string | null; jwt: string; clientId: string; tenantSeg: string; certKeys: TrustedKey[]; federated: FederatedCredential[] },
): AssertionVerdict {
  const fail = (status: number, error: string, code: number, message: string): AssertionVerdict => ({ ok: false, res: aadError(req, nowMs, status, error, code, message) });
  if (ctx.type !== ASSERTION_TYPE) return fail(400, 'invalid_request', 50027, `Invalid client_assertion_type '${ctx.type ?? ''}'. Expected '${ASSERTION_TYPE}'.`);
  const parts = ctx.jwt.split('.');
  let head: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    if (parts.length !== 3) throw new Error('parts');
    head = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return fail(400, 'invalid_request', 50027, 'JWT token is invalid or malformed.');
  }
  const now = Math.floor(Date.now() / 1000);
  const exp = Number(claims.exp);
  const nbf = claims.nbf === undefined ? 0 : Number(claims.nbf);
  if (!(exp > now - 300) || nbf > now + 300) return fail(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.');
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
  const fedsOfIssuer = ctx.federated.filter((f) => f.issuer === iss);
  if (fedsOfIssuer.length) {
    const fed = fedsOfIssuer.find((f) => f.subject === claims.sub);
    if (!fed) return fail(401, 'invalid_client', 70021, `No matching federated identity record found for presented assertion. Assertion Issuer: '${iss}'. Assertion Subject: '${String(claims.sub)}'. Assertion Audience: '${String(claims.aud)}'.`);
    const aud = fed.audience ?? 'api://AzureADTokenExchange';
    const auds = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
    if (!auds.includes(aud)) return fail(401, 'invalid_client', 700212, `No matching federated identity record found for presented assertion audience '${auds.join(', ')}'.`);
    // Entra ID validates the issuer's signature with the keys its OIDC metadata publishes; a
    // federated credential whose issuer keys are unknown cannot be validated.
    const keys = (fed.publicKeys ?? []).map((p) => trustedKey(p).key);
    if (!keys.some(ok)) return fail(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
    return { ok: true, federated: true };
  }
  const clientId = ctx.clientId.toLowerCase();
  if (iss.toLowerCase() !== clientId || String(claims.sub ?? '').toLowerCase() !== clientId) {
    return fail(401, 'invalid_client', 700021, `Client assertion application identifier doesn't match 'client_id' parameter. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials .`);
  }
  const aud = String(claims.aud ?? '').toLowerCase();
  if (!/^https:\/\/login\.(microsoftonline\.com|microsoft\.com|windows\.net)\//.test(aud) || !aud.includes(ctx.tenantSeg.toLowerCase()) || !/\/oauth2\/(v2\.0\/)?token$/.test(aud)) {
    return fail(401, 'invalid_client', 700003, `The audience '${String(claims.aud)}' of the client assertion is not the token endpoint of the tenant.`);
  }
  const x5t = typeof head.x5t === 'string' ? head.x5t : undefined;
  const x5t256 = typeof head['x5t#S256'] === 'string' ? (head['x5t#S256'] as string) : undefined;
  let cands = ctx.certKeys.filter((k) => (x5t && k.x5t === x5t) || (x5t256 && k.x5t256 === x5t256));
  if (!cands.length) cands = ctx.certKeys;
  if (!cands.length) return fail(401, 'invalid_client', 700027, `Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '${x5t ?? ''}']`);
  if (!cands.some((k) => ok(k.key))) return fail(401, 'invalid_client', 700027, 'Client assertion failed signature validation.');
  return { ok: true, federated: false };
}
