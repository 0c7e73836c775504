/**
 * A saved plan applies only to the tenant it was made against, and only as that tenant was:
 * first the tenant's identity (id and SharePoint host) must be the plan's; then re-read the
 * plan's resources, plan them again and compare each address's observed digest. Any difference
 * refuses the apply, naming what moved.
 */
import type { KnownUsers } from '../kinds/shared/teams-common.ts';
import type { Plan, TenantIdentity } from '../model/plan.ts';
import { desiredOfPlan, planDesired } from './plan-blueprint.ts';
import { describeTenant, sameTenant, tenantIdentityOf } from './tenant-identity.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

export interface Staleness {
  stale: boolean;
  /** Addresses whose tenant state differs from when the plan was made. */
  moved: string[];
  /** Set when the plan was made against another tenant: nothing else was checked. */
  otherTenant?: { planned: TenantIdentity; current: TenantIdentity; message: string };
}

/** Null when the plan was made against this tenant; otherwise both identities and a message naming them. */
export async function checkPlanTenant(plan: Plan, tenant: TenantClient): Promise<Staleness['otherTenant'] | null> {
  const current = await tenantIdentityOf(tenant);
  if (plan.target && sameTenant(plan.target, current)) return null;
  const planned = plan.target ?? { tenantId: 'unknown', host: 'unknown' };
  return { planned, current, message: `the plan was made against ${describeTenant(planned)}, but this run targets ${describeTenant(current)}` };
}

/** Re-reads the saved plan's resources (`knownUsers`: the users the principal check found) and names what moved. */
export async function checkSavedPlan(plan: Plan, tenant: TenantClient, knownUsers?: KnownUsers): Promise<Staleness> {
  const otherTenant = await checkPlanTenant(plan, tenant);
  if (otherTenant) return { stale: true, moved: [], otherTenant };
  const fresh = await planDesired(desiredOfPlan(plan), tenant, plan.tenant, { now: plan.createdAt, ...(knownUsers ? { knownUsers } : {}) });
  const freshDigests = new Map(fresh.changes.map((c) => [c.address, c.observedDigest]));
  const moved = plan.changes.filter((c) => freshDigests.get(c.address) !== c.observedDigest).map((c) => c.address);
  return { stale: moved.length > 0, moved };
}
