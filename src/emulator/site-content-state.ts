/**
 * The SharePoint content part of the local tenant's state: site collections (by id, URL and web
 * id), their lists, the fields of each web and list (by id and internal name) and list items.
 * Its ops are `ContentOp`s. A purged site (`delSite`) takes its lists, fields and items with it,
 * and what the other parts keep for them; so does a deleted list (`delList`). Built-in fields that were never changed are implied, not snapshotted.
 * A list's built-in fields are not kept either (53 records a list, ~480 MB for the 40,000 lists of
 * 10,000 workspaces): they are made from the shared definitions when asked for, and only a changed
 * one (an override, in the list's own fields) or a deleted one (`deletedBuiltins`) is kept.
 */
import { builtinWebFields } from './builtins.ts';
import { builtinListDefs, builtinListField } from './builtin-list-fields.ts';
import { goneOnly, type Gone, type SubStore } from './sub-store.ts';
import type { FieldRec, ItemRec, ListRec, SiteRec } from './types.ts';

export type ContentOp =
  | { k: 'site'; v: SiteRec }
  | { k: 'delSite'; id: string }
  | { k: 'list'; v: ListRec }
  | { k: 'delList'; id: string }
  | { k: 'field'; v: FieldRec }
  | { k: 'delField'; scope: string; id: string }
  | { k: 'item'; v: ItemRec }
  | { k: 'delItem'; listId: string; id: number };

/** Lists whose built-in records are kept made (~11 KB each): the lists an apply is writing. */
const BUILTIN_CACHE_LISTS = 512;

export class SiteContentState implements SubStore<ContentOp> {
  readonly name = 'site content';
  readonly opKinds = ['site', 'delSite', 'list', 'delList', 'field', 'delField', 'item', 'delItem'] as const;
  readonly sites = new Map<string, SiteRec>();
  private readonly sitesByUrl = new Map<string, SiteRec>();
  readonly sitesByWebId = new Map<string, SiteRec>();
  readonly lists = new Map<string, ListRec>();
  private readonly listsBySite = new Map<string, ListRec[]>();
  /** scope (list id or site id) -> field id -> field, in creation order; a list's built-ins only when changed */
  private readonly fieldsByScope = new Map<string, Map<string, FieldRec>>();
  /** list id -> ids of its built-in fields that were deleted */
  private readonly deletedBuiltins = new Map<string, Set<string>>();
  /**
   * The built-in records of the lists used last (at most BUILTIN_CACHE_LISTS, least recently used
   * dropped): a list being written is not made again on every read (an apply's field checks).
   */
  private readonly builtinCache = new Map<string, Map<string, FieldRec>>();
  private readonly fieldNames = new Map<string, Map<string, FieldRec>>();
  /** list id -> item id -> item, in creation order */
  private readonly itemsByList = new Map<string, Map<number, ItemRec>>();

  apply(op: ContentOp): void {
    switch (op.k) {
      case 'site': {
        const old = this.sites.get(op.v.id);
        if (old) this.sitesByUrl.delete(old.url.toLowerCase());
        this.sites.set(op.v.id, op.v);
        this.sitesByUrl.set(op.v.url.toLowerCase(), op.v);
        this.sitesByWebId.set(op.v.webId, op.v);
        if (!old) {
          this.listsBySite.set(op.v.id, []);
          for (const f of builtinWebFields(op.v.id, op.v.created)) this.putField(f);
        }
        return;
      }
      case 'delSite': {
        const old = this.sites.get(op.id);
        if (!old) return;
        for (const l of this.listsBySite.get(op.id) ?? []) this.forgetList(l.id);
        this.listsBySite.delete(op.id);
        this.fieldsByScope.delete(op.id);
        this.fieldNames.delete(op.id);
        this.sites.delete(op.id);
        this.sitesByUrl.delete(old.url.toLowerCase());
        this.sitesByWebId.delete(old.webId);
        return;
      }
      case 'list': {
        this.builtinCache.delete(op.v.id);
        const old = this.lists.get(op.v.id);
        this.lists.set(op.v.id, op.v);
        let arr = this.listsBySite.get(op.v.siteId);
        if (!arr) this.listsBySite.set(op.v.siteId, (arr = []));
        if (old) {
          const i = arr.indexOf(old);
          if (i >= 0) arr[i] = op.v;
        } else arr.push(op.v);
        return;
      }
      case 'delList': {
        const old = this.lists.get(op.id);
        if (!old) return;
        const arr = this.listsBySite.get(old.siteId);
        const i = arr ? arr.indexOf(old) : -1;
        if (i >= 0) arr!.splice(i, 1);
        this.forgetList(op.id);
        return;
      }
      case 'item': {
        let m = this.itemsByList.get(op.v.listId);
        if (!m) this.itemsByList.set(op.v.listId, (m = new Map()));
        m.set(op.v.id, op.v);
        return;
      }
      case 'delItem':
        this.itemsByList.get(op.listId)?.delete(op.id);
        return;
      case 'field':
        this.putField(op.v);
        return;
      case 'delField': {
        this.builtinCache.delete(op.scope);
        const f = this.fieldsByScope.get(op.scope)?.get(op.id);
        if (f) {
          this.fieldsByScope.get(op.scope)!.delete(op.id);
          this.fieldNames.get(op.scope)?.delete(f.internalName.toLowerCase());
        }
        const list = this.lists.get(op.scope);
        if (list && builtinListDefs(list.baseTemplate).byId.has(op.id)) {
          let deleted = this.deletedBuiltins.get(list.id);
          if (!deleted) this.deletedBuiltins.set(list.id, (deleted = new Set()));
          deleted.add(op.id);
        }
        return;
      }
    }
  }

  private forgetList(id: string): void {
    this.lists.delete(id);
    this.deletedBuiltins.delete(id);
    this.builtinCache.delete(id);
    this.fieldsByScope.delete(id);
    this.fieldNames.delete(id);
    this.itemsByList.delete(id);
  }

  private putField(f: FieldRec): void {
    const scope = f.listId ?? f.siteId;
    this.deletedBuiltins.get(scope)?.delete(f.id); // a built-in put back
    this.builtinCache.delete(scope);
    let m = this.fieldsByScope.get(scope);
    if (!m) this.fieldsByScope.set(scope, (m = new Map()));
    let n = this.fieldNames.get(scope);
    if (!n) this.fieldNames.set(scope, (n = new Map()));
    const old = m.get(f.id);
    if (old) n.delete(old.internalName.toLowerCase());
    m.set(f.id, f);
    n.set(f.internalName.toLowerCase(), f);
  }

  /** Sites, then lists, items and fields; builtin fields that were never changed are implied, deleted ones are `delField`s. */
  *snapshotOps(): Generator<ContentOp> {
    for (const v of this.sites.values()) yield { k: 'site', v };
    for (const v of this.lists.values()) yield { k: 'list', v };
    for (const m of this.itemsByList.values()) for (const v of m.values()) yield { k: 'item', v };
    for (const m of this.fieldsByScope.values()) {
      for (const v of m.values()) if (!v.builtin || v.modified) yield { k: 'field', v };
    }
    for (const site of this.sites.values()) {
      for (const f of builtinWebFields(site.id, site.created)) {
        if (!this.getField(site.id, f.id)) yield { k: 'delField', scope: site.id, id: f.id };
      }
    }
    for (const [list, ids] of this.deletedBuiltins) for (const id of ids) yield { k: 'delField', scope: list, id };
  }

  /** A purged site takes its lists; a deleted list itself. */
  goneWith(op: ContentOp): Gone | undefined {
    if (op.k === 'delSite') return this.sites.has(op.id) ? goneOnly({ sites: [op.id], lists: this.listsOf(op.id).map((l) => l.id) }) : undefined;
    if (op.k === 'delList') return this.lists.has(op.id) ? goneOnly({ lists: [op.id] }) : undefined;
    return undefined;
  }

  /** Its own deletes are applied by `apply`; it keeps nothing for the owners of other parts. */
  drop(_gone: Gone): void {}

  /** A site by server-relative url whether or not it is visible (provisioning, recycled); trailing slash tolerated. */
  getSiteByUrlAny(url: string): SiteRec | undefined {
    let u = url.toLowerCase();
    if (u.length > 1 && u.endsWith('/')) u = u.slice(0, -1);
    return this.sitesByUrl.get(u || '/');
  }

  /** Taken = exists (visible or not). */
  siteUrlTaken(url: string): boolean {
    return this.sitesByUrl.has(url.toLowerCase());
  }

  listsOf(siteId: string): ListRec[] {
    return this.listsBySite.get(siteId) ?? [];
  }

  getList(id: string): ListRec | undefined {
    return this.lists.get(id.toLowerCase());
  }

  getListByTitle(siteId: string, title: string): ListRec | undefined {
    const t = title.toLowerCase();
    return this.listsOf(siteId).find((l) => l.title.toLowerCase() === t);
  }

  /** By web-relative url ('Lists/Books', 'Shared Documents'). */
  getListByUrl(siteId: string, url: string): ListRec | undefined {
    const u = url.toLowerCase().replace(/^\/+|\/+$/g, '');
    return this.listsOf(siteId).find((l) => l.url.toLowerCase() === u);
  }

  /** The scope's fields: a list's built-ins first, in the service's order (changed ones as changed), then the rest in creation order. */
  *fieldsOf(scope: string): Iterable<FieldRec> {
    const own = this.fieldsByScope.get(scope);
    const list = this.lists.get(scope);
    if (!list) {
      if (own) yield* own.values();
      return;
    }
    yield* this.builtinsOf(list).values();
    const builtinIds = builtinListDefs(list.baseTemplate).byId;
    if (own) for (const f of own.values()) if (!builtinIds.has(f.id)) yield f; // a changed built-in came with the built-ins
  }

  getField(scope: string, id: string): FieldRec | undefined {
    const key = normGuid(id);
    const own = this.fieldsByScope.get(scope)?.get(key);
    if (own) return own;
    const list = this.lists.get(scope);
    return list && builtinListDefs(list.baseTemplate).byId.has(key) ? this.builtinsOf(list).get(key) : undefined;
  }

  getFieldByName(scope: string, name: string): FieldRec | undefined {
    const key = name.toLowerCase();
    const own = this.fieldNames.get(scope)?.get(key);
    if (own) return own;
    const list = this.lists.get(scope);
    const def = list && builtinListDefs(list.baseTemplate).byName.get(key);
    return def ? this.builtinsOf(list!).get(def.id) : undefined;
  }

  /** A list's built-in fields by id, in the service's order: changed ones as changed, deleted ones left out. */
  private builtinsOf(list: ListRec): Map<string, FieldRec> {
    let made = this.builtinCache.get(list.id);
    if (made) {
      this.builtinCache.delete(list.id); // the most recently used last
      this.builtinCache.set(list.id, made);
      return made;
    }
    made = new Map();
    const own = this.fieldsByScope.get(list.id);
    const deleted = this.deletedBuiltins.get(list.id);
    for (const def of builtinListDefs(list.baseTemplate).order) {
      if (!deleted?.has(def.id)) made.set(def.id, own?.get(def.id) ?? builtinListField(def, list.siteId, list.id, list.baseTemplate, list.created));
    }
    this.builtinCache.set(list.id, made);
    if (this.builtinCache.size > BUILTIN_CACHE_LISTS) this.builtinCache.delete(this.builtinCache.keys().next().value!);
    return made;
  }

  getFieldByTitle(scope: string, title: string): FieldRec | undefined {
    const t = title.toLowerCase();
    for (const f of this.fieldsOf(scope)) if (f.title.toLowerCase() === t) return f;
    return undefined;
  }

  itemsOf(listId: string): ItemRec[] {
    return [...(this.itemsByList.get(listId)?.values() ?? [])];
  }

  itemCount(listId: string): number {
    return this.itemsByList.get(listId)?.size ?? 0;
  }

  /** The highest id of the list's items now (0 for none). */
  maxItemId(listId: string): number {
    let max = 0;
    for (const id of this.itemsByList.get(listId)?.keys() ?? []) if (id > max) max = id;
    return max;
  }

  getItem(listId: string, id: number): ItemRec | undefined {
    return this.itemsByList.get(listId)?.get(id);
  }
}

/** A guid as the store keys it: lower case, no braces. */
export function normGuid(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}

/**
 * A new field record with SharePoint's defaults (a text field in 'Custom Columns' for a site
 * column), the given properties on top; `now` is its creation time.
 */
export function newFieldRec(now: string, siteId: string, listId: string | null, id: string, internalName: string, props: Partial<FieldRec>): FieldRec {
  return {
    id,
    siteId,
    listId,
    internalName,
    staticName: props.staticName ?? internalName,
    title: props.title ?? internalName,
    description: '',
    type: 'Text',
    group: listId ? '' : 'Custom Columns',
    required: false,
    hidden: false,
    readOnly: false,
    indexed: false,
    enforceUnique: false,
    defaultValue: null,
    created: now,
    lastModified: now,
    ...props,
  };
}
