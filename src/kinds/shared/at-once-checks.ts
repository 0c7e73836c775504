/**
 * Whether a check at once is worth making, learned over the run (issue 12). Some things a write
 * starts take a while on most tenants and a moment on some: a new group's site (about two minutes
 * in the service's usual case), a team's creation (about a minute). A check at once finds them on
 * a fast tenant, and on a slow one never does, each time spending budget (a SharePoint unit for a
 * site probe, a Teams call and a request for an operation's check) that a write could use. So the
 * first SAMPLE of a run, per kind of check, are checked at once (those that come while that
 * sample is out wait for its outcome); when fewer than one in HIT_SHARE of them found what they
 * waited for, later ones skip it (their next check comes when it is likely to be done), except
 * one in SAMPLE, which keeps the sample going so that a tenant that turns fast is noticed.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** At-once checks made before the run's evidence decides. */
export const SAMPLE = 10;
/** At-once checks are kept while at least one in this many finds what it waited for. */
export const HIT_SHARE = 10;

/** The run's record of one kind of at-once check; one per tenant client and kind (`atOnceChecksOf`). */
export class AtOnceChecks {
  private tries = 0;
  private hits = 0;
  /** Sample checks made and not yet recorded. */
  private pending = 0;
  private skipped = 0;
  /** Those that came while the sample was out, waiting for its verdict. */
  private readonly waiting: (() => void)[] = [];

  /**
   * Whether the next one is to be checked at once: `true` for the first SAMPLE; one that comes
   * while those checks are out waits for their outcome (a moment), so that neither a fast
   * tenant's work waits a minute nor a slow tenant's is checked in vain. A `true` must be
   * followed by `record` (also when the check fails).
   */
  async shouldCheck(): Promise<boolean> {
    if (this.tries + this.pending < SAMPLE) {
      this.pending++;
      return true;
    }
    if (this.tries < SAMPLE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.hits * HIT_SHARE >= this.tries) return true;
    this.skipped++;
    return this.skipped % SAMPLE === 0;
  }

  /** The outcome of an at-once check (`found`: it was done; a check that failed found nothing). */
  record(found: boolean): void {
    if (this.pending > 0) this.pending--;
    this.tries++;
    if (found) this.hits++;
    if (this.tries >= SAMPLE) for (const wake of this.waiting.splice(0)) wake();
  }
}

/** What is checked at once: a new group's site, a team creation's operation. */
export type AtOnceCheckKind = 'group site' | 'team operation';

const byTenant = new WeakMap<TenantClient, Map<AtOnceCheckKind, AtOnceChecks>>();

/** The record of `kind` checks of the run that talks through `tenant`. */
export function atOnceChecksOf(tenant: TenantClient, kind: AtOnceCheckKind): AtOnceChecks {
  let kinds = byTenant.get(tenant);
  if (!kinds) byTenant.set(tenant, (kinds = new Map()));
  let checks = kinds.get(kind);
  if (!checks) kinds.set(kind, (checks = new AtOnceChecks()));
  return checks;
}
