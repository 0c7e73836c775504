/**
 * SharePoint's 24-hour budget (resource units per app per tenant per 24 h: Microsoft's
 * "Avoid getting throttled or blocked in SharePoint Online" gives 960 times the per-minute budget
 * in every licence band, e.g. 2,500/min and 2,400,000/24 h for 1,001–5,000 licences). The
 * service sends no RateLimit headers for it (they describe the minute window only) and the doc
 * does not say whether its 24 hours are a fixed or a rolling window, so the engine takes the
 * stricter, rolling reading and keeps its own account, as a token bucket:
 * - it may spend `burstShare` of the usable budget (`share` of the day's) at the minute budget's
 *   full speed; the bucket refills at the rest of the usable budget spread over 24 h;
 * - so whatever 24 hours one looks at, the engine spent at most the usable budget, and a long
 *   run slows to the sustained rate (refill) before the service would block it, not after.
 * Costs are what the pacer expects a request to cost, at the scale it learned (request-cost.ts
 * `forDay`, expected-units.ts). Times are real ms; the
 * day lasts 24 h of engine time (a compressed local tenant compresses it too).
 */
import { realMs } from '../time/engine-time.ts';

/** Microsoft's table: the 24-hour budget is 960 times the per-minute budget in every band. */
export const DAY_PER_MINUTE_BUDGETS = 960;

const DAY_MS = 24 * 60 * 60_000;

export interface DayBudgetOptions {
  /** Resource units per 24 h; undefined: 960 x the per-minute limit, once the service has said it. */
  perDay?: number;
  /** Share of the day's budget the engine may use (the pacer's targetShare). */
  share: number;
  /** Share of the usable budget that may be spent at full speed before the sustained rate (default 0.1). */
  burstShare?: number;
}

export class DayBudget {
  /** Resource units spent before the budget was known (charged once it is). */
  private spentUnknown = 0;
  private tokens = 0;
  private at = 0;
  private capacity = 0;
  /** Refill in resource units per real ms. */
  private refill = 0;
  private known = false;
  /** Resource units booked so far, all told (for reports: what the account was charged). */
  private charged = 0;

  constructor(private readonly options: DayBudgetOptions) {
    if (options.perDay !== undefined) this.setBudget(options.perDay);
  }

  /** The per-minute limit the service announced (RateLimit-Limit): sets the day's budget if not configured. */
  learnMinuteLimit(limit: number): void {
    if (this.known || !(limit > 0)) return;
    this.setBudget(limit * DAY_PER_MINUTE_BUDGETS);
  }

  private setBudget(perDay: number): void {
    const usable = perDay * this.options.share;
    const burst = this.options.burstShare ?? 0.1;
    this.capacity = usable * burst;
    this.refill = (usable * (1 - burst)) / realMs(DAY_MS);
    this.tokens = this.capacity - this.spentUnknown;
    this.at = Date.now();
    this.known = true;
  }

  private top(now: number): void {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) * this.refill);
    this.at = now;
  }

  /**
   * Takes `units` from the budget now and returns the real ms the request must wait before it is
   * sent (0: at once). The balance may go below zero: each waiting request has booked its own
   * turn, so concurrent requests are spaced by the refill rate and each waits once (none is woken
   * to find another took the units). Before the budget is known the units are counted and charged
   * when it is.
   */
  reserve(units: number, now = Date.now()): number {
    this.charged += units;
    if (!this.known) {
      this.spentUnknown += units;
      return 0;
    }
    this.top(now);
    this.tokens -= units;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens / this.refill);
  }

  /** True once the burst is spent: the engine runs at the sustained rate. */
  sustained(now = Date.now()): boolean {
    if (!this.known) return false;
    this.top(now);
    return this.tokens < this.capacity * 0.05;
  }

  /** For reports: the budget's state. */
  snapshot(now = Date.now()): { known: boolean; tokens: number; capacity: number; sustainedPerMinute: number; charged: number } {
    if (this.known) this.top(now);
    return { known: this.known, tokens: this.tokens, capacity: this.capacity, sustainedPerMinute: this.refill * realMs(60_000), charged: this.charged };
  }
}
