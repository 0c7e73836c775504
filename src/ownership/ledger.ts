/**
 * The ownership ledger (see README). `owned(scope)` reads the addresses recorded for this
 * blueprint in one scope; `record`/`forget` queue changes that `flush` writes, one
 * read-merge-write per scope. Reads and writes go through Graph lists and list items.
 */
import type { Address } from '../model/address.ts';
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

interface LedgerItem {
  id: string;
  fields: { Title?: string; Owned?: string };
}

/**
 * The scope of a resource's record: sites and tenant-level objects are recorded in the root
 * site, one item per site (so that thousands of sites never share one item); everything inside
 * a site in that site, one item per blueprint.
 */
export function scopeOf(blueprint: string, address: Address, siteId: string | undefined): LedgerScope {
  const site = /^site\[[^\]]*\]/.exec(address)?.[0];
  if (!site) return { siteId: 'root', item: `${blueprint} tenant` };
  if (site === address || !siteId) return { siteId: 'root', item: `${blueprint} ${site}` };
  return { siteId, item: blueprint };
}

export class OwnershipLedger {
  private readonly reads = new Map<string, Promise<Set<Address>>>();
  private readonly pending = new Map<string, { scope: LedgerScope; add: Set<Address>; remove: Set<Address> }>();
  private rootId: Promise<string> | undefined;

  constructor(
    private readonly graph: GraphFace,
    readonly blueprint: string,
  ) {}

  /** Addresses recorded as owned by this blueprint in one scope. */
  owned(scope: LedgerScope): Promise<Set<Address>> {
    const key = `${scope.siteId}|${scope.item}`;
    let read = this.reads.get(key);
    if (!read) {
      read = this.readScope(scope);
      this.reads.set(key, read);
      read.catch(() => this.reads.delete(key));
    }
    return read;
  }

  /** Every site address recorded as owned by this blueprint (from the root site's ledger). */
  async ownedSites(): Promise<Address[]> {
    const items = await this.items(await this.resolve('root'));
    const prefix = `${this.blueprint} site[`;
    return items.filter((i) => i.fields.Title?.startsWith(prefix)).flatMap((i) => parseOwned(i.fields.Owned));
  }

  record(scope: LedgerScope, address: Address): void {
    const p = this.pendingOf(scope);
    p.add.add(address);
    p.remove.delete(address);
  }

  forget(scope: LedgerScope, address: Address): void {
    const p = this.pendingOf(scope);
    p.remove.add(address);
    p.add.delete(address);
  }

  /** Writes every queued change: per scope, re-read the item, merge, write. */
  async flush(): Promise<void> {
    const work = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(
      work.map(async ({ scope, add, remove }) => {
        const siteId = await this.resolve(scope.siteId);
        const listId = await this.ensureList(siteId);
        const items = await this.graph.list<LedgerItem>(`/sites/${siteId}/lists/${listId}/items?$expand=fields`);
        const item = items.find((i) => i.fields.Title === scope.item);
        const owned = new Set(parseOwned(item?.fields.Owned));
        for (const a of add) owned.add(a);
        for (const a of remove) owned.delete(a);
        const Owned = JSON.stringify([...owned].sort());
        if (item) await this.graph.patch(`/sites/${siteId}/lists/${listId}/items/${item.id}/fields`, { Owned });
        else await this.graph.post(`/sites/${siteId}/lists/${listId}/items`, { fields: { Title: scope.item, Owned } });
        this.reads.set(`${scope.siteId}|${scope.item}`, Promise.resolve(owned));
      }),
    );
  }

  private pendingOf(scope: LedgerScope) {
    const key = `${scope.siteId}|${scope.item}`;
    let p = this.pending.get(key);
    if (!p) this.pending.set(key, (p = { scope, add: new Set(), remove: new Set() }));
    return p;
  }

  private async readScope(scope: LedgerScope): Promise<Set<Address>> {
    const items = await this.items(await this.resolve(scope.siteId));
    return new Set(parseOwned(items.find((i) => i.fields.Title === scope.item)?.fields.Owned));
  }

  private async items(siteId: string): Promise<LedgerItem[]> {
    const list = await this.graph.find<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
    if (!list) return [];
    return this.graph.list<LedgerItem>(`/sites/${siteId}/lists/${list.id}/items?$expand=fields`);
  }

  private resolve(siteId: string): Promise<string> {
    if (siteId !== 'root') return Promise.resolve(siteId);
    this.rootId ??= this.graph.get<{ id: string }>('/sites/root?$select=id').then((s) => s.id);
    return this.rootId;
  }

  private readonly lists = new Map<string, Promise<string>>();
  private ensureList(siteId: string): Promise<string> {
    let p = this.lists.get(siteId);
    if (!p) {
      p = (async () => {
        const found = await this.graph.find<{ id: string }>(`/sites/${siteId}/lists/${LEDGER_LIST}?$select=id`);
        if (found) return found.id;
        const created = await this.graph.post<{ id: string }>(`/sites/${siteId}/lists`, {
          displayName: LEDGER_LIST,
          description: 'What m365-provision created for which blueprint (used for pruning). Do not edit.',
          list: { template: 'genericList', hidden: true },
          columns: [{ name: 'Owned', text: { allowMultipleLines: true } }],
        });
        return created.id;
      })();
      this.lists.set(siteId, p);
      p.catch(() => this.lists.delete(siteId));
    }
    return p;
  }
}

function parseOwned(text: string | undefined): Address[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
