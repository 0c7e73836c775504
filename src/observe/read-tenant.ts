/**
 * Reads the tenant for a set of desired resources. Each resource waits for its parent's read:
 * under an absent parent a child is absent without a call; under an unknown parent it is
 * unknown. Siblings share collection reads through a memo. Concurrency is bounded by the
 * transport's pool. With the blueprint's ownership ledger, a provider whose lookups lag behind
 * the service's writes can ask what the ledger recorded for its resource (`ReadContext.recorded`).
 *
 * Memory stays bounded however many workspaces a blueprint stamps: resources are read by tree
 * (a resource without a declared parent and everything under it), at most READ_WINDOW trees at
 * once, and a collection a tree read (all columns of a site, all lists of a site) is dropped once
 * READ_WINDOW more trees are done, unless another tree used it too (a tenant-wide read such as a
 * user's id is kept). A blueprint of fewer trees than READ_WINDOW reads exactly as before: all at
 * once, nothing dropped.
 */
import type { Address } from '../model/address.ts';
import type { Observed, ObservedState } from '../model/observed.ts';
import type { AnyDesiredResource } from '../model/resources.ts';
import { anyKind } from '../kinds/registry.ts';
import type { ReadContext } from '../kinds/kind-effects.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { normalizeTenantError } from '../tenant/normalize-error.ts';
import { scopeOf, type OwnershipLedger } from '../ownership/ledger.ts';

const ABSENT: ObservedState = { status: 'absent' };
const NOT_READ: ObservedState = { status: 'unknown', reason: 'not read: its parent chain does not end' };

/** Trees read at once, and trees done before a tree's own collection reads are dropped. */
export const READ_WINDOW = 200;

interface MemoEntry {
  value: Promise<unknown>;
  /** The tree that read it, or `shared` once another tree used it. */
  owner: number | 'shared';
}

export async function readTenant(resources: readonly AnyDesiredResource[], tenant: TenantClient, ledger?: OwnershipLedger): Promise<Observed> {
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const states: Observed = new Map<Address, ObservedState>();
  const memoTable = new Map<string, MemoEntry>();
  const ownedKeys = new Map<number, string[]>();
  const memoOf = (tree: number) => <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = memoTable.get(key);
    if (hit) {
      if (hit.owner !== tree) hit.owner = 'shared';
      return hit.value as Promise<T>;
    }
    const value = load();
    const entry: MemoEntry = { value, owner: tree };
    memoTable.set(key, entry);
    const keys = ownedKeys.get(tree);
    if (keys) keys.push(key);
    else ownedKeys.set(tree, [key]);
    value.catch(() => {
      if (memoTable.get(key) === entry) memoTable.delete(key);
    });
    return value;
  };

  // A resource's declared children, in the blueprint's order: each is read once its parent's
  // state is known, and under an absent or unknown parent it is settled at once, without a call
  // or a promise (a first apply's plan reads 20 resources of each new workspace this way).
  const childrenOf = new Map<Address, AnyDesiredResource[]>();
  for (const r of resources) {
    if (!r.parent || !byAddress.has(r.parent)) continue;
    const siblings = childrenOf.get(r.parent);
    if (siblings) siblings.push(r);
    else childrenOf.set(r.parent, [r]);
  }

  const readOne = async (resource: AnyDesiredResource, parentState: ObservedState | undefined, tree: number): Promise<ObservedState> => {
    const parentIds = parentState?.status === 'present' ? (parentState.ids ?? {}) : {};
    const parentFacts = parentState?.status === 'present' ? (parentState.facts ?? {}) : {};
    const siteId = (parentIds as { siteId?: string }).siteId;
    const ctx: ReadContext = { tenant, parentIds, parentFacts, memo: memoOf(tree), ...(ledger ? { recorded: () => ledger.recorded(scopeOf(ledger.blueprint, resource.address, siteId), resource.address) } : {}) };
    try {
      return await anyKind(resource.kind).read(resource, ctx);
    } catch (error) {
      const e = normalizeTenantError(error);
      return { status: 'unknown', reason: `read failed: ${e.status || 'no answer'} ${e.code}: ${e.message}` };
    }
  };

  /** Reads a tree from its top down; resolves once every resource under the top has a state. */
  const readTree = (top: AnyDesiredResource, tree: number): Promise<void> =>
    new Promise<void>((done, fail) => {
      let open = 1;
      const finish = () => {
        if (--open === 0) done();
      };
      const settle = (resource: AnyDesiredResource, state: ObservedState): void => {
        states.set(resource.address, state);
        for (const child of childrenOf.get(resource.address) ?? []) start(child, resource, state);
      };
      const start = (resource: AnyDesiredResource, parent?: AnyDesiredResource, parentState?: ObservedState): void => {
        if (parentState?.status === 'absent') return settle(resource, ABSENT);
        if (parentState?.status === 'unknown') return settle(resource, { status: 'unknown', reason: `its parent ${parent!.address} could not be read` });
        open++;
        readOne(resource, parentState, tree).then((state) => {
          try {
            settle(resource, state);
          } catch (error) {
            return fail(error);
          }
          finish();
        }, fail);
      };
      start(top);
      finish();
    });

  // The trees' tops (a resource without a declared parent), in the blueprint's order; the rest
  // of a tree is reached through `childrenOf`. A resource on a parent cycle is under no top: it
  // is never reached, and so unknown below.
  const tops = resources.filter((r) => !r.parent || !byAddress.has(r.parent));
  const done: number[] = [];
  const dropOld = () => {
    while (done.length > READ_WINDOW) {
      const tree = done.shift()!;
      for (const key of ownedKeys.get(tree) ?? []) if (memoTable.get(key)?.owner === tree) memoTable.delete(key);
      ownedKeys.delete(tree);
    }
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tops.length) {
      const tree = next++;
      await readTree(tops[tree]!, tree);
      done.push(tree);
      dropOld();
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_WINDOW, tops.length) }, worker));

  // A resource no read reached (a parent cycle, a bug of expansion) is unknown, never absent;
  // when every resource has its state (addresses are unique), none is looked for: 200,000
  // look-ups for 10,000 workspaces. The states are the answer (keyed by address, in the order
  // they were read: nothing iterates an Observed), not copied into a map of their own.
  if (states.size < resources.length) for (const r of resources) if (!states.has(r.address)) states.set(r.address, NOT_READ);
  return states;
}
