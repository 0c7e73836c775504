/**
 * The text of the ledger's records, and how one scope's record is spread over items. An item's
 * `Owned` is a multi-line text column, which holds at most 63,999 characters (the `maxLength`
 * Graph states for such a column), so a scope whose record outgrows one item continues in items
 * titled `<title> #2`, `<title> #3`, …: a scope's record is the union of its items. An address
 * stays in the item that holds it (so a rewrite never moves a record between items, and no crash
 * between two items' writes can lose one); new addresses go to the first item with room, with
 * room kept for the outcome that replaces an intent. Pure: no I/O.
 */
import type { Address } from '../model/address.ts';

/** The most characters a multi-line text column holds: an `Owned` text must never be longer. */
export const OWNED_MAX_CHARS = 63_999;

/** What one item is filled to when addresses are placed (the rest is room for outcomes). */
export const PART_BUDGET = 60_000;

/** Characters counted for an entry's state when it is placed: an outcome (an id) must still fit. */
const STATE_RESERVE = 160;

/** The title of a scope's `index`th item (0: the scope's own title). */
export function partTitle(title: string, index: number): string {
  return index === 0 ? title : `${title} #${index + 1}`;
}

/** Which of the scope's items a title names (0 for the scope's own), or undefined when none. */
export function partIndexOf(title: string, itemTitle: string): number | undefined {
  if (itemTitle === title) return 0;
  if (!itemTitle.startsWith(`${title} #`)) return undefined;
  const n = itemTitle.slice(title.length + 2);
  return /^[1-9][0-9]{0,5}$/.test(n) && Number(n) >= 2 ? Number(n) - 1 : undefined;
}

/** A ledger item as far as its record goes. */
export interface OwnedItem {
  id: string;
  fields: { Title?: string; Owned?: string };
}

/** One of a scope's items: its index (0: the scope's own title), the item, what it holds. */
export interface OwnedPart<T extends OwnedItem> {
  index: number;
  item: T;
  entries: Map<Address, string>;
}

/**
 * A scope's items among a site's ledger items, in index order, or the first that does not parse
 * (the whole scope is then unknown).
 */
export function partsOf<T extends OwnedItem>(items: readonly T[], title: string): OwnedPart<T>[] | { title: string; error: string } {
  const out: OwnedPart<T>[] = [];
  for (const item of items) {
    const index = item.fields.Title === undefined ? undefined : partIndexOf(title, item.fields.Title);
    if (index === undefined) continue;
    const parsed = parseOwned(item.fields.Owned);
    if (!(parsed instanceof Map)) return { title: item.fields.Title!, error: parsed.error };
    out.push({ index, item, entries: parsed });
  }
  return out.sort((a, b) => a.index - b.index);
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

/** The `Owned` text of one item: its entries as a JSON object, addresses in order. */
export function serializeOwned(entries: ReadonlyMap<Address, string>): string {
  return JSON.stringify(Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Characters an entry adds to its item's text (`"address":"state",`). */
function entryChars(address: Address, state: string): number {
  return JSON.stringify(address).length + JSON.stringify(state).length + 2;
}

/** Characters an entry is counted for when it is placed: its outcome (an id) must still fit. */
function reservedChars(address: Address, state: string): number {
  return JSON.stringify(address).length + Math.max(JSON.stringify(state).length, STATE_RESERVE) + 2;
}

/**
 * Where each entry is written: `placed` (address -> item index) as the tenant holds it is kept;
 * an item whose text would pass OWNED_MAX_CHARS gives up its last entries; every entry not placed
 * goes to the first item whose reserved size leaves room, else to a new item. Returns the entries
 * of each item (index order; an item may be empty) and the new placement. Sizes are counted per
 * entry, so no item's text is made here (the writer makes each once).
 */
export function layOut(entries: ReadonlyMap<Address, string>, placed: ReadonlyMap<Address, number>): { parts: Map<Address, string>[]; placed: Map<Address, number> } {
  const parts: Map<Address, string>[] = [];
  const partAt = (i: number): Map<Address, string> => {
    while (parts.length <= i) parts.push(new Map());
    return parts[i]!;
  };
  const unplaced: Address[] = [];
  for (const [address, state] of entries) {
    const at = placed.get(address);
    if (at === undefined) unplaced.push(address);
    else partAt(at).set(address, state);
  }
  partAt(0);
  const reserved: number[] = [];
  for (const part of parts) {
    // `{` + each entry with its comma (the last comma stands for the `}`).
    let chars = 1;
    for (const [a, s] of part) chars += entryChars(a, s);
    if (chars > OWNED_MAX_CHARS) {
      const keys = [...part.keys()].sort();
      while (keys.length > 0 && chars > PART_BUDGET) {
        const last = keys.pop()!;
        chars -= entryChars(last, part.get(last)!);
        part.delete(last);
        unplaced.push(last);
      }
    }
    let size = 2;
    for (const [a, s] of part) size += reservedChars(a, s);
    reserved.push(size);
  }
  const next = new Map<Address, number>();
  parts.forEach((part, i) => part.forEach((_, a) => next.set(a, i)));
  for (const address of unplaced.sort()) {
    const state = entries.get(address)!;
    const cost = reservedChars(address, state);
    let i = reserved.findIndex((size) => size + cost <= PART_BUDGET);
    if (i < 0) {
      i = parts.length;
      reserved.push(2);
    }
    partAt(i).set(address, state);
    reserved[i]! += cost;
    next.set(address, i);
  }
  return { parts, placed: next };
}
