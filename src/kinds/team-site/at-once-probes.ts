/**
 * Whether a new group's site is probed at once, learned over the run (issue 12). The probe at
 * once finds the site on a fast tenant, but on a tenant that provisions group sites in minutes
 * (the service's usual case: about two) it never does, and each such probe spends a unit of
 * SharePoint's budget that a write could use: one per workspace, 1.6 % of the benchmark's. So the
 * first SAMPLE groups of a run are probed at once (groups created while those probes are out
 * wait for their outcome); when fewer than one in HIT_SHARE of those probes found the site,
 * later groups skip it (the next probe comes when a site is likely to be
 * there), except one group in SAMPLE, which keeps the sample going so that a tenant that turns
 * fast is noticed.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** At-once probes made before the run's evidence decides. */
export const SAMPLE = 10;
/** At-once probes are kept while at least one in this many finds the site. */
export const HIT_SHARE = 10;

/** The run's record of at-once probes; one per tenant client. */
export class AtOnceProbes {
  private tries = 0;
  private hits = 0;
  /** Sample probes sent and not yet recorded. */
  private pending = 0;
  private skipped = 0;
  /** Groups that came while the sample was out, waiting for its verdict. */
  private readonly waiting: (() => void)[] = [];

  /**
   * Whether the next new group's site is to be probed at once: `true` for the first SAMPLE
   * groups; a group that comes while those probes are out waits for their outcome (a moment),
   * so that neither a fast tenant's groups wait a minute nor a slow tenant's probe in vain.
   * A `true` must be followed by `record` (also when the probe fails).
   */
  async shouldProbe(): Promise<boolean> {
    if (this.tries + this.pending < SAMPLE) {
      this.pending++;
      return true;
    }
    if (this.tries < SAMPLE) await new Promise<void>((resolve) => this.waiting.push(resolve));
    if (this.hits * HIT_SHARE >= this.tries) return true;
    this.skipped++;
    return this.skipped % SAMPLE === 0;
  }

  /** The outcome of an at-once probe (`found`: the site was there; a failed probe found nothing). */
  record(found: boolean): void {
    if (this.pending > 0) this.pending--;
    this.tries++;
    if (found) this.hits++;
    if (this.tries >= SAMPLE) for (const wake of this.waiting.splice(0)) wake();
  }
}

const byTenant = new WeakMap<TenantClient, AtOnceProbes>();

/** The record of the run that talks through `tenant`. */
export function atOnceProbesOf(tenant: TenantClient): AtOnceProbes {
  let probes = byTenant.get(tenant);
  if (!probes) byTenant.set(tenant, (probes = new AtOnceProbes()));
  return probes;
}
