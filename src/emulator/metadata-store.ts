/**
 * Content types (per web and per list) and the tenant's term store, kept beside the main store.
 * Mutations go through `Store.commit` as `MetaOp`s (journaled, replayable); the main store hands
 * them to `apply`. Built-in content types (Item, Document, Folder on every web; the list's own
 * Item or Document and Folder copy on every list) are implied, not stored, unless deleted.
 */
import { createHash, randomUUID } from 'node:crypto';
import { META_OPS, type ContentTypeRec, type FieldLinkRec, type MetadataHost, type MetaOp, type TermGroupRec, type TermRec, type TermSetRec } from './metadata-types.ts';
import type { Gone, SubStore } from './sub-store.ts';
import type { FieldRec, ListRec } from './types.ts';

/** SharePoint's answer to deleting a site column that content types link (SPField.Delete). */
export const SITE_COLUMN_IN_CONTENT_TYPES = 'Site columns which are included in content types cannot be deleted. Remove all references to this site column prior to deleting it.';

const TITLE_FIELD = 'fa564e0f-0c70-4ab9-b863-0177e6ddd247';

/** Content type ids compare case-insensitively; stored as '0x' + upper-case hex. */
export function normCtId(id: string): string {
  const s = id.trim();
  return /^0x/i.test(s) ? `0x${s.slice(2).toUpperCase()}` : s.toUpperCase();
}

/** Whether `suffix` makes a child's content type id of its parent's (MetadataStore.parentOf). */
function isChildSuffix(suffix: string): boolean {
  return /^(?!00)[0-9A-F]{2}$/i.test(suffix) || /^00[0-9A-F]{32}$/i.test(suffix);
}

/**
 * The list types of SharePoint's base content type hierarchy, children of Item, as Microsoft
 * documents them ("Base Content Type Hierarchy": System 0x, Item 0x01, Document 0x0101, these,
 * Folder 0x0120): with System, Item, Document and Folder, the built-in types every new web
 * lists. A real site holds more (pages, pictures, document sets…) whose ids are not in that
 * table; their groups here are SharePoint's usual one for list types, their links only Title.
 */
const BASE_LIST_TYPES: readonly (readonly [string, string])[] = [
  ['0x0102', 'Event'],
  ['0x0103', 'Issue'],
  ['0x0104', 'Announcement'],
  ['0x0105', 'Link'],
  ['0x0106', 'Contact'],
  ['0x0107', 'Message'],
  ['0x0108', 'Task'],
  ['0x0109', 'Workflow History'],
  ['0x0110', 'Post'],
  ['0x0111', 'Comment'],
  ['0x0116', 'East Asia Contact'],
];

export class MetadataStore implements SubStore<MetaOp> {
  readonly name = 'metadata';
  readonly opKinds = [...META_OPS] as MetaOp['k'][];
  /** scope (site id or list id) -> content type id -> record, in creation order */
  private readonly cts = new Map<string, Map<string, ContentTypeRec>>();
  /** builtin content types deleted from a scope: `${scope}|${id}` */
  private readonly removedBuiltins = new Set<string>();
  /** list id -> unique content type order (null/absent = the default order) */
  private readonly orders = new Map<string, string[]>();
  readonly termGroups = new Map<string, TermGroupRec>();
  readonly termSets = new Map<string, TermSetRec>();
  readonly terms = new Map<string, TermRec>();
  readonly termStoreId: string;
  readonly defaultLanguageTag = 'en-US';
  readonly languageTags = ['en-US', 'sv-SE', 'nb-NO', 'da-DK', 'fi-FI', 'de-DE', 'fr-FR'];

  constructor(private readonly store: MetadataHost) {
    const h = createHash('sha1').update(`termstore:${store.tenantName}`).digest('hex');
    this.termStoreId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }

  apply(op: MetaOp): void {
    switch (op.k) {
      case 'ct': {
        const scope = op.v.listId ?? op.v.siteId;
        let m = this.cts.get(scope);
        if (!m) this.cts.set(scope, (m = new Map()));
        m.set(op.v.id, op.v);
        this.removedBuiltins.delete(`${scope}|${op.v.id}`);
        return;
      }
      case 'delCt': {
        const m = this.cts.get(op.scope);
        if (m?.has(op.id)) m.delete(op.id);
        else this.removedBuiltins.add(`${op.scope}|${op.id}`);
        return;
      }
      case 'ctOrder':
        if (op.order) this.orders.set(op.listId, op.order);
        else this.orders.delete(op.listId);
        return;
      case 'termGroup':
        this.termGroups.set(op.v.id, op.v);
        return;
      case 'delTermGroup':
        this.termGroups.delete(op.id);
        return;
      case 'termSet':
        this.termSets.set(op.v.id, op.v);
        return;
      case 'delTermSet':
        this.termSets.delete(op.id);
        return;
      case 'term':
        this.terms.set(op.v.id, op.v);
        return;
      case 'delTerm':
        this.terms.delete(op.id);
        return;
    }
  }

  *snapshotOps(): Generator<MetaOp> {
    for (const m of this.cts.values()) for (const v of m.values()) yield { k: 'ct', v };
    for (const key of this.removedBuiltins) {
      const [scope, id] = key.split('|') as [string, string];
      yield { k: 'delCt', scope, id };
    }
    for (const [listId, order] of this.orders) yield { k: 'ctOrder', listId, order };
    for (const v of this.termGroups.values()) yield { k: 'termGroup', v };
    for (const v of this.termSets.values()) yield { k: 'termSet', v };
    for (const v of this.terms.values()) yield { k: 'term', v };
  }

  /** The content types of a deleted list, or of a purged site's web and lists (the term store is the tenant's). */
  drop(gone: Gone): void {
    if (!gone.any.sites && !gone.any.lists) return;
    for (const scope of this.cts.keys()) if (gone.scope(scope)) this.cts.delete(scope);
    for (const listId of this.orders.keys()) if (gone.list(listId)) this.orders.delete(listId);
    for (const key of this.removedBuiltins) if (gone.scope(key.slice(0, key.indexOf('|')))) this.removedBuiltins.delete(key);
  }

  // ------------------------------------------------------------------ content types

  private builtins(siteId: string, list: ListRec | null): ContentTypeRec[] {
    const now = list?.created ?? this.store.sites.get(siteId)?.created ?? this.store.nowIso();
    const mk = (id: string, name: string, parentId: string, group: string, links: FieldLinkRec[], hidden = false, description = ''): ContentTypeRec => ({
      id,
      siteId,
      listId: list?.id ?? null,
      name,
      description,
      group,
      parentId,
      hidden,
      readOnly: false,
      sealed: false,
      links,
      builtin: true,
      created: now,
      modified: now,
    });
    const title: FieldLinkRec[] = [{ fieldId: TITLE_FIELD, name: 'Title', required: !list || list.baseTemplate !== 101, hidden: false }];
    if (!list) {
      return [
        mk('0x', 'System', '0x', '_Hidden', []),
        mk('0x01', 'Item', '0x', 'List Content Types', title, false, 'Create a new list item.'),
        mk('0x0101', 'Document', '0x01', 'Document Content Types', [{ ...title[0]!, required: false }], false, 'Create a new document.'),
        ...BASE_LIST_TYPES.map(([id, name]) => mk(id, name, '0x01', 'List Content Types', title)),
        mk('0x0120', 'Folder', '0x01', 'Folder Content Types', [], false, 'Create a new folder.'),
      ];
    }
    const hex = list.id.replace(/-/g, '').toUpperCase();
    const library = list.baseTemplate === 101;
    return [
      library
        ? mk(`0x010100${hex}`, 'Document', '0x0101', 'Document Content Types', [{ ...title[0]!, required: false }], false, 'Create a new document.')
        : mk(`0x0100${hex}`, 'Item', '0x01', 'List Content Types', title, false, 'Create a new list item.'),
      mk(`0x012000${hex}`, 'Folder', '0x0120', 'Folder Content Types', [], true, 'Create a new folder.'),
    ];
  }

  /** The content types of a web (list null) or a list, built-ins first, in creation order. */
  contentTypesOf(siteId: string, list: ListRec | null): ContentTypeRec[] {
    const scope = list?.id ?? siteId;
    const out = this.builtins(siteId, list).filter((c) => !this.removedBuiltins.has(`${scope}|${c.id}`));
    const stored = this.cts.get(scope);
    if (stored) {
      for (const c of stored.values()) {
        const i = out.findIndex((b) => b.id === c.id);
        if (i >= 0) out[i] = c;
        else out.push(c);
      }
    }
    return out;
  }

  getContentType(siteId: string, list: ListRec | null, id: string): ContentTypeRec | undefined {
    const n = normCtId(id);
    return this.contentTypesOf(siteId, list).find((c) => c.id === n);
  }

  /**
   * The site content type a new type with `id` (normalised) would be a child of: the one whose id
   * it extends by two hexadecimal digits other than 00, or by 00 and a GUID's 32 ("Content Type
   * IDs"); undefined when the site has none (SharePoint then refuses the id).
   */
  parentOf(siteId: string, id: string): ContentTypeRec | undefined {
    return this.contentTypesOf(siteId, null).find((c) => id.startsWith(c.id) && isChildSuffix(id.slice(c.id.length)));
  }

  createContentType(input: Omit<ContentTypeRec, 'created' | 'modified'>): ContentTypeRec {
    const now = this.store.nowIso();
    const v: ContentTypeRec = { ...input, id: normCtId(input.id), parentId: normCtId(input.parentId), created: now, modified: now };
    this.store.commit({ k: 'ct', v });
    return v;
  }

  updateContentType(ct: ContentTypeRec, patch: Partial<Pick<ContentTypeRec, 'name' | 'description' | 'group' | 'hidden' | 'readOnly' | 'links'>>): ContentTypeRec {
    const v: ContentTypeRec = { ...ct, ...patch, modified: this.store.nowIso() };
    delete v.builtin;
    if (ct.builtin) v.builtin = true;
    this.store.commit({ k: 'ct', v });
    return v;
  }

  deleteContentType(ct: ContentTypeRec): void {
    const scope = ct.listId ?? ct.siteId;
    this.store.commit({ k: 'delCt', scope, id: ct.id });
    const order = ct.listId ? this.orders.get(ct.listId) : undefined;
    if (ct.listId && order?.includes(ct.id)) this.store.commit({ k: 'ctOrder', listId: ct.listId, order: order.filter((x) => x !== ct.id) });
  }

  /**
   * The list's column for a site column (the same id), copied from the site's when the list lacks
   * it, as adding a content type, or a link to a list's content type, does. Undefined when the
   * site has no such column either.
   */
  copyFieldToList(list: ListRec, fieldId: string): FieldRec | undefined {
    const own = this.store.getField(list.id, fieldId);
    if (own) return own;
    const f = this.store.getField(list.siteId, fieldId);
    if (!f) return undefined;
    const copy: FieldRec = { ...f, listId: list.id, created: this.store.nowIso(), lastModified: this.store.nowIso() };
    delete copy.builtin;
    delete copy.modified;
    this.store.addField(copy);
    return copy;
  }

  /** Copies a site content type to a list (with the site columns it links), like addCopy/AddAvailableContentType. */
  addToList(list: ListRec, source: ContentTypeRec): ContentTypeRec {
    const existing = this.contentTypesOf(list.siteId, list).find((c) => c.sourceId === source.id || c.id === source.id);
    if (existing) return existing;
    for (const link of source.links) this.copyFieldToList(list, link.fieldId);
    const hex = randomUUID().replace(/-/g, '').toUpperCase();
    return this.createContentType({
      id: `${source.id}00${hex}`,
      siteId: list.siteId,
      listId: list.id,
      name: source.name,
      description: source.description,
      group: source.group,
      parentId: source.id,
      hidden: false,
      readOnly: false,
      sealed: false,
      links: source.links.map((l) => ({ ...l })),
      sourceId: source.id,
    });
  }

  /**
   * The site content types that link a site column (the service refuses to delete a site column
   * that content types reference: "Delete a site column", Microsoft Support).
   */
  linkingSiteColumn(field: FieldRec): ContentTypeRec[] {
    if (field.listId) return [];
    return this.contentTypesOf(field.siteId, null).filter((c) => c.links.some((l) => l.fieldId === field.id));
  }

  /**
   * Why a list's content type cannot be removed from its list, or undefined when it can
   * (SPContentTypeCollection.Delete: not while an item of the list is of it, not the list's last
   * content type; items in the recycle bin do not count).
   */
  listRemovalRefusal(list: ListRec, ct: ContentTypeRec): string | undefined {
    if (this.store.itemsOf(list.id).some((i) => i.contentTypeId === ct.id)) return 'Content type is still in use.';
    const visible = this.contentTypesOf(list.siteId, list).filter((c) => !c.hidden && !c.id.startsWith('0x0120'));
    if (visible.length === 1 && visible[0]!.id === ct.id) return 'The last content type on a list cannot be deleted.';
    return undefined;
  }

  /** Whether a list of the site holds a copy of the site content type (the service then refuses to delete it). */
  inUse(siteId: string, ct: ContentTypeRec): boolean {
    return this.store.listsOf(siteId).some((l) => this.contentTypesOf(siteId, l).some((c) => c.sourceId === ct.id || c.parentId === ct.id));
  }

  /** The list's content type order: the unique order when set, else its visible content types. */
  contentTypeOrder(list: ListRec): string[] {
    const all = this.contentTypesOf(list.siteId, list);
    const unique = this.orders.get(list.id);
    if (unique) return unique.filter((id) => all.some((c) => c.id === id));
    return all.filter((c) => !c.hidden).map((c) => c.id);
  }

  uniqueContentTypeOrder(list: ListRec): string[] | null {
    return this.orders.get(list.id) ?? null;
  }

  setContentTypeOrder(list: ListRec, order: string[] | null): void {
    this.store.commit({ k: 'ctOrder', listId: list.id, order: order ? order.map(normCtId) : null });
  }

  // ------------------------------------------------------------------ term store

  setsOf(groupId: string): TermSetRec[] {
    return [...this.termSets.values()].filter((s) => s.groupId === groupId);
  }

  childrenOf(setId: string, parentId: string | null): TermRec[] {
    return [...this.terms.values()].filter((t) => t.setId === setId && t.parentId === parentId);
  }

  termsOf(setId: string): TermRec[] {
    return [...this.terms.values()].filter((t) => t.setId === setId);
  }

  putTermGroup(v: TermGroupRec): TermGroupRec {
    this.store.commit({ k: 'termGroup', v });
    return v;
  }

  putTermSet(v: TermSetRec): TermSetRec {
    this.store.commit({ k: 'termSet', v });
    return v;
  }

  putTerm(v: TermRec): TermRec {
    this.store.commit({ k: 'term', v });
    return v;
  }

  deleteTerm(t: TermRec): void {
    for (const c of this.childrenOf(t.setId, t.id)) this.deleteTerm(c);
    this.store.commit({ k: 'delTerm', id: t.id });
  }

  deleteTermSet(s: TermSetRec): void {
    for (const t of this.childrenOf(s.id, null)) this.deleteTerm(t);
    this.store.commit({ k: 'delTermSet', id: s.id });
  }

  deleteTermGroup(g: TermGroupRec): void {
    this.store.commit({ k: 'delTermGroup', id: g.id });
  }
}
