/**
 * Paces requests so that throughput stays close to the tenant's throttle budget without being
 * throttled into a block (architecture decision 8).
 * - Below 80 % of its budget the service says nothing, and the pacer lets requests go as fast
 *   as the pool allows.
 * - From 80 % the service sends `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`
 *   (seconds until the window resets); the pacer then spaces requests so that the remaining
 *   budget, less a reserve (`1 - targetShare` of the limit), lasts until the reset.
 * - A 429 or 503 with `Retry-After` closes the gate for everyone until then (the transport asks
 *   `pauseUntil`); nothing is sent before a `Retry-After` has passed.
 * Budgets are per service scope, not per host: Graph calls on sites spend the SharePoint budget,
 * Graph calls on users and groups the Entra one, Teams calls their own (`throttleScopeOf`).
 */

/**
 * The throttling scope a request spends: `sharepoint` (SharePoint REST, and Graph on /sites,
 * /drives, /groups/{id}/sites), `entra` (Graph directory: /users, /groups, /directory), `teams`
 * (Graph /teams, /groups/{id}/team), `graph` for the rest.
 */
export function throttleScopeOf(url: string): string {
  const u = new URL(url);
  if (u.hostname.endsWith('.sharepoint.com')) return 'sharepoint';
  const path = u.pathname.replace(/^\/(v1\.0|beta)/i, '').toLowerCase();
  if (/^\/(sites|drives)\b/.test(path) || /^\/groups\/[^/]+\/(sites|drive)\b/.test(path)) return 'sharepoint';
  if (/^\/teams\b/.test(path) || /^\/groups\/[^/]+\/team\b/.test(path)) return 'teams';
  if (/^\/(users|groups|directory|directoryobjects)\b/.test(path)) return 'entra';
  return 'graph';
}
import { parseRetryAfter } from './retry-after.ts';

export interface PacerOptions {
  /** Share of the budget the engine may use, 0–1 (default 0.9): the rest is left for others. */
  targetShare: number;
}

export interface PacerStats {
  /** Times a request waited because the budget was running low. */
  paced: number;
  /** Total milliseconds requests waited on the pacer or a Retry-After. */
  waitedMs: number;
}

interface Budget {
  /** Earliest time the next request may go. */
  nextAt: number;
  /** Gate closed by Retry-After until this time. */
  closedUntil: number;
}

export class Pacer {
  readonly stats: PacerStats = { paced: 0, waitedMs: 0 };
  private readonly budgets = new Map<string, Budget>();

  constructor(private readonly options: PacerOptions = { targetShare: 0.9 }) {}

  private budget(host: string): Budget {
    let b = this.budgets.get(host);
    if (!b) this.budgets.set(host, (b = { nextAt: 0, closedUntil: 0 }));
    return b;
  }

  /** Waits until a request to `host` may be sent. */
  async acquire(host: string): Promise<void> {
    const b = this.budget(host);
    for (;;) {
      const now = Date.now();
      const at = Math.max(b.closedUntil, b.nextAt);
      if (at <= now) break;
      this.stats.waitedMs += at - now;
      await sleep(at - now);
    }
    // Reserve this request's slot: the spacing set by the last headers.
    const spacing = this.spacing.get(host) ?? 0;
    if (spacing > 0) {
      this.stats.paced++;
      b.nextAt = Math.max(Date.now(), b.nextAt) + spacing;
    }
  }

  private readonly spacing = new Map<string, number>();

  /** Learns from an answer's headers: RateLimit-* (pace) and Retry-After on 429/503 (close). */
  observe(host: string, status: number, headers: Headers): void {
    const b = this.budget(host);
    if (status === 429 || status === 503) {
      const wait = parseRetryAfter(headers.get('retry-after'));
      if (wait !== undefined) b.closedUntil = Math.max(b.closedUntil, Date.now() + wait);
    }
    const limit = Number(headers.get('ratelimit-limit'));
    const remaining = Number(headers.get('ratelimit-remaining'));
    const reset = Number(headers.get('ratelimit-reset'));
    if (!headers.has('ratelimit-remaining') || !Number.isFinite(remaining) || !Number.isFinite(reset)) {
      // No headers: under 80 % of the budget. Relax the spacing gradually.
      const s = this.spacing.get(host);
      if (s) this.spacing.set(host, s > 1 ? s / 2 : 0);
      return;
    }
    const reserve = Number.isFinite(limit) ? limit * (1 - this.options.targetShare) : 0;
    const usable = Math.max(0, remaining - reserve);
    const resetMs = Math.max(0, reset * 1000);
    // Spread what is usable over the time left (a request costs at least one unit); when nothing
    // is usable, wait for the reset.
    const spacing = usable >= 1 ? resetMs / usable : resetMs;
    this.spacing.set(host, spacing);
    if (usable < 1) b.nextAt = Math.max(b.nextAt, Date.now() + resetMs);
  }

  /** Closes the gate for a host until `until` (epoch ms). */
  pauseUntil(host: string, until: number): void {
    const b = this.budget(host);
    b.closedUntil = Math.max(b.closedUntil, until);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
