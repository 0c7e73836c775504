/**
 * The tenant's term store through CSOM taxonomy (`_vti_bin/client.svc/ProcessQuery` on the root
 * site), as PnP and CLI for Microsoft 365 reach it. Why not Graph: every Graph term store page
 * documents "Application: Not supported", so an app-only engine cannot use it; CSOM taxonomy
 * works app-only when the app is a term store administrator (reads need no more than a SharePoint
 * role) and works for a signed-in user too. Reads and writes both go through here, so one
 * credential covers the term store.
 *
 * Every request starts from `TaxonomySession.GetTaxonomySession` →
 * `GetDefaultSiteCollectionTermStore` (object paths 10 and 11); writes end with `CommitAll`.
 */
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { processQuery, xmlText } from './csom.ts';

const SESSION_TYPE = '{981cbc68-9edc-4f8d-872f-71146fcbb84f}';
const STORE = 11;
const DENIED_HINT =
  'term store writes with an app-only token need the app to be a term store administrator: add it under SharePoint admin center > Content services > Term store > Admins, or sign in as a term store administrator';

/** Language tags of SharePoint's languages and their LCIDs (the term store speaks LCIDs in CSOM). */
const LCIDS: Record<string, number> = {
  'ar-sa': 1025, 'bg-bg': 1026, 'ca-es': 1027, 'zh-tw': 1028, 'cs-cz': 1029, 'da-dk': 1030, 'de-de': 1031, 'el-gr': 1032,
  'en-us': 1033, 'fi-fi': 1035, 'fr-fr': 1036, 'he-il': 1037, 'hu-hu': 1038, 'it-it': 1040, 'ja-jp': 1041, 'ko-kr': 1042,
  'nl-nl': 1043, 'nb-no': 1044, 'pl-pl': 1045, 'pt-br': 1046, 'ro-ro': 1048, 'ru-ru': 1049, 'hr-hr': 1050, 'sk-sk': 1051,
  'sv-se': 1053, 'th-th': 1054, 'tr-tr': 1055, 'id-id': 1057, 'uk-ua': 1058, 'sl-si': 1060, 'et-ee': 1061, 'lv-lv': 1062,
  'lt-lt': 1063, 'vi-vn': 1066, 'az-latn-az': 1068, 'eu-es': 1069, 'mk-mk': 1071, 'hi-in': 1081, 'ms-my': 1086, 'kk-kz': 1087,
  'cy-gb': 1106, 'gl-es': 1110, 'prs-af': 1164, 'zh-cn': 2052, 'en-gb': 2057, 'pt-pt': 2070, 'sr-latn-cs': 2074, 'ga-ie': 2108,
  'es-es': 3082, 'fr-ca': 3084, 'bs-latn-ba': 5146, 'sr-cyrl-rs': 10266,
};
const TAGS = new Map(Object.entries(LCIDS).map(([t, n]) => [n, t.replace(/-([a-z]{2})$/, (_, c: string) => `-${c.toUpperCase()}`)]));

/** The LCID of a language tag (`sv-SE` → 1053); throws, naming the tag, when it has none. */
export function lcidOf(tag: string): number {
  const n = LCIDS[tag.toLowerCase()];
  if (n === undefined) throw new Error(`term store: the language '${tag}' has no LCID known to m365-provision`);
  return n;
}

/** The language tag of an LCID (1053 → `sv-SE`), or the number as text when unknown. */
export function tagOf(lcid: number | string): string {
  return TAGS.get(Number(lcid)) ?? String(lcid);
}

export interface TermStoreInfo {
  id: string;
  defaultLcid: number;
  lcids: number[];
}

export interface CsomGroup {
  id: string;
  name: string;
  description: string;
  system: boolean;
}

export interface CsomSet {
  id: string;
  /** name per LCID, as the service lists them */
  names: Record<string, string>;
  description: string;
  properties: Record<string, string>;
}

export interface CsomLabel {
  value: string;
  lcid: number;
  isDefault: boolean;
  /** the service's `_ObjectIdentity_` of the label (for an `Identity` object path) */
  identity: string;
}

export interface CsomTerm {
  id: string;
  labels: CsomLabel[];
  /** the description in the language the term was read in (the working language) */
  description: string;
  properties: Record<string, string>;
}

type Param = { type: 'String' | 'Guid' | 'Int32' | 'Boolean'; value: string | number | boolean };

const str = (value: string): Param => ({ type: 'String', value });
const guid = (value: string): Param => ({ type: 'Guid', value });
const int = (value: number): Param => ({ type: 'Int32', value });

function paramXml(p: Param): string {
  const v = p.type === 'Guid' ? `{${p.value}}` : p.type === 'String' ? xmlText(String(p.value)) : String(p.value);
  return `<Parameter Type="${p.type}">${v}</Parameter>`;
}

const SELECT_ALL = '<Query SelectAllProperties="true"><Properties /></Query>';
const LABELS = '<Property Name="Labels" SelectAll="true"><Query SelectAllProperties="false"><Properties /></Query><ChildItemQuery SelectAllProperties="true"><Properties /></ChildItemQuery></Property>';

/** One CSOM taxonomy request under construction: object paths and actions with their ids. */
export class TaxonomyRequest {
  private paths = `<StaticMethod Id="10" Name="GetTaxonomySession" TypeId="${SESSION_TYPE}" /><Method Id="${STORE}" ParentId="10" Name="GetDefaultSiteCollectionTermStore" />`;
  private actions = '';
  private next = 12;
  readonly store = STORE;

  private id(): number {
    return this.next++;
  }

  /** A method object path (e.g. `GetGroup`, `CreateTerm`) on `parent`. */
  method(parent: number, name: string, params: Param[] = []): number {
    const id = this.id();
    this.paths += `<Method Id="${id}" ParentId="${parent}" Name="${name}"><Parameters>${params.map(paramXml).join('')}</Parameters></Method>`;
    this.actions += `<ObjectPath Id="${this.id()}" ObjectPathId="${id}" />`;
    return id;
  }

  /** An object by the `_ObjectIdentity_` the service answered for it. */
  identity(name: string): number {
    const id = this.id();
    this.paths += `<Identity Id="${id}" Name="${xmlText(name)}" />`;
    return id;
  }

  property(parent: number, name: string): number {
    const id = this.id();
    this.paths += `<Property Id="${id}" ParentId="${parent}" Name="${name}" />`;
    return id;
  }

  /**
   * Queries an object (or a collection's items) with all its scalar properties, each term's
   * labels when asked, and properties to ask for by name (`Names` of a set is not a default
   * one everywhere); returns the action id.
   */
  query(path: number, opts: { children?: boolean; labels?: boolean; named?: string[] } = {}): number {
    const id = this.id();
    const named = (opts.named ?? []).map((n) => `<Property Name="${n}" ScalarProperty="true" />`).join('');
    const inner = opts.labels || named ? `<Properties>${named}${opts.labels ? LABELS : ''}</Properties>` : '<Properties />';
    this.actions += opts.children
      ? `<Query Id="${id}" ObjectPathId="${path}"><Query SelectAllProperties="false"><Properties /></Query><ChildItemQuery SelectAllProperties="true">${inner}</ChildItemQuery></Query>`
      : `<Query Id="${id}" ObjectPathId="${path}">${opts.labels || named ? `<Query SelectAllProperties="true">${inner}</Query>` : SELECT_ALL}</Query>`;
    return id;
  }

  setProperty(path: number, name: string, p: Param): void {
    this.actions += `<SetProperty Id="${this.id()}" ObjectPathId="${path}" Name="${name}">${paramXml(p)}</SetProperty>`;
  }

  call(path: number, name: string, params: Param[] = []): void {
    this.actions += `<Method Name="${name}" Id="${this.id()}" ObjectPathId="${path}"><Parameters>${params.map(paramXml).join('')}</Parameters></Method>`;
  }

  /**
   * Sends the request to the root site; a refusal becomes a TenantError (via csom.ts), and the
   * term store's "name taken" refusals are conflicts (service-error.ts) so that a create can adopt what is there.
   */
  async send(tenant: TenantClient, readOnly = false): Promise<CsomAnswer> {
    return new CsomAnswer(await processQuery(tenant, `https://${tenant.sharepointHost}`, this.actions, this.paths, { deniedHint: DENIED_HINT, readOnly }));
  }

  /**
   * Sends a request that only reads (queries, and the session's `WorkingLanguage`): sent again
   * after a passing failure or a lost answer, as a GET is (csom.ts `readOnly`). Never one that
   * `call`s a method that writes.
   */
  read(tenant: TenantClient): Promise<CsomAnswer> {
    return this.send(tenant, true);
  }
}

/** The answer of a request: `[head, id, value, id, value, ...]`. */
export class CsomAnswer {
  constructor(private readonly arr: unknown[]) {}

  get(id: number): Record<string, unknown> {
    for (let i = 1; i < this.arr.length - 1; i++) if (this.arr[i] === id) return (this.arr[i + 1] ?? {}) as Record<string, unknown>;
    throw new Error(`term store: the CSOM answer has no result ${id}`);
  }

  items(id: number): Record<string, unknown>[] {
    const c = this.get(id)._Child_Items_;
    return Array.isArray(c) ? (c as Record<string, unknown>[]) : [];
  }
}

/** `/Guid(x)/` → x (lower case). */
export function guidOf(v: unknown): string {
  return String(v ?? '').replace(/^\/Guid\(|\)\/$/g, '').toLowerCase();
}

function dict(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!k.startsWith('_') && typeof x === 'string') out[k] = x;
  return out;
}

// ---------------------------------------------------------------- reads

const storeInfoCache = new WeakMap<TenantClient, Promise<TermStoreInfo>>();

/** The default site collection term store: id, default language and working languages (read once per client). */
export function termStoreInfo(tenant: TenantClient): Promise<TermStoreInfo> {
  let hit = storeInfoCache.get(tenant);
  if (!hit) {
    hit = (async () => {
      const q = new TaxonomyRequest();
      const a = q.query(q.store);
      const s = (await q.read(tenant)).get(a);
      const lcids = Array.isArray(s.Languages) ? (s.Languages as unknown[]).map(Number) : [];
      return { id: guidOf(s.Id), defaultLcid: Number(s.DefaultLanguage ?? 1033), lcids };
    })();
    hit.catch(() => storeInfoCache.delete(tenant));
    storeInfoCache.set(tenant, hit);
  }
  return hit;
}

export async function readGroups(tenant: TenantClient): Promise<CsomGroup[]> {
  const q = new TaxonomyRequest();
  const a = q.query(q.property(q.store, 'Groups'), { children: true });
  return (await q.read(tenant)).items(a).map((g) => ({
    id: guidOf(g.Id),
    name: String(g.Name ?? ''),
    description: String(g.Description ?? ''),
    system: g.IsSystemGroup === true,
  }));
}

function setOf(s: Record<string, unknown>): CsomSet {
  return { id: guidOf(s.Id), names: dict(s.Names), description: String(s.Description ?? ''), properties: dict(s.CustomProperties) };
}

export async function readSets(tenant: TenantClient, groupId: string): Promise<CsomSet[]> {
  const q = new TaxonomyRequest();
  const group = q.method(q.store, 'GetGroup', [guid(groupId)]);
  const a = q.query(q.property(group, 'TermSets'), { children: true, named: ['Names', 'CustomProperties'] });
  return (await q.read(tenant)).items(a).map(setOf);
}

export async function readSet(tenant: TenantClient, setId: string): Promise<CsomSet> {
  const q = new TaxonomyRequest();
  const a = q.query(q.method(q.store, 'GetTermSet', [guid(setId)]), { named: ['Names', 'CustomProperties'] });
  return setOf((await q.read(tenant)).get(a));
}

function termOf(t: Record<string, unknown>): CsomTerm {
  const labels = (t.Labels as { _Child_Items_?: Record<string, unknown>[] } | undefined)?._Child_Items_ ?? [];
  return {
    id: guidOf(t.Id),
    labels: labels.map((l) => ({ value: String(l.Value ?? ''), lcid: Number(l.Language), isDefault: l.IsDefaultForLanguage === true, identity: String(l._ObjectIdentity_ ?? '') })),
    description: String(t.Description ?? ''),
    properties: dict(t.CustomProperties),
  };
}

/**
 * The terms right under a set (termId undefined) or under a term, with their labels; descriptions
 * in `lcid` (the working language of the read; default: the store's default language).
 */
export async function readChildren(tenant: TenantClient, setId: string, termId?: string, lcid?: number): Promise<CsomTerm[]> {
  const q = new TaxonomyRequest();
  if (lcid !== undefined) q.setProperty(q.store, 'WorkingLanguage', int(lcid));
  const parent = termId ? q.method(q.store, 'GetTerm', [guid(termId)]) : q.method(q.store, 'GetTermSet', [guid(setId)]);
  const a = q.query(q.property(parent, 'Terms'), { children: true, labels: true });
  return (await q.read(tenant)).items(a).map(termOf);
}

/** How many terms a set holds at every level (`TermSet.GetAllTerms`). */
export async function countAllTerms(tenant: TenantClient, setId: string): Promise<number> {
  const q = new TaxonomyRequest();
  const a = q.query(q.method(q.method(q.store, 'GetTermSet', [guid(setId)]), 'GetAllTerms'), { children: true });
  return (await q.read(tenant)).items(a).length;
}

export async function readTerm(tenant: TenantClient, termId: string, lcid?: number): Promise<CsomTerm> {
  const q = new TaxonomyRequest();
  if (lcid !== undefined) q.setProperty(q.store, 'WorkingLanguage', int(lcid));
  const a = q.query(q.method(q.store, 'GetTerm', [guid(termId)]), { labels: true });
  return termOf((await q.read(tenant)).get(a));
}

// ---------------------------------------------------------------- writes

/** Builds and sends one write request (ending with CommitAll). */
export async function writeTaxonomy(tenant: TenantClient, build: (q: TaxonomyRequest) => void): Promise<CsomAnswer> {
  const q = new TaxonomyRequest();
  build(q);
  q.call(q.store, 'CommitAll');
  return q.send(tenant);
}

export const P = { str, guid, int, bool: (value: boolean): Param => ({ type: 'Boolean', value }) };
