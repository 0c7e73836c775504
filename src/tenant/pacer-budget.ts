/**
 * One throttling scope's pacing state as the pacer keeps it (pacer.ts): its gate, spacing slot,
 * requests in flight (`Flight`) and waiting, what a request costs, the window's end and the
 * 24-hour account.
 */
import type { DayBudget } from './day-budget.ts';
import type { RequestCost } from './request-cost.ts';
import type { WindowEnd } from './window-end.ts';

/**
 * One request let through and not answered yet: how many requests it carries and when it left
 * (set by the sender once it is on the wire; unset while it waits for a slot). Given by
 * `acquire`, handed back once to `observe` (an answer) or `release` (none).
 */
export interface Flight {
  weight: number;
  /** The units it is expected to cost, relative to others (expected-units.ts; `weight` when not said). */
  units: number;
  sentAt?: number;
  /** Expected units of its budget sent before it: set with `sentAt` (`sent`). */
  sentIndex?: number;
}

export interface Budget {
  /** Earliest time the next request may go. */
  nextAt: number;
  /** Gate closed by Retry-After until this time. */
  closedUntil: number;
  /** Requests sent and not yet answered, a `$batch` counted as the requests it carries (for the units they spend). */
  inFlight: number;
  /** Requests sent and not yet answered, a `$batch` counted once (for the pool's slots: one a request on the wire). */
  sending: number;
  /** The flights counted in `inFlight`, for when each left. */
  flights: Set<Flight>;
  /** What a request costs, for the minute's pacing and for the day (request-cost.ts). */
  costs: RequestCost;
  /** The budget per window, once the service has said it (`RateLimit-Limit`). */
  limit?: number;
  /** Requests waiting for in-flight work to drop under the reserve, in arrival order. */
  waiters: Waiter[];
  /**
   * Requests waiting for their turn at the gate (the spacing's next slot, or a Retry-After), in
   * arrival order; one timer wakes the first when its turn comes (`armGate`).
   */
  queued: (() => void)[];
  /** The timer that wakes the first of `queued`, and when it fires. */
  gateTimer?: ReturnType<typeof setTimeout>;
  gateTimerAt: number;
  /** Requests woken from `queued` that have not reached the gate yet (newcomers queue behind them). */
  woken: number;
  /**
   * The requests carried by those waiting in `acquire` (at the gate, for the reserve or for the
   * day's rate, woken or not): a `$batch` counts what it carries, as the budget will.
   */
  waitingRequests: number;
  /** The 24-hour budget (SharePoint only). */
  day?: DayBudget;
  /** Where the current window ends, as closely as the answers tell (window-end.ts). */
  end: WindowEnd;
}

/** A request waiting for the reserve: how many requests it carries, and how to wake it. */
export interface Waiter {
  weight: number;
  wake(): void;
}
