/**
 * Turns whatever an SDK threw into a `TenantError { status, code, retryable }`, once, so that the
 * rest of the engine deals with one error type. Graph's `GraphError`, PnPjs's `HttpRequestError`
 * (whose message holds the SharePoint `odata.error` body) and network failures are understood; the
 * transport's own `TenantError` (a deadline, with its `ambiguous` flag) comes through as it is.
 */
import { TenantError } from '../model/tenant-error.ts';

export function normalizeTenantError(error: unknown): TenantError {
  if (error instanceof TenantError) return error;
  const e = error as Record<string, unknown> | undefined;
  // The transport's own error (a deadline, a broken connection), carried through the Graph SDK.
  if (e && e.customError instanceof TenantError) return e.customError;
  if (e && typeof e.statusCode === 'number') {
    // Graph SDK GraphError; -1 is how it wraps an error that came with no answer at all.
    const status = e.statusCode < 0 ? 0 : e.statusCode;
    if (status === 0) return new TenantError(0, 'connectionFailed', typeof e.message === 'string' ? e.message : String(error), true);
    const code = typeof e.code === 'string' ? e.code : `http${status}`;
    const message = typeof e.message === 'string' ? e.message : String(error);
    return new TenantError(status, code, message, isRetryable(status));
  }
  if (e && e.isHttpRequestError === true && typeof e.status === 'number') {
    const status = e.status;
    const text = typeof e.message === 'string' ? e.message : '';
    const { code, message } = sharePointError(text, status);
    return new TenantError(status, code, message, isRetryable(status));
  }
  const message = error instanceof Error ? error.message : String(error);
  return new TenantError(0, 'connectionFailed', message, true);
}

function isRetryable(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/** Extracts `odata.error` (or verbose `error`) code and message from PnPjs's error text. */
function sharePointError(text: string, status: number): { code: string; message: string } {
  const jsonStart = text.indexOf('{');
  if (jsonStart >= 0) {
    try {
      const body = JSON.parse(text.slice(jsonStart)) as Record<string, { code?: string; message?: { value?: string } | string }>;
      const err = body['odata.error'] ?? body.error;
      if (err) {
        const message = typeof err.message === 'string' ? err.message : err.message?.value ?? text;
        return { code: err.code ?? `http${status}`, message };
      }
    } catch {
      // not JSON: fall through
    }
  }
  return { code: `http${status}`, message: text };
}
