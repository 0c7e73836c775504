/**
 * Where the ownership ledger keeps a resource's record (see README): the hidden list in each
 * site, the item of a scope (a blueprint's sites in the root site, spread over SITE_SHARDS
 * items; what is inside a site in that site), and the error of a record that cannot be read.
 */
import { siteOfAddress, type Address } from '../model/address.ts';

/** Name (and URL segment) of the hidden ledger list in each site. */
export const LEDGER_LIST = 'm365provision';

/** Where one resource's ownership record lives. */
export interface LedgerScope {
  /** Graph id of the site holding the record; `root` for the tenant's root site. */
  siteId: string;
  /** Title of the scope's ledger item in that site's ledger list (continued in `<item> #2`, …: ledger-parts.ts). */
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
  if (site === address || !siteId) return { siteId: 'root', item: siteShardTitle(blueprint, shardOf(site)) };
  return { siteId, item: blueprint };
}

/** The title of one of a blueprint's SITE_SHARDS items of site records in the root site. */
export function siteShardTitle(blueprint: string, shard: number): string {
  return `${blueprint} sites ${shard}`;
}

function shardOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0) % SITE_SHARDS;
}
