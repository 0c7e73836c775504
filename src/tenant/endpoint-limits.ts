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

export class EndpointLimits {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly rules: readonly Rule[] = ENDPOINT_RULES) {}

  /** Waits until every rule that matches this request has room, then takes a slot in each. */
  async acquire(method: string, url: string): Promise<void> {
    const u = new URL(url);
    if (!isGraphHost(u.hostname)) return;
    const path = u.pathname.replace(/^\/(v1\.0|beta)/i, '');
    const keys: { key: string; rule: Rule }[] = [];
    for (const rule of this.rules) {
      const key = rule.keyOf(method.toUpperCase(), path);
      if (key !== undefined) keys.push({ key: `${rule.name}|${key}`, rule });
    }
    for (;;) {
      const now = Date.now();
      let wait = 0;
      for (const { key, rule } of keys) {
        // 10 % margin: requests arrive a little later than they leave, and not in a steady stream.
        const windowMs = realMs(rule.windowMs * 1.1);
        const w = (this.windows.get(key) ?? []).filter((t) => t > now - windowMs);
        this.windows.set(key, w);
        if (w.length >= rule.limit) wait = Math.max(wait, (w[0] ?? now) + windowMs - now);
      }
      if (wait <= 0) break;
      await sleepReal(wait);
    }
    const now = Date.now();
    for (const { key } of keys) this.windows.get(key)!.push(now);
  }
}
