/**
 * What a CSOM `Query` action answers for the web-side objects (csom-web.ts): the object's
 * `_ObjectType_`, `_ObjectIdentity_` and the properties the query asks for
 * (`<Query SelectAllProperties="false"><Properties><Property Name="Title" ScalarProperty="true" />`,
 * or all scalar properties with `SelectAllProperties="true"`), in CSOM's JSON: dates as
 * `/Date(y,m,d,h,mi,s,ms)/`, GUIDs as `/Guid(…)/`. A property the object does not have is refused
 * as the service refuses it ("Field or property "X" does not exist.").
 */
import type { Store } from '../store.ts';
import type { SiteRec } from '../types.ts';
import type { XmlEl } from './csom-xml.ts';
import { siteEntity, webEntity } from './project.ts';
import { webPropertyBag, webSettings } from './site-ia-web-settings.ts';

/** The objects csom-web.ts resolves object paths to. */
export type CsomObj =
  | { t: 'context' }
  | { t: 'web' }
  | { t: 'site' }
  | { t: 'allProperties' }
  | { t: 'regionalSettings' }
  | { t: 'timeZones' }
  | { t: 'timeZone'; id: number }
  | { t: 'contentTypes' }
  /** `ContentTypes.Add(…)`: created when an action first reaches it (csom-content-types.ts) */
  | { t: 'newContentType'; pathId: string; method: XmlEl }
  | { t: 'unknown'; what: string };

/** A CSOM fault: the `ErrorInfo` of the answer. */
export class CsomError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly typeName: string,
  ) {
    super(message);
  }
}

/** The part of every object identity SharePoint gives a site's objects (`…|740c6a0b-…:site:<id>:web:<id>`). */
const IDENTITY_ROOT = '740c6a0b-85e2-48a0-a494-e0f1759d4aa7';

/** The `_ObjectIdentity_` of the web or site of `site`. */
export function identityOf(site: SiteRec, what: 'web' | 'site'): string {
  const head = `${site.id.slice(0, 8)}-a0e2-4000-9000-${site.webId.replace(/-/g, '').slice(0, 12)}`;
  return `${head}|${IDENTITY_ROOT}:site:${site.id}${what === 'web' ? `:web:${site.webId}` : ''}`;
}

/** The object an `<Identity Name="…">` object path names, if it is this site's web or site. */
export function objectOfIdentity(site: SiteRec, name: string): CsomObj {
  const m = /:site:([0-9a-f-]{36})(?::web:([0-9a-f-]{36}))?$/i.exec(name);
  if (!m || m[1]!.toLowerCase() !== site.id) return { t: 'unknown', what: `object identity ${name}` };
  if (!m[2]) return { t: 'site' };
  return m[2].toLowerCase() === site.webId ? { t: 'web' } : { t: 'unknown', what: `object identity ${name}` };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d+))?Z$/;

/** A value as CSOM's JSON writes it. */
function csomValue(v: unknown, type?: string): unknown {
  if (typeof v === 'string') {
    const d = DATE.exec(v);
    if (d) return `/Date(${Number(d[1])},${Number(d[2]) - 1},${Number(d[3])},${Number(d[4])},${Number(d[5])},${Number(d[6])},${Number((d[7] ?? '0').slice(0, 3).padEnd(3, '0'))})/`;
    if (GUID.test(v)) return `/Guid(${v})/`;
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => csomValue(x));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const t = type ?? ('DecodedUrl' in o ? 'SP.ResourcePath' : 'StringValue' in o ? 'SP.ChangeToken' : undefined);
    return { ...(t ? { _ObjectType_: t } : {}), ...Object.fromEntries(Object.entries(o).map(([k, x]) => [k, csomValue(x)])) };
  }
  return v;
}

/** The base permissions an app's roles give it on a site (BasePermissions High/Low). */
function basePermissions(roles: readonly string[]): { _ObjectType_: string; High: number; Low: number } {
  const full = roles.some((r) => ['Sites.FullControl.All', 'Sites.Manage.All', 'Sites.ReadWrite.All'].includes(r));
  return full ? { _ObjectType_: 'SP.BasePermissions', High: 2147483647, Low: 4294967295 } : { _ObjectType_: 'SP.BasePermissions', High: 176, Low: 138612833 };
}

/** All scalar properties of an object, with its type name. */
function propsOf(store: Store, site: SiteRec, o: CsomObj, roles: readonly string[]): { type: string; identity?: string; props: Record<string, unknown> } {
  switch (o.t) {
    case 'web':
      return { type: 'SP.Web', identity: identityOf(site, 'web'), props: { ...webEntity(store, site).props, EffectiveBasePermissions: basePermissions(roles) } };
    case 'site':
      return { type: 'SP.Site', identity: identityOf(site, 'site'), props: siteEntity(store, site).props };
    case 'allProperties':
      return { type: 'SP.PropertyValues', props: webPropertyBag(store, site) };
    case 'regionalSettings': {
      const w = webSettings(store, site);
      return { type: 'SP.RegionalSettings', props: { LocaleId: w.localeId, Collation: 25, FirstDayOfWeek: 1, Time24: true, TimeMarker: 0 } };
    }
    case 'timeZone':
      return { type: 'SP.TimeZone', props: { Id: o.id } };
    default:
      throw new CsomError(`The local tenant does not support a query of ${o.t === 'unknown' ? o.what : o.t} in CSOM requests.`, -1, 'Microsoft.SharePoint.Client.ClientServiceException');
  }
}

/**
 * Navigation properties a query may expand (`<Property Name="AllProperties" SelectAll="true">`):
 * the object each one leads to. The service answers them nested, with their own `_ObjectType_`.
 */
const NAVIGATION: Partial<Record<CsomObj['t'], Record<string, CsomObj>>> = {
  web: { allproperties: { t: 'allProperties' }, regionalsettings: { t: 'regionalSettings' } },
};

/** The properties of `o` a `<Query>` element selects, in CSOM's JSON (navigation properties nested). */
function selected(store: Store, site: SiteRec, o: CsomObj, q: XmlEl | undefined, roles: readonly string[], selectAll = false): Record<string, unknown> {
  const { type, identity, props } = propsOf(store, site, o, roles);
  const all = selectAll || q?.attrs.SelectAllProperties === 'true';
  const asked = (q?.children.find((e) => e.name === 'Properties')?.children ?? []).filter((e) => e.name === 'Property');
  const out: Record<string, unknown> = { _ObjectType_: type };
  if (identity) out._ObjectIdentity_ = identity;
  const keys = Object.keys(props);
  const wanted = all ? keys.filter((k) => typeof props[k] !== 'object' || props[k] === null) : [];
  const nested: [string, Record<string, unknown>][] = [];
  for (const p of asked) {
    const n = p.attrs.Name ?? '';
    const k = keys.find((x) => x.toLowerCase() === n.toLowerCase());
    if (k !== undefined) {
      if (!wanted.includes(k)) wanted.push(k);
      continue;
    }
    const target = NAVIGATION[o.t]?.[n.toLowerCase()];
    if (!target) throw new CsomError(`Field or property "${n}" does not exist.`, -1, 'Microsoft.SharePoint.Client.InvalidClientQueryException');
    nested.push([n, selected(store, site, target, p.children.find((e) => e.name === 'Query'), roles, p.attrs.SelectAll === 'true')]);
  }
  for (const k of wanted) out[k] = csomValue(props[k]);
  for (const [n, v] of nested) out[n] = v;
  return out;
}

/** The answer to `<Query …>` on an object: `_ObjectType_`, `_ObjectIdentity_`, the selected properties. */
export function queryResult(store: Store, site: SiteRec, o: CsomObj, action: XmlEl, roles: readonly string[]): Record<string, unknown> {
  return selected(store, site, o, action.children.find((e) => e.name === 'Query'), roles);
}
