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
 * And a probe that finds nothing spends a unit that waiting work would have spent: at a rollout's
 * start the groups' first probes come due together while the first sites' work already fills the
 * budget (issue 12: up to 900 probes that missed in one minute of the benchmark). So while other
 * requests wait for the budget probes spend (`busy`), a probe gets no turn (again until its
 * `latest`): the work that waits is the work the sites found so far gave, and more sites would
 * only queue more.
 *
 * Contract: `probesFor(slot)` gives a site's create its side of the window (kind-effects.ts
 * `SiteProbes`); every turn given must be ended by calling the function it resolves to, once.
 */
import pLimit from 'p-limit';
import type { SiteProbes } from '../kinds/kind-effects.ts';
import type { Slot } from './schedule.ts';
import { pause } from '../time/engine-time.ts';

/** Probes for new sites out at once. */
export const PROBES_AT_ONCE = 50;

export class SiteProbeWindow {
  /** The turns: at most `size` out at once, the rest in arrival order (p-limit's queue). */
  private readonly limit: ReturnType<typeof pLimit>;
  /** Probes that waited for their turn, for how long in all (real ms), and those that went without one at their `latest`. */
  readonly stats = { waited: 0, waitedMs: 0, wentWithoutTurn: 0, heldForBudget: 0 };
  /** While the budget is busy: resolves once it no longer is (one poll for all the turns that wait). */
  private roomWait: Promise<void> | undefined;

  /**
   * `size`: probes out at once (default PROBES_AT_ONCE; `Infinity`: no window). `busy`: true
   * while the budget probes spend has other requests waiting for it (apply: SharePoint's,
   * Transport.waiting); a turn is then not given (until its `latest`), for a probe would take a
   * unit that work already waiting would have spent. Absent: never busy.
   */
  constructor(size = PROBES_AT_ONCE, private readonly busy: () => boolean = () => false) {
    this.limit = pLimit(size);
  }

  /** The window's side for the create of one site, lending `slot` while a probe waits. */
  probesFor(slot?: Slot): SiteProbes {
    return {
      turn: (latest?: number) =>
        new Promise<() => void>((go) => {
          const waits = this.limit.activeCount >= this.limit.concurrency || this.limit.pendingCount > 0 || this.busy();
          const from = Date.now();
          // Past its latest time already: it goes without joining the queue.
          if (waits && latest !== undefined && latest <= from) {
            this.stats.wentWithoutTurn++;
            return go(() => {});
          }
          let timer: NodeJS.Timeout | undefined;
          let wentWithout = false;
          let held = false;
          // It waits: its slot is lent, and at its latest time it goes without a turn.
          const hold = () => {
            held = true;
            this.stats.waited++;
            slot?.park();
            if (latest !== undefined) {
              timer = setTimeout(() => {
                wentWithout = true;
                this.stats.wentWithoutTurn++;
                this.stats.waitedMs += Date.now() - from;
                slot?.resume();
                go(() => {});
              }, Math.max(0, latest - Date.now()));
            }
          };
          if (waits) hold();
          // The turn lasts until the probe's answer is in (`answered`, once: a promise settles once).
          void this.limit(async () => {
            // Its turn in the window; then room in the budget (which may have filled since it came).
            const room = wentWithout ? undefined : this.room();
            if (room) {
              this.stats.heldForBudget++;
              if (!held) hold();
              await room;
            }
            // Its probe went without it (at its latest): the turn passes on at once.
            if (wentWithout) return;
            clearTimeout(timer);
            if (held) {
              this.stats.waitedMs += Date.now() - from;
              slot?.resume();
            }
            await new Promise<void>((answered) => go(() => answered()));
          });
        }),
    };
  }

  /** Undefined while the budget is not busy; else a promise that resolves once it is not. */
  private room(): Promise<void> | undefined {
    if (!this.busy()) return undefined;
    if (!this.roomWait) {
      // Looks again after a pause at least once (it was busy just now); forgotten once it resolves,
      // so that the next busy spell waits afresh.
      const wait = (async () => {
        do await pause(ROOM_POLL_MS);
        while (this.busy());
      })();
      this.roomWait = wait;
      void wait.then(() => {
        if (this.roomWait === wait) this.roomWait = undefined;
      });
    }
    return this.roomWait;
  }
}

/** How often (engine time) turns held for the budget look whether it is still busy. */
const ROOM_POLL_MS = 2_000;
