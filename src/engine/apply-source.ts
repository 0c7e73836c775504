/**
 * What an apply run applies, and the checks each source needs before the lock is taken: a
 * blueprint (planned under the lock), a saved plan (made against this tenant, and the tenant not
 * moved since), or a plan the caller has just made (applied as it is). A plan whose changes this
 * credential or this consent cannot make is refused here, before anything changes.
 */
import { changesNeedingCustomScript, customScriptRefusal } from '../apply/custom-script.ts';
import type { KnownUsers } from '../kinds/shared/teams-common.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Plan } from '../model/plan.ts';
import type { Desired } from '../model/resources.ts';
import { ownerOf } from '../plan/build-plan.ts';
import { changesSharePointRefuses } from '../tenant/credentials/sharepoint-refusal.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { checkPlanTenant, checkSavedPlan } from './apply-saved-plan.ts';
import { checkAgainstTenant, desiredOfPlan, planDesired } from './plan-blueprint.ts';

/**
 * `blueprint`: planned once the lock and lease are held. `saved` (`file` names it in messages):
 * refused when made against another tenant or when the tenant changed since. `plan`: a plan the
 * caller has just made against this tenant (tests, benchmarks), applied without re-reading.
 */
export type ApplySource = { blueprint: Desired } | { saved: Plan; file: string } | { plan: Plan };

/** Whose lease the run takes: the blueprint's owner name. */
export function ownerOfSource(source: ApplySource): string {
  if ('blueprint' in source) return ownerOf(source.blueprint);
  return 'saved' in source ? source.saved.owner : source.plan.owner;
}

/** The checks before the lock refused the source: the plan's tenant, the users named. */
export type SourceRefusal = { status: 'other-tenant'; message: string } | { status: 'invalid'; diagnostics: Diagnostic[] };

/** The checks passed: the users they found, for the plan's read and the run (none for a plan given as it is). */
export interface SourceChecked {
  status: 'checked';
  users: KnownUsers;
}

export async function checkSource(source: ApplySource, tenant: TenantClient, onDiagnostics: (d: Diagnostic[]) => void): Promise<SourceRefusal | SourceChecked> {
  if ('plan' in source) return { status: 'checked', users: new Map() };
  // A saved plan applies only to the tenant it was made against: checked before anything else.
  if ('saved' in source) {
    const other = await checkPlanTenant(source.saved, tenant);
    if (other) return { status: 'other-tenant', message: other.message };
  }
  // The users the blueprint (or the saved plan) names must exist: refused before any change.
  const { diagnostics, users } = await checkAgainstTenant('blueprint' in source ? source.blueprint : desiredOfPlan(source.saved), tenant);
  if (diagnostics.length > 0) onDiagnostics(diagnostics);
  return diagnostics.some((d) => d.severity === 'error') ? { status: 'invalid', diagnostics } : { status: 'checked', users };
}

/** Makes the plan under the lock (reading no user `users` holds), or says why there is none (a stale saved plan). */
export async function planOfSource(source: ApplySource, tenant: TenantClient, tenantName: string, users: KnownUsers): Promise<{ ok: true; plan: Plan } | { ok: false; why: string[] }> {
  if ('plan' in source) return { ok: true, plan: source.plan };
  if ('blueprint' in source) return { ok: true, plan: await planDesired(source.blueprint, tenant, tenantName, { digests: false, knownUsers: users }) };
  const staleness = await checkSavedPlan(source.saved, tenant, users);
  if (!staleness.stale) return { ok: true, plan: source.saved };
  return { ok: false, why: [`The saved plan ${source.file} is stale: the tenant changed since it was made, at:`, ...staleness.moved.map((a) => `  ${a}`), 'Make a new plan.'] };
}

/** Refusals of a plan beyond destructive consent: lines saying why, or undefined to go on. */
export function vetPlan(plan: Plan, tenant: TenantClient, allowCustomScript: boolean): string[] | undefined {
  const spRefused = changesSharePointRefuses(plan.changes, tenant.identity);
  if (spRefused.length > 0) {
    return [
      `Refusing to apply: ${spRefused.length} change(s) go through SharePoint, which refuses this credential's tokens, e.g. ${spRefused.slice(0, 3).join(', ')}.`,
      'Nothing was changed. Sign in with a certificate, workload identity federation, a managed identity or as an admin (see the warning above).',
    ];
  }
  const scripted = changesNeedingCustomScript(plan);
  if (scripted.length > 0 && !allowCustomScript) return customScriptRefusal(scripted);
  return undefined;
}
