/**
 * A bounded readiness probe: calls `probe` until it gives a value, backing off from `firstMs`
 * up to `maxMs` between attempts, and gives up after `timeoutMs` with a `NotReadyError` naming
 * what was awaited (the caller's object is then pending, not failed). Used for things the service finishes later (a new group's site, a site being
 * provisioned), instead of blind sleeps. Durations are engine time (src/time).
 */
import { NotReadyError } from '../model/not-ready.ts';
import { pause, realMs } from '../time/engine-time.ts';

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { firstMs = 250, maxMs = 15_000, timeoutMs = 15 * 60_000 }: { firstMs?: number; maxMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + realMs(timeoutMs);
  for (let wait = firstMs; ; wait = Math.min(maxMs, wait * 2)) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() + realMs(wait) > deadline) throw new NotReadyError(what, timeoutMs);
    await pause(wait);
  }
}
