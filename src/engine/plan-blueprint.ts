/**
 * Blueprint file -> Plan: load and validate (no tenant call when there is any error), read the
 * tenant for every desired resource, and build the plan with the pure `buildPlan`.
 */
import type { Plan } from '../model/plan.ts';
import type { Desired } from '../model/resources.ts';
import { readTenant } from '../observe/read-tenant.ts';
import { readExisting } from '../observe/read-existing.ts';
import { OwnershipLedger } from '../ownership/ledger.ts';
import { buildPlan, ownerOf } from '../plan/build-plan.ts';
import { KIND_RULES } from '../kinds/registry.ts';
import { knownUserEntries, type KnownUsers } from '../kinds/shared/teams-common.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { checkPrincipals, type PrincipalCheck } from './principals/resolve.ts';
import { checkEntraGroups } from './principals/entra-groups-check.ts';
import { checkHubs } from './hubs/check.ts';
import { checkSiteOwners } from './site-owners/check.ts';
import { tenantIdentityOf } from './tenant-identity.ts';

export { loadDesired, type BlueprintLoad } from './load-desired.ts';

/** True when the blueprint asks to prune anything (only then is the tenant searched for more). */
export function prunes(desired: Desired): boolean {
  return (desired.prune?.length ?? 0) > 0 || desired.resources.some((r) => (r.prune?.length ?? 0) > 0);
}

/** How `planDesired` builds its plan. */
export interface PlanOptions {
  /** The plan's time (default: now); a saved plan's check passes the saved plan's. */
  now?: string;
  /**
   * Digest what was observed (`PlanContext.digests`, default true): false for a plan that is only
   * shown or applied at once, never saved, shown as JSON or compared.
   */
  digests?: boolean;
  /** Users the principal check found (`checkAgainstTenant`): the read looks them up no more. */
  knownUsers?: KnownUsers;
}

/** Reads the tenant and builds the plan, recording which tenant it was made against (`Plan.target`). */
export async function planDesired(desired: Desired, tenant: TenantClient, tenantName: string, options: PlanOptions = {}): Promise<Plan> {
  const now = options.now ?? new Date().toISOString();
  const ledger = new OwnershipLedger(tenant.graph, ownerOf(desired));
  const [target, observed] = await Promise.all([tenantIdentityOf(tenant), readTenant(desired.resources, tenant, ledger, knownUserEntries(options.knownUsers ?? new Map()))]);
  const existing = prunes(desired) ? await readExisting(desired, observed, tenant, ledger) : [];
  return { ...buildPlan(desired, observed, KIND_RULES, { tenant: tenantName, now, digests: options.digests ?? true }, existing), target };
}

/**
 * The checks of a blueprint that need the tenant but no plan: every user it names exists in the
 * directory and every Entra group it names is one usable group (src/engine/principals), every hub it joins without declaring is a hub
 * (src/engine/hubs), every site it would create names the owners the service needs (a
 * communication site's, a team site's with a team: src/engine/site-owners). Errors here are errors of the plan: `plan` exits 1 and `apply` changes
 * nothing. Each distinct user is looked up once; the users found are given back, for
 * `planDesired`'s and the apply run's reads (`knownUsers`).
 */
export async function checkAgainstTenant(desired: Desired, tenant: TenantClient): Promise<PrincipalCheck> {
  const [principals, groups, hubs, owners] = await Promise.all([
    checkPrincipals(desired.resources, tenant.graph, desired.file, desired.rowsOfSites),
    checkEntraGroups(desired.resources, tenant.graph, desired.file, desired.rowsOfSites),
    checkHubs(desired, tenant),
    checkSiteOwners(desired, tenant),
  ]);
  const more = [...groups, ...hubs, ...owners];
  return more.length === 0 ? principals : { ...principals, diagnostics: [...principals.diagnostics, ...more] };
}

/** The Desired a plan was made from (for re-planning a saved plan). */
export function desiredOfPlan(plan: Plan): Desired {
  return { file: plan.blueprint, name: plan.owner, resources: plan.resources, prune: plan.prune };
}
