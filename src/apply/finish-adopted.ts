/**
 * An object adopted after a create that got no clear answer may be one its create left part-way:
 * a SharePoint group made and its members not yet added, a list's inheritance (found whenever
 * its list is) whose break did not take. What differs from the blueprint, compared as a plan
 * compares it (`differences`), is written now by the kind's update, so that the apply that
 * started the create finishes it and reports what it did, instead of "adopted" over a half-made
 * object (and the role assignments under an unbroken list failing). Only for SharePoint's kinds,
 * whose reads see every committed write at once: not for a kind whose lookup lags (`lookupLag`)
 * or that lives in Teams and the directory (`writesOutsideSharePoint`), where a read just after a
 * write may show what is already there as missing. A difference that needs a replace is not made
 * here: it is the create's failure, and the next plan shows it.
 */
import type { AnyDesiredResource } from '../model/resources.ts';
import type { ResourceIds } from '../model/found.ts';
import type { AnyKind, WriteContext } from '../kinds/kind-effects.ts';
import { KIND_RULES } from '../kinds/registry.ts';
import { differences } from '../plan/build-plan.ts';

export async function finishAdopted(provider: AnyKind, resource: AnyDesiredResource, id: string, ids: ResourceIds, found: Record<string, unknown>, ctx: WriteContext): Promise<void> {
  if (provider.lookupLag || provider.writesOutsideSharePoint) return;
  const difference = differences(KIND_RULES, resource, found);
  if (difference.reason !== undefined) throw new Error(`adopted after a create that got no clear answer, but what was found differs from the blueprint: ${difference.reason}; the next plan shows it`);
  if (difference.diffs.length === 0) return;
  const names = difference.diffs.map((d) => d.name);
  ctx.progress(`adopted; finishing what its create left undone: ${names.join(', ')}`);
  await provider.update(resource, id, ids, names, ctx);
}
