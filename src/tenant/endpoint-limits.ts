/**
 * Microsoft's published per-endpoint limits, kept on the client side so that the engine never
 * trips them: Teams creation 10/s per app per tenant, `PUT /groups/{id}/team` 6/s, channel
 * creation 30/s, listing a team's channels or members (or a channel's members) 60/s, other
 * Teams calls 30/s (the table's other rows, kept in one window: never more than any row allows),
 * 4 requests/s per team, member additions 4 per minute per team. Each rule is a
 * sliding window keyed by tenant or by team, in engine time (src/time).
 */
import { realMs } from '../time/engine-time.ts';
import { isGraphHost } from './clouds.ts';
import { hostAndPath } from './url-parts.ts';


interface Rule {
  name: string;
  limit: number;
  windowMs: number;
  /** The window's key for this request (`''` for one tenant-wide window), or undefined when the rule does not apply. */
  keyOf(method: string, path: string): string | undefined;
}

/** The team a Teams request is about: `/teams/{id}/…`, `/teams('{id}')/…`, `/groups/{id}/team`. */
function teamOf(path: string): string | undefined {
  const m = /^\/teams(?:\/|\(')([^/')]+)/i.exec(path) ?? /^\/groups\/([^/]+)\/team$/i.exec(path);
  return m?.[1]?.toLowerCase();
}

function isTeamsCall(path: string): boolean {
  return /^\/teams\b/i.test(path) || /^\/groups\/[^/]+\/team$/i.test(path);
}

const isCreate = (method: string, path: string) => method === 'POST' && /^\/teams$/i.test(path);
const isPutTeam = (method: string, path: string) => method === 'PUT' && /^\/groups\/[^/]+\/team$/i.test(path);
const isChannelCreate = (method: string, path: string) => method === 'POST' && /^\/teams\/[^/]+\/channels$/i.test(path);
/** Listing a team's channels, its members or a channel's members: a row of its own in Microsoft's table, 60 a second. */
const isListing = (method: string, path: string) => method === 'GET' && /^\/teams(?:\/[^/]+|\('[^']+'\))\/(?:channels|members|channels\/[^/]+\/members)$/i.test(path);

export const ENDPOINT_RULES: readonly Rule[] = [
  { name: 'create team', limit: 10, windowMs: 1000, keyOf: (m, p) => (isCreate(m, p) ? '' : undefined) },
  { name: 'team from group', limit: 6, windowMs: 1000, keyOf: (m, p) => (isPutTeam(m, p) ? '' : undefined) },
  { name: 'create channel', limit: 30, windowMs: 1000, keyOf: (m, p) => (isChannelCreate(m, p) ? '' : undefined) },
  { name: 'list channels or members', limit: 60, windowMs: 1000, keyOf: (m, p) => (isListing(m, p) ? '' : undefined) },
  {
    name: 'other Teams calls',
    limit: 30,
    windowMs: 1000,
    keyOf: (m, p) => (isTeamsCall(p) && !isCreate(m, p) && !isPutTeam(m, p) && !isChannelCreate(m, p) && !isListing(m, p) ? '' : undefined),
  },
  { name: 'per team', limit: 4, windowMs: 1000, keyOf: (m, p) => (isCreate(m, p) ? undefined : teamOf(p)) },
  {
    name: 'add member',
    limit: 4,
    windowMs: 60_000,
    keyOf: (m, p) => (m === 'POST' && /^\/teams\/[^/]+\/(?:channels\/[^/]+\/)?members(?:\/add)?$/i.test(p) ? teamOf(p) : undefined),
  },
];

/** Keys kept before the windows of keys with no slot left in their window are dropped. */
const SWEEP_AT_KEYS = 1_024;

/** Engine milliseconds between two sweeps: a sweep walks every key, so it runs at most this often, not on every take. */
const SWEEP_EVERY_MS = 1_000;

/** Options of EndpointLimits: the rules, and how many keys are kept before a sweep (tests lower it). */
export interface EndpointLimitsOptions {
  sweepAtKeys?: number;
}

/** The slots one acquire needs of one window (`rule|key`). */
interface Need {
  id: string;
  limit: number;
  count: number;
  /** The rule's window in real milliseconds, with its margin. */
  windowMs: number;
}

interface Waiter {
  needs: Need[];
  resolve(): void;
}

export class EndpointLimits {
  /** Slots taken by key (`rule|team`), oldest first: one entry per team the run has called, until swept. */
  private readonly windows = new Map<string, number[]>();
  /** Acquires that did not fit when they came, in arrival order. */
  private readonly waiting: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Infinity;
  /** When the last sweep ran (Date.now()); -Infinity before the first. */
  private sweptAt = -Infinity;
  private sweepCount = 0;

  private readonly sweepAtKeys: number;

  constructor(
    private readonly rules: readonly Rule[] = ENDPOINT_RULES,
    options: EndpointLimitsOptions = {},
  ) {
    this.sweepAtKeys = options.sweepAtKeys ?? SWEEP_AT_KEYS;
  }

  /** How many keys hold slots (bounded: keys whose slots have all left their window are dropped). */
  get trackedKeys(): number {
    return this.windows.size;
  }

  /** How many sweeps of the keys have run. */
  get sweeps(): number {
    return this.sweepCount;
  }

  /** How many acquires are waiting for room. */
  get waiters(): number {
    return this.waiting.length;
  }

  /**
   * Waits until every rule that matches these calls has room for all of them, then takes their
   * slots at once: the calls of one `$batch` reach the service together, so they are counted
   * together (taking the slots one by one over time would let a batch land more calls in a
   * window than it holds). A key that needs more slots than its limit waits for an empty window
   * and overruns it; the batcher never builds such a batch (`batchCapOf`).
   *
   * Waiting acquires are served in arrival order per window: one that lacks room in a window
   * holds that window for itself, so later, smaller acquires cannot take the slots it waits for
   * (a batch of ten team reads is not starved by single reads); an acquire whose windows all
   * have room goes at once, whatever waits on other windows. One timer wakes the queue when the
   * first waiter can go, instead of each waiter polling its windows (which let single reads take
   * every slot a waiting batch needed; the CPU was the same within measurement, issue 12).
   */
  acquire(calls: readonly { method: string; url: string }[]): Promise<void> {
    const needs = this.needsOf(calls);
    if (needs.length === 0) return Promise.resolve();
    const now = Date.now();
    // with nobody waiting, an acquire that fits goes at once; else it queues and the drain decides
    if (this.waiting.length === 0 && this.waitFor(needs, now) <= 0) {
      this.take(needs, now);
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiting.push({ needs, resolve });
      this.drain();
    });
  }

  private needsOf(calls: readonly { method: string; url: string }[]): Need[] {
    const needs = new Map<string, Need>();
    for (const call of calls) {
      const u = hostAndPath(call.url);
      if (!isGraphHost(u.host)) continue;
      const path = u.path.replace(/^\/(v1\.0|beta)/i, '');
      for (const rule of this.rules) {
        const key = rule.keyOf(call.method.toUpperCase(), path);
        if (key === undefined) continue;
        const id = `${rule.name}|${key}`;
        const need = needs.get(id);
        if (need) need.count++;
        // 10 % margin: requests arrive a little later than they leave, and not in a steady stream.
        else needs.set(id, { id, limit: rule.limit, count: 1, windowMs: realMs(rule.windowMs * 1.1) });
      }
    }
    return [...needs.values()];
  }

  /** Lets every waiter go that has room and is not behind an earlier waiter on one of its windows; sets one timer for the rest. */
  private drain(): void {
    const now = Date.now();
    const held = new Set<string>();
    let next = Infinity;
    let kept = 0;
    for (const w of this.waiting) {
      const behind = w.needs.some((n) => held.has(n.id));
      const waits = w.needs.map((n) => this.waitIn(n, now));
      const wait = behind ? Infinity : Math.max(0, ...waits);
      if (wait <= 0) {
        this.take(w.needs, now);
        w.resolve();
        continue;
      }
      next = Math.min(next, wait);
      // it holds the windows it lacks room in, and only those
      w.needs.forEach((n, i) => {
        if (waits[i]! > 0) held.add(n.id);
      });
      this.waiting[kept++] = w;
    }
    this.waiting.length = kept;
    if (kept > 0) this.wakeAt(now + next);
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.timerAt = Infinity;
      this.drain();
    }, Math.max(0, at - Date.now()));
  }

  /** How long until every window of `needs` has room for its count (0: now). */
  private waitFor(needs: readonly Need[], now: number): number {
    let wait = 0;
    for (const n of needs) wait = Math.max(wait, this.waitIn(n, now));
    return wait;
  }

  /** How long until window `n.id` has room for `n.count` slots; drops the slots that have left it. */
  private waitIn(n: Need, now: number): number {
    const w = this.windows.get(n.id);
    if (!w) return 0;
    let gone = 0;
    while (gone < w.length && w[gone]! <= now - n.windowMs) gone++;
    if (gone > 0) w.splice(0, gone);
    const room = n.limit - Math.min(n.count, n.limit);
    // the oldest slots leave first: wait until only `room` of them are left in the window
    return w.length > room ? w[w.length - room - 1]! + n.windowMs - now : 0;
  }

  private take(needs: readonly Need[], now: number): void {
    for (const n of needs) {
      let w = this.windows.get(n.id);
      if (!w) this.windows.set(n.id, (w = []));
      for (let i = 0; i < n.count; i++) w.push(now);
    }
    if (this.windows.size > this.sweepAtKeys && now - this.sweptAt >= realMs(SWEEP_EVERY_MS)) this.sweep(now);
  }

  /**
   * Drops the keys whose newest slot has left the longest window (a run over 10,000 teams keeps a
   * few). At most once an engine second: a run that touches more teams than SWEEP_AT_KEYS within
   * the longest window (a minute) kept more keys than that after every sweep, and walked them all
   * on every take (issue 12); between two sweeps the keys grow by the takes of one second.
   */
  private sweep(now: number): void {
    this.sweptAt = now;
    this.sweepCount++;
    const longest = realMs(Math.max(...this.rules.map((r) => r.windowMs)) * 1.1);
    for (const [key, w] of this.windows) if ((w[w.length - 1] ?? 0) <= now - longest) this.windows.delete(key);
  }
}

/**
 * The most GETs of `path` one `$batch` may carry, by group (`key`): the calls of a batch arrive
 * at once, so a batch holds no more reads of one team than the per-team window (4 a second)
 * takes, and no more Teams calls than half the per-app window (30 a second): a batch takes its
 * slots together, so one of 20 Teams calls can only go once the window is two-thirds empty, and
 * batches of 20 went one a window (18 reads a second where the window allows 27: a plan of
 * 10,000 teams took 28 minutes). Two batches of 15 fill it. Empty: no cap but the batch's 20.
 */
export function batchCapOf(path: string): { key: string; max: number }[] {
  const team = isTeamsCall(path) ? teamOf(path) : undefined;
  if (team === undefined) return [];
  const perTeam = ENDPOINT_RULES.find((r) => r.name === 'per team')!;
  const perApp = ENDPOINT_RULES.find((r) => r.name === 'other Teams calls')!;
  return [
    { key: `team|${team}`, max: perTeam.limit },
    { key: 'teams', max: Math.floor(perApp.limit / 2) },
  ];
}
