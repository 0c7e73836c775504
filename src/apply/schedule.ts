/**
 * The order apply runs a plan's changes in: each once every change it depends on has succeeded,
 * at most `concurrency` at a time in the order they became ready, those that go `first` ahead of
 * the others while they hold fewer than `firstAtMost` slots (all of them once no other change is
 * left); a change is skipped as soon as the first of its dependencies (in `dependsOn` order) did
 * not succeed.
 *
 * Memory stays flat in the number of changes (issue 12): nothing is made per change up front.
 * A change waits on one dependency at a time as a small record, a ready change is one entry of
 * a queue until a slot is free, and a settled outcome is kept only until every change that
 * depends on it has used it.
 */
import type { Address } from '../model/address.ts';
import type { Change } from '../model/change.ts';
import type { Facts } from '../model/facts.ts';
import type { ResourceIds } from '../model/found.ts';

/**
 * What a change's children get from it: its ids and facts (src/model/facts.ts); `waiting`: the
 * change did not run only because something it needs is still pending.
 */
export type Outcome = { ok: true; ids: ResourceIds; facts?: Facts } | { ok: false; why: string; waiting?: boolean };

/** What the scheduler does with a change; apply-plan.ts supplies them. */
export interface ScheduleSteps {
  /** Changes in flight at once. */
  concurrency: number;
  /** The change's parent address (its ids and facts are handed to it), if it has one. */
  parentOf(change: Change): Address | undefined;
  /**
   * Whether a ready change goes ahead of the ready changes for which this is false (each kind of
   * change still in the order it became ready). Absent: all in the order they became ready.
   */
  first?(change: Change): boolean;
  /**
   * Slots the changes that go `first` may hold at once while other changes are left to run
   * (default: all). The others may always have the rest: changes that go first and then wait
   * long for a budget of their own (a team waiting for Teams' windows) must not take every slot
   * while the others' budget goes unspent. Once no other change is left, they may take all.
   */
  firstAtMost?: number;
  /**
   * Whether a change that does not go first may take a slot now, `startedNow` of them having
   * started since the scheduler last looked at ready changes, so not yet seen by whatever `room`
   * measures (absent: always). While it says no, the others wait in the ready queue, where a change
   * is one entry, instead of starting and then waiting in the transport's pacer, where each of
   * their requests holds what the SDKs made for it until the budget lets it go (issue 12: 1,500
   * requests waited there on average in a 2,000-workspace apply, and the collector copied them
   * again and again). Asked again each time a change settles, and every ROOM_POLL_MS while it says no.
   */
  room?(startedNow: number): boolean;
  /** Its outcome at once when it needs no slot (noop, unknown), undefined when it must `run`. */
  atOnce(change: Change): Outcome | undefined;
  /** `dep` (the first of its dependencies that did not succeed) did not: the change is skipped. */
  skip(change: Change, dep: Address, because: Extract<Outcome, { ok: false }>): Outcome;
  /** Runs the change in a slot, given its parent's outcome (empty ids without a parent). */
  run(change: Change, parent: Extract<Outcome, { ok: true }>, slot: Slot): Promise<Outcome>;
  /** Called once per change when its outcome is known. */
  settled(change: Change): void;
  /**
   * When aborted (an interrupt, a lost lease), no change starts after it: the changes in flight
   * finish, and the run ends with the others not started (`ScheduleEnd.notStarted`).
   */
  signal?: AbortSignal;
}

/** How a schedule ended: every change settled, or (after `signal`) some never started. */
export interface ScheduleEnd {
  /** Changes that never started, nor were settled without a slot, because the run was stopped. */
  notStarted: number;
}

/**
 * A running change's slot. `park()`: the change waits on something that is neither the service
 * nor its slot's work (a probe held back by the engine itself), so its slot goes to the next
 * ready change meanwhile; `resume()`: it runs again, on a slot of its own even if all are taken
 * (a parked change must not wait for the changes it made room for). They alternate, as often as
 * the change waits so (a site's create parks for each probe's turn); a second `park` before a
 * `resume` does nothing, and so does a `resume` of a change not parked.
 */
export interface Slot {
  park(): void;
  resume(): void;
}

/**
 * Runs every change of `changes` (their addresses unique) and resolves when all have settled,
 * or, once `steps.signal` is aborted, when the changes in flight have (the rest not started).
 * A step that throws (or a `run` that rejects: apply's steps turn a change's failure into an
 * outcome, so this is a broken run, e.g. a journal that cannot be written) stops the run: no
 * change starts after it, and the promise rejects with that error once the changes already in
 * flight have settled, so nothing is still running when the caller closes its logs.
 */
export function schedule(changes: readonly Change[], steps: ScheduleSteps): Promise<ScheduleEnd> {
  if (!Number.isInteger(steps.concurrency) || steps.concurrency < 1) {
    return Promise.reject(new RangeError(`concurrency must be a whole number of at least 1, not ${steps.concurrency}`));
  }
  const inPlan = new Set(changes.map((c) => c.address));
  const outcomes = new Map<Address, Outcome>();
  const waiters = new Map<Address, { change: Change; next: number }[]>();
  const users = new Map<Address, number>();
  for (const c of changes) for (const dep of c.dependsOn) if (inPlan.has(dep)) users.set(dep, (users.get(dep) ?? 0) + 1);
  const ready = new ReadyQueue();
  const readyFirst = new ReadyQueue();
  /** Changes in flight on a slot, and parked ones (in flight, their slot lent: `Slot`). */
  let running = 0;
  /** Of `running`, those that went first (counted against `firstAtMost`). */
  let firstRunning = 0;
  const firstAtMost = steps.firstAtMost ?? steps.concurrency;
  /** Changes that do not go first and have not settled: while there are any, `firstAtMost` holds. */
  let othersLeft = steps.first ? changes.reduce((n, c) => (steps.first!(c) ? n : n + 1), 0) : changes.length;
  let parkedNow = 0;
  let unsettled = changes.length;
  let settling = 0;
  let ended!: (end: ScheduleEnd) => void;
  let broken!: (error: unknown) => void;
  const done = new Promise<ScheduleEnd>((resolve, reject) => ([ended, broken] = [resolve, reject]));
  let stopped: { error: unknown } | undefined;
  const stop = (error: unknown): void => {
    stopped ??= { error };
    if (running === 0 && parkedNow === 0) broken(stopped.error);
  };
  // Stopped from outside: nothing starts; once nothing is in flight, the run ends.
  const interrupted = (): boolean => steps.signal?.aborted === true;
  const endIfIdle = (): void => {
    if (!stopped && interrupted() && running === 0 && parkedNow === 0 && settling === 0) ended({ notStarted: unsettled });
  };
  steps.signal?.addEventListener('abort', () => endIfIdle(), { once: true });

  const settle = (change: Change, outcome: Outcome): void => {
    if (users.has(change.address)) outcomes.set(change.address, outcome);
    if (!steps.first?.(change)) othersLeft--;
    steps.settled(change);
    const waiting = waiters.get(change.address);
    waiters.delete(change.address);
    // All that this outcome makes ready are queued before any of them takes a slot, so that
    // those that go first do.
    settling++;
    try {
      for (const w of waiting ?? []) advance(w.change, w.next);
    } finally {
      settling--;
    }
    pump();
    if (--unsettled === 0 && !stopped) ended({ notStarted: 0 });
  };

  // Goes through `change.dependsOn` from `next`: waits on the first one not settled, skips the
  // change at the first that did not succeed, and makes it ready when all have.
  const advance = (change: Change, next: number): void => {
    for (; next < change.dependsOn.length; next++) {
      const dep = change.dependsOn[next]!;
      if (!inPlan.has(dep)) continue;
      const outcome = outcomes.get(dep);
      if (!outcome) {
        let list = waiters.get(dep);
        if (!list) waiters.set(dep, (list = []));
        list.push({ change, next });
        return;
      }
      if (!outcome.ok) {
        release(change);
        return settle(change, steps.skip(change, dep, outcome));
      }
    }
    const now = steps.atOnce(change);
    if (now) {
      release(change);
      return settle(change, now);
    }
    (steps.first?.(change) ? readyFirst : ready).push(change);
    pump();
  };

  // While `room` says no: the timer that asks again.
  let roomTimer: ReturnType<typeof setTimeout> | undefined;
  const askAgainLater = (): void => {
    roomTimer ??= setTimeout(() => {
      roomTimer = undefined;
      pump();
    }, ROOM_POLL_MS);
  };

  const pump = (): void => {
    if (settling > 0) return;
    let startedNow = 0;
    while (!stopped && !interrupted() && running < steps.concurrency) {
      // Those that go first while they hold fewer than their share of the slots; then the others, while there is room for them.
      const fromFirst = firstRunning < (othersLeft > 0 ? firstAtMost : steps.concurrency) ? readyFirst.shift() : undefined;
      if (!fromFirst) {
        if (ready.empty) return;
        if (steps.room && !steps.room(startedNow)) return askAgainLater();
        startedNow++;
      }
      const change = fromFirst ?? ready.shift()!;
      const isFirst = fromFirst !== undefined;
      const parentAddress = steps.parentOf(change);
      const parent = parentAddress !== undefined && change.dependsOn.includes(parentAddress) ? outcomes.get(parentAddress) : undefined;
      release(change);
      let parked = false;
      const slot: Slot = {
        park: () => {
          if (parked) return;
          parked = true;
          running--;
          if (isFirst) firstRunning--;
          parkedNow++;
          pump();
        },
        resume: () => {
          if (!parked) return;
          parked = false;
          parkedNow--;
          running++;
          if (isFirst) firstRunning++;
        },
      };
      const leave = (): void => {
        if (parked) parkedNow--;
        else {
          running--;
          if (isFirst) firstRunning--;
        }
        parked = false;
      };
      running++;
      if (isFirst) firstRunning++;
      let started: Promise<Outcome>;
      try {
        started = steps.run(change, parent?.ok ? parent : { ok: true, ids: {} }, slot);
      } catch (error) {
        leave();
        return stop(error);
      }
      started.then(
        (outcome) => {
          leave();
          try {
            settle(change, outcome);
          } catch (error) {
            return stop(error);
          }
          if (stopped) return stop(stopped.error);
          pump();
          endIfIdle();
        },
        (error: unknown) => {
          leave();
          stop(error);
        },
      );
    }
  };

  // The change no longer needs its dependencies' outcomes.
  const release = (change: Change): void => {
    for (const dep of change.dependsOn) {
      if (!inPlan.has(dep)) continue;
      const left = (users.get(dep) ?? 1) - 1;
      if (left > 0) users.set(dep, left);
      else {
        users.delete(dep);
        outcomes.delete(dep);
      }
    }
  };

  if (changes.length === 0) return Promise.resolve({ notStarted: 0 });
  settling++;
  try {
    for (const c of changes) advance(c, 0);
  } catch (error) {
    stop(error);
  } finally {
    settling--;
  }
  pump();
  if (unsettled > 0) endIfIdle();
  return done;
}

/** How often (real ms) the scheduler asks `room` again while it says no and no change settles. */
export const ROOM_POLL_MS = 20;

/** Ready changes in arrival order: an array read from a head index, compacted now and then. */
class ReadyQueue {
  private items: (Change | undefined)[] = [];
  private head = 0;

  get empty(): boolean {
    return this.head === this.items.length;
  }

  push(change: Change): void {
    this.items.push(change);
  }

  /** The first change, removed; undefined when empty. */
  shift(): Change | undefined {
    if (this.head === this.items.length) return undefined;
    const change = this.items[this.head]!;
    this.items[this.head++] = undefined;
    if (this.head === this.items.length || this.head >= 4096) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return change;
  }
}
