/**
 * For pruning: finds what exists in the tenant under the blueprint's containers (or, for sites,
 * in the ownership ledger) that the blueprint does not declare, and whether the engine owns it.
 * Only kinds named by a prune rule are looked at, so a blueprint without `prune:` costs nothing.
 */
import pLimit from 'p-limit';
import { addressKey, containerOf, type Address } from '../model/address.ts';
import type { Observed } from '../model/observed.ts';
import type { Desired, PruneKind, ResourceKind } from '../model/resources.ts';
import type { OwnershipLedger } from '../ownership/ledger.ts';
import { mayBeRecorded } from '../ownership/ledger-record.ts';
import { LedgerUnreadableError, scopeOf } from '../ownership/ledger-scope.ts';
import type { FoundResource, ResourceIds } from '../model/found.ts';
import type { ReadContext } from '../kinds/kind-effects.ts';
import { anyKind } from '../kinds/registry.ts';
import { siteGroupId } from '../kinds/shared/site-group.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

export type { FoundResource } from '../model/found.ts';

/**
 * Containers listed (and undeclared sites read) at once: a prune over 10,000 workspaces lists
 * theirs a window at a time instead of holding a request for each at the transport's gate.
 */
const LISTED_AT_ONCE = 64;

/** The resource kinds a prune kind stands for. */
export function kindsOf(prune: PruneKind): ResourceKind[] {
  return prune === 'site' ? ['teamSite', 'commSite'] : [prune as ResourceKind];
}

export async function readExisting(desired: Desired, observed: Observed, tenant: TenantClient, ledger: OwnershipLedger): Promise<FoundResource[]> {
  // Keyed as the service compares names: `list[dokument]` in the tenant is the declared `list[Dokument]`.
  const declared = new Map(desired.resources.map((r) => [addressKey(r.address), r]));
  const wanted = new Map<string, { kind: ResourceKind; container?: Address }>();
  const want = (kind: ResourceKind, container?: Address) => wanted.set(`${kind}|${container ?? ''}`, { kind, ...(container ? { container } : {}) });
  for (const rule of desired.prune ?? []) {
    for (const kind of kindsOf(rule.kind)) {
      if (rule.container) want(kind, rule.container);
      else if (kind === 'teamSite' || kind === 'commSite') want(kind);
      else {
        const parents = anyKind(kind).parentKinds;
        // A tenant-level kind (no parent kinds, e.g. termGroup) is listed once, with no container.
        if (!parents) wanted.set(`${kind}|`, { kind, container: '' });
        else for (const r of desired.resources) if (parents.includes(r.kind)) want(kind, r.address);
      }
    }
  }
  for (const r of desired.resources) for (const p of r.prune ?? []) for (const kind of kindsOf(p)) want(kind, r.address);

  // What a declared resource was read as, by kind and id: an object found under another name that
  // a declared one reads as (a site's own group, named by the site's new title, found by its old
  // name: own-site-groups.ts) is that declared resource, never a prune.
  const declaredIds = new Set<string>();
  for (const r of desired.resources) {
    const state = observed.get(r.address);
    if (state?.status === 'present' && state.id) declaredIds.add(`${r.kind}|${listedIn(r.address)}|${state.id.toLowerCase()}`);
  }
  const memoTable = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = memoTable.get(key) as Promise<T> | undefined;
    if (!hit) memoTable.set(key, (hit = load()));
    return hit;
  };
  const found = new Map<Address, FoundResource>();
  let sitesRead = false;
  const limit = pLimit(LISTED_AT_ONCE);
  await Promise.all(
    [...wanted.values()].map(({ kind, container }) => limit(async () => {
      if (container === undefined) {
        if (sitesRead) return;
        sitesRead = true;
        for (const site of await readOwnedSites(ledger, tenant, declared)) found.set(site.address, site);
        return;
      }
      const state = container === '' ? { status: 'present' as const, ids: {} as ResourceIds } : observed.get(container);
      if (state?.status !== 'present') return;
      const provider = anyKind(kind);
      if (!provider.listExisting) throw new Error(`${kind} cannot be pruned: its provider cannot list what exists`);
      const ownership = async (address: Address, id?: string): Promise<[boolean | 'unknown', string?]> => {
        try {
          return [ownedIn(await ledger.records(scopeOf(ledger.blueprint, address, state.ids?.siteId)), address, id)];
        } catch (error) {
          if (!(error instanceof LedgerUnreadableError)) throw error;
          return ['unknown', error.message];
        }
      };
      const mayPrune = async (address: Address) => !declared.has(addressKey(address)) && (await ownership(address))[0] !== false;
      const ctx: ReadContext = { tenant, parentIds: state.ids ?? {}, parentFacts: ('facts' in state ? state.facts : undefined) ?? {}, memo, mayPrune };
      for (const item of await provider.listExisting(container, state.ids ?? {}, ctx)) {
        if (declared.has(addressKey(item.address))) continue;
        if (item.id && declaredIds.has(`${kind}|${listedIn(item.address)}|${item.id.toLowerCase()}`)) continue;
        const [owned, why] = item.owned !== undefined ? [item.owned] : await ownership(item.address, item.id);
        found.set(item.address, { kind, address: item.address, id: item.id, ids: item.ids, ...(item.facts ? { facts: item.facts } : {}), props: item.props, owned, ...(why ? { why } : {}) });
      }
    })),
  );
  return [...found.values()];
}

/** The container an address lies in (a list's role assignment lies in the list), compared as the service compares names. */
function listedIn(address: Address): string {
  return addressKey(containerOf(address) ?? '');
}

/**
 * Whether the ledger records an address, as the service compares names: an object renamed in
 * case only (a node `kontakt` retitled `Kontakt`) is still the one the engine made, and, once the
 * create's outcome is recorded, whether the object found (`id`) is the one it made.
 */
function ownedIn(records: ReadonlyMap<Address, string>, address: Address, id?: string): boolean {
  let recorded = records.get(address);
  if (recorded === undefined) {
    const key = addressKey(address);
    for (const [a, value] of records) if (addressKey(a) === key) recorded = value;
  }
  return recorded !== undefined && (id === undefined || mayBeRecorded(recorded, id));
}

/** Sites the ledger says this blueprint created and it no longer declares, as they are now. */
async function readOwnedSites(ledger: OwnershipLedger, tenant: TenantClient, declared: Map<Address, unknown>): Promise<FoundResource[]> {
  const out: FoundResource[] = [];
  const { sites, recorded, unreadable } = await ledger.ownedSites();
  // A shard that cannot be read hides which sites it owns: pruning sites is unknown there.
  for (const e of unreadable) out.push({ kind: 'teamSite', address: `ledger[${e.scope.item}]`, id: '', ids: {}, props: {}, owned: 'unknown', why: e.message });
  // LISTED_AT_ONCE sites read at a time: a blueprint that drops 500 rows of its CSV read its 500
  // sites one after the other, two requests each.
  const limit = pLimit(LISTED_AT_ONCE);
  const read = await Promise.all(
    [...sites].map((address) => limit(async (): Promise<FoundResource | undefined> => {
      if (declared.has(addressKey(address))) return undefined;
      const url = /^site\[([^\]]*)\]$/.exec(address)?.[1];
      if (!url) return undefined;
      const site = await tenant.graph.find<{ id: string; webUrl: string; displayName: string }>(`/sites/${tenant.sharepointHost}:${url}?$select=id,webUrl,displayName`);
      if (!site) return undefined;
      const groupId = await siteGroupId(tenant, site.webUrl);
      // What the create recorded (a group's id, a site's id) must be what is at the URL now.
      if (!mayBeRecorded(recorded.get(address)!, groupId ?? site.id)) return undefined;
      return {
        kind: groupId ? 'teamSite' : 'commSite',
        address,
        id: groupId ?? site.id,
        ids: { siteId: site.id, webUrl: site.webUrl, ...(groupId ? { groupId } : {}) },
        props: { url, title: site.displayName },
        owned: true,
      };
    })),
  );
  for (const site of read) if (site) out.push(site);
  return out;
}
