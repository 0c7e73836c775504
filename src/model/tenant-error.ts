/**
 * The tenant's errors, normalised once (src/tenant/service-error.ts, applied by the transport,
 * the Graph batcher and the SDK faces): HTTP status, the service's error code (Graph
 * `error.code`, SharePoint `odata.error.code`, CSOM `ErrorTypeName`), whether retrying can help,
 * and what kind of refusal it is. Callers test the kind with `isNotFound`, `isConflict`,
 * `isAmbiguous` and the like, never the message text. `message` never carries tokens or secrets.
 */

/**
 * What a refusal means, decided once from the status and the service's body: `conflict` is a
 * natural key that is taken (409, or a 400/500 whose body says the name already exists),
 * `noAnswer` a request that got no answer at all.
 */
export type TenantErrorKind = 'notFound' | 'conflict' | 'preconditionFailed' | 'throttled' | 'denied' | 'unavailable' | 'noAnswer' | 'refused';

export class TenantError extends Error {
  readonly kind: TenantErrorKind;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly retryable: boolean,
    /**
     * True when a write may have been executed although no answer says so: it was sent and no
     * answer came within its deadline, or the connection broke after it was sent. The write must
     * not be sent again; the object is looked up by its natural key instead (create-once.ts).
     */
    readonly ambiguous: boolean = false,
    /** Default: from the status alone (kindOfStatus). */
    kind?: TenantErrorKind,
  ) {
    super(message);
    this.name = 'TenantError';
    this.kind = kind ?? kindOfStatus(status);
  }
}

/** The kind an HTTP status says by itself. */
export function kindOfStatus(status: number): TenantErrorKind {
  if (status === 0) return 'noAnswer';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 412) return 'preconditionFailed';
  if (status === 429) return 'throttled';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 500) return 'unavailable';
  return 'refused';
}

function kindOf(error: unknown): TenantErrorKind | undefined {
  return error instanceof TenantError ? error.kind : undefined;
}

/** The object (or its container) does not exist. */
export function isNotFound(error: unknown): boolean {
  return kindOf(error) === 'notFound';
}

/** The natural key is taken: the object (most likely) exists already. */
export function isConflict(error: unknown): boolean {
  return kindOf(error) === 'conflict';
}

/** An `If-Match` eTag no longer matches: someone else wrote first. */
export function isPreconditionFailed(error: unknown): boolean {
  return kindOf(error) === 'preconditionFailed';
}

/** The credential may not do this (401, 403, CSOM's access denied). */
export function isDenied(error: unknown): boolean {
  return kindOf(error) === 'denied';
}

/**
 * A write may have been committed: the transport says so (`ambiguous`: no answer within the
 * deadline, or the connection broke after sending), or there was no answer at all, or a server
 * error after which the service may have committed it.
 */
export function isAmbiguous(error: unknown): boolean {
  return error instanceof TenantError && (error.ambiguous || error.status === 0 || error.status >= 500);
}
