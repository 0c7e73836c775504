/**
 * Thrown when something the service finishes asynchronously (a new group's site, a team being
 * made, a site provisioning) is still not ready when a bounded readiness probe gives up. The
 * object was created; it is pending, not failed: apply reports it as pending, skips what
 * depends on it, and the next run finishes it.
 */
export class NotReadyError extends Error {
  constructor(readonly what: string, afterMs: number) {
    super(`${what} is not ready after ${Math.round(afterMs / 1000)} s`);
    this.name = 'NotReadyError';
  }
}
