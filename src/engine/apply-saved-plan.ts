/**
 * A saved plan applies only to the tenant it was made against: re-read the plan's resources,
 * plan them again and compare each address's observed digest. Any difference refuses the
 * apply, naming what moved.
 */
import type { Plan } from '../model/plan.ts';
import { desiredOfPlan, planDesired } from './plan-blueprint.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

export interface Staleness {
  stale: boolean;
  /** Addresses whose tenant state differs from when the plan was made. */
  moved: string[];
}

export async function checkSavedPlan(plan: Plan, tenant: TenantClient): Promise<Staleness> {
  const fresh = await planDesired(desiredOfPlan(plan), tenant, plan.tenant, plan.createdAt);
  const freshDigests = new Map(fresh.changes.map((c) => [c.address, c.observedDigest]));
  const moved = plan.changes.filter((c) => freshDigests.get(c.address) !== c.observedDigest).map((c) => c.address);
  return { stale: moved.length > 0, moved };
}
