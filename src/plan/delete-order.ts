/**
 * Which undeclared resources found for pruning use which: deletes run dependents first, the
 * reverse of creates, so that the service never refuses a delete because something still uses
 * the object (a group that a role assignment names, a permission level an assignment grants, a
 * site content type that a list's copy or a child type derives from, a site column a content type
 * may link, a hub that a site joins). Each kind's rules say what its resources use
 * (`KindRules.uses`, in src/kinds/<kind>/rules.ts), so a new kind's uses live in its folder.
 * Pure: it reads only the addresses, ids and props that `listExisting` reports.
 */
import { addressKey, siteOfAddress, type Address } from '../model/address.ts';
import type { FoundResource } from '../model/found.ts';
import { rulesOf, type KindRulesByKind } from '../kinds/kind-rules.ts';

/**
 * For each delete, the addresses of the deletes that must run before it (what uses it), in the
 * order the deletes are given.
 */
export function deleteDependencies(deleted: readonly FoundResource[], rules: KindRulesByKind): Map<Address, Address[]> {
  // Only kinds that use something are asked, only about the kinds they may use (`usedKinds`), and
  // only about their own site's resources unless their uses cross sites: a prune of 10,000
  // workspaces' lists asks nothing, and one of their content types asks within each site (it
  // asked every pair: 8,000 deletes took 50 s).
  const users = deleted.map((d, place) => ({ d, place, key: addressKey(d.address), rules: rulesOf(rules, d.kind) })).filter((u) => u.rules.uses !== undefined);
  // Users whose uses cross sites, by the kind they may use (any kind when they do not say).
  const acrossByKind = new Map<string, typeof users>();
  for (const u of users.filter((x) => x.rules.usesOtherSites === true)) {
    for (const kind of u.rules.usedKinds ?? Object.keys(rules)) {
      const list = acrossByKind.get(kind);
      if (list) list.push(u);
      else acrossByKind.set(kind, [u]);
    }
  }
  const bySite = new Map<string, typeof users>();
  for (const u of users) {
    if (u.rules.usesOtherSites === true) continue;
    const site = siteOfAddress(u.d.address) ?? '';
    const here = bySite.get(site);
    if (here) here.push(u);
    else bySite.set(site, [u]);
  }
  const out = new Map<Address, Address[]>();
  const asked = (u: (typeof users)[number], used: FoundResource) => u.rules.usedKinds?.includes(used.kind) ?? true;
  for (const used of deleted) {
    const key = addressKey(used.address);
    const across = acrossByKind.get(used.kind) ?? [];
    const candidates = [...(bySite.get(siteOfAddress(used.address) ?? '') ?? []).filter((u) => asked(u, used)), ...across].sort((a, b) => a.place - b.place);
    out.set(used.address, candidates.filter((u) => u.key !== key && u.rules.uses!(u.d, used)).map((u) => u.d.address));
  }
  return out;
}
