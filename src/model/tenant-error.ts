/**
 * The tenant's errors, normalised once at the transport: HTTP status, the service's error code
 * (Graph `error.code`, SharePoint `odata.error.code`) and whether retrying can help. `message`
 * never carries tokens or secrets.
 */
export class TenantError extends Error {
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
  ) {
    super(message);
    this.name = 'TenantError';
  }
}
