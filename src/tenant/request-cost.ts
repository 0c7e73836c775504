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
 * - `forDay()`, for the 24-hour budget: units spent per unit a request was expected to cost
 *   (expected-units.ts), from each ended stretch's fall from the answer of the first request sent
 *   to that of the last, over the expected units of every request sent between them, answered or
 *   not (the service counts a request when it takes it, in about the order they were sent); the
 *   higher of the run's and the last RECENT_STRETCHES stretches'. Per expected unit, not per
 *   request: the requests of a stretch (a window's last fifth) are not a sample of the run's, and
 *   charged per request at their cost (2.7-2.8 where the run's averaged 2.39) a run paid its
 *   account 7-12 % more than it spent, and went slower than the day allowed (issue 12). Not the
 *   last stretch's `cost`: that one is noisy, and at the day's sustained rate (the minute under
 *   80 %, no headers) it stayed the charge for hours. The higher of the two, because an account
 *   charged less than requests cost lets a run overspend, and the run's mean lags a change.
 */

/** Answers of one stretch before the cost is learned from them (until then, the last learned cost). */
const MIN_ANSWERS_TO_LEARN = 5;

/** Stretches (about one a minute window) whose scale is the day's charge when above the run's. */
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
 * One budget's learning, fed by the pacer: `sent` numbers each request as it goes on the wire (in
 * expected units), `isOld` tells an answer older than what is known (the pacer drops it),
 * `answer` takes each answer with headers (its remaining, when and where in that order its
 * request left, when known), `endStretch` each answer without; `cost` (2 units a request until
 * answers have said otherwise) and `forDay()` (1 unit per expected unit until then) are the
 * figures above.
 */
export class RequestCost {
  /** Learned units a request costs (the service charges 1-5), for the minute's pacing. */
  cost = 2;
  private stretch: Stretch | undefined;
  /** Expected units sent so far (expected-units.ts; a `$batch` counts those of the requests it carries): the next sending index. */
  private sentCount = 0;
  /** The sending index of the latest request answered without headers (isOld). */
  private endedAt = -1;
  private readonly fallen = { units: 0, expected: 0 };
  private readonly recent: { units: number; expected: number }[] = [];
  /** `forDay()`'s figure, set when a stretch ends (the only time it changes). */
  private dayScale = 1;

  /** A request expected to cost `units` goes on the wire: its place in the sending order. */
  sent(units: number): number {
    const index = this.sentCount;
    this.sentCount += units;
    return index;
  }

  /**
   * Whether an answer is older than what is known: one without headers (`headers` false) to a
   * request sent before the open stretch's first (the service took it before its window was 80 %
   * spent), or one with headers to a request sent before the answer that ended the last stretch
   * (taken in the window before that one's reset). Taken as news, the first ended the stretch a few
   * answers in and relaxed the spacing, and the second began a stretch with the old window's
   * remaining: a window's last fifth came in short stretches whose cost was learned at 5 (the
   * most) where requests cost 2-2.6, so the pacer spaced them 2-2.5x too far apart (issue 12).
   * Unknown when the request's place in the sending order is (a `$batch`'s sub-answers): not old.
   */
  isOld(sentIndex: number | undefined, headers: boolean): boolean {
    if (sentIndex === undefined) return false;
    if (headers) return sentIndex < this.endedAt;
    return this.stretch?.first !== undefined && sentIndex < this.stretch.first.index;
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

  /**
   * An answer without headers (the window under 80 %) to the request sent at `sentIndex`, when
   * known: the stretch ends, and what it said of the run's cost is kept.
   */
  endStretch(sentIndex?: number): void {
    if (sentIndex !== undefined) this.endedAt = Math.max(this.endedAt, sentIndex);
    const st = this.stretch;
    this.stretch = undefined;
    if (!st?.first || !st.last || st.last.index - st.first.index < MIN_ANSWERS_TO_LEARN || st.first.remaining <= st.last.remaining) return;
    const one = { units: st.first.remaining - st.last.remaining, expected: st.last.index - st.first.index };
    this.fallen.units += one.units;
    this.fallen.expected += one.expected;
    this.recent.push(one);
    if (this.recent.length > RECENT_STRETCHES) this.recent.shift();
    const units = this.recent.reduce((a, r) => a + r.units, 0);
    const expected = this.recent.reduce((a, r) => a + r.expected, 0);
    this.dayScale = Math.min(5, Math.max(0.2, this.fallen.units / this.fallen.expected, units / expected));
  }

  /**
   * What the 24-hour budget is charged per unit a request is expected to cost (expected-units.ts),
   * within 0.2-5; 1 (the table's own figure) until a stretch has ended.
   */
  forDay(): number {
    return this.dayScale;
  }
}
