/**
 * Who may use the local tenant's control routes (`/_emulator/*` on its own origin: stats, and
 * whatever a later slice adds). Each start draws a new random key; it is written to
 * `<stateDir>/credentials.json` (mode 0600) as `controlKey` and exposed as `LocalTenant.controlKey`,
 * so that only the user who started the tenant (or can read its state folder) reads its figures.
 * A caller sends `Authorization: Bearer <controlKey>`; anything else is answered 401.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { jsonRes, type Res } from './http.ts';

/** A fresh control key: 32 random bytes, base64url. */
export function newControlKey(): string {
  return randomBytes(32).toString('base64url');
}

/** The 401 answer for a control request without the key, or undefined when the key is right. */
export function refuseControl(headers: IncomingHttpHeaders, key: string): Res | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (m) {
    const got = Buffer.from(m[1]!);
    const want = Buffer.from(key);
    if (got.length === want.length && timingSafeEqual(got, want)) return undefined;
  }
  return jsonRes(
    401,
    { error: { code: 'Unauthorized', message: "The local tenant's control routes need 'Authorization: Bearer <controlKey>' (controlKey is in credentials.json in the state folder)." } },
    { 'www-authenticate': 'Bearer realm="local-tenant-control"' },
  );
}

