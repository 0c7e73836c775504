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
  ) {
    super(message);
    this.name = 'TenantError';
  }
}
