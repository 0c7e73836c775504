import { createHash } from 'node:crypto';

/** Namespace of the deterministic ids of m365-provision (fixed forever: changing it changes every field id). */
export const ID_NAMESPACE = '5c3e0f8a-6a1b-4d8e-9f41-2b7d3c9e6a10';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replace(/-/g, ''), 'hex');
}

/**
 * The ids already derived in this process, by namespace and name: a template stamps the same
 * column and content type on every row's site, so each id is hashed once, not once per row.
 * Bounded: emptied when full.
 */
const derived = new Map<string, string>();
const MAX_DERIVED = 10_000;

/** RFC 4122 §4.3 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string = ID_NAMESPACE): string {
  const key = `${namespace}\u0000${name}`;
  const known = derived.get(key);
  if (known !== undefined) return known;
  if (derived.size >= MAX_DERIVED) derived.clear();
  const id = hashUuidV5(name, namespace);
  derived.set(key, id);
  return id;
}

function hashUuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(Buffer.from(name, 'utf8')).digest();
  const b = hash.subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The field id of a column: the same for the same internal name on every site and in every list. */
export function columnId(internalName: string): string {
  return uuidV5(`column:${internalName}`);
}
