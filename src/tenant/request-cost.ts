/**
 * What a request of one budget costs, learned from the `RateLimit-Remaining` of its answers
 * (pacer.ts). The service sends those headers only while its window is 80 % spent: a stretch of
 * answers with them runs from the first such answer to the next one without.
 * - `cost`, for the minute's pacing: the fall from the highest to the lowest remaining of the
 *   stretch over the answers in it. Answers overtake one another (a write takes longer than a
 *   read), so each one's remaining is as of when the service took its request, not in arrival
 *   order. (From one answer to the next, an answer that overtook an older one made the fall look
 *   like one answer's cost: the learned cost sat at 4.4-5 where requests cost about 2.2, and each
 *   window closed with ~4 % of its units unspent.)
 * - `forDay()`, for the 24-hour budget: each ended stretch's fall from the answer of the first
 *   request sent to that of the last, over every request sent between them, answered or not (the
 *   service counts a request when it takes it, in about the order they were sent); the higher of
 *   the run's and the last RECENT_STRETCHES stretches'. One stretch's `cost` is noisy (1.2-3.4
 *   units a request where requests averaged 2.4) and high, and the last one before the headers
 *   stop (at the day's sustained rate the minute is under 80 %) stayed the day's charge for hours:
 *   a run of 10,000 workspaces went at half the sustained rate it was allowed (issue 12). The
 *   higher of the two, because the run's mean alone lagged 13 % under the cost as a run's probes
 *   gave way to its writes, and an account charged less than requests cost lets a run overspend.
 */

/** Answers of one stretch before the cost is learned from them (until then, the last learned cost). */
const MIN_ANSWERS_TO_LEARN = 5;

/** Stretches (about one a minute window) whose cost is the day's charge when above the run's. */
const RECENT_STRETCHES = 5;

/** The answers with headers since the last answer without them. */
export interface Stretch {
  top: number;
  low: number;
  answers: number;
  /** When the request of the lowest answer left (the latest of them, for equal ones). */
  lowSentAt?: number;
  /** Of the answers whose requests' places in the sending order are known, the first and the last sent. */
  first?: { index: number; remaining: number };
  last?: { index: number; remaining: number };
}

/**
 * One budget's learning, fed by the pacer: `sent` numbers each request as it goes on the wire,
 * `answer` takes each answer with headers (its remaining, when and where in that order its
 * request left, when known), `endStretch` each answer without; `cost` and `forDay()` are the
 * figures above, 2 units a request until answers have said otherwise.
 */
export class RequestCost {
  /** Learned units a request costs (the service charges 1-5), for the minute's pacing. */
  cost = 2;
  private stretch: Stretch | undefined;
  /** Requests sent so far, a `$batch` counted as the requests it carries (the next sending index). */
  private sentCount = 0;
  private readonly fallen = { units: 0, requests: 0 };
  private readonly recent: { units: number; requests: number }[] = [];

  /** A request of `weight` goes on the wire: its place in the sending order. */
  sent(weight: number): number {
    const index = this.sentCount;
    this.sentCount += weight;
    return index;
  }

  /** An answer with headers: the stretch it belongs to, with what it said counted. */
  answer(remaining: number, sentAt?: number, sentIndex?: number): Stretch {
    const st = this.stretch ?? (this.stretch = { top: remaining, low: remaining, answers: 0, ...(sentAt !== undefined ? { lowSentAt: sentAt } : {}) });
    st.answers++;
    if (sentIndex !== undefined) {
      if (!st.first || sentIndex < st.first.index) st.first = { index: sentIndex, remaining };
      if (!st.last || sentIndex > st.last.index) st.last = { index: sentIndex, remaining };
    }
    st.top = Math.max(st.top, remaining);
    if (remaining < st.low) {
      st.low = remaining;
      st.lowSentAt = sentAt;
    } else if (remaining === st.low && sentAt !== undefined && st.lowSentAt !== undefined) st.lowSentAt = Math.max(st.lowSentAt, sentAt);
    if (st.answers >= MIN_ANSWERS_TO_LEARN && st.top > st.low) this.cost = Math.min(5, Math.max(1, (st.top - st.low) / (st.answers - 1)));
    return st;
  }

  /** An answer without headers (the window under 80 %): the stretch ends, and what it said of the run's cost is kept. */
  endStretch(): void {
    const st = this.stretch;
    this.stretch = undefined;
    if (!st?.first || !st.last || st.last.index - st.first.index < MIN_ANSWERS_TO_LEARN || st.first.remaining <= st.last.remaining) return;
    const one = { units: st.first.remaining - st.last.remaining, requests: st.last.index - st.first.index };
    this.fallen.units += one.units;
    this.fallen.requests += one.requests;
    this.recent.push(one);
    if (this.recent.length > RECENT_STRETCHES) this.recent.shift();
  }

  /** What the 24-hour budget is charged a request, within 1-5 units; `cost` until a stretch has ended. */
  forDay(): number {
    if (this.fallen.requests === 0) return this.cost;
    const units = this.recent.reduce((a, r) => a + r.units, 0);
    const requests = this.recent.reduce((a, r) => a + r.requests, 0);
    return Math.min(5, Math.max(1, this.fallen.units / this.fallen.requests, units / requests));
  }
}
