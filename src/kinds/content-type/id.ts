/**
 * The deterministic id of a content type and how an id is recognised as one this engine derived
 * (pure): used by the expansion (the ids it gives), the rules (a parent change) and the effects
 * of site and list content types (finding a type made before a rename in case).
 */
import { uuidV5 } from '../../blueprint-core/uuid.ts';

/** Built-in parents and their ids. */
export const CONTENT_TYPE_PARENTS = { Document: '0x0101', Item: '0x01', Folder: '0x0120' } as const;

/**
 * The deterministic id of a content type: parent id + `00` + a UUID v5 of its name in lower case
 * (32 hex digits). Lower case because SharePoint compares content type names case-insensitively:
 * `Beslut` and `beslut` are one type and must have one id (a case-only rename keeps the id).
 */
export function contentTypeId(name: string, parentId: string): string {
  return `${parentId}00${uuidV5(`contentType:${name.toLowerCase()}`).replace(/-/g, '').toUpperCase()}`;
}

/** Content type ids compare case-insensitively (hex digits). */
export function sameCtId(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
}

/**
 * True when a content type's id is one this engine derives from its stored name (parent id +
 * `00` + UUID v5): today's derivation (lower-cased name) or the earlier one (the name as
 * written), so that a type made before names were lower-cased, or renamed in case since, is
 * still recognised as the blueprint's own under a name that differs only in case.
 */
export function madeFromName(id: string, name: string): boolean {
  if (!/^0x[0-9A-F]*00[0-9A-F]{32}$/i.test(id)) return false;
  const parent = id.slice(0, -34);
  const earlier = `${parent}00${uuidV5(`contentType:${name}`).replace(/-/g, '').toUpperCase()}`;
  return sameCtId(id, contentTypeId(name, parent)) || sameCtId(id, earlier);
}

/**
 * The site content type a desired one is: by its derived id, else (names compare
 * case-insensitively) one of the same name whose id was derived from its own name by this engine.
 */
export function findContentType<T extends { id: string; name: string }>(all: readonly T[], name: string, id: string): T | undefined {
  return all.find((c) => sameCtId(c.id, id)) ?? all.find((c) => c.name.toLowerCase() === name.toLowerCase() && madeFromName(c.id, c.name));
}
