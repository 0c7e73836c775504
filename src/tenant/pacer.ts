/**
 * Paces requests so that throughput stays close to the tenant's throttle budget without being
 * throttled into a block (architecture decision 8).
 * - Below 80 % of its budget the service says nothing, and the pacer lets requests go as fast
 *   as the pool allows.
 * - From 80 % the service sends `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 *   (seconds until the window resets); the pacer then spaces requests so that the remaining
 *   budget, less a reserve (`1 - targetShare` of the limit), lasts until the reset.
 * - A 429 or 503 with `Retry-After` closes the gate for everyone until then (the transport asks
 *   `pauseUntil`); nothing is sent before a `Retry-After` has passed.
 * Budgets are per service scope, not per host: Graph calls on sites spend the SharePoint budget,
 * Graph calls on users and groups the Entra one, Teams calls their own (`throttleScopeOf`,
 * throttle-scope.ts).
 */
import { parseRetryAfter } from './retry-after.ts';
import { DayBudget } from './day-budget.ts';
import { RequestCost } from './request-cost.ts';
import { sleepReal } from '../time/engine-time.ts';
import type { HeaderReader } from './header-reader.ts';
import { WindowEnd } from './window-end.ts';
import type { Budget, Flight } from './pacer-budget.ts';

export type { Flight } from './pacer-budget.ts';

export interface PacerOptions {
  /** Share of the budget the engine may use, 0–1 (default 0.9): the rest is left for others. */
  targetShare: number;
  /**
   * SharePoint's resource units per 24 h (day-budget.ts); default 960 x the per-minute limit the
   * service announces, as Microsoft's table has it in every licence band.
   */
  sharePointPerDay?: number;
  /** Share of the usable day's budget that may go at full speed before the sustained rate (default 0.1). */
  dayBurstShare?: number;
  /**
   * Requests of one scope let through and not yet answered, at most (default: no bound but the
   * reserve): the transport's pool size, so that requests let through cannot pile up waiting for
   * the wire and then reach the service together, each costing more than the learned average.
   * Counted as the pool counts them: a `$batch` is one request however many it carries (the
   * units those spend are bounded by the reserve once the service has said the budget). Counted
   * by the requests carried, a plan's batches of 20 went two at a time: 2,000 new workspaces'
   * group lookups took 1.0 s instead of 0.45 s at the benchmark's 20x (issue 12).
   */
  maxInFlight?: number;
}

export interface PacerStats {
  /**
   * Per throttling scope, the share of its budget used in the current window, as the service
   * last said it (`RateLimit-*`, sent from 80 % on); absent while the service says nothing.
   */
  budgetUsed: Record<string, number>;
  /** Times a request waited because the budget was running low. */
  paced: number;
  /** Total milliseconds requests waited on the pacer or a Retry-After. */
  waitedMs: number;
  /** Times a request waited for SharePoint's 24-hour budget (day-budget.ts). */
  dayPaced: number;
  /** Times a request waiting at the gate was woken (about once a request: one wakes at a time). */
  gateWakeUps: number;
}

export class Pacer {
  readonly stats: PacerStats = { budgetUsed: {}, paced: 0, waitedMs: 0, dayPaced: 0, gateWakeUps: 0 };
  private readonly budgets = new Map<string, Budget>();

  constructor(private readonly options: PacerOptions = { targetShare: 0.9 }) {}

  private budget(host: string): Budget {
    let b = this.budgets.get(host);
    if (!b) {
      this.budgets.set(host, (b = { nextAt: 0, closedUntil: 0, inFlight: 0, sending: 0, flights: new Set(), costs: new RequestCost(), waiters: [], queued: [], gateTimerAt: Infinity, woken: 0, waitingRequests: 0, end: new WindowEnd() }));
      if (host === 'sharepoint') b.day = new DayBudget({ perDay: this.options.sharePointPerDay, share: this.options.targetShare, burstShare: this.options.dayBurstShare });
    }
    return b;
  }

  /**
   * Waits until a request to `host` may be sent. `weight`: the requests it carries (a `$batch`
   * up to 20); `units`: what they are expected to cost relative to others (the 24-hour account is
   * charged that at the learned scale). Besides the gate and the spacing, what is in flight never
   * spends more than the reserve of a known budget, so that a window's end cannot be overrun by
   * requests already on the wire. Requests wait for the gate in arrival order and are woken one
   * at a time when the first one's turn comes (each woken one books the next slot, then lets the
   * next wait for it). Before, every waiting request slept until the same next slot and all but
   * one slept again: about nine wake-ups a request in the benchmark's apply (697,704 for 76,067
   * requests, issue 12).
   */
  async acquire(host: string, weight = 1, units = weight): Promise<Flight> {
    const b = this.budget(host);
    let dayBooked = false;
    // Woken at the head of the queue (or after its turn at the gate): it goes before the requests queued behind it.
    let first = false;
    // Counted in `waitingRequests` from its first wait until it is let through.
    let counted = false;
    const wait = (): void => {
      if (counted) return;
      counted = true;
      b.waitingRequests += weight;
    };
    for (;;) {
      const now = Date.now();
      const at = Math.max(b.closedUntil, b.nextAt);
      if (at > now || (!first && (b.queued.length > 0 || b.woken > 0 || b.waiters.length > 0))) {
        wait();
        const started = now;
        await new Promise<void>((wake) => {
          if (first) b.queued.unshift(wake);
          else b.queued.push(wake);
          this.armGate(b);
        });
        b.woken--;
        this.stats.waitedMs += Date.now() - started;
        first = true;
        continue;
      }
      // Past the gate: the next in the queue may have its turn (at this slot, or the one booked below).
      first = false;
      if (!this.fits(b, b.inFlight, b.sending, weight)) {
        // The queue behind it stays at the gate (it would not fit either); this one re-arms the
        // gate when an answer lets it go.
        wait();
        const started = Date.now();
        await new Promise<void>((wake) => b.waiters.push({ weight, wake }));
        this.stats.waitedMs += Date.now() - started;
        first = true; // it has had its turn at the gate
        continue;
      }
      // The day's budget: past its burst, requests go at the sustained rate. The turn is booked
      // once; after its wait the minute's gate and reserve are checked again, not the day.
      if (!dayBooked && b.day) {
        dayBooked = true;
        const dayWait = b.day.reserve(units * b.costs.forDay(), now);
        if (dayWait > 0) {
          wait();
          this.armGate(b);
          this.stats.dayPaced++;
          this.stats.waitedMs += dayWait;
          await sleepReal(dayWait);
          first = true;
          continue;
        }
      }
      break;
    }
    if (counted) b.waitingRequests -= weight;
    b.inFlight += weight;
    b.sending++;
    const flight: Flight = { weight, units };
    b.flights.add(flight);
    // Reserve this request's slot: the spacing set by the last headers.
    const spacing = this.spacing.get(host) ?? 0;
    if (spacing > 0) {
      this.stats.paced++;
      b.nextAt = Math.max(Date.now(), b.nextAt) + spacing;
    }
    this.armGate(b);
    return flight;
  }

  /**
   * Sets the one timer that wakes the first queued request when the gate opens for it (the next
   * slot, or the end of a Retry-After); a woken request that finds the gate moved later queues
   * again at the head.
   */
  private armGate(b: Budget): void {
    // A woken request on its way to the gate arms it again when it gets there.
    if (b.queued.length === 0 || b.woken > 0) return;
    const now = Date.now();
    const at = Math.max(b.closedUntil, b.nextAt);
    if (at <= now) {
      // Open now (no spacing): the first goes at once, not a timer's turn (at least a
      // millisecond) later; as it passes it wakes the next the same way.
      if (b.gateTimer !== undefined) clearTimeout(b.gateTimer);
      b.gateTimer = undefined;
      b.gateTimerAt = Infinity;
      this.wakeFirst(b);
      return;
    }
    if (b.gateTimer !== undefined) {
      if (b.gateTimerAt <= at) return;
      clearTimeout(b.gateTimer);
    }
    b.gateTimerAt = at;
    b.gateTimer = setTimeout(() => {
      b.gateTimer = undefined;
      b.gateTimerAt = Infinity;
      // A timer may fire a millisecond before `Date.now()` reaches its time: then it is set
      // again rather than waking a request that would find the gate closed and queue again.
      this.armGate(b);
    }, Math.ceil(at - now));
  }

  private wakeFirst(b: Budget): void {
    const wake = b.queued.shift();
    if (!wake) return;
    b.woken++;
    this.stats.gateWakeUps++;
    wake();
  }

  private readonly spacing = new Map<string, number>();

  /**
   * Whether a request of `weight` may join `flying` requests in flight: what is in flight never
   * spends more than the reserve of a known budget nor outnumbers the pool, and one request may
   * always go.
   */
  private fits(b: Budget, flying: number, sending: number, weight: number): boolean {
    // At least 4 % of the budget may be in flight, even when the engine may use all of it.
    const reserve = b.limit !== undefined ? b.limit * Math.max(0.04, 1 - this.options.targetShare) : Infinity;
    // The pool bound counts requests on the wire: a `$batch` of 20 takes one slot, as it does in the pool.
    return flying === 0 || ((flying + weight) * b.costs.cost <= reserve && sending + 1 <= (this.options.maxInFlight ?? Infinity));
  }

  /** `flight` goes on the wire now: when, and its place in its budget's sending order. */
  sent(host: string, flight: Flight): void {
    flight.sentAt = Date.now();
    flight.sentIndex = this.budget(host).costs.sent(flight.units);
  }

  /** True while a Retry-After keeps `host`'s gate closed (the transport asks right before it sends). */
  closed(host: string): boolean {
    return (this.budgets.get(host)?.closedUntil ?? 0) > Date.now();
  }

  /** True while the budget of `host` is paced (per minute or per day) or its gate is closed. */
  underPressure(host: string): boolean {
    const b = this.budget(host);
    return (this.spacing.get(host) ?? 0) > 0 || b.closedUntil > Date.now() || (b.day?.sustained() ?? false);
  }

  /**
   * Requests of `host`'s budget waiting to be let through: at its gate (the spacing, a
   * Retry-After), for what is in flight to drop under the reserve or `maxInFlight`, or for the
   * day's sustained rate; a `$batch` counts the requests it carries (a site's writes wait as one
   * batch of up to 20). Above zero, the budget (not the work) is what holds the engine's requests
   * back, and one more request takes a unit that waiting work would have spent.
   */
  waiting(host: string): number {
    return this.budgets.get(host)?.waitingRequests ?? 0;
  }

  /** The state of SharePoint's 24-hour budget as the pacer accounts it (day-budget.ts). */
  dayBudget(): ReturnType<DayBudget['snapshot']> | undefined {
    return this.budgets.get('sharepoint')?.day?.snapshot();
  }

  /** An answer to `flight`, a request this pacer let through: no longer in flight, and learned from. */
  observe(host: string, status: number, headers: HeaderReader, flight: Flight): void {
    this.release(host, flight);
    this.learn(host, status, headers, flight.sentAt, flight.sentIndex);
  }

  /**
   * The answer to a `$batch` this pacer let through: no longer in flight, and learned from only
   * when it refuses the whole batch (429/503: its Retry-After). The budget's headers come on the
   * sub-answers (each learned on its own, graph-batcher.ts); the envelope carries none, and taken
   * as "under 80 % of the budget" it relaxed the spacing and ended the stretch the cost is learned
   * from, however full the window was.
   */
  observeBatch(host: string, status: number, headers: HeaderReader, flight: Flight): void {
    this.release(host, flight);
    if (status === 429 || status === 503) this.learn(host, status, headers, flight.sentAt, flight.sentIndex);
  }

  /**
   * Learns from an answer's headers (also a `$batch` sub-answer): RateLimit-* (pace) and
   * Retry-After on 429/503 (close). `sentAt`, when known, is when the request left (for what the
   * requests in flight will spend). The window's reset is counted from the answer's arrival, the
   * one time the service cannot have taken the request after (a batch's parts are taken after the
   * batch left: counted from its send, the engine sent early and was throttled), and the lowest
   * of the window's answers keeps it close (window-end.ts).
   */
  learn(host: string, status: number, headers: HeaderReader, sentAt?: number, sentIndex?: number): void {
    const b = this.budget(host);
    if (status === 429 || status === 503) {
      const wait = parseRetryAfter(headers.get('retry-after'));
      if (wait !== undefined) b.closedUntil = Math.max(b.closedUntil, Date.now() + wait);
    }
    const limit = Number(headers.get('ratelimit-limit'));
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    const said = headers.has('ratelimit-remaining') && Number.isFinite(remaining) && Number.isFinite(reset);
    // older than what is known (request-cost.ts), or an answer of the window that has ended (window-end.ts)
    if (b.costs.isOld(sentIndex, said) || (said && b.end.ended(sentAt, Date.now()))) return;
    if (!said) {
      // No headers: under 80 % of the budget. Relax the spacing gradually.
      const s = this.spacing.get(host);
      if (s) this.spacing.set(host, s > 1 ? s / 2 : 0);
      b.costs.endStretch(sentIndex);
      delete this.stats.budgetUsed[host];
      return;
    }
    const st = b.costs.answer(remaining, sentAt, sentIndex); // what a request costs (request-cost.ts)
    // The newest state known: an answer older than the lowest one says nothing newer.
    const known = st.low;
    if (Number.isFinite(limit) && limit > 0) {
      this.stats.budgetUsed[host] = Math.max(0, 1 - known / limit);
      b.limit = limit;
      b.day?.learnMinuteLimit(limit);
    }
    const reserve = Number.isFinite(limit) ? limit * (1 - this.options.targetShare) : 0;
    // What requests already on the wire will spend is not usable any more: those the service has
    // not counted in `known` yet. It counts a request when the request arrives, so the ones that
    // left before the answer that said `known` are in it already (a slow write sent before a fast
    // read that overtook it); counted again, a window kept ~0.8 % of its units unspent (issue 12).
    const usable = Math.max(0, known - reserve - this.uncounted(b, st.lowSentAt) * b.costs.cost);
    const now = Date.now();
    const resetMs = Math.max(0, b.end.learn(now + reset * 1000, now) - now);
    // Spread the requests the usable budget still pays for over the time left; when it pays for
    // none, wait for the reset, and go unspaced after it (the new window's budget is whole: the
    // service says nothing until 80 % of it is spent). A spacing kept from the spent window made
    // every request after the reset wait what the last one waited for it (issue 12).
    const requests = usable / b.costs.cost;
    this.spacing.set(host, requests >= 1 ? resetMs / requests : 0);
    // Spent: the next request waits for the window's end. A slot booked past that end is past the
    // reset: the new window need not wait for it either.
    if (requests < 1 || b.nextAt > now + resetMs) b.nextAt = now + resetMs;
    this.armGate(b);
  }

  /**
   * Requests in flight that the service had not counted when it took the request sent at
   * `countedUpTo`: those that left after it, or have not left yet; all of them when that time is
   * unknown (an answer inside a `$batch`).
   */
  private uncounted(b: Budget, countedUpTo: number | undefined): number {
    if (countedUpTo === undefined) return b.inFlight;
    let n = 0;
    for (const f of b.flights) if (f.sentAt === undefined || f.sentAt >= countedUpTo) n += f.weight;
    return n;
  }

  /** `flight` is no longer in flight: it failed without an answer (an answer goes to `observe`). */
  release(host: string, flight: Flight): void {
    const b = this.budget(host);
    if (!b.flights.delete(flight)) return;
    b.inFlight = Math.max(0, b.inFlight - flight.weight);
    b.sending = Math.max(0, b.sending - 1);
    if (b.waiters.length > 0) this.wakeWhatFits(b);
  }

  /**
   * Wakes, in arrival order, the waiters that now fit under the reserve, counting each woken one
   * as in flight for the next, up to the first that does not fit; the others stay asleep. (Waking
   * all of them on every answer made each one re-check and wait again: with a pool's worth
   * waiting, dozens of promises per answer, issue 12; scanning past the first that does not fit
   * cost a second of CPU a 2,000-workspace apply once hundreds waited there.) A woken waiter
   * checks again before it goes.
   */
  private wakeWhatFits(b: Budget): void {
    let flying = b.inFlight;
    let sending = b.sending;
    let woken = 0;
    for (const w of b.waiters) {
      // in arrival order: the first that does not fit holds the rest
      if (!this.fits(b, flying, sending, w.weight)) break;
      flying += w.weight;
      sending++;
      w.wake();
      woken++;
    }
    b.waiters.splice(0, woken);
  }

  /** Closes the gate for a host until `until` (epoch ms). */
  pauseUntil(host: string, until: number): void {
    const b = this.budget(host);
    b.closedUntil = Math.max(b.closedUntil, until);
  }
}
