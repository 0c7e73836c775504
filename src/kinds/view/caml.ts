/**
 * CAML of a view's query (`ViewQuery`: Where, OrderBy, GroupBy), written from and read back into
 * the blueprint's structured form, so that views are compared structurally, never as XML text.
 */
import type { ViewFilter, ViewFilterOp, ViewOrder } from './model.ts';

export interface ViewQueryParts {
  filter: ViewFilter | null;
  orderBy: ViewOrder[];
  groupBy: string[];
  groupCollapsed: boolean;
}

const OPS: Record<ViewFilterOp, string> = {
  eq: 'Eq',
  neq: 'Neq',
  gt: 'Gt',
  lt: 'Lt',
  geq: 'Geq',
  leq: 'Leq',
  contains: 'Contains',
  beginsWith: 'BeginsWith',
  isNull: 'IsNull',
  isNotNull: 'IsNotNull',
};
const OP_OF = Object.fromEntries(Object.entries(OPS).map(([k, v]) => [v.toLowerCase(), k as ViewFilterOp]));

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function filterXml(f: ViewFilter): string {
  if ('and' in f || 'or' in f) {
    const op = 'and' in f ? 'And' : 'Or';
    const items = 'and' in f ? f.and : f.or;
    if (items.length === 1) return filterXml(items[0]!);
    // CAML's And/Or are binary: nest to the right
    const [first, ...rest] = items;
    const tail: ViewFilter = op === 'And' ? { and: rest } : { or: rest };
    return `<${op}>${filterXml(first!)}${filterXml(tail)}</${op}>`;
  }
  const tag = OPS[f.op];
  const ref = `<FieldRef Name="${esc(f.column)}" />`;
  if (f.op === 'isNull' || f.op === 'isNotNull') return `<${tag}>${ref}</${tag}>`;
  const v = f.value;
  const type = typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'Text';
  const text = typeof v === 'boolean' ? (v ? '1' : '0') : String(v ?? '');
  return `<${tag}>${ref}<Value Type="${type}">${esc(text)}</Value></${tag}>`;
}

/** The `<Where>…</Where>` of a ViewQuery as written, to keep a filter the blueprint does not state. */
export function rawWhere(xml: string): string | undefined {
  return /<Where>[\s\S]*<\/Where>/i.exec(xml)?.[0];
}

/**
 * The ViewQuery CAML of the parts (empty parts are left out). `keepWhere` is written instead of
 * `filter` (a filter the blueprint does not state, kept as the tenant has it).
 */
export function viewQueryXml(p: ViewQueryParts, keepWhere?: string): string {
  let out = '';
  if (p.groupBy.length) {
    out += `<GroupBy Collapse="${p.groupCollapsed ? 'TRUE' : 'FALSE'}" GroupLimit="30">${p.groupBy.map((g) => `<FieldRef Name="${esc(g)}" />`).join('')}</GroupBy>`;
  }
  if (p.orderBy.length) {
    out += `<OrderBy>${p.orderBy.map((o) => `<FieldRef Name="${esc(o.column)}"${o.ascending ? '' : ' Ascending="FALSE"'} />`).join('')}</OrderBy>`;
  }
  if (keepWhere !== undefined) out += keepWhere;
  else if (p.filter) out += `<Where>${filterXml(p.filter)}</Where>`;
  return out;
}

interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

function parse(xml: string): El {
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  const decode = (s: string): string =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i) stack.at(-1)!.text += decode(xml.slice(i, lt));
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('?') || tag.startsWith('!')) continue;
    if (tag.startsWith('/')) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const self = tag.endsWith('/');
    const inner = self ? tag.slice(0, -1) : tag;
    const el: El = { name: (/^([^\s/>]+)/.exec(inner)?.[1] ?? '').toLowerCase(), attrs: {}, children: [], text: '' };
    for (const a of inner.matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) el.attrs[a[1]!.toLowerCase()] = decode(a[2]!);
    stack.at(-1)!.children.push(el);
    if (!self) stack.push(el);
  }
  return root;
}

function readFilter(el: El): ViewFilter | null {
  if (el.name === 'and' || el.name === 'or') {
    const parts: ViewFilter[] = [];
    for (const ch of el.children) {
      const f = readFilter(ch);
      if (!f) return null;
      // flatten nested ands/ors of the same kind
      if (el.name === 'and' && 'and' in f) parts.push(...f.and);
      else if (el.name === 'or' && 'or' in f) parts.push(...f.or);
      else parts.push(f);
    }
    return el.name === 'and' ? { and: parts } : { or: parts };
  }
  const op = OP_OF[el.name];
  const ref = el.children.find((c) => c.name === 'fieldref');
  if (!op || !ref) return null;
  const column = ref.attrs.name ?? '';
  if (op === 'isNull' || op === 'isNotNull') return { column, op };
  const val = el.children.find((c) => c.name === 'value');
  const type = (val?.attrs.type ?? 'Text').toLowerCase();
  const text = val?.text ?? '';
  let value: string | number | boolean = text;
  if (type === 'number' || type === 'integer' || type === 'counter') value = Number(text);
  else if (type === 'boolean') value = text === '1' || text.toLowerCase() === 'true';
  return { column, op, value };
}

/** Reads a ViewQuery back into parts. Unknown CAML in Where reads as an unparseable filter marker. */
export function parseViewQuery(xml: string): ViewQueryParts {
  const root = parse(xml);
  const top = root.children.length === 1 && root.children[0]!.name === 'query' ? root.children[0]! : root;
  const where = top.children.find((c) => c.name === 'where');
  const order = top.children.find((c) => c.name === 'orderby');
  const group = top.children.find((c) => c.name === 'groupby');
  const whereEl = where?.children[0];
  return {
    filter: whereEl ? (readFilter(whereEl) ?? { column: '(unreadable CAML)', op: 'eq', value: xml }) : null,
    orderBy: (order?.children ?? [])
      .filter((c) => c.name === 'fieldref')
      .map((c) => ({ column: c.attrs.name ?? '', ascending: (c.attrs.ascending ?? 'TRUE').toUpperCase() !== 'FALSE' })),
    groupBy: (group?.children ?? []).filter((c) => c.name === 'fieldref').map((c) => c.attrs.name ?? ''),
    groupCollapsed: (group?.attrs.collapse ?? 'FALSE').toUpperCase() === 'TRUE',
  };
}

/** A filter in one canonical form (single-item and/or unwrapped, nested same ops flattened, values as text). */
export function normalizeFilter(f: ViewFilter | null | undefined): unknown {
  if (!f) return null;
  if ('and' in f || 'or' in f) {
    const key = 'and' in f ? 'and' : 'or';
    const items = ('and' in f ? f.and : f.or).map(normalizeFilter) as Record<string, unknown>[];
    const flat: unknown[] = [];
    for (const it of items) {
      if (it && typeof it === 'object' && key in it) flat.push(...(it[key] as unknown[]));
      else flat.push(it);
    }
    return flat.length === 1 ? flat[0] : { [key]: flat };
  }
  const v = f.value;
  return {
    column: f.column.toLowerCase(),
    op: f.op,
    value: f.op === 'isNull' || f.op === 'isNotNull' ? null : typeof v === 'boolean' ? (v ? '1' : '0') : String(v ?? ''),
  };
}
