/**
 * CSOM taxonomy on `<site>/_vti_bin/client.svc/ProcessQuery`: the term store as PnP Framework,
 * PnP PowerShell and CLI for Microsoft 365 (`spo term add`, `spo term group add`, `spo term set
 * add`) reach it — `TaxonomySession.GetTaxonomySession`, `GetDefaultSiteCollectionTermStore` /
 * `TermStores.GetById|GetByName`, `Groups.GetById|GetByName`, `GetGroup|GetTermSet|GetTerm`,
 * `TermSet.GetAllTerms`,
 * `CreateGroup`, `CreateTermSet`, `CreateTerm`, `CreateLabel`, `Description`/`Name` and
 * `WorkingLanguage` set as properties, `SetDescription`, `SetCustomProperty`,
 * `DeleteCustomProperty`, `SetAsDefaultForLanguage`, `DeleteObject`, `CommitAll`, and queries of
 * objects and collections (`ChildItemQuery`, a term's `Labels`), and `Identity` paths made from
 * the `_ObjectIdentity_` it answers. It works on the SAME records the Graph face projects
 * (`../metadata-store.ts`), so Graph reads see CSOM writes.
 *
 * Rights, as SharePoint Online has them: reads need only a SharePoint token; a write by an
 * app-only token needs the app to be a term store administrator (Microsoft: "to allow app-only
 * access for writing to the taxonomy term store, add the app as a Term Store Administrator; you do
 * not need this for read operations"), else the request fails with
 * `System.UnauthorizedAccessException` "Access denied. You do not have permission to perform this
 * action or access this resource." (what New-PnPTermGroup reports). A delegated caller is the
 * local tenant's admin, who is a term store administrator. Changes are written as each action
 * runs (the service persists creates without CommitAll, as the CLI relies on); CommitAll is
 * accepted.
 */
import { randomUUID } from 'node:crypto';
import type { Req, Res } from '../http.ts';
import type { KeyValueRec, LabelRec, TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { parseXml } from './csom-xml.ts';

type XmlEl = ReturnType<typeof parseXml>;

/** `Microsoft.SharePoint.Client.Taxonomy.TaxonomySession` */
export const TAXONOMY_SESSION_TYPE = '{981cbc68-9edc-4f8d-872f-71146fcbb84f}';
/** The type id the service puts in the `_ObjectIdentity_` of taxonomy objects. */
const IDENTITY_MARK = 'fec14c62-7c3b-481b-851b-c80d7802b224';

/** Who calls, and the local tenant's setting that decides app-only writes. */
export interface TaxonomyCaller {
  /** a delegated token (a signed-in user: the local tenant's admin, a term store administrator) */
  delegated: boolean;
  /** whether the app is a term store administrator (LocalTenantOptions.appIsTermStoreAdministrator) */
  appIsTermStoreAdmin: boolean;
  /** the app roles of an app-only token (SharePoint's) */
  roles: readonly string[];
}

/** SharePoint app roles that let an app read the term store, and those that let it write (with term store administration). */
const READ_ROLES = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All', 'TermStore.Read.All', 'TermStore.ReadWrite.All'];
const WRITE_ROLES = ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All', 'TermStore.ReadWrite.All'];

/** Whether a CSOM request body addresses the term store (and so belongs to this module). */
export function isTaxonomyRequest(xml: string): boolean {
  const lower = xml.toLowerCase();
  return lower.includes(TAXONOMY_SESSION_TYPE) || lower.includes(`${IDENTITY_MARK}:`);
}

const LCIDS: Record<string, number> = { 'en-US': 1033, 'sv-SE': 1053, 'nb-NO': 1044, 'da-DK': 1030, 'fi-FI': 1035, 'de-DE': 1031, 'fr-FR': 1036 };

class CsomFault extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly typeName: string,
  ) {
    super(message);
  }
}

const argument = (m: string) => new CsomFault(m, -2147024809, 'System.ArgumentException');
const outOfRange = (m: string) => new CsomFault(m, -2146233086, 'System.ArgumentOutOfRangeException');
const operation = (m: string) => new CsomFault(m, -1, 'Microsoft.SharePoint.Taxonomy.TermStoreOperationException');
const unsupported = (m: string) => new CsomFault(`The local tenant does not support ${m} in CSOM taxonomy requests.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
const denied = () => new CsomFault('Access denied. You do not have permission to perform this action or access this resource.', -2147024891, 'System.UnauthorizedAccessException');

type Obj =
  | { t: 'session' }
  | { t: 'store' }
  | { t: 'stores' }
  | { t: 'groups' }
  | { t: 'group'; id: string }
  | { t: 'sets'; groupId: string }
  | { t: 'set'; id: string }
  | { t: 'terms'; setId: string; parentId: string | null }
  | { t: 'allTerms'; setId: string }
  | { t: 'term'; id: string }
  | { t: 'labels'; termId: string }
  | { t: 'label'; termId: string; value: string; lcid: number };

const guidJson = (id: string) => `/Guid(${id})/`;
const dateJson = (iso: string) => `/Date(${Date.parse(iso) || 0})/`;

/** `POST <site>/_vti_bin/client.svc/ProcessQuery` for a taxonomy request. */
export function taxonomyProcessQuery(store: Store, req: Req, _site: SiteRec, caller: TaxonomyCaller): Res {
  const corr = randomUUID();
  const head = { SchemaVersion: '15.0.0.0', LibraryVersion: '16.0.25000.12000', ErrorInfo: null as unknown, TraceCorrelationId: corr };
  const answer = (body: unknown[]): Res => ({ status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'x-sharepointhealthscore': '0' }, body: JSON.stringify(body) });
  req.op = 'SP POST client.svc/ProcessQuery (taxonomy)';
  let doc: XmlEl;
  try {
    doc = parseXml(req.body.toString('utf8'));
  } catch {
    head.ErrorInfo = { ErrorMessage: 'The request is not valid XML.', ErrorValue: null, TraceCorrelationId: corr, ErrorCode: -2147024809, ErrorTypeName: 'System.ArgumentException', ErrorDetails: null };
    return answer([head]);
  }
  const run = new Run(store, caller, corr);
  const results: unknown[] = [];
  try {
    run.execute(doc, results);
  } catch (e) {
    const f = e instanceof CsomFault ? e : new CsomFault((e as Error).message, -1, 'Microsoft.SharePoint.Client.ServerException');
    head.ErrorInfo = { ErrorMessage: f.message, ErrorValue: null, TraceCorrelationId: corr, ErrorCode: f.code, ErrorTypeName: f.typeName, ErrorDetails: null };
    return answer([head]);
  }
  return answer([head, ...results]);
}

/** One ProcessQuery: object paths resolved once each (a Create* path creates when first used). */
class Run {
  private readonly paths = new Map<string, XmlEl>();
  private readonly resolved = new Map<string, Obj>();
  private workingLcid: number;

  constructor(
    private readonly store: Store,
    private readonly caller: TaxonomyCaller,
    private readonly corr: string,
  ) {
    this.workingLcid = this.defaultLcid;
  }

  private get meta() {
    return this.store.meta;
  }

  private get defaultLcid(): number {
    return LCIDS[this.meta.defaultLanguageTag] ?? 1033;
  }

  private tagOf(lcid: number): string {
    const tag = Object.entries(LCIDS).find(([t, n]) => n === lcid && this.meta.languageTags.includes(t))?.[0];
    if (!tag) throw outOfRange(`The lcid ${lcid} is not one of the working languages of the term store.\r\nParameter name: lcid`);
    return tag;
  }

  private mustWrite(): void {
    if (this.caller.delegated) return;
    if (!this.caller.appIsTermStoreAdmin || !WRITE_ROLES.some((r) => this.caller.roles.includes(r))) throw denied();
  }

  private now(): string {
    return this.store.nowIso();
  }

  execute(doc: XmlEl, results: unknown[]): void {
    if (!this.caller.delegated && !READ_ROLES.some((r) => this.caller.roles.includes(r))) throw denied();
    const request = doc.children.find((e) => e.name === 'Request');
    if (!request) throw argument('The request is not a CSOM request.');
    for (const p of request.children.find((e) => e.name === 'ObjectPaths')?.children ?? []) this.paths.set(p.attrs.Id ?? '', p);
    const actions = request.children.find((e) => e.name === 'Actions')?.children ?? [];
    if (actions.length > 500) throw argument('The request has too many actions.');
    for (const a of actions) this.action(a, results);
  }

  // ------------------------------------------------------------------ object paths

  private params(el: XmlEl): XmlEl[] {
    return el.children.find((e) => e.name === 'Parameters')?.children ?? [];
  }

  private str(p: XmlEl | undefined, what: string): string {
    if (!p || p.attrs.Type === 'Null') throw new CsomFault(`Value cannot be null.\r\nParameter name: ${what}`, -2147467261, 'System.ArgumentNullException');
    return p.text;
  }

  private guid(p: XmlEl | undefined, what: string): string {
    const raw = this.str(p, what).trim().replace(/^\{|\}$/g, '');
    if (!isGuid(raw)) throw argument(`The value of ${what} is not a GUID.`);
    return normGuid(raw);
  }

  private int(p: XmlEl | undefined, what: string): number {
    const n = Number(this.str(p, what));
    if (!Number.isInteger(n)) throw argument(`The value of ${what} is not an integer.`);
    return n;
  }

  private resolve(id: string, depth = 0): Obj {
    const hit = this.resolved.get(id);
    if (hit) return hit;
    const p = this.paths.get(id);
    if (!p || depth > 30) throw unsupported(`object path ${id}`);
    const obj = this.pathObj(p, depth);
    this.resolved.set(id, obj);
    return obj;
  }

  private pathObj(p: XmlEl, depth: number): Obj {
    const name = p.attrs.Name ?? '';
    if (p.name === 'StaticMethod') {
      if ((p.attrs.TypeId ?? '').toLowerCase() === TAXONOMY_SESSION_TYPE && name === 'GetTaxonomySession') return { t: 'session' };
      throw unsupported(`the static method ${name}`);
    }
    if (p.name === 'Identity') return this.identity(name);
    const parent = this.resolve(p.attrs.ParentId ?? '', depth + 1);
    const ps = this.params(p);
    if (p.name === 'Property') {
      if (parent.t === 'session' && name === 'TermStores') return { t: 'stores' };
      if (parent.t === 'store' && name === 'Groups') return { t: 'groups' };
      if (parent.t === 'group' && name === 'TermSets') return { t: 'sets', groupId: parent.id };
      if (parent.t === 'set' && name === 'Terms') return { t: 'terms', setId: parent.id, parentId: null };
      if (parent.t === 'term' && name === 'Terms') return { t: 'terms', setId: this.term(parent.id).setId, parentId: parent.id };
      if (parent.t === 'term' && name === 'Labels') return { t: 'labels', termId: parent.id };
      if (parent.t === 'term' && name === 'TermSet') return { t: 'set', id: this.term(parent.id).setId };
      if (parent.t === 'set' && name === 'Group') return { t: 'group', id: this.set(parent.id).groupId };
      throw unsupported(`the property ${name} of ${parent.t}`);
    }
    if (p.name !== 'Method') throw unsupported(p.name);
    switch (`${parent.t}.${name}`) {
      case 'session.GetDefaultSiteCollectionTermStore':
      case 'session.GetDefaultKeywordsTermStore':
        return { t: 'store' };
      case 'stores.GetById':
        if (this.guid(ps[0], 'id') !== this.meta.termStoreId) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'store' };
      case 'stores.GetByName':
        if (this.str(ps[0], 'name').toLowerCase() !== this.storeName().toLowerCase()) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'store' };
      case 'groups.GetById':
      case 'store.GetGroup':
        return { t: 'group', id: this.group(this.guid(ps[0], 'id')).id };
      case 'groups.GetByName': {
        const n = this.str(ps[0], 'name').toLowerCase();
        const g = [...this.meta.termGroups.values()].find((x) => x.displayName.toLowerCase() === n);
        if (!g) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'group', id: g.id };
      }
      case 'store.GetTermSet':
        return { t: 'set', id: this.set(this.guid(ps[0], 'termSetId')).id };
      case 'sets.GetById': {
        const s = this.set(this.guid(ps[0], 'id'));
        if (parent.t === 'sets' && s.groupId !== parent.groupId) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'set', id: s.id };
      }
      case 'sets.GetByName': {
        const n = this.str(ps[0], 'name').toLowerCase();
        const s = parent.t === 'sets' ? this.meta.setsOf(parent.groupId).find((x) => x.localizedNames.some((l) => l.name.toLowerCase() === n)) : undefined;
        if (!s) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'set', id: s.id };
      }
      case 'set.GetAllTerms':
        if (parent.t !== 'set') break;
        return { t: 'allTerms', setId: parent.id };
      case 'store.GetTerm':
        return { t: 'term', id: this.term(this.guid(ps[0], 'termId')).id };
      case 'terms.GetById': {
        const t = this.term(this.guid(ps[0], 'id'));
        if (parent.t === 'terms' && (t.setId !== parent.setId || t.parentId !== parent.parentId)) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'term', id: t.id };
      }
      case 'terms.GetByName': {
        const n = this.str(ps[0], 'name').toLowerCase();
        const t = parent.t === 'terms' ? this.meta.childrenOf(parent.setId, parent.parentId).find((x) => this.nameOf(x).toLowerCase() === n) : undefined;
        if (!t) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'term', id: t.id };
      }
      case 'labels.GetByValue': {
        if (parent.t !== 'labels') break;
        const v = this.str(ps[0], 'name');
        const l = this.term(parent.termId).labels.find((x) => x.name === v);
        if (!l) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
        return { t: 'label', termId: parent.termId, value: l.name, lcid: LCIDS[l.languageTag] ?? 0 };
      }
      case 'store.CreateGroup':
        return this.createGroup(this.str(ps[0], 'name'), ps[1] ? this.guid(ps[1], 'groupId') : randomUUID());
      case 'group.CreateTermSet':
        if (parent.t !== 'group') break;
        return this.createSet(parent.id, this.str(ps[0], 'name'), ps[1] ? this.guid(ps[1], 'newTermSetId') : randomUUID(), ps[2] ? this.int(ps[2], 'lcid') : this.workingLcid);
      case 'set.CreateTerm':
      case 'term.CreateTerm': {
        if (parent.t !== 'set' && parent.t !== 'term') break;
        const setId = parent.t === 'set' ? parent.id : this.term(parent.id).setId;
        return this.createTerm(setId, parent.t === 'term' ? parent.id : null, this.str(ps[0], 'name'), this.int(ps[1], 'lcid'), ps[2] ? this.guid(ps[2], 'newTermId') : randomUUID());
      }
      case 'term.CreateLabel':
        if (parent.t !== 'term') break;
        return this.createLabel(parent.id, this.str(ps[0], 'labelName'), this.int(ps[1], 'lcid'), this.str(ps[2], 'isDefault').toLowerCase() === 'true');
    }
    throw unsupported(`the method ${name} of ${parent.t}`);
  }

  private identity(name: string): Obj {
    const m = new RegExp(`${IDENTITY_MARK}:(ts|gr|se|te|la):([^:|]+)(?::(.*))?$`, 'i').exec(name);
    if (!m) throw unsupported(`the object identity '${name.slice(0, 80)}'`);
    const id = m[2]!.toLowerCase();
    switch (m[1]!.toLowerCase()) {
      case 'ts':
        if (id !== this.meta.termStoreId) throw operation('The term store was not found.');
        return { t: 'store' };
      case 'gr':
        return { t: 'group', id: this.group(id).id };
      case 'se':
        return { t: 'set', id: this.set(id).id };
      case 'te':
        return { t: 'term', id: this.term(id).id };
      default: {
        const [lcid, ...rest] = (m[3] ?? '').split(':');
        return { t: 'label', termId: this.term(id).id, lcid: Number(lcid), value: decodeURIComponent(rest.join(':')) };
      }
    }
  }

  private identityOf(o: Obj): string {
    const base = `${this.corr}|${IDENTITY_MARK}:`;
    switch (o.t) {
      case 'store':
        return `${base}ts:${this.meta.termStoreId}`;
      case 'group':
        return `${base}gr:${o.id}`;
      case 'set':
        return `${base}se:${o.id}`;
      case 'term':
        return `${base}te:${o.id}`;
      case 'label':
        return `${base}la:${o.termId}:${o.lcid}:${encodeURIComponent(o.value)}`;
      default:
        return `${base}${o.t}`;
    }
  }

  // ------------------------------------------------------------------ records

  private storeName(): string {
    return `Taxonomy_${Buffer.from(this.meta.termStoreId.replace(/-/g, ''), 'hex').toString('base64').slice(0, 22)}`;
  }

  private group(id: string): TermGroupRec {
    const g = this.meta.termGroups.get(id);
    if (!g) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
    return g;
  }

  private set(id: string): TermSetRec {
    const s = this.meta.termSets.get(id);
    if (!s) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
    return s;
  }

  private term(id: string): TermRec {
    const t = this.meta.terms.get(id);
    if (!t) throw outOfRange('Specified argument was out of the range of valid values.\r\nParameter name: index');
    return t;
  }

  /** A term's name: its default label in the working language, else in the default language. */
  private nameOf(t: TermRec): string {
    const tag = Object.entries(LCIDS).find(([, n]) => n === this.workingLcid)?.[0];
    return (
      t.labels.find((l) => l.isDefault && l.languageTag === tag)?.name ??
      t.labels.find((l) => l.isDefault && l.languageTag === this.meta.defaultLanguageTag)?.name ??
      t.labels[0]?.name ??
      ''
    );
  }

  /** The names from the set's top level down to the term, joined with ';' (as `PathOfTerm`). */
  private pathOf(t: TermRec): string {
    const names: string[] = [];
    for (let x: TermRec | undefined = t, n = 0; x && n < 100; x = x.parentId ? this.meta.terms.get(x.parentId) : undefined, n++) names.unshift(this.nameOf(x));
    return names.join(';');
  }

  private setName(s: TermSetRec): string {
    const tag = Object.entries(LCIDS).find(([, n]) => n === this.workingLcid)?.[0];
    return s.localizedNames.find((l) => l.languageTag === tag)?.name ?? s.localizedNames.find((l) => l.languageTag === this.meta.defaultLanguageTag)?.name ?? s.localizedNames[0]?.name ?? '';
  }

  /** Names of groups, sets and labels: at most 255 characters, none of ; " < > | & tab. */
  private checkName(name: string, what: string): string {
    const n = name.trim();
    if (!n) throw new CsomFault(`Value cannot be null or empty.\r\nParameter name: ${what}`, -2147467261, 'System.ArgumentNullException');
    if (n.length > 255 || /[;"<>|&\t]/.test(n)) throw argument(`The ${what} parameter is invalid. It either contains invalid characters or is too long.`);
    return n;
  }

  private idTaken(id: string): boolean {
    return this.meta.termGroups.has(id) || this.meta.termSets.has(id) || this.meta.terms.has(id) || id === this.meta.termStoreId;
  }

  private createGroup(rawName: string, id: string): Obj {
    this.mustWrite();
    const name = this.checkName(rawName, 'name');
    if ([...this.meta.termGroups.values()].some((g) => g.displayName.toLowerCase() === name.toLowerCase())) throw argument('Group names must be unique.');
    if (this.idTaken(id)) throw operation('The Id is already used by another item of the term store.');
    this.meta.putTermGroup({ id, displayName: name, description: '', scope: 'global', createdDateTime: this.now() });
    return { t: 'group', id };
  }

  private createSet(groupId: string, rawName: string, id: string, lcid: number): Obj {
    this.mustWrite();
    const group = this.group(groupId);
    if (group.scope === 'system') throw operation('Creating a term set in system group is disallowed.');
    const name = this.checkName(rawName, 'name');
    const tag = this.tagOf(lcid);
    if (this.meta.setsOf(groupId).some((s) => s.localizedNames.some((l) => l.name.toLowerCase() === name.toLowerCase())))
      throw argument('The name parameter is invalid. It conflicts with the name of an existing TermSet in the same Group.');
    if (this.idTaken(id)) throw operation('The Id is already used by another item of the term store.');
    // a set always has a name in the default language: the given one until another is set
    const names = [{ languageTag: tag, name }];
    if (tag !== this.meta.defaultLanguageTag) names.push({ languageTag: this.meta.defaultLanguageTag, name });
    this.meta.putTermSet({ id, groupId, localizedNames: names, description: '', properties: [], createdDateTime: this.now() });
    return { t: 'set', id };
  }

  private createTerm(setId: string, parentId: string | null, rawName: string, lcid: number, id: string): Obj {
    this.mustWrite();
    const name = this.checkName(rawName, 'name');
    const tag = this.tagOf(lcid);
    this.set(setId);
    const clash = this.meta.childrenOf(setId, parentId).some((t) => t.labels.some((l) => l.isDefault && l.languageTag === tag && l.name.toLowerCase() === name.toLowerCase()));
    if (clash) throw operation('There is already a term with the same default label and parent term.');
    if (this.idTaken(id)) throw operation('The Id is already used by another item of the term store.');
    // a term always has a default label in the default language: the given name until another is made default
    const labels: LabelRec[] = [{ name, languageTag: tag, isDefault: true }];
    if (tag !== this.meta.defaultLanguageTag) labels.push({ name, languageTag: this.meta.defaultLanguageTag, isDefault: true });
    const now = this.now();
    this.meta.putTerm({ id, setId, parentId, labels, descriptions: [], properties: [], createdDateTime: now, lastModifiedDateTime: now });
    return { t: 'term', id };
  }

  private createLabel(termId: string, rawName: string, lcid: number, isDefault: boolean): Obj {
    this.mustWrite();
    const name = this.checkName(rawName, 'labelName');
    const tag = this.tagOf(lcid);
    const t = this.term(termId);
    if (t.labels.some((l) => l.languageTag === tag && l.name === name)) throw operation('The label already exists for this language.');
    let labels = t.labels;
    if (isDefault) {
      const clash = this.meta.childrenOf(t.setId, t.parentId).some((o) => o.id !== t.id && o.labels.some((l) => l.isDefault && l.languageTag === tag && l.name.toLowerCase() === name.toLowerCase()));
      if (clash) throw operation('There is already a term with the same default label and parent term.');
      labels = labels.map((l) => (l.languageTag === tag ? { ...l, isDefault: false } : l));
    }
    this.putTerm(t, { labels: [...labels, { name, languageTag: tag, isDefault }] });
    return { t: 'label', termId, value: name, lcid };
  }

  private putTerm(t: TermRec, patch: Partial<TermRec>): void {
    this.meta.putTerm({ ...t, ...patch, lastModifiedDateTime: this.now() });
  }

  // ------------------------------------------------------------------ actions

  private action(a: XmlEl, results: unknown[]): void {
    const id = Number(a.attrs.Id);
    const target = this.resolve(a.attrs.ObjectPathId ?? '');
    switch (a.name) {
      case 'ObjectPath':
        results.push(id, { IsNull: false });
        return;
      case 'ObjectIdentityQuery':
        results.push(id, { _ObjectIdentity_: this.identityOf(target) });
        return;
      case 'Query': {
        const labels = hasProperty(a, 'Labels');
        results.push(id, this.queryJson(target, labels));
        return;
      }
      case 'SetProperty':
        this.setProperty(target, a.attrs.Name ?? '', a.children.find((e) => e.name === 'Parameter'));
        return;
      case 'Method':
        this.method(target, a.attrs.Name ?? '', this.params(a), id, results);
        return;
    }
    throw unsupported(`the action ${a.name}`);
  }

  private setProperty(o: Obj, name: string, p: XmlEl | undefined): void {
    if (o.t === 'store' && name === 'WorkingLanguage') {
      const lcid = this.int(p, 'value');
      this.tagOf(lcid);
      this.workingLcid = lcid;
      return;
    }
    this.mustWrite();
    const text = p && p.attrs.Type !== 'Null' ? p.text : '';
    if (o.t === 'group' && (name === 'Name' || name === 'Description')) {
      const g = this.group(o.id);
      if (name === 'Name') {
        const n = this.checkName(text, 'value');
        if ([...this.meta.termGroups.values()].some((x) => x.id !== g.id && x.displayName.toLowerCase() === n.toLowerCase())) throw argument('Group names must be unique.');
        this.meta.putTermGroup({ ...g, displayName: n });
      } else this.meta.putTermGroup({ ...g, description: text.slice(0, 1000) });
      return;
    }
    if (o.t === 'set' && (name === 'Name' || name === 'Description')) {
      const s = this.set(o.id);
      if (name === 'Description') {
        this.meta.putTermSet({ ...s, description: text.slice(0, 1000) });
        return;
      }
      const n = this.checkName(text, 'value');
      const tag = this.tagOf(this.workingLcid);
      if (this.meta.setsOf(s.groupId).some((x) => x.id !== s.id && x.localizedNames.some((l) => l.name.toLowerCase() === n.toLowerCase())))
        throw argument('The name parameter is invalid. It conflicts with the name of an existing TermSet in the same Group.');
      const names = s.localizedNames.some((l) => l.languageTag === tag) ? s.localizedNames.map((l) => (l.languageTag === tag ? { ...l, name: n } : l)) : [...s.localizedNames, { languageTag: tag, name: n }];
      this.meta.putTermSet({ ...s, localizedNames: names });
      return;
    }
    if (o.t === 'term' && name === 'Name') {
      const t = this.term(o.id);
      const n = this.checkName(text, 'value');
      const tag = this.tagOf(this.workingLcid);
      const labels = t.labels.some((l) => l.isDefault && l.languageTag === tag) ? t.labels.map((l) => (l.isDefault && l.languageTag === tag ? { ...l, name: n } : l)) : [...t.labels, { name: n, languageTag: tag, isDefault: true }];
      this.putTerm(t, { labels });
      return;
    }
    if (o.t === 'label' && (name === 'Value' || name === 'IsDefaultForLanguage')) {
      if (name === 'IsDefaultForLanguage') return this.labelDefault(o);
      const t = this.term(o.termId);
      const n = this.checkName(text, 'value');
      const tag = this.tagOf(o.lcid);
      const label = t.labels.find((l) => l.languageTag === tag && l.name === o.value);
      if (!label) throw operation('The label does not exist.');
      if (t.labels.some((l) => l !== label && l.languageTag === tag && l.name === n)) throw operation('The label already exists for this language.');
      if (label.isDefault && this.meta.childrenOf(t.setId, t.parentId).some((x) => x.id !== t.id && x.labels.some((l) => l.isDefault && l.languageTag === tag && l.name.toLowerCase() === n.toLowerCase())))
        throw operation('There is already a term with the same default label and parent term.');
      this.putTerm(t, { labels: t.labels.map((l) => (l === label ? { ...l, name: n } : l)) });
      return;
    }
    if ((o.t === 'set' || o.t === 'term') && (name === 'IsOpenForTermCreation' || name === 'IsAvailableForTagging')) return; // accepted, not modelled
    throw unsupported(`setting ${name} on ${o.t}`);
  }

  private labelDefault(o: Extract<Obj, { t: 'label' }>): void {
    const t = this.term(o.termId);
    const tag = this.tagOf(o.lcid);
    if (!t.labels.some((l) => l.languageTag === tag && l.name === o.value)) throw operation('The label does not exist.');
    this.putTerm(t, { labels: t.labels.map((l) => (l.languageTag === tag ? { ...l, isDefault: l.name === o.value } : l)) });
  }

  private method(o: Obj, name: string, ps: XmlEl[], id: number, results: unknown[]): void {
    if (o.t === 'store' && (name === 'CommitAll' || name === 'UpdateCache' || name === 'RollbackAll')) {
      if (name === 'CommitAll') this.mustWrite();
      return;
    }
    if ((o.t === 'set' || o.t === 'term') && (name === 'SetCustomProperty' || name === 'DeleteCustomProperty')) {
      this.mustWrite();
      const key = this.str(ps[0], 'name');
      if (!key.trim() || key.length > 255) throw argument('The custom property name is invalid.');
      const rec = o.t === 'set' ? this.set(o.id) : this.term(o.id);
      let props: KeyValueRec[] = rec.properties.filter((p) => p.key !== key);
      if (name === 'SetCustomProperty') {
        const value = ps[1] && ps[1].attrs.Type !== 'Null' ? ps[1].text : '';
        if (value.length > 255) throw argument('The custom property value is too long (255 characters at most).');
        props = rec.properties.some((p) => p.key === key) ? rec.properties.map((p) => (p.key === key ? { key, value } : p)) : [...rec.properties, { key, value }];
      }
      if (o.t === 'set') this.meta.putTermSet({ ...(rec as TermSetRec), properties: props });
      else this.putTerm(rec as TermRec, { properties: props });
      return;
    }
    if (o.t === 'term' && name === 'SetDescription') {
      this.mustWrite();
      const text = ps[0] && ps[0].attrs.Type !== 'Null' ? ps[0].text : '';
      const tag = this.tagOf(this.int(ps[1], 'lcid'));
      if (text.length > 1000) throw argument('The description is too long (1000 characters at most).');
      const t = this.term(o.id);
      const others = t.descriptions.filter((d) => d.languageTag !== tag);
      this.putTerm(t, { descriptions: text ? [...others, { description: text, languageTag: tag }] : others });
      return;
    }
    if (o.t === 'term' && name === 'GetDescription') {
      const tag = this.tagOf(this.int(ps[0], 'lcid'));
      results.push(id, this.term(o.id).descriptions.find((d) => d.languageTag === tag)?.description ?? '');
      return;
    }
    if (o.t === 'label' && name === 'SetAsDefaultForLanguage') {
      this.mustWrite();
      this.labelDefault(o);
      return;
    }
    if (name === 'DeleteObject') {
      this.mustWrite();
      this.deleteObject(o);
      return;
    }
    throw unsupported(`the method ${name} of ${o.t}`);
  }

  private deleteObject(o: Obj): void {
    switch (o.t) {
      case 'group': {
        const g = this.group(o.id);
        if (g.scope === 'system') throw operation('The system group cannot be deleted.');
        if (this.meta.setsOf(g.id).length) throw operation('A group that contains term sets cannot be deleted. Delete its term sets first.');
        this.meta.deleteTermGroup(g);
        return;
      }
      case 'set':
        this.meta.deleteTermSet(this.set(o.id));
        return;
      case 'term':
        this.meta.deleteTerm(this.term(o.id));
        return;
      case 'label': {
        const t = this.term(o.termId);
        const tag = this.tagOf(o.lcid);
        const l = t.labels.find((x) => x.languageTag === tag && x.name === o.value);
        if (!l) throw operation('The label does not exist.');
        if (l.isDefault) throw operation('The default label of a language cannot be deleted.');
        this.putTerm(t, { labels: t.labels.filter((x) => x !== l) });
        return;
      }
    }
    throw unsupported(`DeleteObject on ${o.t}`);
  }

  // ------------------------------------------------------------------ query answers

  private queryJson(o: Obj, withLabels: boolean): unknown {
    const ident = (x: Obj) => ({ _ObjectType_: TYPES[x.t], _ObjectIdentity_: this.identityOf(x) });
    const collection = (type: string, items: unknown[]) => ({ _ObjectType_: type, _Child_Items_: items });
    switch (o.t) {
      case 'session':
        return { _ObjectType_: 'SP.Taxonomy.TaxonomySession', OffllineTermStoreNames: [] };
      case 'store':
        return {
          ...ident(o),
          Id: guidJson(this.meta.termStoreId),
          Name: this.storeName(),
          DefaultLanguage: this.defaultLcid,
          Languages: this.meta.languageTags.map((t) => LCIDS[t]).filter((n): n is number => n !== undefined),
          WorkingLanguage: this.workingLcid,
          IsOnline: true,
          ContentTypePublishingHub: '',
        };
      case 'stores':
        return collection('SP.Taxonomy.TermStoreCollection', [this.queryJson({ t: 'store' }, false)]);
      case 'groups':
        return collection('SP.Taxonomy.TermGroupCollection', [...this.meta.termGroups.values()].map((g) => this.groupJson(g)));
      case 'group':
        return this.groupJson(this.group(o.id));
      case 'sets':
        return collection('SP.Taxonomy.TermSetCollection', this.meta.setsOf(o.groupId).map((s) => this.setJson(s)));
      case 'set':
        return this.setJson(this.set(o.id));
      case 'terms':
        return collection('SP.Taxonomy.TermCollection', this.meta.childrenOf(o.setId, o.parentId).map((t) => this.termJson(t, withLabels)));
      case 'allTerms':
        return collection('SP.Taxonomy.TermCollection', this.meta.termsOf(o.setId).map((t) => this.termJson(t, withLabels)));
      case 'term':
        return this.termJson(this.term(o.id), withLabels);
      case 'labels':
        return collection('SP.Taxonomy.LabelCollection', this.term(o.termId).labels.map((l) => this.labelJson(o.termId, l)));
      case 'label': {
        const l = this.term(o.termId).labels.find((x) => x.name === o.value && LCIDS[x.languageTag] === o.lcid);
        if (!l) throw operation('The label does not exist.');
        return this.labelJson(o.termId, l);
      }
    }
  }

  private groupJson(g: TermGroupRec): unknown {
    return {
      _ObjectType_: 'SP.Taxonomy.TermGroup',
      _ObjectIdentity_: this.identityOf({ t: 'group', id: g.id }),
      Id: guidJson(g.id),
      Name: g.displayName,
      Description: g.description,
      CreatedDate: dateJson(g.createdDateTime),
      LastModifiedDate: dateJson(g.createdDateTime),
      IsSystemGroup: g.scope === 'system',
      IsSiteCollectionGroup: g.scope === 'siteCollection',
    };
  }

  private setJson(s: TermSetRec): unknown {
    return {
      _ObjectType_: 'SP.Taxonomy.TermSet',
      _ObjectIdentity_: this.identityOf({ t: 'set', id: s.id }),
      Id: guidJson(s.id),
      Name: this.setName(s),
      Names: Object.fromEntries(s.localizedNames.map((l) => [String(LCIDS[l.languageTag] ?? l.languageTag), l.name])),
      Description: s.description,
      CustomProperties: Object.fromEntries(s.properties.map((p) => [p.key, p.value])),
      CreatedDate: dateJson(s.createdDateTime),
      LastModifiedDate: dateJson(s.createdDateTime),
      IsOpenForTermCreation: false,
      IsAvailableForTagging: true,
      Contact: '',
      Owner: '',
    };
  }

  private termJson(t: TermRec, withLabels: boolean): unknown {
    const tag = Object.entries(LCIDS).find(([, n]) => n === this.workingLcid)?.[0];
    const desc = t.descriptions.find((d) => d.languageTag === tag)?.description ?? '';
    return {
      _ObjectType_: 'SP.Taxonomy.Term',
      _ObjectIdentity_: this.identityOf({ t: 'term', id: t.id }),
      Id: guidJson(t.id),
      Name: this.nameOf(t),
      Description: desc,
      CustomProperties: Object.fromEntries(t.properties.map((p) => [p.key, p.value])),
      LocalCustomProperties: {},
      IsRoot: t.parentId === null,
      PathOfTerm: this.pathOf(t),
      TermsCount: this.meta.childrenOf(t.setId, t.id).length,
      CreatedDate: dateJson(t.createdDateTime),
      LastModifiedDate: dateJson(t.lastModifiedDateTime),
      IsAvailableForTagging: true,
      IsDeprecated: false,
      ...(withLabels ? { Labels: { _ObjectType_: 'SP.Taxonomy.LabelCollection', _Child_Items_: t.labels.map((l) => this.labelJson(t.id, l)) } } : {}),
    };
  }

  private labelJson(termId: string, l: LabelRec): unknown {
    const lcid = LCIDS[l.languageTag] ?? 0;
    return { _ObjectType_: 'SP.Taxonomy.Label', _ObjectIdentity_: this.identityOf({ t: 'label', termId, value: l.name, lcid }), Value: l.name, Language: lcid, IsDefaultForLanguage: l.isDefault };
  }
}

const TYPES: Record<Obj['t'], string> = {
  session: 'SP.Taxonomy.TaxonomySession',
  store: 'SP.Taxonomy.TermStore',
  stores: 'SP.Taxonomy.TermStoreCollection',
  groups: 'SP.Taxonomy.TermGroupCollection',
  group: 'SP.Taxonomy.TermGroup',
  sets: 'SP.Taxonomy.TermSetCollection',
  set: 'SP.Taxonomy.TermSet',
  terms: 'SP.Taxonomy.TermCollection',
  allTerms: 'SP.Taxonomy.TermCollection',
  term: 'SP.Taxonomy.Term',
  labels: 'SP.Taxonomy.LabelCollection',
  label: 'SP.Taxonomy.Label',
};

/** Whether a Query action asks for the named property (at any depth, e.g. a term's Labels in a ChildItemQuery). */
function hasProperty(el: XmlEl, name: string): boolean {
  return el.children.some((c) => (c.name === 'Property' && c.attrs.Name === name) || hasProperty(c, name));
}
