/**
 * Whether a write may be sent again after it failed, for a write whose caller knows that running
 * it twice ends as running it once (an ownership ledger item found and merged later by the
 * ledger's strays and the lease's lowest-id rule; a sequence that sets a whole state, such as a
 * view's fields): it got no clear answer (it may have run), or the service refused it in passing
 * (a 5xx it calls retryable). Anything else (a 412, a 403, a bad request) is the write's answer.
 * A create is never sent again this way: src/apply/create-once.ts decides that.
 */
import { isAmbiguous, TenantError } from '../model/tenant-error.ts';
import { pause } from '../time/engine-time.ts';

export function isPassingFailure(error: unknown): boolean {
  return error instanceof TenantError && (isAmbiguous(error) || error.retryable);
}

/**
 * Runs `write`, and again after a passing failure, at most `retries` more times (default twice),
 * waiting `backoffMs` (engine time, default half a second), doubling.
 */
export async function writeAgainWhenPassing<T>(write: () => Promise<T>, retries = 2, backoffMs = 500): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= retries || !isPassingFailure(error)) throw error;
      await pause(backoffMs * 2 ** attempt);
    }
  }
}
