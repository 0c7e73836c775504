/**
 * The ownership ledger (see README). Ownership is written with the create, never at the end:
 * `intend(scope, address, mates)` resolves once an intent record (`creating`) is durable in the
 * tenant, and only then may the create be sent (the run's other creates in that scope, `mates`,
 * are recorded in the same write); `settle` records the outcome (the id) and `abandon`
 * drops an intent whose create was refused, both written with the item's next write or by
 * `flush`. Intents that arrive while an item is being written share its next write, so a wave of
 * creates in one site costs one write, not one per object. `owned(scope)` reads the addresses
 * recorded (created or creating); an item that does not parse is `LedgerUnreadableError`, never
 * read as empty and never overwritten.
 */
import type { Address } from '../model/address.ts';
import { isNotFound } from '../model/tenant-error.ts';
import { writeAgainWhenPassing } from '../tenant/write-again.ts';
import { ledgerListOf } from './ledger-list.ts';
import type { GraphFace } from '../tenant/graph-client.ts';
import { layOut, partsOf, partTitle, serializeOwned, type OwnedPart } from './ledger-parts.ts';
import { LEDGER_LIST, LedgerUnreadableError, SITE_SHARDS, siteShardTitle, type LedgerItem, type LedgerScope } from './ledger-scope.ts';
import { CREATED, CREATING } from './ledger-record.ts';

/** Writes of an intent tried again after a passing failure; the first wait (engine ms, doubling). */
const [INTENT_RETRIES, INTENT_BACKOFF_MS] = [2, 500];

/** One of a scope's items as the tenant holds it (see ledger-parts.ts). */
interface PartState {
  itemId?: string;
  /** The item's `Owned` text as last read or written. */
  text?: string;
  /** The addresses that text holds. */
  held: Set<Address>;
}

/** One scope's record (its items) as this run knows it, and its queued changes. */
interface ItemState {
  scope: LedgerScope;
  /** Loaded from the tenant (undefined until read). */
  loaded?: Promise<void>;
  parts: PartState[];
  /**
   * Second items of one title (a create whose answer was lost, sent again): their records are
   * merged into the first, and they are deleted by the next write, after the first holds them.
   */
  strays: string[];
  /** The item each address is held in. */
  placed: Map<Address, number>;
  entries: Map<Address, string>;
  /** Changes not yet written. */
  dirty: boolean;
  /** Deleted objects, removed at the next write (after the item is loaded). */
  pendingForget?: Set<Address>;
  /** Addresses whose record is in the tenant (read from it, or in a write that completed). */
  durable: Set<Address>;
  /** Addresses carried by the write in flight. */
  inFlight?: Set<Address>;
  /** The write in progress, and the one queued after it (shared by every intent that waits). */
  writing?: Promise<void>;
  next?: Promise<void>;
}

/** A scope's items (ledger-parts.ts), or LedgerUnreadableError when one does not parse. */
function partsIn(items: readonly LedgerItem[], scope: LedgerScope): OwnedPart<LedgerItem>[] {
  const parts = partsOf(items, scope.item);
  if (!Array.isArray(parts)) throw new LedgerUnreadableError({ ...scope, item: parts.title }, parts.error);
  return parts;
}

/** Requests the ledger sent, for measuring its cost. */
export interface LedgerStats {
  reads: number;
  writes: number;
  listCreates: number;
}

export class OwnershipLedger {
  private readonly items = new Map<string, ItemState>();
  private readonly siteItems = new Map<string, Promise<LedgerItem[]>>();
  private rootId: Promise<string> | undefined;
  readonly stats: LedgerStats = { reads: 0, writes: 0, listCreates: 0 };

  constructor(
    private readonly graph: GraphFace,
    readonly blueprint: string,
  ) {}

  /** Addresses recorded as owned (created or creating) by this blueprint in one scope. */
  async owned(scope: LedgerScope): Promise<Set<Address>> {
    return new Set((await this.records(scope)).keys());
  }

  /**
   * What the ledger holds for one address (its id, `creating`, `created`), or undefined when it is
   * not recorded or the ledger cannot be read (a hint, never a reason to fail a read).
   */
  async recorded(scope: LedgerScope, address: Address): Promise<string | undefined> {
    try {
      return (await this.records(scope)).get(address);
    } catch {
      return undefined;
    }
  }

  /**
   * A scope's record as read at the run's start, the union of its items: by address, the
   * object's id once its create's outcome is known, else CREATING or `created`.
   */
  async records(scope: LedgerScope): Promise<ReadonlyMap<Address, string>> {
    const parts = partsIn(await this.readSite(await this.resolve(scope.siteId), false), scope);
    if (parts.length === 1) return parts[0]!.entries;
    const record = new Map<Address, string>();
    for (const part of parts) for (const [a, v] of part.entries) if (!record.has(a)) record.set(a, v);
    return record;
  }

  /**
   * Every site address recorded as owned by this blueprint (from the root site's ledger: the
   * items `<blueprint> sites <shard>` and their continuations, never another blueprint's whose
   * name starts like this one's), what each records (the object's id once its create's outcome is
   * known, else CREATING or `created`), and the items that could not be read.
   */
  async ownedSites(): Promise<{ sites: Address[]; recorded: ReadonlyMap<Address, string>; unreadable: LedgerUnreadableError[] }> {
    const items = await this.readSite(await this.resolve('root'), false);
    const recorded = new Map<Address, string>();
    const unreadable: LedgerUnreadableError[] = [];
    for (let shard = 0; shard < SITE_SHARDS; shard++) {
      const parts = partsOf(items, siteShardTitle(this.blueprint, shard));
      if (!Array.isArray(parts)) unreadable.push(new LedgerUnreadableError({ siteId: 'root', item: parts.title }, parts.error));
      // an outcome recorded in one part wins over an intent left in another
      else for (const part of parts) for (const [a, value] of part.entries) if ((recorded.get(a) ?? CREATING) === CREATING) recorded.set(a, value);
    }
    return { sites: [...recorded.keys()], recorded, unreadable };
  }

  /**
   * Records that `address` is about to be created, and resolves once that record is durable in
   * the tenant. `mates`: other addresses this run will create in the same scope, recorded in the
   * same write (so a site's list and its columns cost one write, not one per wave); an intent
   * for something never made is harmless (prune only considers objects that exist). A passing
   * failure (src/tenant/write-again.ts) is written again, at most INTENT_RETRIES times. Throws (and the
   * create must not be sent) when it cannot be written, or when the item is unreadable.
   */
  intend(scope: LedgerScope, address: Address, mates: readonly Address[] = []): Promise<void> {
    return writeAgainWhenPassing(() => this.intendOnce(scope, address, mates), INTENT_RETRIES, INTENT_BACKOFF_MS);
  }

  private async intendOnce(scope: LedgerScope, address: Address, mates: readonly Address[]): Promise<void> {
    const state = await this.load(scope);
    if (state.entries.has(address) && !state.pendingForget?.has(address)) {
      // Recorded already: durable, or carried by the write in flight, or waiting for the next.
      if (state.durable.has(address)) return;
      if (state.inFlight?.has(address)) return state.writing;
    } else {
      for (const a of [address, ...mates]) {
        if (state.entries.has(a) && !state.pendingForget?.has(a)) continue;
        state.pendingForget?.delete(a);
        state.entries.set(a, CREATING);
      }
      state.dirty = true;
    }
    await this.write(state);
  }

  /** Records the outcome of a create (its id); written with the item's next write or by flush. */
  settle(scope: LedgerScope, address: Address, id: string): void {
    const state = this.stateOf(scope);
    state.entries.set(address, id || CREATED);
    state.dirty = true;
  }

  /** The create was refused for certain (nothing was made): its intent is dropped (lazily). */
  abandon(scope: LedgerScope, address: Address): void {
    const state = this.stateOf(scope);
    if (state.entries.get(address) === CREATING) {
      state.entries.delete(address);
      state.dirty = true;
    }
  }

  /** The object was deleted: it is no longer owned (written by flush). */
  forget(scope: LedgerScope, address: Address): void {
    const state = this.stateOf(scope);
    state.pendingForget ??= new Set();
    state.pendingForget.add(address);
    state.dirty = true;
  }

  /**
   * Writes one item now if it has unwritten outcomes (e.g. when the run's last create in its
   * scope has settled), so that outcomes are written as the run goes instead of all at its end.
   */
  async flushScope(scope: LedgerScope): Promise<void> {
    const state = this.items.get(`${scope.siteId}|${scope.item}`);
    if (!state?.dirty) return;
    await this.load(state.scope);
    if (state.dirty) await this.write(state);
  }

  /**
   * A site this run has just created: its ledger list cannot exist yet, so it is created without
   * looking first (for other sites the list is looked up first: a create that fails costs more).
   */
  markNewSite(siteId: string): void {
    this.newSites.add(siteId);
  }

  /** Writes every item with unwritten outcomes or forgets. */
  async flush(): Promise<void> {
    const errors: unknown[] = [];
    await Promise.all(
      [...this.items.values()].map(async (state) => {
        if (!state.dirty) return;
        try {
          await this.load(state.scope);
          await this.write(state);
        } catch (error) {
          errors.push(error);
        }
      }),
    );
    if (errors.length > 0) throw errors[0];
  }

  private stateOf(scope: LedgerScope): ItemState {
    const key = `${scope.siteId}|${scope.item}`;
    let state = this.items.get(key);
    if (!state) this.items.set(key, (state = { scope, parts: [], strays: [], placed: new Map(), entries: new Map(), dirty: false, durable: new Set() }));
    return state;
  }

  /** The item's current content, read once (merged under anything queued before the read). */
  private load(scope: LedgerScope): Promise<ItemState> {
    const state = this.stateOf(scope);
    state.loaded ??= (async () => {
      const siteId = await this.resolve(scope.siteId);
      for (const { index, item, entries } of partsIn(await this.readSite(siteId, true), scope)) {
        // Two items of one index (a create whose answer was lost, sent again): the first is kept.
        const stray = state.parts[index] !== undefined;
        if (stray) {
          state.strays.push(item.id);
          state.dirty = true;
        } else state.parts[index] = { itemId: item.id, text: item.fields.Owned ?? '', held: new Set(entries.keys()) };
        for (const [a, v] of entries) {
          state.durable.add(a);
          if (!state.placed.has(a)) state.placed.set(a, index);
          if (!state.entries.has(a)) state.entries.set(a, v);
        }
      }
    })();
    state.loaded.catch(() => (state.loaded = undefined));
    return state.loaded.then(() => state);
  }

  /**
   * One write of the item's whole content, at most one in flight per item; callers that arrive
   * during a write share the next one. Resolves when a write that includes the caller's change
   * is durable.
   */
  private write(state: ItemState): Promise<void> {
    if (state.writing) {
      state.next ??= state.writing.catch(() => {}).then(() => {
        state.next = undefined;
        // A write that started after the caller's change carries it already.
        if (!state.dirty) return state.writing;
        return this.write(state);
      });
      return state.next;
    }
    const run = (async () => {
      for (const a of state.pendingForget ?? []) {
        state.entries.delete(a);
        state.durable.delete(a);
        state.placed.delete(a);
      }
      state.pendingForget?.clear();
      state.dirty = false;
      const carried = new Set(state.entries.keys());
      state.inFlight = carried;
      const layout = layOut(state.entries, state.placed);
      state.placed = layout.placed;
      const writes = layout.parts.map((entries, index) => ({ index, entries, text: serializeOwned(entries) })).filter((w) => w.text !== state.parts[w.index]?.text);
      // Items that gain an address are written first, those that only lose one after: an address
      // moved between items is in one of them at every moment.
      // (Sorted before the first write: a write changes what its item holds.)
      const gains = (w: (typeof writes)[number]) => [...w.entries.keys()].some((a) => !state.parts[w.index]?.held.has(a));
      const first = writes.filter(gains);
      const then = writes.filter((w) => !first.includes(w));
      try {
        await Promise.all(first.map((w) => this.writePart(state, w.index, w.text, w.entries)));
        await Promise.all(then.map((w) => this.writePart(state, w.index, w.text, w.entries)));
        await this.dropStrays(state);
        for (const a of carried) state.durable.add(a);
      } catch (error) {
        state.dirty = true;
        throw error;
      } finally {
        if (state.inFlight === carried) state.inFlight = undefined;
      }
    })();
    state.writing = run;
    const clear = () => {
      if (state.writing === run) state.writing = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  /** Deletes the scope's second items, whose records the first items now hold. */
  private async dropStrays(state: ItemState): Promise<void> {
    if (state.strays.length === 0) return;
    const siteId = await this.resolve(state.scope.siteId);
    const { listId } = await this.ensureList(siteId);
    for (const id of [...state.strays]) {
      this.stats.writes++;
      try {
        await this.graph.delete(`/sites/${siteId}/lists/${listId}/items/${id}`);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      state.strays.splice(state.strays.indexOf(id), 1);
    }
  }

  /** Writes one of a scope's items (creating it when the tenant has none yet). */
  private async writePart(state: ItemState, index: number, Owned: string, entries: ReadonlyMap<Address, string>): Promise<void> {
    const siteId = await this.resolve(state.scope.siteId);
    const { listId } = await this.ensureList(siteId);
    const part = (state.parts[index] ??= { held: new Set() });
    this.stats.writes++;
    if (part.itemId) await this.graph.patch(`/sites/${siteId}/lists/${listId}/items/${part.itemId}/fields`, { Owned });
    else part.itemId = (await this.graph.post<{ id: string }>(`/sites/${siteId}/lists/${listId}/items`, { fields: { Title: partTitle(state.scope.item, index), Owned } })).id;
    part.text = Owned;
    part.held = new Set(entries.keys());
  }

  /** The ledger items of a site (one read per site per run; none when this run made the list). */
  private readSite(siteId: string, forWrite: boolean): Promise<LedgerItem[]> {
    let read = this.siteItems.get(siteId);
    if (!read) {
      read = (async () => {
        if (forWrite) {
          const { listId, created } = await this.ensureList(siteId);
          if (created) return [];
          this.stats.reads++;
          return this.graph.list<LedgerItem>(`/sites/${siteId}/lists/${listId}/items?$expand=fields`);
        }
        this.stats.reads++;
        const list = await this.graph.find<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
        if (!list) return [];
        this.stats.reads++;
        return this.graph.list<LedgerItem>(`/sites/${siteId}/lists/${list.id}/items?$expand=fields`);
      })();
      this.siteItems.set(siteId, read);
      read.catch(() => this.siteItems.delete(siteId));
    }
    return read;
  }

  private resolve(siteId: string): Promise<string> {
    if (siteId !== 'root') return Promise.resolve(siteId);
    this.rootId ??= this.graph.get<{ id: string }>('/sites/root?$select=id').then((s) => s.id);
    return this.rootId;
  }

  private readonly lists = new Map<string, Promise<{ listId: string; created: boolean }>>();
  private readonly newSites = new Set<string>();
  /**
   * The site's ledger list: on a site this run created, created at once (one request); on any
   * other, looked up first and created only when missing (one read when it exists).
   */
  ensureList(siteId: string): Promise<{ listId: string; created: boolean }> {
    let p = this.lists.get(siteId);
    if (!p) {
      p = ledgerListOf(this.graph, siteId, !this.newSites.has(siteId), this.stats);
      this.lists.set(siteId, p);
      p.catch(() => this.lists.delete(siteId));
    }
    return p;
  }
}
