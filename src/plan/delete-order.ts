/**
 * Which undeclared resources found for pruning use which: deletes run dependents first, the
 * reverse of creates, so that the service never refuses a delete because something still uses
 * the object (a group that a role assignment names, a permission level an assignment grants, a
 * site content type that a list's copy or a child type derives from, a site column a content type
 * may link, a hub that a site joins). Each kind's rules say what its resources use
 * (`KindRules.uses`, in src/kinds/<kind>/rules.ts), so a new kind's uses live in its folder.
 * Pure: it reads only the addresses, ids and props that `listExisting` reports.
 */
import { addressKey, type Address } from '../model/address.ts';
import type { FoundResource } from '../model/found.ts';
import { rulesOf, type KindRulesByKind } from '../kinds/kind-rules.ts';

/**
 * For each delete, the addresses of the deletes that must run before it (what uses it), in the
 * order the deletes are given.
 */
export function deleteDependencies(deleted: readonly FoundResource[], rules: KindRulesByKind): Map<Address, Address[]> {
  const uses = (user: FoundResource, used: FoundResource) => rulesOf(rules, user.kind).uses?.(user, used) ?? false;
  const out = new Map<Address, Address[]>();
  for (const used of deleted) {
    const before = deleted.filter((user) => addressKey(user.address) !== addressKey(used.address) && uses(user, used)).map((u) => u.address);
    out.set(used.address, before);
  }
  return out;
}
