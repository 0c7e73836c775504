import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { DirectoryState } from './directory-state.ts';
import { sidFromGuid } from './entra-sid.ts';
import type { Op } from './journal-op.ts';
import { MetadataStore } from './metadata-store.ts';
import { SecurityState } from './security-state.ts';
import { newFieldRec, SiteContentState } from './site-content-state.ts';
import { SiteIaState } from './site-ia.ts';
import { SubStores, tenantSubStores, type TenantParts } from './sub-stores.ts';
import { TeamsState } from './teams-state.ts';
import type { FieldRec, GroupRec, ItemRec, ListRec, SiteRec, TeamRec } from './types.ts';

export { normGuid } from './site-content-state.ts';

export interface StoreOptions {
  tenantName: string;
  clock: Clock;
  /** custom domains verified beside `<tenantName>.onmicrosoft.com` (verified-domains.ts) */
  customDomains?: readonly string[];
}

/**
 * The canonical in-memory state of a local tenant: its parts (sub-stores.ts lists them) and the
 * changes that span them (a group with its site, a site with its Documents library, a group's
 * soft delete, restore and purge). Every mutation goes through `commit(op)`: the op is handed to
 * the journal (synchronously persisted) and then applied; a delete op cascades into every part.
 * Replaying the same ops rebuilds the same state.
 */
export class Store implements TenantParts {
  readonly tenantName: string;
  readonly spHost: string;
  /** the initial domain (`<tenantName>.onmicrosoft.com`), and the custom ones the tenant has verified (lower case) */
  readonly domain: string;
  readonly customDomains: readonly string[];
  readonly clock: Clock;
  journal: ((op: Op) => void) | null = null;
  /** users, groups, teams (directory-state.ts) */
  readonly directory = new DirectoryState();
  /** sites, lists, fields, items (site-content-state.ts) */
  readonly content = new SiteContentState();
  /** channels and tabs of teams (teams-state.ts) */
  readonly teamsx = new TeamsState();
  /** views, navigation, hubs and web settings (site-ia.ts) */
  readonly ia = new SiteIaState();
  /** SharePoint groups, site users, permission levels, role assignments, sharing (security-state.ts) */
  readonly sec = new SecurityState();
  /** content types and the term store (metadata-store.ts) */
  readonly meta: MetadataStore;
  private readonly parts: SubStores;
  /** simulated ms until a new group's site appears (set by the behaviour profile; 0 = at once) */
  groupSiteDelay: () => number = () => 0;

  readonly users = this.directory.users;
  readonly groups = this.directory.groups;
  /** soft-deleted groups (directory/deletedItems); their mailNickname stays taken */
  readonly deletedGroups = this.directory.deletedGroups;
  readonly teams = this.directory.teams;
  /** creation time (simulated ms, exact) of groups created by this process: replication delays */
  readonly groupBirth = this.directory.groupBirth;
  readonly sites = this.content.sites;
  readonly lists = this.content.lists;

  readonly getUser = (idOrUpn: string) => this.directory.getUser(idOrUpn);
  readonly getGroup = (id: string) => this.directory.getGroup(id);
  readonly getGroupByNickname = (nick: string) => this.directory.getGroupByNickname(nick);
  /** Taken by a live or a soft-deleted group (a deleted group's name is free only once it is purged). */
  readonly nicknameTaken = (nick: string) => this.directory.nicknameTaken(nick);
  readonly getTeam = (id: string) => this.directory.getTeam(id);
  /** A site by server-relative url whether or not it is visible yet (provisioning, recycled). */
  readonly getSiteByUrlAny = (url: string) => this.content.getSiteByUrlAny(url);
  /** Taken = exists (visible or not). */
  readonly siteUrlTaken = (url: string) => this.content.siteUrlTaken(url);
  readonly listsOf = (siteId: string) => this.content.listsOf(siteId);
  readonly getList = (id: string) => this.content.getList(id);
  readonly getListByTitle = (siteId: string, title: string) => this.content.getListByTitle(siteId, title);
  /** By web-relative url ('Lists/Books', 'Shared Documents'). */
  readonly getListByUrl = (siteId: string, url: string) => this.content.getListByUrl(siteId, url);
  readonly fieldsOf = (scope: string) => this.content.fieldsOf(scope);
  readonly getField = (scope: string, id: string) => this.content.getField(scope, id);
  readonly getFieldByName = (scope: string, name: string) => this.content.getFieldByName(scope, name);
  readonly getFieldByTitle = (scope: string, title: string) => this.content.getFieldByTitle(scope, title);
  readonly itemsOf = (listId: string) => this.content.itemsOf(listId);
  readonly itemCount = (listId: string) => this.content.itemCount(listId);
  readonly getItem = (listId: string, id: number) => this.content.getItem(listId, id);

  constructor(opts: StoreOptions) {
    this.tenantName = opts.tenantName;
    this.spHost = `${opts.tenantName}.sharepoint.com`;
    this.domain = `${opts.tenantName}.onmicrosoft.com`;
    this.customDomains = opts.customDomains ?? [];
    this.clock = opts.clock;
    this.meta = new MetadataStore(this);
    this.parts = new SubStores(tenantSubStores(this));
  }

  /** Whether `name` is one of the tenant's verified domains (the initial one or a custom one), as Entra compares them: case-insensitively. */
  isVerifiedDomain(name: string): boolean {
    const n = name.toLowerCase();
    return n === this.domain.toLowerCase() || this.customDomains.includes(n);
  }

  nowIso(): string {
    return isoSeconds(this.clock.now());
  }

  commit(op: Op): void {
    if (this.journal) this.journal(op);
    this.apply(op);
  }

  /** Apply an op without journaling (used by commit and by replay); a delete cascades into every part. */
  apply(op: Op): void {
    this.parts.apply(op);
  }

  /** After a load: every part drops what it keeps for sites, lists and teams that do not exist (orphans an older version left). */
  dropOrphans(): void {
    const site = (id: string) => !this.sites.has(id);
    const list = (id: string) => !this.lists.has(id);
    const any = { sites: true, lists: true, teams: true };
    this.parts.drop({ any, site, list, scope: (id) => site(id) && list(id), team: (id) => !this.teams.has(id) });
  }

  /** Ops that rebuild the current state (the snapshot): every part's, in the listed order. */
  snapshotOps(): Generator<Op> {
    return this.parts.snapshotOps();
  }

  /** A new field record with SharePoint's defaults and the given properties on top (site-content-state.ts). Not stored: pass it to `addField`. */
  newField(siteId: string, listId: string | null, id: string, internalName: string, props: Partial<FieldRec>): FieldRec {
    return newFieldRec(this.nowIso(), siteId, listId, id, internalName, props);
  }

  // ---------------------------------------------------------------- list items

  /** Item ids are per list, ascending, never reused (as in SharePoint); an item is of the list's default content type. */
  createItem(list: ListRec, fields: Record<string, unknown>): ItemRec {
    const now = this.nowIso();
    const v: ItemRec = { id: Math.max(this.content.maxItemId(list.id), list.lastItemId ?? 0) + 1, listId: list.id, siteId: list.siteId, fields, created: now, modified: now, contentTypeId: this.meta.contentTypeOrder(list)[0] };
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

  // ---------------------------------------------------------------- groups

  /** The sites a group's deletion takes with it: its team site and its private and shared channels' sites. */
  private sitesOfGroup(g: GroupRec): SiteRec[] {
    const ids = [...this.teamsx.channelsOf(g.id).map((ch) => ch.siteId), g.siteId];
    return ids.map((id) => (id ? this.sites.get(id) : undefined)).filter((s): s is SiteRec => s !== undefined);
  }

  /** Soft delete: the group goes to deleted items, its sites (team site, channel sites) to the recycle bin, its team is hidden. */
  softDeleteGroup(g: GroupRec): void {
    this.commit({ k: 'group', v: { ...g, deletedDateTime: this.nowIso() } });
    for (const site of this.sitesOfGroup(g)) if (site.deletedAt === undefined) this.commit({ k: 'site', v: { ...site, deletedAt: this.clock.now() } });
  }

  restoreGroup(g: GroupRec): GroupRec {
    const v: GroupRec = { ...g, deletedDateTime: null };
    this.commit({ k: 'group', v });
    for (const site of this.sitesOfGroup(g)) {
      if (site.deletedAt === undefined) continue;
      const { deletedAt: _gone, ...rest } = site;
      void _gone;
      this.commit({ k: 'site', v: rest });
    }
    return v;
  }

  /** Permanent delete: the group, its team (channels, tabs) and its sites are gone with all they held; the name and URLs are free. */
  purgeGroup(g: GroupRec): void {
    for (const site of this.sitesOfGroup(g)) this.commit({ k: 'delSite', id: site.id });
    this.commit({ k: 'delGroup', id: g.id });
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

  getSite(id: string): SiteRec | undefined {
    const s = this.sites.get(id.toLowerCase());
    return s && this.isVisible(s) ? s : undefined;
  }

  getSiteByWebId(webId: string): SiteRec | undefined {
    const s = this.content.sitesByWebId.get(webId.toLowerCase());
    return s && this.isVisible(s) ? s : undefined;
  }

  /** Server-relative url, case-insensitive, trailing slash tolerated. */
  getSiteByUrl(url: string): SiteRec | undefined {
    const s = this.getSiteByUrlAny(url);
    return s && this.isVisible(s) ? s : undefined;
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

  /** The list with its fields, items, views, role assignments and content types (the cascade of `delList`). */
  deleteList(list: ListRec): void {
    this.commit({ k: 'delList', id: list.id });
  }

  // ---------------------------------------------------------------- fields

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
