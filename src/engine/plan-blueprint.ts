/**
 * Blueprint file -> Plan: load and validate (no tenant call when there is any error), read the
 * tenant for every desired resource, and build the plan with the pure `buildPlan`.
 */
import { loadBlueprint } from '../blueprint/index.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Plan } from '../model/plan.ts';
import type { Desired } from '../model/resources.ts';
import { readTenant } from '../observe/read-tenant.ts';
import { buildPlan } from '../plan/build-plan.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

export type BlueprintLoad = { ok: true; desired: Desired; diagnostics: Diagnostic[] } | { ok: false; diagnostics: Diagnostic[] };

export async function loadDesired(file: string): Promise<BlueprintLoad> {
  const { desired, diagnostics } = await loadBlueprint(file);
  if (!desired || diagnostics.some((d) => d.severity === 'error')) return { ok: false, diagnostics };
  return { ok: true, desired, diagnostics };
}

export async function planDesired(desired: Desired, tenant: TenantClient, tenantName: string): Promise<Plan> {
  const observed = await readTenant(desired.resources, tenant);
  return buildPlan(desired, observed, { tenant: tenantName, now: new Date().toISOString() });
}
