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
 * once, nothing dropped. `known` holds answers the command already has, by memo key (the users its
 * principal check found, `knownUserEntries`): every tree reads them from there.
 */
import type { Address } from '../model/address.ts';
import { underUnreadReason, type Observed, type ObservedState } from '../model/observed.ts';
import type { AnyDesiredResource } from '../model/resources.ts';
import { anyKind } from '../kinds/registry.ts';
import type { ReadContext } from '../kinds/kind-effects.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { normalizeTenantError } from '../tenant/normalize-error.ts';
import type { OwnershipLedger } from '../ownership/ledger.ts';
import { scopeOf } from '../ownership/ledger-scope.ts';

const ABSENT: ObservedState = { status: 'absent' };
const NOT_READ: ObservedState = { status: 'unknown', reason: 'not read: its parent chain does not end' };

/** Trees read at once, and trees done before a tree's own collection reads are dropped. */
export const READ_WINDOW = 200;

interface MemoEntry {
  value: Promise<unknown>;
  /** The tree that read it, or `shared` once another tree used it. */
  owner: number | 'shared';
}

export async function readTenant(resources: readonly AnyDesiredResource[], tenant: TenantClient, ledger?: OwnershipLedger, known: ReadonlyMap<string, unknown> = new Map()): Promise<Observed> {
  // Resources are worked on by their place in `resources`: a read keeps no map of 200,000
  // addresses hot (docs/performance.md, issue 12, twenty-second pass). Places by address are
  // looked up once, for the parents.
  const placeOf = new Map<Address, number>();
  resources.forEach((r, i) => placeOf.set(r.address, i));
  const states: (ObservedState | undefined)[] = new Array<ObservedState | undefined>(resources.length);
  const memoTable = new Map<string, MemoEntry>();
  // What the command already knew (the users its principal check found): shared by every tree.
  for (const [key, value] of known) memoTable.set(key, { value: Promise.resolve(value), owner: 'shared' });
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

  // A resource's declared children (their places), in the blueprint's order: each is read once
  // its parent's state is known, and under an absent or unknown parent it is settled at once,
  // without a call or a promise (a first apply's plan reads 20 resources of each new workspace
  // this way). The trees' tops (a resource without a declared parent) in the blueprint's order.
  // A resource on a parent cycle is under no top: it is never reached, and so unknown below.
  const childrenOf: (number[] | undefined)[] = new Array<number[] | undefined>(resources.length);
  const tops: number[] = [];
  resources.forEach((r, i) => {
    const parent = r.parent === undefined ? undefined : placeOf.get(r.parent);
    if (parent === undefined) tops.push(i);
    else (childrenOf[parent] ??= []).push(i);
  });

  const readOne = async (resource: AnyDesiredResource, parentState: ObservedState | undefined, memo: ReadContext['memo']): Promise<ObservedState> => {
    const parentIds = parentState?.status === 'present' ? (parentState.ids ?? {}) : {};
    const parentFacts = parentState?.status === 'present' ? (parentState.facts ?? {}) : {};
    const siteId = (parentIds as { siteId?: string }).siteId;
    const ctx: ReadContext = { tenant, parentIds, parentFacts, memo, ...(ledger ? { recorded: () => ledger.recorded(scopeOf(ledger.blueprint, resource.address, siteId), resource.address) } : {}) };
    try {
      return await anyKind(resource.kind).read(resource, ctx);
    } catch (error) {
      const e = normalizeTenantError(error);
      return { status: 'unknown', reason: `read failed: ${e.status || 'no answer'} ${e.code}: ${e.message}` };
    }
  };

  /** Reads a tree from its top down; resolves once every resource under the top has a state. */
  const readTree = (top: number, tree: number): Promise<void> =>
    new Promise<void>((done, fail) => {
      // one memo function for the tree's resources, not one each
      const memo = memoOf(tree);
      let open = 1;
      const finish = () => {
        if (--open === 0) done();
      };
      const settle = (place: number, state: ObservedState): void => {
        states[place] = state;
        for (const child of childrenOf[place] ?? []) start(child, place, state);
      };
      const start = (place: number, parent?: number, parentState?: ObservedState): void => {
        if (parentState?.status === 'absent') return settle(place, ABSENT);
        if (parentState?.status === 'unknown') return settle(place, { status: 'unknown', reason: underUnreadReason(resources[parent!]!.address) });
        open++;
        readOne(resources[place]!, parentState, memo).then((state) => {
          try {
            settle(place, state);
          } catch (error) {
            return fail(error);
          }
          finish();
        }, fail);
      };
      start(top);
      finish();
    });

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

  // The states by address, in the blueprint's order; a resource no read reached (a parent cycle,
  // a bug of expansion) is unknown, never absent.
  const observed: Observed = new Map<Address, ObservedState>();
  resources.forEach((r, i) => observed.set(r.address, states[i] ?? NOT_READ));
  return observed;
}
