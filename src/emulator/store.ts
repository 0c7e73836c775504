import { randomUUID } from 'node:crypto';
import { builtinWebFields } from './builtins.ts';
import { builtinListFields } from './builtin-list-fields.ts';
import type { Clock } from './clock.ts';
import { sidFromGuid } from './entra-sid.ts';
import { MetadataStore } from './metadata-store.ts';
import { SiteIaState } from './site-ia.ts';
import { SecurityState } from './security-state.ts';
import { TeamsState } from './teams-state.ts';
import type { Op } from './journal-op.ts';
import type { FieldRec, GroupRec, ItemRec, ListRec, SiteRec, TeamRec, UserRec } from './types.ts';

export interface StoreOptions {
  tenantName: string;
  clock: Clock;
}

/**
 * The canonical in-memory state of a local tenant, with indexes for every hot lookup.
 * Every mutation goes through `commit(op)`: the op is handed to the journal (synchronously
 * persisted) and then applied. Replaying the same ops rebuilds the same state.
 */
export class Store {
  readonly tenantName: string;
  readonly spHost: string;
  readonly domain: string;
  readonly clock: Clock;
  journal: ((op: Op) => void) | null = null;
  /** content types and the term store (metadata-store.ts) */
  readonly meta: MetadataStore;
  /** views, navigation, hubs and web settings (site-ia.ts) */
  readonly ia = new SiteIaState();
  /** SharePoint groups, site users, permission levels, role assignments, sharing (security-state.ts) */
  readonly sec = new SecurityState();
  /** channels and tabs of teams (teams-state.ts) */
  readonly teamsx = new TeamsState();
  /** simulated ms until a new group's site appears (set by the behaviour profile; 0 = at once) */
  groupSiteDelay: () => number = () => 0;

  readonly teams = new Map<string, TeamRec>();
  /** soft-deleted groups (directory/deletedItems); their mailNickname stays taken */
  readonly deletedGroups = new Map<string, GroupRec>();
  private readonly deletedByNick = new Map<string, GroupRec>();
  /** creation time (simulated ms, exact) of groups created by this process: replication delays */
  readonly groupBirth = new Map<string, number>();

  readonly users = new Map<string, UserRec>();
  private readonly usersByUpn = new Map<string, UserRec>();
  readonly groups = new Map<string, GroupRec>();
  private readonly groupsByNick = new Map<string, GroupRec>();
  readonly sites = new Map<string, SiteRec>();
  private readonly sitesByUrl = new Map<string, SiteRec>();
  private readonly sitesByWebId = new Map<string, SiteRec>();
  readonly lists = new Map<string, ListRec>();
  private readonly listsBySite = new Map<string, ListRec[]>();
  /** scope (list id or site id) -> field id -> field, in creation order */
  private readonly fieldsByScope = new Map<string, Map<string, FieldRec>>();
  private readonly fieldNames = new Map<string, Map<string, FieldRec>>();
  /** list id -> item id -> item, in creation order */
  private readonly itemsByList = new Map<string, Map<number, ItemRec>>();

  constructor(opts: StoreOptions) {
    this.tenantName = opts.tenantName;
    this.spHost = `${opts.tenantName}.sharepoint.com`;
    this.domain = `${opts.tenantName}.onmicrosoft.com`;
    this.clock = opts.clock;
    this.meta = new MetadataStore(this);
  }

  nowIso(): string {
    return isoSeconds(this.clock.now());
  }

  commit(op: Op): void {
    if (this.journal) this.journal(op);
    this.apply(op);
  }

  /** Apply an op without journaling (used by commit and by replay). */
  apply(op: Op): void {
    switch (op.k) {
      case 'ct':
      case 'delCt':
      case 'ctOrder':
      case 'termGroup':
      case 'delTermGroup':
      case 'termSet':
      case 'delTermSet':
      case 'term':
      case 'delTerm':
        this.meta.apply(op);
        return;
      case 'ia':
        this.ia.apply(op.op);
        return;
      case 'sec':
        this.sec.apply(op);
        return;
      case 'user': {
        const old = this.users.get(op.v.id);
        if (old) this.usersByUpn.delete(old.userPrincipalName.toLowerCase());
        this.users.set(op.v.id, op.v);
        this.usersByUpn.set(op.v.userPrincipalName.toLowerCase(), op.v);
        return;
      }
      case 'group': {
        const old = this.groups.get(op.v.id) ?? this.deletedGroups.get(op.v.id);
        if (old) {
          this.groupsByNick.delete(old.mailNickname.toLowerCase());
          this.deletedByNick.delete(old.mailNickname.toLowerCase());
          this.groups.delete(op.v.id);
          this.deletedGroups.delete(op.v.id);
        }
        if (op.v.deletedDateTime) {
          this.deletedGroups.set(op.v.id, op.v);
          this.deletedByNick.set(op.v.mailNickname.toLowerCase(), op.v);
        } else {
          this.groups.set(op.v.id, op.v);
          this.groupsByNick.set(op.v.mailNickname.toLowerCase(), op.v);
        }
        return;
      }
      case 'delGroup': {
        const old = this.groups.get(op.id) ?? this.deletedGroups.get(op.id);
        if (old) {
          this.groups.delete(op.id);
          this.deletedGroups.delete(op.id);
          this.groupsByNick.delete(old.mailNickname.toLowerCase());
          this.deletedByNick.delete(old.mailNickname.toLowerCase());
        }
        this.teams.delete(op.id);
        return;
      }
      case 'team':
        this.teams.set(op.v.id, op.v);
        return;
      case 'delTeam':
        this.teams.delete(op.id);
        return;
      case 'teamsx':
        this.teamsx.apply(op.op);
        return;
      case 'delSite': {
        const old = this.sites.get(op.id);
        if (!old) return;
        for (const l of this.listsBySite.get(op.id) ?? []) {
          this.lists.delete(l.id);
          this.fieldsByScope.delete(l.id);
          this.fieldNames.delete(l.id);
          this.itemsByList.delete(l.id);
        }
        this.listsBySite.delete(op.id);
        this.fieldsByScope.delete(op.id);
        this.fieldNames.delete(op.id);
        this.sites.delete(op.id);
        this.sitesByUrl.delete(old.url.toLowerCase());
        this.sitesByWebId.delete(old.webId);
        return;
      }
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
      case 'list': {
        const old = this.lists.get(op.v.id);
        this.lists.set(op.v.id, op.v);
        let arr = this.listsBySite.get(op.v.siteId);
        if (!arr) this.listsBySite.set(op.v.siteId, (arr = []));
        if (old) {
          const i = arr.indexOf(old);
          if (i >= 0) arr[i] = op.v;
        } else {
          arr.push(op.v);
          for (const f of builtinListFields(op.v.siteId, op.v.id, op.v.baseTemplate, op.v.created)) this.putField(f);
        }
        return;
      }
      case 'delList': {
        const old = this.lists.get(op.id);
        if (!old) return;
        this.lists.delete(op.id);
        const arr = this.listsBySite.get(old.siteId);
        if (arr) {
          const i = arr.indexOf(old);
          if (i >= 0) arr.splice(i, 1);
        }
        this.fieldsByScope.delete(op.id);
        this.fieldNames.delete(op.id);
        this.itemsByList.delete(op.id);
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
        const m = this.fieldsByScope.get(op.scope);
        const f = m?.get(op.id);
        if (m && f) {
          m.delete(op.id);
          this.fieldNames.get(op.scope)?.delete(f.internalName.toLowerCase());
        }
        return;
      }
    }
  }

  private putField(f: FieldRec): void {
    const scope = f.listId ?? f.siteId;
    let m = this.fieldsByScope.get(scope);
    if (!m) this.fieldsByScope.set(scope, (m = new Map()));
    let n = this.fieldNames.get(scope);
    if (!n) this.fieldNames.set(scope, (n = new Map()));
    const old = m.get(f.id);
    if (old) n.delete(old.internalName.toLowerCase());
    m.set(f.id, f);
    n.set(f.internalName.toLowerCase(), f);
  }

  /** Ops that rebuild the current state (the snapshot). Builtin fields that were never changed are implied. */
  *snapshotOps(): Generator<Op> {
    for (const v of this.users.values()) yield { k: 'user', v };
    for (const v of this.sites.values()) yield { k: 'site', v };
    for (const v of this.groups.values()) yield { k: 'group', v };
    for (const v of this.deletedGroups.values()) yield { k: 'group', v };
    for (const v of this.teams.values()) yield { k: 'team', v };
    for (const op of this.teamsx.snapshotOps()) yield { k: 'teamsx', op };
    for (const v of this.lists.values()) yield { k: 'list', v };
    for (const op of this.ia.snapshotOps()) yield { k: 'ia', op };
    yield* this.sec.snapshotOps();
    for (const m of this.itemsByList.values()) for (const v of m.values()) yield { k: 'item', v };
    for (const m of this.fieldsByScope.values()) {
      for (const v of m.values()) if (!v.builtin || v.modified) yield { k: 'field', v };
    }
    // builtin fields that were deleted
    for (const site of this.sites.values()) {
      for (const f of builtinWebFields(site.id, site.created)) {
        if (!this.getField(site.id, f.id)) yield { k: 'delField', scope: site.id, id: f.id };
      }
    }
    for (const list of this.lists.values()) {
      for (const f of builtinListFields(list.siteId, list.id, list.baseTemplate, list.created)) {
        if (!this.getField(list.id, f.id)) yield { k: 'delField', scope: list.id, id: f.id };
      }
    }
    yield* this.meta.snapshotOps();
  }

  /**
   * A new field record with SharePoint's defaults (a text field in 'Custom Columns' for a site
   * column), the given properties on top. Not stored: pass it to `addField`.
   */
  newField(siteId: string, listId: string | null, id: string, internalName: string, props: Partial<FieldRec>): FieldRec {
    const now = this.nowIso();
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

  // ---------------------------------------------------------------- list items

  itemsOf(listId: string): ItemRec[] {
    return [...(this.itemsByList.get(listId)?.values() ?? [])];
  }

  itemCount(listId: string): number {
    return this.itemsByList.get(listId)?.size ?? 0;
  }

  getItem(listId: string, id: number): ItemRec | undefined {
    return this.itemsByList.get(listId)?.get(id);
  }

  /** Item ids are per list, ascending, never reused (as in SharePoint). */
  createItem(list: ListRec, fields: Record<string, unknown>): ItemRec {
    const m = this.itemsByList.get(list.id);
    let max = 0;
    if (m) for (const id of m.keys()) if (id > max) max = id;
    const now = this.nowIso();
    const v: ItemRec = { id: Math.max(max, list.lastItemId ?? 0) + 1, listId: list.id, siteId: list.siteId, fields, created: now, modified: now };
    this.commit({ k: 'list', v: { ...list, lastItemId: v.id } });
    this.commit({ k: 'item', v });
    return v;
  }

  updateItem(item: ItemRec, fields: Record<string, unknown>): ItemRec {
    const v: ItemRec = { ...item, fields: { ...item.fields, ...fields }, modified: this.nowIso(), version: (item.version ?? 1) + 1 };
    this.commit({ k: 'item', v });
    return v;
  }

  deleteItem(item: ItemRec): void {
    this.commit({ k: 'delItem', listId: item.listId, id: item.id });
  }

  // ---------------------------------------------------------------- users

  getUser(idOrUpn: string): UserRec | undefined {
    return this.users.get(idOrUpn.toLowerCase()) ?? this.users.get(idOrUpn) ?? this.usersByUpn.get(idOrUpn.toLowerCase());
  }

  // ---------------------------------------------------------------- groups

  getGroup(id: string): GroupRec | undefined {
    return this.groups.get(id.toLowerCase()) ?? this.groups.get(id);
  }

  getGroupByNickname(nick: string): GroupRec | undefined {
    return this.groupsByNick.get(nick.toLowerCase());
  }

  /** Taken by a live or a soft-deleted group (a deleted group's name is free only once it is purged). */
  nicknameTaken(nick: string): boolean {
    return this.groupsByNick.has(nick.toLowerCase()) || this.deletedByNick.has(nick.toLowerCase());
  }

  /** Soft delete: the group goes to deleted items, its site to the recycle bin, its team is hidden. */
  softDeleteGroup(g: GroupRec): void {
    this.commit({ k: 'group', v: { ...g, deletedDateTime: this.nowIso() } });
    const site = g.siteId ? this.sites.get(g.siteId) : undefined;
    if (site) this.commit({ k: 'site', v: { ...site, deletedAt: this.clock.now() } });
  }

  restoreGroup(g: GroupRec): GroupRec {
    const v: GroupRec = { ...g, deletedDateTime: null };
    this.commit({ k: 'group', v });
    const site = g.siteId ? this.sites.get(g.siteId) : undefined;
    if (site) {
      const { deletedAt: _gone, ...rest } = site;
      void _gone;
      this.commit({ k: 'site', v: rest });
    }
    return v;
  }

  /** Permanent delete: the group, its team and its site are gone; the name and URL are free. */
  purgeGroup(g: GroupRec): void {
    if (g.siteId && this.sites.has(g.siteId)) this.commit({ k: 'delSite', id: g.siteId });
    this.commit({ k: 'delGroup', id: g.id });
  }

  getTeam(id: string): TeamRec | undefined {
    return this.teams.get(id.toLowerCase());
  }

  putTeam(t: TeamRec): TeamRec {
    this.commit({ k: 'team', v: t });
    return t;
  }

  createGroup(
    input: Pick<GroupRec, 'displayName' | 'description' | 'mailNickname' | 'mailEnabled' | 'securityEnabled' | 'groupTypes' | 'visibility' | 'owners' | 'members'>,
  ): GroupRec {
    const now = this.nowIso();
    const id = randomUUID();
    const unified = input.groupTypes.some((t) => t.toLowerCase() === 'unified');
    const g: GroupRec = {
      id,
      displayName: input.displayName,
      description: input.description,
      mailNickname: input.mailNickname,
      mailEnabled: input.mailEnabled,
      securityEnabled: input.securityEnabled,
      groupTypes: input.groupTypes,
      visibility: input.visibility ?? (unified ? 'Public' : null),
      createdDateTime: now,
      renewedDateTime: now,
      securityIdentifier: sidFromGuid(id),
      owners: unique(input.owners),
      members: unique(input.members),
      siteId: null,
    };
    this.commit({ k: 'group', v: g });
    this.groupBirth.set(id, this.clock.now());
    if (unified) this.provisionGroupSite(g);
    return this.groups.get(id)!;
  }

  /** Create the team site of a Unified group; it becomes visible after `groupSiteDelay()`. */
  provisionGroupSite(g: GroupRec): SiteRec {
    const delay = this.groupSiteDelay();
    const url = this.uniqueSiteUrl(`/sites/${sanitizeSiteName(g.mailNickname)}`);
    const site = this.createSite({
      url,
      title: g.displayName,
      description: g.description ?? '',
      webTemplate: 'GROUP',
      configuration: 0,
      lcid: 1033,
      groupId: g.id,
      owner: g.owners[0] ?? null,
      ...(delay > 0 ? { readyAt: this.clock.now() + delay } : {}),
    });
    this.commit({ k: 'group', v: { ...g, siteId: site.id } });
    return site;
  }

  updateGroup(g: GroupRec, patch: Partial<Pick<GroupRec, 'displayName' | 'description' | 'visibility' | 'mailNickname' | 'owners' | 'members'>>): GroupRec {
    const next: GroupRec = { ...g, ...patch };
    this.commit({ k: 'group', v: next });
    if (patch.displayName !== undefined && patch.displayName !== g.displayName && g.siteId) {
      const site = this.sites.get(g.siteId);
      if (site) this.updateSite(site, { title: patch.displayName });
    }
    return next;
  }

  // ---------------------------------------------------------------- sites

  isVisible(site: SiteRec): boolean {
    return (site.readyAt === undefined || site.readyAt <= this.clock.now()) && site.deletedAt === undefined;
  }

  /** A site by server-relative url whether or not it is visible yet (provisioning, recycled). */
  getSiteByUrlAny(url: string): SiteRec | undefined {
    let u = url.toLowerCase();
    if (u.length > 1 && u.endsWith('/')) u = u.slice(0, -1);
    return this.sitesByUrl.get(u || '/');
  }

  getSite(id: string): SiteRec | undefined {
    const s = this.sites.get(id.toLowerCase());
    return s && this.isVisible(s) ? s : undefined;
  }

  getSiteByWebId(webId: string): SiteRec | undefined {
    const s = this.sitesByWebId.get(webId.toLowerCase());
    return s && this.isVisible(s) ? s : undefined;
  }

  /** Server-relative url, case-insensitive, trailing slash tolerated. */
  getSiteByUrl(url: string): SiteRec | undefined {
    let u = url.toLowerCase();
    if (u.length > 1 && u.endsWith('/')) u = u.slice(0, -1);
    if (u === '') u = '/';
    const s = this.sitesByUrl.get(u);
    return s && this.isVisible(s) ? s : undefined;
  }

  /** Taken = exists (visible or not). */
  siteUrlTaken(url: string): boolean {
    return this.sitesByUrl.has(url.toLowerCase());
  }

  uniqueSiteUrl(base: string): string {
    if (!this.siteUrlTaken(base)) return base;
    for (let i = 2; ; i++) if (!this.siteUrlTaken(`${base}${i}`)) return `${base}${i}`;
  }

  createSite(input: {
    url: string;
    title: string;
    description: string;
    webTemplate: string;
    configuration: number;
    lcid: number;
    groupId: string | null;
    owner: string | null;
    shareByEmailEnabled?: boolean;
    readyAt?: number;
  }): SiteRec {
    const now = this.nowIso();
    const site: SiteRec = {
      id: randomUUID(),
      webId: randomUUID(),
      url: input.url,
      title: input.title,
      description: input.description,
      webTemplate: input.webTemplate,
      configuration: input.configuration,
      lcid: input.lcid,
      created: now,
      modified: now,
      groupId: input.groupId,
      owner: input.owner,
      shareByEmailEnabled: input.shareByEmailEnabled ?? false,
      ...(input.readyAt !== undefined ? { readyAt: input.readyAt } : {}),
    };
    this.commit({ k: 'site', v: site });
    this.createList(site, { title: 'Documents', url: 'Shared Documents', description: '', baseTemplate: 101 });
    return site;
  }

  updateSite(site: SiteRec, patch: Partial<Pick<SiteRec, 'title' | 'description'>>): SiteRec {
    const next: SiteRec = { ...site, ...patch, modified: this.nowIso() };
    this.commit({ k: 'site', v: next });
    return next;
  }

  absoluteUrl(serverRelative: string): string {
    return `https://${this.spHost}${encodeURI(serverRelative)}`;
  }

  // ---------------------------------------------------------------- lists

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

  /** The url for a new list: 'Lists/<seg>' or '<seg>' for libraries, made unique like the service. */
  newListUrl(siteId: string, title: string, baseTemplate: number): string {
    let seg = title.replace(/["#%&*:<>?/\\{|}~\t]/g, '').replace(/\s+/g, ' ').trim().replace(/^\.+|\.+$/g, '');
    if (!seg) seg = 'List';
    const prefix = isLibraryTemplate(baseTemplate) ? '' : 'Lists/';
    let url = `${prefix}${seg}`;
    for (let i = 1; this.getListByUrl(siteId, url); i++) url = `${prefix}${seg}${i}`;
    return url;
  }

  createList(site: SiteRec, input: { title: string; description: string; baseTemplate: number; url?: string; hidden?: boolean; contentTypesEnabled?: boolean; allowContentTypes?: boolean }): ListRec {
    const now = this.nowIso();
    const list: ListRec = {
      id: randomUUID(),
      siteId: site.id,
      title: input.title,
      description: input.description,
      url: input.url ?? this.newListUrl(site.id, input.title, input.baseTemplate),
      baseTemplate: input.baseTemplate,
      hidden: input.hidden ?? false,
      contentTypesEnabled: input.contentTypesEnabled ?? false,
      allowContentTypes: input.allowContentTypes ?? true,
      created: now,
      modified: now,
    };
    this.commit({ k: 'list', v: list });
    return list;
  }

  updateList(list: ListRec, patch: Partial<Pick<ListRec, 'title' | 'description' | 'hidden' | 'contentTypesEnabled' | 'allowContentTypes'>>): ListRec {
    const next: ListRec = { ...list, ...patch, modified: this.nowIso() };
    this.commit({ k: 'list', v: next });
    return next;
  }

  deleteList(list: ListRec): void {
    this.commit({ k: 'delList', id: list.id });
  }

  // ---------------------------------------------------------------- fields

  fieldsOf(scope: string): Iterable<FieldRec> {
    return this.fieldsByScope.get(scope)?.values() ?? [];
  }

  getField(scope: string, id: string): FieldRec | undefined {
    return this.fieldsByScope.get(scope)?.get(normGuid(id));
  }

  getFieldByName(scope: string, name: string): FieldRec | undefined {
    return this.fieldNames.get(scope)?.get(name.toLowerCase());
  }

  getFieldByTitle(scope: string, title: string): FieldRec | undefined {
    const t = title.toLowerCase();
    for (const f of this.fieldsOf(scope)) if (f.title.toLowerCase() === t) return f;
    return undefined;
  }

  addField(f: FieldRec): FieldRec {
    this.commit({ k: 'field', v: f });
    return f;
  }

  updateField(f: FieldRec, patch: Partial<FieldRec>): FieldRec {
    const next: FieldRec = { ...f, ...patch, lastModified: this.nowIso() };
    if (next.builtin) next.modified = true;
    this.commit({ k: 'field', v: next });
    return next;
  }

  deleteField(f: FieldRec): void {
    this.commit({ k: 'delField', scope: f.listId ?? f.siteId, id: f.id });
  }
}

export function isLibraryTemplate(t: number): boolean {
  return t === 101 || t === 109 || t === 119 || t === 115 || t === 851;
}

export function normGuid(id: string): string {
  return id.replace(/^\{|\}$/g, '').toLowerCase();
}

export function isGuid(s: string): boolean {
  return /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i.test(s);
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function unique(a: string[]): string[] {
  return [...new Set(a)];
}

function sanitizeSiteName(nick: string): string {
  return nick.replace(/[^A-Za-z0-9_\-.]/g, '') || 'site';
}
