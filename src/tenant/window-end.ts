/**
 * Where a throttling window ends, as closely as the service's answers tell. The service announces
 * `RateLimit-Reset` in whole seconds rounded up, counted from when it took the request; counted
 * from the answer's arrival (never before the service took it), each answer of a window puts the
 * window's end at its true end or later, by up to a second and the answer's latency: the lowest
 * of them is the closest. Waiting for the last answer's figure idled the engine about half
 * a second past most minute windows' ends once a site's writes went in batches, which spend a
 * window's last units together (issue 12). An answer that puts the end later, once the known end
 * has passed, is about the next window and starts it again.
 */
export class WindowEnd {
  /** The current window's end (engine ms), once an answer has said it. */
  private at?: number;

  /**
   * Learns from an answer whose arrival plus its `RateLimit-Reset` is `said` (engine ms), at
   * engine time `now`; returns the window's end as now known.
   */
  learn(said: number, now: number): number {
    if (this.at === undefined || now >= this.at || said < this.at) this.at = said;
    return this.at;
  }

  /**
   * Whether an answer to a request sent at `sentAt` is the ended window's: the known end has
   * passed and the request left before it (a slow write answered after the reset). Taken as
   * news, its remaining budget would start the next window spent and its reset hold that window's
   * requests until a second, later end; the pacer drops it as it drops other old answers.
   */
  ended(sentAt: number | undefined, now: number): boolean {
    return this.at !== undefined && sentAt !== undefined && now >= this.at && sentAt < this.at;
  }
}
