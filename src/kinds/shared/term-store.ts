/**
 * Shared pieces of the term store kinds (src/kinds/term-group/, term-set/, term/) and of the
 * taxonomy column (`findTermSet`): the tenant's default site collection term store, reached
 * through CSOM taxonomy (`taxonomy-csom.ts`: Graph's term store supports no application
 * permissions); objects are matched by name; sets and terms carry the
 * ownership marker property; ids of what the engine creates are derived from the blueprint
 * (UUID v5 of the address), so a create whose answer was lost is recognised.
 */
import { uuidV5 } from '../../blueprint-core/uuid.ts';
import { storedName } from '../../model/term-store-names.ts';
import type { LocalizedText } from '../../model/localized-text.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { readGroups, readSets, tagOf, termStoreInfo, type CsomSet, type CsomTerm } from './taxonomy-csom.ts';

/** The custom property that marks sets and terms the engine created (value: the blueprint's name). */
export const OWNER_PROPERTY = 'm365provision.owner';
/** The custom property of a set the engine created: the language its identity name is in. */
export const LANGUAGE_PROPERTY = 'm365provision.language';

/** Whether two term store names are the same name: as stored, NFC, case-insensitively. */
export function eqName(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && storedName(a).normalize('NFC').toLowerCase() === storedName(b).normalize('NFC').toLowerCase();
}

/** The id the engine gives an object it creates at `address`: the same for the same blueprint address. */
export function taxonomyId(address: string): string {
  return uuidV5(`taxonomy:${address.normalize('NFC').toLowerCase()}`);
}

/** The default label of a term per language tag. */
export function defaultLabels(t: CsomTerm): LocalizedText {
  const out: LocalizedText = {};
  for (const l of t.labels) if (l.isDefault) out[tagOf(l.lcid)] = l.value;
  return out;
}

/** A term's default label in a language. */
export function labelIn(t: CsomTerm, language: string): string | undefined {
  const want = language.toLowerCase();
  return t.labels.find((l) => l.isDefault && tagOf(l.lcid).toLowerCase() === want)?.value;
}

/** A set's names per language tag. */
export function namesOf(s: CsomSet): LocalizedText {
  const out: LocalizedText = {};
  for (const [lcid, name] of Object.entries(s.names)) out[tagOf(lcid)] = name;
  return out;
}

export function nameIn(s: CsomSet, language: string): string | undefined {
  const want = language.toLowerCase();
  return Object.entries(s.names).find(([lcid]) => tagOf(lcid).toLowerCase() === want)?.[1];
}

/** Custom properties without the engine's own markers. */
export function propertiesOf(props: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) if (k !== OWNER_PROPERTY && k !== LANGUAGE_PROPERTY) out[k] = v;
  return out;
}

export function ownerOf(props: Record<string, string>): string | undefined {
  return props[OWNER_PROPERTY];
}

export async function findGroup(tenant: TenantClient, name: string): Promise<{ id: string; name: string } | undefined> {
  return (await readGroups(tenant)).find((g) => eqName(g.name, name));
}

/** The term set at `Group/Set` (the set by any of its names), with the term store's id. */
export async function findTermSet(tenant: TenantClient, path: string): Promise<{ setId: string; storeId: string } | undefined> {
  const slash = path.indexOf('/');
  if (slash < 0) return undefined;
  const group = await findGroup(tenant, path.slice(0, slash));
  if (!group) return undefined;
  const sets = await readSets(tenant, group.id);
  const set = sets.find((s) => Object.values(s.names).some((n) => eqName(n, path.slice(slash + 1))));
  if (!set) return undefined;
  const store = await termStoreInfo(tenant);
  return { setId: set.id, storeId: store.id };
}
