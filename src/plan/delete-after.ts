/**
 * Deletes that wait for a declared change beside them: a kind's `deleteAfter` (KindRules) says
 * which planned changes of its own kind, in the same container, the service needs made before it
 * takes the delete (a list keeps a default view: the old default view is deleted after another
 * one is made the default). Pure; a delete is asked only about its siblings, so that a prune over
 * thousands of workspaces stays linear.
 */
import { addressKey, containerOf, type Address } from '../model/address.ts';
import type { Change } from '../model/change.ts';
import type { FoundResource } from '../model/found.ts';
import { rulesOf, type KindRulesByKind } from '../kinds/kind-rules.ts';

/** For each delete whose kind has `deleteAfter`, the declared changes it must wait for (only those with any). */
export function deleteAfterSiblings(deleted: readonly FoundResource[], declared: readonly Change[], rules: KindRulesByKind): Map<Address, Address[]> {
  const out = new Map<Address, Address[]>();
  const asking = deleted.filter((d) => rulesOf(rules, d.kind).deleteAfter !== undefined);
  if (asking.length === 0) return out;
  // The declared changes of the asking kinds, by kind and container.
  const kinds = new Set(asking.map((d) => d.kind));
  const siblings = new Map<string, Change[]>();
  for (const change of declared) {
    if (!kinds.has(change.kind) || change.action === 'delete') continue;
    const key = siblingKey(change.kind, change.address);
    if (key === undefined) continue;
    const list = siblings.get(key);
    if (list) list.push(change);
    else siblings.set(key, [change]);
  }
  for (const found of asking) {
    const key = siblingKey(found.kind, found.address);
    const waits = (key === undefined ? [] : (siblings.get(key) ?? [])).filter((s) => rulesOf(rules, found.kind).deleteAfter!(found, s)).map((s) => s.address);
    if (waits.length > 0) out.set(found.address, waits);
  }
  return out;
}

function siblingKey(kind: string, address: Address): string | undefined {
  const container = containerOf(address);
  return container === undefined ? undefined : `${kind}\u0000${addressKey(container)}`;
}
