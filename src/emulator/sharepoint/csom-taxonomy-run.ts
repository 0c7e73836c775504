/**
 * One CSOM taxonomy ProcessQuery's state and what every part of it uses (csom-taxonomy*.ts): the
 * request's object paths and those resolved, the working language, the caller's rights, the term
 * store records (`../metadata-store.ts`) found by id, their names in the working language, and
 * the parameters of paths and actions read as the service reads them.
 */
import type { TermGroupRec, TermRec, TermSetRec } from '../metadata-types.ts';
import { isGuid, normGuid, type Store } from '../store.ts';
import { argument, argumentNull, denied, notInRange, outOfRange } from './csom-taxonomy-errors.ts';
import type { parseXml } from './csom-xml.ts';

export type XmlEl = ReturnType<typeof parseXml>;

/** `Microsoft.SharePoint.Client.Taxonomy.TaxonomySession` */
export const TAXONOMY_SESSION_TYPE = '{981cbc68-9edc-4f8d-872f-71146fcbb84f}';
/** The type id the service puts in the `_ObjectIdentity_` of taxonomy objects. */
export const IDENTITY_MARK = 'fec14c62-7c3b-481b-851b-c80d7802b224';

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
export const READ_ROLES = ['Sites.Read.All', 'Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All', 'TermStore.Read.All', 'TermStore.ReadWrite.All'];
const WRITE_ROLES = ['Sites.ReadWrite.All', 'Sites.Manage.All', 'Sites.FullControl.All', 'TermStore.ReadWrite.All'];

/** The languages the term store may work in, by tag. */
export const LCIDS: Record<string, number> = { 'en-US': 1033, 'sv-SE': 1053, 'nb-NO': 1044, 'da-DK': 1030, 'fi-FI': 1035, 'de-DE': 1031, 'fr-FR': 1036 };

/** What an object path of the request stands for. */
export type Obj =
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

/** One ProcessQuery: object paths resolved once each (a Create* path creates when first used). */
export class TaxRun {
  readonly paths = new Map<string, XmlEl>();
  readonly resolved = new Map<string, Obj>();
  /** the language names are read and written in (`TermStore.WorkingLanguage`) */
  workingLcid: number;

  constructor(
    readonly store: Store,
    readonly caller: TaxonomyCaller,
    readonly corr: string,
  ) {
    this.workingLcid = this.defaultLcid;
  }

  get meta() {
    return this.store.meta;
  }

  get defaultLcid(): number {
    return LCIDS[this.meta.defaultLanguageTag] ?? 1033;
  }

  tagOf(lcid: number): string {
    const tag = Object.entries(LCIDS).find(([t, n]) => n === lcid && this.meta.languageTags.includes(t))?.[0];
    if (!tag) throw outOfRange(`The lcid ${lcid} is not one of the working languages of the term store.\r\nParameter name: lcid`);
    return tag;
  }

  mustWrite(): void {
    if (this.caller.delegated) return;
    if (!this.caller.appIsTermStoreAdmin || !WRITE_ROLES.some((r) => this.caller.roles.includes(r))) throw denied();
  }

  now(): string {
    return this.store.nowIso();
  }

  // ------------------------------------------------------------------ parameters

  params(el: XmlEl): XmlEl[] {
    return el.children.find((e) => e.name === 'Parameters')?.children ?? [];
  }

  str(p: XmlEl | undefined, what: string): string {
    if (!p || p.attrs.Type === 'Null') throw argumentNull(`Value cannot be null.\r\nParameter name: ${what}`);
    return p.text;
  }

  guid(p: XmlEl | undefined, what: string): string {
    const raw = this.str(p, what).trim().replace(/^\{|\}$/g, '');
    if (!isGuid(raw)) throw argument(`The value of ${what} is not a GUID.`);
    return normGuid(raw);
  }

  int(p: XmlEl | undefined, what: string): number {
    const n = Number(this.str(p, what));
    if (!Number.isInteger(n)) throw argument(`The value of ${what} is not an integer.`);
    return n;
  }

  // ------------------------------------------------------------------ records

  storeName(): string {
    return `Taxonomy_${Buffer.from(this.meta.termStoreId.replace(/-/g, ''), 'hex').toString('base64').slice(0, 22)}`;
  }

  group(id: string): TermGroupRec {
    const g = this.meta.termGroups.get(id);
    if (!g) throw notInRange();
    return g;
  }

  set(id: string): TermSetRec {
    const s = this.meta.termSets.get(id);
    if (!s) throw notInRange();
    return s;
  }

  term(id: string): TermRec {
    const t = this.meta.terms.get(id);
    if (!t) throw notInRange();
    return t;
  }

  /** A term's name: its default label in the working language, else in the default language. */
  nameOf(t: TermRec): string {
    const tag = Object.entries(LCIDS).find(([, n]) => n === this.workingLcid)?.[0];
    return (
      t.labels.find((l) => l.isDefault && l.languageTag === tag)?.name ??
      t.labels.find((l) => l.isDefault && l.languageTag === this.meta.defaultLanguageTag)?.name ??
      t.labels[0]?.name ??
      ''
    );
  }

  /** The names from the set's top level down to the term, joined with ';' (as `PathOfTerm`). */
  pathOf(t: TermRec): string {
    const names: string[] = [];
    for (let x: TermRec | undefined = t, n = 0; x && n < 100; x = x.parentId ? this.meta.terms.get(x.parentId) : undefined, n++) names.unshift(this.nameOf(x));
    return names.join(';');
  }

  setName(s: TermSetRec): string {
    const tag = Object.entries(LCIDS).find(([, n]) => n === this.workingLcid)?.[0];
    return s.localizedNames.find((l) => l.languageTag === tag)?.name ?? s.localizedNames.find((l) => l.languageTag === this.meta.defaultLanguageTag)?.name ?? s.localizedNames[0]?.name ?? '';
  }

  /**
   * Names of groups, sets and labels, as the term store keeps them: "normalized to trim
   * consecutive spaces into one and replace the & character with the wide character version of
   * the character (\uFF06)"; at most 255 characters, none of ; " < > | tab (TermSetItem.CreateTerm).
   */
  checkName(name: string, what: string): string {
    const n = name.trim().replace(/ {2,}/g, ' ').replace(/&/g, '\uFF06');
    if (!n) throw argumentNull(`Value cannot be null or empty.\r\nParameter name: ${what}`);
    if (n.length > 255 || /[;"<>|\t]/.test(n)) throw argument(`The ${what} parameter is invalid. It either contains invalid characters or is too long.`);
    return n;
  }

  idTaken(id: string): boolean {
    return this.meta.termGroups.has(id) || this.meta.termSets.has(id) || this.meta.terms.has(id) || id === this.meta.termStoreId;
  }

  putTerm(t: TermRec, patch: Partial<TermRec>): void {
    this.meta.putTerm({ ...t, ...patch, lastModifiedDateTime: this.now() });
  }
}
