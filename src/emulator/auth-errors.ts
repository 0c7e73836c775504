/**
 * Entra ID's error answer (`AADSTS…`), as the token endpoint sends it: `error`,
 * `error_description` with trace and correlation ids and a timestamp, `error_codes`, `error_uri`.
 */
import { randomUUID } from 'node:crypto';
import { header, jsonRes, type Req, type Res } from './http.ts';

export const LOGIN_HOST = 'login.microsoftonline.com';

export function aadError(req: Req, nowMs: number, status: number, error: string, code: number, message: string): Res {
  const ts = new Date(nowMs).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
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
