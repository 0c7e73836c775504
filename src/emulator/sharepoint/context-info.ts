/**
 * `POST _api/contextinfo` (`SP.ContextWebInformation`: the form digest clients send as
 * `X-RequestDigest`), on any site and on the tenant admin host (`<tenant>-admin.sharepoint.com`,
 * whose URL it reports), as the service answers it. Only POST: "the /contextinfo operator
 * accepts only POST requests".
 */
import { randomBytes } from 'node:crypto';
import type { Res } from '../http.ts';

/**
 * The digest answer for the web at `webUrl` (absolute, no trailing slash) at simulated time `now`
 * (ms), rendered by `complex` (the route context's, at the request's format).
 */
export function contextInfo(complex: (fn: string, type: string, props: Record<string, unknown>) => Res, webUrl: string, now: number): Res {
  return complex('GetContextWebInformation', 'SP.ContextWebInformation', {
    FormDigestTimeoutSeconds: 1800,
    FormDigestValue: `0x${randomBytes(64).toString('hex').toUpperCase()},${new Date(now).toUTCString()}`,
    LibraryVersion: '16.0.25000.12000',
    SiteFullUrl: webUrl,
    SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
    WebFullUrl: webUrl,
  });
}
