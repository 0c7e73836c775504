/**
 * Shared pieces of the term store kinds (termGroup, termSet, term): the tenant's term store is
 * reached through the root site (`/sites/root/termStore`), objects are matched by name (term ids
 * are the service's), and sets and terms carry the ownership marker property.
 */
import type { LocalizedText } from '../model/resources.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';

export const TERM_STORE = '/sites/root/termStore';
/** The custom property that marks sets and terms the engine created (value: the blueprint's name). */
export const OWNER_PROPERTY = 'm365provision.owner';

export interface KeyValue {
  key: string;
  value: string;
}

export interface GraphGroup {
  id: string;
  displayName: string;
  description?: string | null;
}

export interface GraphSet {
  id: string;
  description?: string | null;
  localizedNames?: { languageTag: string; name: string }[];
  properties?: KeyValue[] | null;
}

export interface GraphTerm {
  id: string;
  labels?: { name: string; languageTag: string; isDefault: boolean }[];
  descriptions?: { description: string; languageTag: string }[] | null;
  properties?: KeyValue[] | null;
}

export function eqName(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.normalize('NFC').toLowerCase() === b.normalize('NFC').toLowerCase();
}

/** The default label of a term per language. */
export function defaultLabels(t: GraphTerm): LocalizedText {
  const out: LocalizedText = {};
  for (const l of t.labels ?? []) if (l.isDefault) out[l.languageTag] = l.name;
  return out;
}

export function namesOf(s: GraphSet): LocalizedText {
  const out: LocalizedText = {};
  for (const n of s.localizedNames ?? []) out[n.languageTag] = n.name;
  return out;
}

export function propertiesOf(list: KeyValue[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of list ?? []) if (p.key !== OWNER_PROPERTY) out[p.key] = p.value;
  return out;
}

export function ownerOf(list: KeyValue[] | null | undefined): string | undefined {
  return (list ?? []).find((p) => p.key === OWNER_PROPERTY)?.value;
}

/** Stated entries of a map compared one by one (case-insensitive language tags). */
export function sameStated(desired: unknown, observed: unknown): boolean {
  const want = (desired ?? {}) as Record<string, string>;
  const have = (observed ?? {}) as Record<string, string>;
  const lower = new Map(Object.entries(have).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(want).every(([k, v]) => lower.get(k.toLowerCase()) === v);
}

export async function findGroup(tenant: TenantClient, name: string): Promise<GraphGroup | undefined> {
  const groups = await tenant.graph.list<GraphGroup>(`${TERM_STORE}/groups`);
  return groups.find((g) => eqName(g.displayName, name));
}

/** The term set at `Group/Set` (the set by any of its names), with the term store's id. */
export async function findTermSet(tenant: TenantClient, path: string): Promise<{ setId: string; storeId: string } | undefined> {
  const slash = path.indexOf('/');
  if (slash < 0) return undefined;
  const group = await findGroup(tenant, path.slice(0, slash));
  if (!group) return undefined;
  const sets = await tenant.graph.list<GraphSet>(`${TERM_STORE}/groups/${group.id}/sets`);
  const set = sets.find((s) => (s.localizedNames ?? []).some((n) => eqName(n.name, path.slice(slash + 1))));
  if (!set) return undefined;
  const store = await tenant.graph.get<{ id: string }>(TERM_STORE);
  return { setId: set.id, storeId: store.id };
}
