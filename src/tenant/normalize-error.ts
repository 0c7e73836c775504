/**
 * Turns whatever an SDK threw into a `TenantError`, once, so that the rest of the engine deals
 * with one error type: Graph's `GraphError` (its raw body, or the code and message it parsed),
 * PnPjs's `HttpRequestError` (whose message holds the SharePoint body) and network failures; the
 * transport's own `TenantError` (a deadline, with its `ambiguous` flag) comes through as it is.
 * Bodies are read by the one parser, service-error.ts.
 */
import { TenantError } from '../model/tenant-error.ts';
import { classified, serviceError } from './service-error.ts';

export function normalizeTenantError(error: unknown): TenantError {
  if (error instanceof TenantError) return error;
  const e = error as Record<string, unknown> | undefined;
  // The transport's own error (a deadline, a broken connection), carried through the Graph SDK.
  if (e && e.customError instanceof TenantError) return e.customError;
  if (e && typeof e.statusCode === 'number') {
    // Graph SDK GraphError; -1 is how it wraps an error that came with no answer at all.
    const status = e.statusCode < 0 ? 0 : e.statusCode;
    const message = typeof e.message === 'string' ? e.message : String(error);
    if (status === 0) return classified(0, 'connectionFailed', message);
    if (typeof e.body === 'string' && e.body.includes('{')) {
      const parsed = serviceError(status, e.body);
      if (!parsed.code.startsWith('http')) return parsed;
    }
    return classified(status, typeof e.code === 'string' ? e.code : `http${status}`, message);
  }
  if (e && e.isHttpRequestError === true && typeof e.status === 'number') {
    // "Error making HttpClient request in queryable [400] Bad Request ::> {body}"
    const text = typeof e.message === 'string' ? e.message : '';
    const marker = text.indexOf('::>');
    return serviceError(e.status, marker >= 0 ? text.slice(marker + 3) : text);
  }
  return classified(0, 'connectionFailed', error instanceof Error ? error.message : String(error));
}
