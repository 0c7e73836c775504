/**
 * Reads the tenant for a set of desired resources. Each resource waits for its parent's read:
 * under an absent parent a child is absent without a call; under an unknown parent it is
 * unknown. Siblings share collection reads through a memo. Concurrency is bounded by the
 * transport's pool. With the blueprint's ownership ledger, a provider whose lookups lag behind
 * the service's writes can ask what the ledger recorded for its resource (`ReadContext.recorded`).
 */
import type { Address } from '../model/address.ts';
import type { Observed, ObservedState } from '../model/observed.ts';
import type { AnyDesiredResource } from '../model/resources.ts';
import { anyKind } from '../kinds/registry.ts';
import type { ReadContext } from '../kinds/kind-effects.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { normalizeTenantError } from '../tenant/normalize-error.ts';
import { scopeOf, type OwnershipLedger } from '../ownership/ledger.ts';

export async function readTenant(resources: readonly AnyDesiredResource[], tenant: TenantClient, ledger?: OwnershipLedger): Promise<Observed> {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const reads = new Map<Address, Promise<ObservedState>>();
  const memoTable = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    let hit = memoTable.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      memoTable.set(key, hit);
      hit.catch(() => memoTable.delete(key));
    }
    return hit;
  };

  const readOne = (resource: AnyDesiredResource): Promise<ObservedState> => {
    let pending = reads.get(resource.address);
    if (pending) return pending;
    pending = (async (): Promise<ObservedState> => {
      const parent = resource.parent ? byAddress.get(resource.parent) : undefined;
      let parentIds = {};
      if (parent) {
        const parentState = await readOne(parent);
        if (parentState.status === 'absent') return { status: 'absent' };
        if (parentState.status === 'unknown') return { status: 'unknown', reason: `its parent ${parent.address} could not be read` };
        parentIds = parentState.ids ?? {};
      }
      const siteId = (parentIds as { siteId?: string }).siteId;
      const ctx: ReadContext = { tenant, parentIds, memo, ...(ledger ? { recorded: () => ledger.recorded(scopeOf(ledger.blueprint, resource.address, siteId), resource.address) } : {}) };
      try {
        return await anyKind(resource.kind).read(resource, ctx);
      } catch (error) {
        const e = normalizeTenantError(error);
        return { status: 'unknown', reason: `read failed: ${e.status || 'no answer'} ${e.code}: ${e.message}` };
      }
    })();
    reads.set(resource.address, pending);
    return pending;
  };

  const states = await Promise.all(resources.map(readOne));
  const observed: Observed = new Map();
  resources.forEach((r, i) => observed.set(r.address, states[i] as ObservedState));
  return observed;
}
