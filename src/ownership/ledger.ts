/**
 * The ownership ledger (see README). `owned(scope)` reads the addresses recorded for this
 * blueprint in one scope; `record`/`forget` queue changes that `flush` writes, one
 * read-merge-write per scope. Reads and writes go through Graph lists and list items.
 */
import type { Address } from '../model/address.ts';
import { TenantError } from '../model/tenant-error.ts';
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

/** Root-site items a blueprint's site records are spread over, so that none grows without bound. */
export const SITE_SHARDS = 32;

/**
 * The scope of a resource's record: sites and tenant-level objects are recorded in the root
 * site, in one of SITE_SHARDS items per blueprint (so that thousands of sites never share one
 * item, nor need one item each); everything inside a site in that site, one item per blueprint.
 */
export function scopeOf(blueprint: string, address: Address, siteId: string | undefined): LedgerScope {
  const site = /^site\[[^\]]*\]/.exec(address)?.[0];
  if (!site) return { siteId: 'root', item: `${blueprint} tenant` };
  if (site === address || !siteId) return { siteId: 'root', item: `${blueprint} sites ${shardOf(site)}` };
  return { siteId, item: blueprint };
}

function shardOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % SITE_SHARDS;
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
    const prefix = `${this.blueprint} sites `;
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

  /**
   * Writes every queued change: per site, one read of its ledger (none when the ledger list is
   * new), then each of its items merged and written.
   */
  async flush(): Promise<void> {
    const bySite = new Map<string, { scope: LedgerScope; add: Set<Address>; remove: Set<Address> }[]>();
    for (const p of this.pending.values()) {
      const list = bySite.get(p.scope.siteId) ?? [];
      list.push(p);
      bySite.set(p.scope.siteId, list);
    }
    this.pending.clear();
    await Promise.all(
      [...bySite].map(async ([site, work]) => {
        const siteId = await this.resolve(site);
        const { listId, created } = await this.ensureList(siteId);
        const items = created ? [] : await this.graph.list<LedgerItem>(`/sites/${siteId}/lists/${listId}/items?$expand=fields`);
        for (const { scope, add, remove } of work) {
          const item = items.find((i) => i.fields.Title === scope.item);
          const owned = new Set(parseOwned(item?.fields.Owned));
          for (const a of add) owned.add(a);
          for (const a of remove) owned.delete(a);
          const Owned = JSON.stringify([...owned].sort());
          if (item) await this.graph.patch(`/sites/${siteId}/lists/${listId}/items/${item.id}/fields`, { Owned });
          else await this.graph.post(`/sites/${siteId}/lists/${listId}/items`, { fields: { Title: scope.item, Owned } });
          this.reads.set(`${scope.siteId}|${scope.item}`, Promise.resolve(owned));
        }
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

  private readonly lists = new Map<string, Promise<{ listId: string; created: boolean }>>();
  /** The site's ledger list: created when missing (one request for a new site), else found. */
  private ensureList(siteId: string): Promise<{ listId: string; created: boolean }> {
    let p = this.lists.get(siteId);
    if (!p) {
      p = (async () => {
        try {
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
          if (!(error instanceof TenantError && (error.status === 409 || /already exists/i.test(error.message)))) throw error;
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

function parseOwned(text: string | undefined): Address[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}
