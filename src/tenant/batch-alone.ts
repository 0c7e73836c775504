/**
 * Sending a request a `$batch` carried again on its own (a throttled sub-request, an idempotent
 * write whose batch got no answer): after `afterMs` (counted in `retriedAlone` when it waited),
 * its outcome settles the caller's promise. One way for the three batchers.
 */
import { sleepReal } from '../time/engine-time.ts';

/** Settles `waiting` with what `send` gives, after `afterMs` of real time. */
export async function sendAgainAlone<T>(stats: { retriedAlone: number }, afterMs: number, send: () => Promise<T>, waiting: { resolve(value: T): void; reject(error: unknown): void }): Promise<void> {
  if (afterMs > 0) {
    stats.retriedAlone++;
    await sleepReal(afterMs);
  }
  try {
    waiting.resolve(await send());
  } catch (error) {
    waiting.reject(error);
  }
}
