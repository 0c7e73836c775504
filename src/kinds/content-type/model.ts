/**
 * contentType: a site content type, keyed by its name (`site[/sites/x]/contentType[name]`), with
 * its column links. Its props, its address and its declaration. A leaf.
 */
import type { Address } from '../../model/address.ts';
import { declareKind } from '../kind-declaration.ts';

/** A column link of a content type: a site column by internal name, required or optional. */
export interface ColumnLink {
  name: string;
  required: boolean;
}

/** Desired props of a site content type; `undefined` is not stated (neither compared nor written). */
export interface ContentTypeProps {
  /** The content type's name: its identity on the site. */
  name: string;
  /**
   * Deterministic id: parent id + `00` + the 32 hex digits of a UUID v5 of the lower-cased name, the same on
   * every site (create-only: the service cannot change an id).
   */
  id: string;
  /** Id of the parent content type (0x0101 Document, 0x01 Item, 0x0120 Folder); a change is a replace. */
  parentId: string;
  description?: string;
  group?: string;
  /** Column links, compared as a set by column name (each with its required flag). */
  columns?: ColumnLink[];
}

/** Address of a site content type (`site[/sites/x]/contentType[name]`) or a list's copy (`…/list[X]/contentType[name]`). */
export function contentTypeAddress(parent: Address, name: string): Address {
  return `${parent}/contentType[${name}]`;
}

/** A site content type lives in a site and can be pruned. */
export const contentTypeDeclaration = declareKind<ContentTypeProps>()('contentType', { prunable: true, parentKinds: ['teamSite', 'commSite'] });
