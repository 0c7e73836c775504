/**
 * Canonical records of content types and the term store (managed metadata), and their journal
 * ops. Plain JSON, like the records in types.ts.
 */
import type { FieldRec, ItemRec, ListRec, SiteRec } from './types.ts';

/** A content type's link to a field of its scope (web or list). */
export interface FieldLinkRec {
  fieldId: string; // lower-case guid
  name: string; // the field's internal name
  required: boolean;
  hidden: boolean;
}

/** A content type of a web (listId null) or a list. Ids are SharePoint content type ids (0x...), stored upper-case after '0x'. */
export interface ContentTypeRec {
  id: string;
  siteId: string;
  listId: string | null;
  name: string;
  description: string;
  group: string;
  parentId: string;
  hidden: boolean;
  readOnly: boolean;
  sealed: boolean;
  links: FieldLinkRec[];
  /** for a list's copy: the id of the site content type it was copied from */
  sourceId?: string;
  builtin?: boolean;
  created: string;
  modified: string;
}

export interface LocalizedNameRec {
  languageTag: string;
  name: string;
}

export interface LabelRec {
  name: string;
  languageTag: string;
  isDefault: boolean;
}

export interface KeyValueRec {
  key: string;
  value: string;
}

export interface TermGroupRec {
  id: string;
  displayName: string;
  description: string;
  scope: 'global' | 'system' | 'siteCollection';
  createdDateTime: string;
}

export interface TermSetRec {
  id: string;
  groupId: string;
  localizedNames: LocalizedNameRec[];
  description: string;
  properties: KeyValueRec[];
  createdDateTime: string;
}

export interface TermRec {
  id: string;
  setId: string;
  /** null for a top-level term of its set */
  parentId: string | null;
  labels: LabelRec[];
  descriptions: { description: string; languageTag: string }[];
  properties: KeyValueRec[];
  createdDateTime: string;
  lastModifiedDateTime: string;
}

export type MetaOp =
  | { k: 'ct'; v: ContentTypeRec }
  | { k: 'delCt'; scope: string; id: string }
  | { k: 'ctOrder'; listId: string; order: string[] | null }
  | { k: 'termGroup'; v: TermGroupRec }
  | { k: 'delTermGroup'; id: string }
  | { k: 'termSet'; v: TermSetRec }
  | { k: 'delTermSet'; id: string }
  | { k: 'term'; v: TermRec }
  | { k: 'delTerm'; id: string };

export const META_OPS = new Set<string>(['ct', 'delCt', 'ctOrder', 'termGroup', 'delTermGroup', 'termSet', 'delTermSet', 'term', 'delTerm']);

/**
 * What the metadata store needs from the main store (implemented by `Store`, store.ts): its clock,
 * its sites, lists and fields, and `commit`, through which every metadata change is journaled.
 */
export interface MetadataHost {
  readonly tenantName: string;
  readonly sites: ReadonlyMap<string, SiteRec>;
  /** The tenant clock's time, ISO 8601 to the second. */
  nowIso(): string;
  /** Journal and apply an op. */
  commit(op: MetaOp): void;
  listsOf(siteId: string): ListRec[];
  itemsOf(listId: string): ItemRec[];
  getField(scope: string, id: string): FieldRec | undefined;
  addField(f: FieldRec): FieldRec;
}
