/**
 * Microsoft's published per-endpoint limits, kept on the client side so that the engine never
 * trips them: Teams creation 10/s per app per tenant, `PUT /groups/{id}/team` 6/s, channel
 * creation 30/s, 4 requests/s per team, member additions 4 per minute per team. Each rule is a
 * sliding window keyed by tenant or by team.
 */

interface Rule {
  name: string;
  method: string;
  /** Matches the path after `/v1.0`; group 1, when present, is the per-team key. */
  pattern: RegExp;
  limit: number;
  windowMs: number;
}

export const ENDPOINT_RULES: readonly Rule[] = [
  { name: 'create team', method: 'POST', pattern: /^\/teams$/i, limit: 10, windowMs: 1000 },
  { name: 'team from group', method: 'PUT', pattern: /^\/groups\/[^/]+\/team$/i, limit: 6, windowMs: 1000 },
  { name: 'create channel', method: 'POST', pattern: /^\/teams\/[^/]+\/channels$/i, limit: 30, windowMs: 1000 },
  { name: 'add member', method: 'POST', pattern: /^\/teams\/([^/]+)\/(?:channels\/[^/]+\/)?members(?:\/add)?$/i, limit: 4, windowMs: 60_000 },
  { name: 'per team', method: '*', pattern: /^\/teams\/([^/]+)(?:\/|$)/i, limit: 4, windowMs: 1000 },
];

export class EndpointLimits {
  private readonly windows = new Map<string, number[]>();

  constructor(private readonly rules: readonly Rule[] = ENDPOINT_RULES) {}

  /** Waits until every rule that matches this request has room, then takes a slot in each. */
  async acquire(method: string, url: string): Promise<void> {
    const u = new URL(url);
    if (u.hostname !== 'graph.microsoft.com') return;
    const path = u.pathname.replace(/^\/(v1\.0|beta)/i, '');
    const keys: { key: string; rule: Rule }[] = [];
    for (const rule of this.rules) {
      if (rule.method !== '*' && rule.method !== method.toUpperCase()) continue;
      const m = rule.pattern.exec(path);
      if (m) keys.push({ key: `${rule.name}|${m[1] ?? ''}`, rule });
    }
    for (;;) {
      const now = Date.now();
      let wait = 0;
      for (const { key, rule } of keys) {
        const w = (this.windows.get(key) ?? []).filter((t) => t > now - rule.windowMs);
        this.windows.set(key, w);
        if (w.length >= rule.limit) wait = Math.max(wait, (w[0] ?? now) + rule.windowMs - now);
      }
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const now = Date.now();
    for (const { key } of keys) this.windows.get(key)!.push(now);
  }
}
