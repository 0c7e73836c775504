/**
 * The one parser of the service's error answers, used by the transport's faces (Graph SDK,
 * PnPjs behaviours, the Graph batcher's sub-answers, CSOM): it reads the code and message of
 *
 * - Microsoft Graph: `{ "error": { "code", "message", "innerError" } }`;
 * - SharePoint REST, JSON light `{ "odata.error": { "code", "message": { "lang", "value" } } }`,
 *   verbose `{ "error": { "code", "message": { "value" } } }` and OData v4 (`message` a string);
 * - CSOM `ProcessQuery`: HTTP 200 with `[{ "ErrorInfo": { "ErrorMessage", "ErrorCode",
 *   "ErrorTypeName" } }, ...]`;
 *
 * and decides, once, what the refusal means (`TenantError.kind`): whether the service says the
 * natural key is taken (in whatever status and words it uses) and whether retrying can help.
 */
import { TenantError, kindOfStatus, type TenantErrorKind } from '../model/tenant-error.ts';

/** How much of an unparsable body is kept as the message. */
const MAX_TEXT = 2000;

/**
 * The words the service refuses a taken natural key with, where its status does not say so:
 * Graph 400 "Another object with the same value for property mailNickname already exists" and
 * "One or more added object references already exist", SharePoint "A list ... with the specified
 * title already exists", "The specified name is already in use", "A duplicate field name ... was
 * found", the term store's "must be unique", "There is already a term with the same name",
 * "conflicts with the name of an existing ...", a second hub registration's "This site is already
 * a HubSite.".
 */
const TAKEN = /already exists?\b|already in use|already used|duplicate|must be unique|already a term with the same|conflicts with the name of an existing|already a hub ?site/i;

/** True when retrying the same request can help: no answer, throttled, or a server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

/**
 * A SharePoint exception's code, `<HRESULT>, <exception type>`: the service ran the request and
 * its code refused it (a site column that content types link, a content type in use), and it
 * answers so with a 500. Types of a passing trouble (a database or a timeout) may pass.
 */
const SHAREPOINT_EXCEPTION = /^-?\d+, [\w.]+$/;
const PASSING_EXCEPTION = /Sql|Timeout|Throttl|TooBusy|Unavailable|Connection/i;

/**
 * True when a 500 answer is the service's definite refusal, not a fault: its body is a
 * SharePoint exception of a type that does not pass. Sending the request again gets the same
 * answer, so it is not retried (the SDKs' own retry handlers retry no 500 at all).
 */
export function isDefiniteRefusal(status: number, body: string): boolean {
  return status === 500 && refusedByCode(status, errorOf(parseJson(body))?.code);
}

/** Whether an answer's status and error code are a definite refusal (see isDefiniteRefusal). */
function refusedByCode(status: number, code: string | undefined): boolean {
  return status === 500 && code !== undefined && SHAREPOINT_EXCEPTION.test(code) && !PASSING_EXCEPTION.test(code);
}

/** Code and message of an error body (object or text) in any of the service's formats. */
export function parseServiceError(status: number, body: unknown): { code: string; message: string } {
  const parsed = typeof body === 'string' ? parseJson(body) : body;
  const found = errorOf(parsed);
  if (found) return { code: found.code ?? `http${status}`, message: found.message ?? `HTTP ${status}` };
  const text = typeof body === 'string' ? body.trim().slice(0, MAX_TEXT) : '';
  return { code: `http${status}`, message: text || `HTTP ${status}` };
}

/** The TenantError of a failed answer: its status, its body in any format, classified once. */
export function serviceError(status: number, body: unknown, ambiguous = false): TenantError {
  const { code, message } = parseServiceError(status, body);
  return classified(status, code, message, ambiguous);
}

/** A TenantError from an already parsed status, code and message (e.g. the Graph SDK's). */
export function classified(status: number, code: string, message: string, ambiguous = false): TenantError {
  // A 500 that carries SharePoint's exception is its code's answer, not a passing failure.
  return new TenantError(status, code, message, isRetryableStatus(status) && !refusedByCode(status, code), ambiguous, kindOf(status, message));
}

/**
 * The refusal in a CSOM answer (HTTP 200 with `ErrorInfo`), or undefined when it succeeded.
 * An access denied is a 403; `deniedHint` says what it means for the caller's objects.
 */
export function csomError(answer: unknown, deniedHint?: string): TenantError | undefined {
  const head = (Array.isArray(answer) ? answer[0] : undefined) as { ErrorInfo?: { ErrorMessage?: string; ErrorTypeName?: string } | null } | undefined;
  const info = head?.ErrorInfo;
  if (!info) return undefined;
  const denied = info.ErrorTypeName === 'System.UnauthorizedAccessException';
  const message = info.ErrorMessage ?? (denied ? 'Access denied.' : 'CSOM request failed');
  return classified(denied ? 403 : 400, info.ErrorTypeName ?? 'CsomError', denied && deniedHint ? `${message} (${deniedHint})` : message);
}

/**
 * Entra ID's 400 for a reference to an object it cannot find (yet): "One or more of the objects
 * being referenced do not exist" / "The source resource object or one of the objects being
 * referenced do not exist" (a group or user that has not replicated to the replica that took the
 * write). The service is telling that something is not found, not that the request is malformed.
 */
const REFERENCE_NOT_FOUND = /objects being referenced do(es)? not exist|does not exist or one of its queried reference-property objects are not present/i;

function kindOf(status: number, message: string): TenantErrorKind {
  const byStatus = kindOfStatus(status);
  if ((byStatus === 'refused' || byStatus === 'unavailable') && TAKEN.test(message)) return 'conflict';
  if (status === 400 && REFERENCE_NOT_FOUND.test(message)) return 'notFound';
  return byStatus;
}

function parseJson(text: string): unknown {
  const start = text.indexOf('{') >= 0 && (text.indexOf('[') < 0 || text.indexOf('{') < text.indexOf('[')) ? text.indexOf('{') : text.indexOf('[');
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}

type ErrorBody = { code?: unknown; message?: unknown };

function errorOf(body: unknown): { code?: string; message?: string } | undefined {
  if (Array.isArray(body)) {
    const info = (body[0] as { ErrorInfo?: { ErrorMessage?: string; ErrorTypeName?: string } } | undefined)?.ErrorInfo;
    return info ? { ...(info.ErrorTypeName ? { code: info.ErrorTypeName } : {}), ...(info.ErrorMessage ? { message: info.ErrorMessage } : {}) } : undefined;
  }
  if (!body || typeof body !== 'object') return undefined;
  const record = body as Record<string, unknown>;
  const err = (record['odata.error'] ?? record.error ?? (record.d as Record<string, unknown> | undefined)?.error) as ErrorBody | undefined;
  if (!err || typeof err !== 'object') return undefined;
  const message = typeof err.message === 'string' ? err.message : typeof (err.message as { value?: unknown } | undefined)?.value === 'string' ? (err.message as { value: string }).value : undefined;
  return { ...(typeof err.code === 'string' ? { code: err.code } : {}), ...(message !== undefined ? { message } : {}) };
}
