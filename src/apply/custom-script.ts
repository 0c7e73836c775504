/**
 * Consent for custom script (`--allow-custom-script`): the changes of a plan that need custom
 * script allowed on their site (`Change.customScript`, decided at plan time from the site's
 * `DenyAddAndCustomizePages`), the words apply refuses them with, and the step apply takes right
 * before such a change when consent is given: allowing custom script on that one site through the
 * tenant admin API. Nothing is allowed on a site whose changes do not need it.
 */
import type { Change } from '../model/change.ts';
import type { Plan } from '../model/plan.ts';
import { allowCustomScript } from '../kinds/shared/custom-script.ts';
import type { ResourceIds } from '../model/found.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

/** The CLI flag that gives consent. */
export const ALLOW_CUSTOM_SCRIPT_FLAG = 'allow-custom-script';

/** The changes of a plan that need custom script allowed on their site. */
export function changesNeedingCustomScript(plan: Plan): Change[] {
  return plan.changes.filter((c) => c.customScript && c.action !== 'noop' && c.action !== 'unknown');
}

/** Lines that refuse a plan whose changes need custom script, naming the flag and the sites. */
export function customScriptRefusal(changes: readonly Change[]): string[] {
  const sites = [...new Set(changes.map((c) => c.customScript!.site))].sort();
  return [
    `Refusing to apply: ${changes.length} change${changes.length === 1 ? '' : 's'} need${changes.length === 1 ? 's' : ''} custom script allowed (DenyAddAndCustomizePages off) on ${sites.length === 1 ? 'this site' : 'these sites'}:`,
    ...changes.map((c) => `  ${c.address}: ${c.customScript!.reason}`),
    `Nothing was changed. Pass --${ALLOW_CUSTOM_SCRIPT_FLAG} to let apply allow custom script on ${sites.join(', ')} through the tenant admin API right before those changes (SharePoint denies it again within 24 hours).`,
  ];
}

/** Allows custom script on the change's site, right before the change (consent given). */
export async function allowCustomScriptFor(change: Change, ids: ResourceIds, tenant: TenantClient, progress: (message: string) => void): Promise<void> {
  if (!ids.siteId) throw new Error(`custom script cannot be allowed on ${change.customScript?.site ?? change.address}: the site's id is not known`);
  await allowCustomScript(tenant, ids.siteId);
  progress(`allowed custom script on ${change.customScript?.site ?? 'the site'} (DenyAddAndCustomizePages off; SharePoint denies it again within 24 hours)`);
}
