/**
 * The window of probes an apply run has out for the sites the service is making for its new
 * groups (issue 12): at most PROBES_AT_ONCE at a time, the rest wait their turn in arrival order.
 *
 * A rollout creates its groups at once and the service makes their sites over the next minutes;
 * each probe spends SharePoint's budget (a resource unit), and one that misses spends it for
 * nothing. A probe is a SharePoint request like the sites' own work: while that work keeps the
 * budget busy, it waits in the pacer's queue behind it (src/tenant/pacer.ts). With a window,
 * that wait paces the probes too: when the budget is free a probe is answered in a moment and the
 * window lets the next one go at once; when it is busy the window turns slowly, the sites are
 * found about as fast as the budget can take their work, and a probe that has waited for its
 * turn finds its site at the first try. (Measured with the apply benchmark's 2,000 workspaces:
 * 2.8 probes a workspace without the window, 1.5 with it; docs/performance.md.) A probe waiting
 * for its turn lends its change's slot to the changes waiting for one (schedule.ts `Slot`): the
 * sites' work must not wait for the slots of probes that themselves wait.
 *
 * But a site found late is a team made late: a team starts once its site is found, the service
 * takes a minute to make it, now and then many, and the last sites were found in a run's last
 * minutes, so that about one run in three ended waiting minutes for one team (issue 12, "the idle
 * tail"). So a probe waits for its turn only until its `latest` time (the site's create asks for
 * one: when its group is old enough that its site is very likely there), then goes without one;
 * its turn, when it comes, passes on at once.
 *
 * Contract: `probesFor(slot)` gives a site's create its side of the window (kind-effects.ts
 * `SiteProbes`); every turn given must be ended by calling the function it resolves to, once.
 */
import pLimit from 'p-limit';
import type { SiteProbes } from '../kinds/kind-effects.ts';
import type { Slot } from './schedule.ts';

/** Probes for new sites out at once. */
export const PROBES_AT_ONCE = 50;

export class SiteProbeWindow {
  /** The turns: at most `size` out at once, the rest in arrival order (p-limit's queue). */
  private readonly limit: ReturnType<typeof pLimit>;
  /** Probes that waited for their turn, for how long in all (real ms), and those that went without one at their `latest`. */
  readonly stats = { waited: 0, waitedMs: 0, wentWithoutTurn: 0 };

  /** `size`: probes out at once (default PROBES_AT_ONCE; `Infinity`: no window). */
  constructor(size = PROBES_AT_ONCE) {
    this.limit = pLimit(size);
  }

  /** The window's side for the create of one site, lending `slot` while a probe waits. */
  probesFor(slot?: Slot): SiteProbes {
    return {
      turn: (latest?: number) =>
        new Promise<() => void>((go) => {
          const waits = this.limit.activeCount >= this.limit.concurrency || this.limit.pendingCount > 0;
          const from = Date.now();
          // Past its latest time already: it goes without joining the queue.
          if (waits && latest !== undefined && latest <= from) {
            this.stats.wentWithoutTurn++;
            return go(() => {});
          }
          let timer: NodeJS.Timeout | undefined;
          let wentWithout = false;
          if (waits) {
            this.stats.waited++;
            slot?.park();
            if (latest !== undefined) {
              timer = setTimeout(() => {
                wentWithout = true;
                this.stats.wentWithoutTurn++;
                this.stats.waitedMs += Date.now() - from;
                slot?.resume();
                go(() => {});
              }, Math.max(0, latest - from));
            }
          }
          // The turn lasts until the probe's answer is in (`answered`, once: a promise settles once).
          void this.limit(
            () =>
              new Promise<void>((answered) => {
                // Its probe went without it: the turn passes on at once.
                if (wentWithout) return answered();
                clearTimeout(timer);
                if (waits) {
                  this.stats.waitedMs += Date.now() - from;
                  slot?.resume();
                }
                go(() => answered());
              }),
          );
        }),
    };
  }
}
