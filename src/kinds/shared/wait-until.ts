/**
 * A bounded readiness probe: calls `probe` until it gives a value, backing off from `firstMs`
 * up to `maxMs` between attempts, and gives up after `timeoutMs` with a `NotReadyError` naming
 * what was awaited (the caller's object is then pending, not failed). Used for things the service finishes later (a new group's site, a site being
 * provisioned), instead of blind sleeps. Durations are engine time (src/time).
 */
import { NotReadyError } from '../../model/not-ready.ts';
import { engineMs, pause, realMs } from '../../time/engine-time.ts';

export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { firstMs = 250, maxMs = 15_000, timeoutMs = 15 * 60_000, busy, nextMs, firstWaitMs = 0, gate }: WaitOptions = {},
): Promise<T> {
  let deadline = Date.now() + realMs(timeoutMs);
  let waited = 0;
  if (firstWaitMs > 0) {
    await pause(firstWaitMs);
    waited = firstWaitMs;
  }
  for (let wait = firstMs; ; wait = Math.min(maxMs, wait * 2)) {
    let answered: (() => void) | undefined;
    if (gate) {
      const heldFrom = Date.now();
      answered = await gate();
      // The engine's own hold is not the service's delay, so it does not bring the deadline
      // nearer; but the thing awaited had that time to get done, so the schedule counts it.
      const held = Date.now() - heldFrom;
      deadline += held;
      waited += engineMs(held);
    }
    let value: T | undefined;
    try {
      value = await probe();
    } finally {
      answered?.();
    }
    if (value !== undefined) return value;
    const planned = nextMs ? nextMs(waited) : wait;
    const chosen = busy && busy.when() ? Math.max(planned, busy.waitMs) : planned;
    // A wait that is not a positive number (a schedule's 0 or negative: probes without pause;
    // NaN: no deadline check ever true, probes for ever) is firstMs instead.
    const next = chosen > 0 ? chosen : firstMs > 0 ? firstMs : 250;
    if (Date.now() + realMs(next) > deadline) throw new NotReadyError(what, timeoutMs);
    await pause(next);
    waited += next;
  }
}

export interface WaitOptions {
  firstMs?: number;
  maxMs?: number;
  timeoutMs?: number;
  /**
   * While `when()` says the budget the probe spends is contended (the pacer is spacing
   * requests), probes are at least `waitMs` apart: a probe then costs what a write could use.
   */
  busy?: { when(): boolean; waitMs: number };
  /**
   * The wait after a probe that found nothing, from the engine time waited so far (0 after the
   * first probe), for a wait whose usual length is known; replaces `firstMs` and `maxMs`.
   */
  nextMs?: (waitedMs: number) => number;
  /**
   * A wait before the first probe (engine time; counted as waited, so `nextMs` continues from
   * it): for a thing that is rarely done at once.
   */
  firstWaitMs?: number;
  /**
   * Awaited before each probe: the engine holding the probe back for its turn (apply's window of
   * site probes, src/apply/site-probe-window.ts). The time held does not count against
   * `timeoutMs` (it counts as waited for `nextMs`); the function it gives is called once the
   * probe is answered.
   */
  gate?: () => Promise<() => void>;
}
