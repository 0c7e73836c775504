/**
 * Microsoft's published per-endpoint limits, kept on the client side so that the engine never
 * trips them: Teams creation 10/s per app per tenant, `PUT /groups/{id}/team` 6/s, channel
 * creation 30/s, other Teams calls 30/s, 4 requests/s per team, member additions 4 per minute
 * per team. Each rule is a
 * sliding window keyed by tenant or by team, in engine time (src/time).
 */
import { realMs, sleepReal } from '../time/engine-time.ts';
import { isGraphHost } from './clouds.ts';


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

export const ENDPOINT_RULES: readonly Rule[] = [
  { name: 'create team', limit: 10, windowMs: 1000, keyOf: (m, p) => (isCreate(m, p) ? '' : undefined) },
  { name: 'team from group', limit: 6, windowMs: 1000, keyOf: (m, p) => (isPutTeam(m, p) ? '' : undefined) },
  { name: 'create channel', limit: 30, windowMs: 1000, keyOf: (m, p) => (isChannelCreate(m, p) ? '' : undefined) },
  {
    name: 'other Teams calls',
    limit: 30,
    windowMs: 1000,
    keyOf: (m, p) => (isTeamsCall(p) && !isCreate(m, p) && !isPutTeam(m, p) && !isChannelCreate(m, p) ? '' : undefined),
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

/** Options of EndpointLimits: the rules, and how many keys are kept before a sweep (tests lower it). */
export interface EndpointLimitsOptions {
  sweepAtKeys?: number;
}

export class EndpointLimits {
  /** Slots taken by key (`rule|team`): one entry per team the run has called, until swept. */
  private readonly windows = new Map<string, number[]>();

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

  /**
   * Waits until every rule that matches these calls has room for all of them, then takes their
   * slots at once: the calls of one `$batch` reach the service together, so they are counted
   * together (taking the slots one by one over time would let a batch land more calls in a
   * window than it holds). A key that needs more slots than its limit waits for an empty window
   * and overruns it; the batcher never builds such a batch (`batchCapOf`).
   */
  async acquire(calls: readonly { method: string; url: string }[]): Promise<void> {
    const needs = new Map<string, { rule: Rule; count: number }>();
    for (const call of calls) {
      const u = new URL(call.url);
      if (!isGraphHost(u.hostname)) continue;
      const path = u.pathname.replace(/^\/(v1\.0|beta)/i, '');
      for (const rule of this.rules) {
        const key = rule.keyOf(call.method.toUpperCase(), path);
        if (key === undefined) continue;
        const id = `${rule.name}|${key}`;
        const need = needs.get(id);
        if (need) need.count++;
        else needs.set(id, { rule, count: 1 });
      }
    }
    if (needs.size === 0) return;
    for (;;) {
      const now = Date.now();
      let wait = 0;
      for (const [key, { rule, count }] of needs) {
        // 10 % margin: requests arrive a little later than they leave, and not in a steady stream.
        const windowMs = realMs(rule.windowMs * 1.1);
        const w = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
        this.windows.set(key, w);
        const room = rule.limit - Math.min(count, rule.limit);
        // the oldest slots leave first: wait until only `room` of them are left in the window
        if (w.length > room) wait = Math.max(wait, (w[w.length - room - 1] ?? now) + windowMs - now);
      }
      if (wait <= 0) break;
      await sleepReal(wait);
    }
    const now = Date.now();
    for (const [key, { count }] of needs) for (let i = 0; i < count; i++) this.windows.get(key)!.push(now);
    if (this.windows.size > this.sweepAtKeys) this.sweep(now);
  }

  /** Drops the keys whose newest slot has left the longest window (a run over 10,000 teams keeps a few). */
  private sweep(now: number): void {
    const longest = realMs(Math.max(...this.rules.map((r) => r.windowMs)) * 1.1);
    for (const [key, w] of this.windows) if ((w[w.length - 1] ?? 0) <= now - longest) this.windows.delete(key);
  }
}

/**
 * The most GETs of `path` one `$batch` may carry: the calls of a batch arrive at once, so a
 * batch holds no more reads of one team than the per-team window (4 a second) takes. `key`
 * groups the paths that share the cap; undefined: no cap but the batch's 20.
 */
export function batchCapOf(path: string): { key: string; max: number } | undefined {
  const team = isTeamsCall(path) ? teamOf(path) : undefined;
  if (team === undefined) return undefined;
  const rule = ENDPOINT_RULES.find((r) => r.name === 'per team')!;
  return { key: `team|${team}`, max: rule.limit };
}
