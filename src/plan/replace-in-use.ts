/**
 * A replace deletes the object before it makes it again, and the service refuses to delete what
 * a present object still uses: a site column that content types link ("Delete a site column",
 * Microsoft Support: remove it from the content types that reference it first), a site content
 * type that a list's copy derives from (SPContentTypeCollection.Delete). Pure: it reads only the
 * blueprint's resources, what was read of them and their changes.
 *
 * For each replace, the declared resources of its site are asked (`KindRules.uses`):
 * - one that uses what is there now (as read) and will use its replacement (as the blueprint
 *   states it), such as a list's copy of a content type whose parent changes, makes the replace
 *   impossible in one apply (its delete would wait for the user, the user's new form for the
 *   replacement): the replace is planned as an update whose forcing properties are not applied,
 *   naming the users and what to do;
 * - one that uses it now and will not (a content type whose link to the column the blueprint
 *   removes), one inside another replaced resource (a list replaced takes its copies with it), or
 *   an undeclared one the plan prunes, must change first: the replace depends on that change.
 */
import { containerIn, siteOfAddress, type Address } from '../model/address.ts';
import type { Change, PropertyChange } from '../model/change.ts';
import type { FoundResource } from '../model/found.ts';
import type { Observed } from '../model/observed.ts';
import type { AnyDesiredResource } from '../model/resources.ts';
import { rulesOf, type KindRulesByKind } from '../kinds/kind-rules.ts';

/** Users named in a blocked replace's reason; the rest are counted. */
const NAMED_USERS = 3;

type Replace = Extract<Change, { action: 'replace' }>;

/**
 * The changes with each replace that present users block turned into an update whose forcing
 * properties are not applied, and each other replace depending on the changes of the users that
 * must go first. `reordered` is true when a dependency was added (the caller orders again).
 * `changes` holds a change per resource, then the prune's deletes; `mark` gives a turned
 * update the kind's marks (destructive, not applied) as any other update.
 */
export function replacesInUse(changes: Change[], resources: readonly AnyDesiredResource[], observed: Observed, rules: KindRulesByKind, mark: (update: Change) => Change): { changes: Change[]; reordered: boolean } {
  if (!changes.some((c) => c.action === 'replace')) return { changes, reordered: false };
  // By site, built once, only for a plan that replaces something: a template's change of a
  // column's type replaces it in every workspace, and each looks only at its own site.
  const declaredBySite = groupBySite(resources.map((r, i) => [r.address, i] as const));
  const replacesBySite = groupBySite(changes.flatMap((c, i) => (c.action === 'replace' ? [[c.address, i] as const] : [])));
  const deletesBySite = groupBySite(changes.flatMap((c, i) => (c.action === 'delete' ? [[c.address, i] as const] : [])));
  const placeOf = new Map(resources.map((r, i) => [r.address, i]));
  const usesOf = (user: FoundResource, used: FoundResource) => rulesOf(rules, user.kind).uses?.(user, used) ?? false;
  let reordered = false;
  const out = changes.slice();
  for (const [site, replaceIndexes] of replacesBySite) {
    const replacedHere = new Set(replaceIndexes.map((i) => changes[i]!.address));
    for (const at of replaceIndexes) {
      const replace = changes[at] as Replace;
      const place = placeOf.get(replace.address);
      const seen = observed.get(replace.address);
      if (place === undefined || seen?.status !== 'present') continue;
      const resource = resources[place]!;
      // What is there now, as read, and its replacement, as stated (with the id it will be given).
      const now = found(resource, seen.id, seen.ids ?? {}, seen.props as Record<string, unknown>);
      const next = found(resource, declaredId(resource) ?? seen.id, seen.ids ?? {}, resource.props as unknown as Record<string, unknown>);
      const blockers: Address[] = [];
      const first = new Set<Address>();
      for (const i of declaredBySite.get(site) ?? []) {
        const user = resources[i]!;
        const state = observed.get(user.address);
        if (i === place || state?.status !== 'present') continue;
        if (!usesOf(found(user, state.id, state.ids ?? {}, state.props as Record<string, unknown>), now)) continue;
        // Inside a replaced resource: that replace removes the user first.
        const container = containerIn(user.address, replacedHere);
        if (container) first.add(container);
        else if (usesOf(found(user, state.id, state.ids ?? {}, user.props as unknown as Record<string, unknown>), next)) blockers.push(user.address);
        else first.add(user.address);
      }
      // An undeclared user pruned in this plan (a list's copy no longer declared) goes first.
      for (const i of deletesBySite.get(site) ?? []) {
        const d = changes[i] as Extract<Change, { action: 'delete' }>;
        if (usesOf({ kind: d.kind, address: d.address, id: d.id, ids: d.ids, props: d.before, owned: true }, now)) first.add(d.address);
      }
      if (blockers.length > 0) {
        out[at] = mark(blocked(replace, blockers));
        continue;
      }
      const added = [...first].filter((a) => a !== replace.address && !replace.dependsOn.includes(a));
      if (added.length > 0) {
        out[at] = { ...replace, dependsOn: [...replace.dependsOn, ...added] };
        reordered = true;
      }
    }
  }
  return { changes: out, reordered };
}

/** Places grouped by the site their address is in (addresses outside a site are left out). */
function groupBySite(entries: readonly (readonly [Address, number])[]): Map<Address, number[]> {
  const bySite = new Map<Address, number[]>();
  for (const [address, place] of entries) {
    const site = siteOfAddress(address);
    if (site === undefined) continue;
    const places = bySite.get(site);
    if (places) places.push(place);
    else bySite.set(site, [place]);
  }
  return bySite;
}

/** The id a blueprint gives a resource itself (a content type's derived id), if it gives one. */
function declaredId(resource: AnyDesiredResource): string | undefined {
  const id = (resource.props as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

function found(resource: AnyDesiredResource, id: string, ids: Record<string, string>, props: Record<string, unknown>): FoundResource {
  return { kind: resource.kind, address: resource.address, id, ids, props, owned: true };
}

/** The replace as an update: its differences, those that force it not applied, and why. */
function blocked(replace: Replace, users: Address[]): Change {
  const diffs: PropertyChange[] = (replace.changes ?? []).map(({ forcesReplacement: _forces, ...d }) => d);
  const forcing = (replace.changes ?? []).filter((d) => d.forcesReplacement).map((d) => d.name);
  const named = users.slice(0, NAMED_USERS).join(', ') + (users.length > NAMED_USERS ? ` and ${users.length - NAMED_USERS} more` : '');
  const reason = `it must be replaced (${replace.reason}), and the service refuses to delete it while ${named} ${users.length === 1 ? 'uses' : 'use'} it: take it out of ${users.length === 1 ? 'that' : 'those'} in the blueprint (with prune where it is a list's copy), and the same apply replaces it after them; or declare a new one under another name`;
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const d of diffs) {
    before[d.name] = d.before;
    after[d.name] = d.after;
  }
  // The kind's own marks (destructive, not applied) are the caller's to give again (`mark`).
  const { reason: _replaceReason, destructive: _destructive, notApplied: _notApplied, changes: _changes, before: _before, after: _after, action: _action, ...rest } = replace;
  return { ...rest, action: 'update', before, after, changes: diffs, notApplied: { props: forcing, reason } };
}
