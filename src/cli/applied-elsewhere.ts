/**
 * The warning for a plan that creates everything on a local tenant while the same blueprint was
 * applied from another folder (whose `.provision/` holds that tenant): the user most likely ran
 * from the wrong folder.
 */
import { foldersThatApplied } from '../engine/state-elsewhere.ts';
import type { Plan } from '../model/plan.ts';
import { info } from './output.ts';

export function warnIfAppliedElsewhere(plan: Plan, blueprintFile: string, tenant: string): void {
  if (tenant !== 'local' || plan.changes.length === 0) return;
  if (!plan.changes.every((c) => c.action === 'create')) return;
  const folders = foldersThatApplied(blueprintFile, process.cwd());
  if (folders.length === 0) return;
  info(`warning: this plan creates everything, but ${blueprintFile} was applied to the local tenant kept in ${folders.map((f) => `${f}/.provision`).join(', ')}.`);
  info(`         The local tenant's state is per folder; to use that tenant, run from ${folders[0]}.`);
}
