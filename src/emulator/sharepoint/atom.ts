/**
 * SharePoint REST's default format, OData v3 Atom XML (what the service answers when a request
 * has no `Accept` header, or asks for `application/atom+xml` / `application/xml`): an entity is an
 * `<entry>` with `<m:properties><d:Prop m:type="Edm.…">`, a collection a `<feed>` of entries, a
 * function's value a `<d:Name>` element, an error `<m:error>`. Built from the same `SpEntity`
 * records the JSON levels render (project.ts), after `$select` / `$expand` (render.ts).
 */
import type { Res } from '../http.ts';

const NS_ATOM = 'http://www.w3.org/2005/Atom';
const NS_D = 'http://schemas.microsoft.com/ado/2007/08/dataservices';
const NS_M = 'http://schemas.microsoft.com/ado/2007/08/dataservices/metadata';
const NS_ALL = `xmlns="${NS_ATOM}" xmlns:d="${NS_D}" xmlns:m="${NS_M}" xmlns:georss="http://www.georss.org/georss" xmlns:gml="http://www.opengis.net/gml"`;
const PROLOG = '<?xml version="1.0" encoding="utf-8"?>';

/** One entity ready for Atom: its identity and its already selected properties / expanded navigations. */
export interface AtomEntity {
  type: string;
  id: string;
  editLink: string;
  etag?: string;
  props: Record<string, unknown>;
  /** navigation properties: a deferred link, or inlined (an entity or a list of them) when expanded */
  navs: { name: string; inline?: AtomEntity | AtomEntity[] }[];
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A property name as an XML name (`_xHHHH_` for what XML does not allow), as OData writes it. */
function xmlName(s: string): string {
  let out = '';
  for (const ch of s) out += /[A-Za-z0-9_.-]/.test(ch) ? ch : `_x${ch.codePointAt(0)!.toString(16).padStart(4, '0')}_`;
  return /^[A-Za-z_]/.test(out) ? out : `_x${out.codePointAt(0)!.toString(16).padStart(4, '0')}_${out.slice(1)}`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** `<d:Name m:type="…">value</d:Name>`; the Edm type is read from the value (strings stay Edm.String). */
function property(name: string, v: unknown): string {
  const n = `d:${xmlName(name)}`;
  const typed = (t: string, body: string) => `<${n} m:type="${t}">${body}</${n}>`;
  if (v === null || v === undefined) return `<${n} m:null="true" />`;
  if (typeof v === 'boolean') return typed('Edm.Boolean', String(v));
  if (typeof v === 'number') return typed(Number.isInteger(v) && Math.abs(v) < 2 ** 31 ? 'Edm.Int32' : 'Edm.Double', String(v));
  if (typeof v === 'string') {
    if (GUID.test(v)) return typed('Edm.Guid', v);
    if (DATE.test(v)) return typed('Edm.DateTime', v);
    return `<${n}>${esc(v)}</${n}>`;
  }
  if (Array.isArray(v)) {
    const t = v.every((x) => typeof x === 'number') && v.length ? 'Edm.Int32' : 'Edm.String';
    return typed(`Collection(${t})`, v.map((x) => `<d:element>${esc(String(x))}</d:element>`).join(''));
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const t = ('DecodedUrl' in o ? 'SP.ResourcePath' : 'StringValue' in o ? 'SP.ChangeToken' : undefined);
    const inner = Object.entries(o)
      .filter(([k]) => k !== '__metadata')
      .map(([k, x]) => property(k, x))
      .join('');
    return t ? typed(t, inner) : `<${n}>${inner}</${n}>`;
  }
  return `<${n}>${esc(String(v))}</${n}>`;
}

function entryXml(e: AtomEntity, top: boolean, base: string, updated: string): string {
  const head = top ? `<entry xml:base="${esc(base)}/" ${NS_ALL}` : '<entry';
  const etag = e.etag ? ` m:etag="${esc(e.etag)}"` : '';
  const links = e.navs
    .map((nv) => {
      const kind = nv.inline === undefined ? 'entry' : Array.isArray(nv.inline) ? 'feed' : 'entry';
      const open = `<link rel="http://schemas.microsoft.com/ado/2007/08/dataservices/related/${esc(nv.name)}" type="application/atom+xml;type=${kind}" title="${esc(nv.name)}" href="${esc(`${e.editLink}/${nv.name}`)}"`;
      if (nv.inline === undefined) return `${open} />`;
      const inner = Array.isArray(nv.inline) ? `<feed><id>${esc(`${e.id}/${nv.name}`)}</id><title /><updated>${updated}</updated>${nv.inline.map((x) => entryXml(x, false, base, updated)).join('')}</feed>` : entryXml(nv.inline, false, base, updated);
      return `${open}><m:inline>${inner}</m:inline></link>`;
    })
    .join('');
  const props = Object.entries(e.props)
    .map(([k, v]) => property(k, v))
    .join('');
  return (
    `${head}${etag}><id>${esc(e.id)}</id><category term="${esc(e.type)}" scheme="http://schemas.microsoft.com/ado/2007/08/dataservices/scheme" />` +
    `<link rel="edit" href="${esc(e.editLink)}" />${links}<title /><updated>${updated}</updated><author><name /></author>` +
    `<content type="application/xml"><m:properties>${props}</m:properties></content></entry>`
  );
}

/** One entity: `application/atom+xml;type=entry`. `base` is the web's `_api` URL. */
export function atomEntry(status: number, e: AtomEntity, base: string, updated: string): Res {
  return { status, headers: { 'content-type': 'application/atom+xml;type=entry;charset=utf-8' }, body: PROLOG + entryXml(e, true, base, updated) };
}

/** A collection: `<feed>` (with `<link rel="next">` when there is a next page). */
export function atomFeed(entries: AtomEntity[], base: string, feedId: string, updated: string, next: string | null): Res {
  const body = `${PROLOG}<feed xml:base="${esc(base)}/" ${NS_ALL}><id>${esc(feedId)}</id><title /><updated>${updated}</updated>${entries.map((x) => entryXml(x, false, base, updated)).join('')}${next ? `<link rel="next" href="${esc(next)}" />` : ''}</feed>`;
  return { status: 200, headers: { 'content-type': 'application/atom+xml;type=feed;charset=utf-8' }, body };
}

/** A function's result: a primitive (`<d:Exists m:type="Edm.Boolean">`) or a complex value (`SP.ContextWebInformation`). */
export function atomValue(status: number, fn: string, type: string, value: unknown): Res {
  const n = `d:${xmlName(fn)}`;
  const ns = `xmlns:d="${NS_D}" xmlns:m="${NS_M}" xmlns:georss="http://www.georss.org/georss" xmlns:gml="http://www.opengis.net/gml"`;
  let el: string;
  if (value === null || value === undefined) el = `<${n} ${ns} m:null="true" />`;
  else if (typeof value === 'object' && !Array.isArray(value)) {
    const inner = Object.entries(value as Record<string, unknown>)
      .map(([k, x]) => property(k, x))
      .join('');
    el = `<${n} ${ns} m:type="${esc(type)}">${inner}</${n}>`;
  } else if (Array.isArray(value)) el = `<${n} ${ns} m:type="${esc(type)}">${value.map((x) => `<d:element>${esc(String(x))}</d:element>`).join('')}</${n}>`;
  else el = `<${n} ${ns}${type === 'Edm.String' ? '' : ` m:type="${esc(type)}"`}>${esc(String(value))}</${n}>`;
  return { status, headers: { 'content-type': 'application/xml;charset=utf-8' }, body: PROLOG + el };
}

/** The service's XML error body (`<m:error><m:code>…</m:code><m:message xml:lang="en-US">…`). */
export function atomError(status: number, code: string, message: string): Res {
  return {
    status,
    headers: { 'content-type': 'application/xml;charset=utf-8' },
    body: `${PROLOG}<m:error xmlns:m="${NS_M}"><m:code>${esc(code)}</m:code><m:message xml:lang="en-US">${esc(message)}</m:message></m:error>`,
  };
}
