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
import { siteOfAddress, type Address } from '../model/address.ts';
import { isConflict } from '../model/tenant-error.ts';
import type { GraphFace } from '../tenant/graph-client.ts';

/** Name (and URL segment) of the hidden ledger list in each site. */
export const LEDGER_LIST = 'm365provision';

/** Where one resource's ownership record lives. */
export interface LedgerScope {
  /** Graph id of the site holding the record; `root` for the tenant's root site. */
  siteId: string;
  /** Title of the ledger item within that site's ledger list. */
  item: string;
}

/** A ledger list item as Graph gives it with `$expand=fields`. */
export interface LedgerItem {
  id: string;
  eTag?: string;
  fields: { Title?: string; Owned?: string };
}

/** Root-site items a blueprint's site records are spread over, so that none grows without bound. */
export const SITE_SHARDS = 32;

/** An intent: the create may have been sent, its outcome is not recorded. */
export const CREATING = 'creating';

/** A ledger item whose content cannot be read: ownership in its scope is unknown. */
export class LedgerUnreadableError extends Error {
  constructor(
    readonly scope: LedgerScope,
    readonly why: string,
  ) {
    super(`the ownership record '${scope.item}' in the ${LEDGER_LIST} list of site ${scope.siteId} cannot be read (${why}); ownership there is unknown`);
    this.name = 'LedgerUnreadableError';
  }
}

/**
 * The scope of a resource's record: sites and tenant-level objects are recorded in the root
 * site, in one of SITE_SHARDS items per blueprint (so that thousands of sites never share one
 * item, nor need one item each); everything inside a site in that site, one item per blueprint.
 */
export function scopeOf(blueprint: string, address: Address, siteId: string | undefined): LedgerScope {
  const site = siteOfAddress(address);
  if (!site) return { siteId: 'root', item: `${blueprint} tenant` };
  if (site === address || !siteId) return { siteId: 'root', item: `${blueprint} sites ${shardOf(site)}` };
  return { siteId, item: blueprint };
}

function shardOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % SITE_SHARDS;
}

/**
 * The text of an item's `Owned` field: a JSON object address -> `creating` | id. The first
 * format, a JSON array of addresses, reads as created with no id. Anything else is unreadable.
 */
export function parseOwned(text: string | undefined): Map<Address, string> | { error: string } {
  if (text === undefined || text === null || text === '') return new Map();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${(error as Error).message}` };
  }
  if (Array.isArray(value)) {
    if (value.some((v) => typeof v !== 'string')) return { error: 'a list holding something other than addresses' };
    return new Map(value.map((a: string) => [a, '']));
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([, v]) => typeof v !== 'string')) return { error: 'an entry whose state is not text' };
    return new Map(entries as [string, string][]);
  }
  return { error: `a ${value === null ? 'null' : typeof value}, not a record of addresses` };
}

function serialize(entries: Map<Address, string>): string {
  return JSON.stringify(Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** One ledger item as this run knows it, and its queued changes. */
interface ItemState {
  scope: LedgerScope;
  /** Loaded from the tenant (undefined until read). */
  loaded?: Promise<void>;
  itemId?: string;
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
    const siteId = await this.resolve(scope.siteId);
    const item = (await this.readSite(siteId, false)).find((i) => i.fields.Title === scope.item);
    const parsed = parseOwned(item?.fields.Owned);
    if (!(parsed instanceof Map)) throw new LedgerUnreadableError(scope, parsed.error);
    return new Set(parsed.keys());
  }

  /**
   * What the ledger holds for one address (its id, `creating`, `created`), or undefined when it is
   * not recorded or the ledger cannot be read (a hint, never a reason to fail a read).
   */
  async recorded(scope: LedgerScope, address: Address): Promise<string | undefined> {
    try {
      const item = (await this.readSite(await this.resolve(scope.siteId), false)).find((i) => i.fields.Title === scope.item);
      const parsed = parseOwned(item?.fields.Owned);
      return parsed instanceof Map ? parsed.get(address) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Every site address recorded as owned by this blueprint (from the root site's ledger), and
   * the shards that could not be read.
   */
  async ownedSites(): Promise<{ sites: Address[]; unreadable: LedgerUnreadableError[] }> {
    const items = await this.readSite(await this.resolve('root'), false);
    const prefix = `${this.blueprint} sites `;
    const sites: Address[] = [];
    const unreadable: LedgerUnreadableError[] = [];
    for (const i of items.filter((x) => x.fields.Title?.startsWith(prefix))) {
      const parsed = parseOwned(i.fields.Owned);
      if (parsed instanceof Map) sites.push(...parsed.keys());
      else unreadable.push(new LedgerUnreadableError({ siteId: 'root', item: i.fields.Title! }, parsed.error));
    }
    return { sites, unreadable };
  }

  /**
   * Records that `address` is about to be created, and resolves once that record is durable in
   * the tenant. `mates`: other addresses this run will create in the same scope, recorded in the
   * same write (so a site's list and its columns cost one write, not one per wave); an intent
   * for something never made is harmless (prune only considers objects that exist). Throws (and
   * the create must not be sent) when it cannot be written, or when the item is unreadable (it
   * is never overwritten).
   */
  async intend(scope: LedgerScope, address: Address, mates: readonly Address[] = []): Promise<void> {
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
    state.entries.set(address, id || 'created');
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
    if (!state) this.items.set(key, (state = { scope, entries: new Map(), dirty: false, durable: new Set() }));
    return state;
  }

  /** The item's current content, read once (merged under anything queued before the read). */
  private load(scope: LedgerScope): Promise<ItemState> {
    const state = this.stateOf(scope);
    state.loaded ??= (async () => {
      const siteId = await this.resolve(scope.siteId);
      const item = (await this.readSite(siteId, true)).find((i) => i.fields.Title === scope.item);
      if (!item) return;
      const parsed = parseOwned(item.fields.Owned);
      if (!(parsed instanceof Map)) throw new LedgerUnreadableError(scope, parsed.error);
      state.itemId = item.id;
      for (const [a, v] of parsed) {
        state.durable.add(a);
        if (!state.entries.has(a)) state.entries.set(a, v);
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
      }
      state.pendingForget?.clear();
      state.dirty = false;
      const carried = new Set(state.entries.keys());
      state.inFlight = carried;
      const Owned = serialize(state.entries);
      const siteId = await this.resolve(state.scope.siteId);
      const { listId } = await this.ensureList(siteId);
      this.stats.writes++;
      try {
        if (state.itemId) await this.graph.patch(`/sites/${siteId}/lists/${listId}/items/${state.itemId}/fields`, { Owned });
        else state.itemId = (await this.graph.post<{ id: string }>(`/sites/${siteId}/lists/${listId}/items`, { fields: { Title: state.scope.item, Owned } })).id;
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
      p = (async () => {
        if (!this.newSites.has(siteId)) {
          this.stats.reads++;
          const existing = await this.graph.find<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
          if (existing) return { listId: existing.id, created: false };
        }
        try {
          this.stats.listCreates++;
          const created = await this.graph.post<{ id: string; name: string }>(`/sites/${siteId}/lists`, {
            displayName: LEDGER_LIST,
            description: 'What m365-provision created for which blueprint (used for pruning). Do not edit.',
            list: { template: 'genericList', hidden: true },
            columns: [{ name: 'Owned', text: { allowMultipleLines: true } }],
          });
          // The service gives a taken name a number: then the ledger existed after all.
          if (created.name === LEDGER_LIST) return { listId: created.id, created: true };
          await this.graph.delete(`/sites/${siteId}/lists/${created.id}`);
        } catch (error) {
          if (!isConflict(error)) throw error;
        }
        const found = await this.graph.get<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
        return { listId: found.id, created: false };
      })();
      this.lists.set(siteId, p);
      p.catch(() => this.lists.delete(siteId));
    }
    return p;
  }
}
