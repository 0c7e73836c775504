/**
 * A delegated token for the local tenant's built-in admin (claims `scp`, no `roles`), signed
 * with the key in the tenant's state directory. It stands in for the device code sign-in that
 * the credentials work adds, so that tests can call what Microsoft supports only for a signed-in
 * user (Graph's term store) and show that the app-only path is refused. Tests only.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `stateDir` is the local tenant's folder (`<cwd>/.provision/local-tenant`). */
export function delegatedToken(stateDir: string, resource = 'https://graph.microsoft.com', scp = 'TermStore.ReadWrite.All Sites.ReadWrite.All User.Read'): string {
  const identity = JSON.parse(readFileSync(join(stateDir, 'tenant.json'), 'utf8')) as { tenantId: string; clientId: string; tenantName: string };
  const secrets = JSON.parse(readFileSync(join(stateDir, 'secrets.json'), 'utf8')) as { signingKey: string };
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    aud: resource,
    iss: `https://sts.windows.net/${identity.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    appid: identity.clientId,
    appidacr: '0',
    idtyp: 'user',
    name: 'Admin',
    upn: `admin@${identity.tenantName}.onmicrosoft.com`,
    oid: '00000000-0000-4000-8000-0000000000ad',
    scp,
    sub: 'admin',
    tid: identity.tenantId,
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
    ver: '1.0',
  };
  const head = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256', kid: 'local-tenant' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = createHmac('sha256', Buffer.from(secrets.signingKey, 'base64')).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** A Graph v1.0 call as the signed-in admin, through the real URL (rerouted to the local tenant while a target is open). */
export async function delegatedGraphCall<T = Record<string, unknown>>(stateDir: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await fetch(`https://graph.microsoft.com/v1.0${path}`, {
    method,
    headers: { authorization: `Bearer ${delegatedToken(stateDir)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** The `value` of a Graph collection read as the signed-in admin. */
export async function delegatedGraphList<T>(stateDir: string, path: string): Promise<T[]> {
  return (await delegatedGraphCall<{ value: T[] }>(stateDir, 'GET', path)).value;
}

/** The local tenant's state folder under a working folder (`<cwd>/.provision/local-tenant`). */
export function localTenantDir(cwd: string): string {
  return join(cwd, '.provision', 'local-tenant');
}
