/**
 * A small OData $filter parser and evaluator shared by both faces.
 * Supports: eq ne gt ge lt le, and or not, parentheses, string literals ('' escapes a quote),
 * numbers, true/false/null, guid'..' literals, startswith/endswith/contains/substringof/tolower,
 * and lambda any/all on collections: groupTypes/any(c:c eq 'Unified').
 * `prop in ('a','b')` only when the caller allows it (`FilterOptions.allowIn`: Graph does,
 * SharePoint REST's OData v3 does not).
 * String comparisons are case-insensitive, like the directory and SharePoint.
 */

/** What a face's `$filter` dialect accepts beyond the common core. */
export interface FilterOptions {
  /** the OData v4 `in` operator (Graph); SharePoint REST refuses it */
  allowIn?: boolean;
}

export class ODataError extends Error {}

/**
 * A filter over one of the directory's bounds, in the service's own words (Graph refuses more
 * than 15 values in one `in` outside advanced queries: "The maximum number of expressions in a
 * filter clause when using the `in` operator is 15 items by default", Microsoft Learn, "Use the
 * $filter query parameter"; the answer says "Too many child clauses …").
 */
export class ODataLimitError extends ODataError {}

type Tok =
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'p'; v: '(' | ')' | ',' | ':' };

export type Node =
  | { k: 'lit'; v: unknown }
  | { k: 'path'; v: string[] }
  | { k: 'cmp'; op: string; l: Node; r: Node }
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'not'; e: Node }
  | { k: 'in'; l: Node; list: Node[] }
  | { k: 'fn'; name: string; args: Node[] }
  | { k: 'lambda'; coll: string[]; kind: 'any' | 'all'; v: string | null; e: Node | null };

const OPS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'and', 'or', 'not']);

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === "'") {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length) throw new ODataError('unterminated string literal');
        const ch = s[i]!;
        if (ch === "'") {
          if (s[i + 1] === "'") {
            v += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        v += ch;
        i++;
      }
      out.push({ t: 'str', v });
    } else if (c === '(' || c === ')' || c === ',' || c === ':') {
      out.push({ t: 'p', v: c });
      i++;
    } else if (/[0-9-]/.test(c) && !(c === '-' && !/[0-9]/.test(s[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
      if (!m) throw new ODataError(`unexpected '${c}'`);
      // a guid starting with digits is handled below as an identifier-ish token
      const rest = s.slice(i);
      const g = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/.exec(rest);
      if (g) {
        out.push({ t: 'str', v: g[0] });
        i += g[0].length;
      } else {
        out.push({ t: 'num', v: Number(m[0]) });
        i += m[0].length;
      }
    } else if (/[A-Za-z_@$]/.test(c)) {
      const m = /^[A-Za-z_@$][\w@$./]*/.exec(s.slice(i))!;
      const w = m[0];
      i += w.length;
      if (w === 'guid' && s[i] === "'") continue; // guid'...' -> the string literal follows
      if (w === 'datetime' && s[i] === "'") continue;
      if (OPS.has(w.toLowerCase())) out.push({ t: 'op', v: w.toLowerCase() });
      else out.push({ t: 'id', v: w });
    } else {
      throw new ODataError(`unexpected character '${c}'`);
    }
  }
  return out;
}

export function parseFilter(s: string, opts: FilterOptions = {}): Node {
  const toks = tokenize(s);
  let p = 0;
  const peek = () => toks[p];
  const expectP = (v: string) => {
    const t = toks[p];
    if (!t || t.t !== 'p' || t.v !== v) throw new ODataError(`expected '${v}'`);
    p++;
  };
  const parseOr = (): Node => {
    let l = parseAnd();
    for (let t = peek(); t && t.t === 'op' && t.v === 'or'; t = peek()) {
      p++;
      l = { k: 'or', l, r: parseAnd() };
    }
    return l;
  };
  const parseAnd = (): Node => {
    let l = parseUnary();
    for (let t = peek(); t && t.t === 'op' && t.v === 'and'; t = peek()) {
      p++;
      l = { k: 'and', l, r: parseUnary() };
    }
    return l;
  };
  const parseUnary = (): Node => {
    const t = peek();
    if (t && t.t === 'op' && t.v === 'not') {
      p++;
      return { k: 'not', e: parseUnary() };
    }
    const l = parseOperand();
    const o = peek();
    if (opts.allowIn && o && o.t === 'id' && o.v.toLowerCase() === 'in') {
      p++;
      expectP('(');
      const list: Node[] = [parseOperand()];
      for (let n = peek(); n && n.t === 'p' && n.v === ','; n = peek()) {
        p++;
        list.push(parseOperand());
      }
      expectP(')');
      if (list.length > 15) throw new ODataLimitError(`Too many child clauses specified in search filter expression containing 'OR' operators: ${list.length}. Max allowed: 15.`);
      return { k: 'in', l, list };
    }
    if (o && o.t === 'op' && ['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(o.v)) {
      p++;
      return { k: 'cmp', op: o.v, l, r: parseOperand() };
    }
    return l;
  };
  const parseOperand = (): Node => {
    const t = toks[p++];
    if (!t) throw new ODataError('unexpected end of filter');
    if (t.t === 'p' && t.v === '(') {
      const e = parseOr();
      expectP(')');
      return e;
    }
    if (t.t === 'str') return { k: 'lit', v: t.v };
    if (t.t === 'num') return { k: 'lit', v: t.v };
    if (t.t === 'id') {
      const lw = t.v.toLowerCase();
      if (lw === 'true') return { k: 'lit', v: true };
      if (lw === 'false') return { k: 'lit', v: false };
      if (lw === 'null') return { k: 'lit', v: null };
      const nx = peek();
      if (nx && nx.t === 'p' && nx.v === '(') {
        p++;
        const parts = t.v.split('/');
        const last = parts[parts.length - 1]!.toLowerCase();
        if (parts.length > 1 && (last === 'any' || last === 'all')) {
          const coll = parts.slice(0, -1);
          const close = peek();
          if (close && close.t === 'p' && close.v === ')') {
            p++;
            return { k: 'lambda', coll, kind: last, v: null, e: null };
          }
          const varTok = toks[p++];
          if (!varTok || varTok.t !== 'id') throw new ODataError('expected lambda variable');
          expectP(':');
          const e = parseOr();
          expectP(')');
          return { k: 'lambda', coll, kind: last, v: varTok.v, e };
        }
        const args: Node[] = [];
        const c = peek();
        if (!(c && c.t === 'p' && c.v === ')')) {
          args.push(parseOr());
          for (let n = peek(); n && n.t === 'p' && n.v === ','; n = peek()) {
            p++;
            args.push(parseOr());
          }
        }
        expectP(')');
        return { k: 'fn', name: lw, args };
      }
      return { k: 'path', v: t.v.split('/') };
    }
    throw new ODataError(`unexpected token '${String(t.v)}'`);
  };
  const n = parseOr();
  if (p !== toks.length) throw new ODataError('unexpected trailing tokens');
  return n;
}

type Env = Record<string, unknown>;

function getPath(obj: unknown, path: string[], env: Env): unknown {
  let cur: unknown;
  let i = 0;
  if (path[0] !== undefined && Object.prototype.hasOwnProperty.call(env, path[0])) {
    cur = env[path[0]];
    i = 1;
  } else cur = obj;
  for (; i < path.length; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const rec = cur as Record<string, unknown>;
    const key = path[i]!;
    if (key in rec) cur = rec[key];
    else {
      // property names are case-insensitive in practice for SharePoint
      const lk = key.toLowerCase();
      const found = Object.keys(rec).find((k) => k.toLowerCase() === lk);
      cur = found === undefined ? undefined : rec[found];
    }
  }
  return cur;
}

function norm(v: unknown): unknown {
  return typeof v === 'string' ? v.toLowerCase() : v;
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  const x = norm(a);
  let y = norm(b);
  if (typeof x === 'number' && typeof y === 'string' && y !== '' && !isNaN(Number(y))) y = Number(y);
  if (typeof x === 'boolean' && typeof y === 'string') y = y === 'true' || y === '1';
  switch (op) {
    case 'eq':
      return x === y;
    case 'ne':
      return x !== y;
  }
  if (x === null || y === null) return false;
  const xx = x as number | string;
  const yy = y as number | string;
  switch (op) {
    case 'gt':
      return xx > yy;
    case 'ge':
      return xx >= yy;
    case 'lt':
      return xx < yy;
    case 'le':
      return xx <= yy;
  }
  return false;
}

export function evaluate(n: Node, obj: unknown, env: Env = {}): unknown {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'path':
      return getPath(obj, n.v, env);
    case 'cmp':
      return compare(n.op, evaluate(n.l, obj, env), evaluate(n.r, obj, env));
    case 'and':
      return evaluate(n.l, obj, env) === true && evaluate(n.r, obj, env) === true;
    case 'or':
      return evaluate(n.l, obj, env) === true || evaluate(n.r, obj, env) === true;
    case 'not':
      return evaluate(n.e, obj, env) !== true;
    case 'in': {
      const v = evaluate(n.l, obj, env);
      return n.list.some((x) => compare('eq', v, evaluate(x, obj, env)));
    }
    case 'lambda': {
      const coll = getPath(obj, n.coll, env);
      const arr = Array.isArray(coll) ? coll : isResults(coll) ? coll.results : [];
      if (!n.e || n.v === null) return n.kind === 'any' ? arr.length > 0 : true;
      const v = n.v;
      const e = n.e;
      const test = (item: unknown) => evaluate(e, obj, { ...env, [v]: item }) === true;
      return n.kind === 'any' ? arr.some(test) : arr.every(test);
    }
    case 'fn': {
      const a = n.args.map((x) => evaluate(x, obj, env));
      const s0 = typeof a[0] === 'string' ? a[0].toLowerCase() : null;
      const s1 = typeof a[1] === 'string' ? a[1].toLowerCase() : null;
      switch (n.name) {
        case 'startswith':
          return s0 !== null && s1 !== null && s0.startsWith(s1);
        case 'endswith':
          return s0 !== null && s1 !== null && s0.endsWith(s1);
        case 'contains':
          return s0 !== null && s1 !== null && s0.includes(s1);
        case 'substringof':
          return s0 !== null && s1 !== null && s1.includes(s0);
        case 'tolower':
          return s0;
        case 'toupper':
          return typeof a[0] === 'string' ? a[0].toUpperCase() : null;
        default:
          throw new ODataError(`unsupported function '${n.name}'`);
      }
    }
  }
}

function isResults(v: unknown): v is { results: unknown[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { results?: unknown }).results);
}

export function compileFilter(s: string, opts: FilterOptions = {}): (obj: unknown) => boolean {
  const n = parseFilter(s, opts);
  return (obj) => evaluate(n, obj) === true;
}

/** `prop eq 'value'` at the top level (or as one side of an `and`): lets a caller use an index. */
export function findEq(n: Node, prop: string): string | null {
  if (n.k === 'cmp' && n.op === 'eq') {
    if (n.l.k === 'path' && n.l.v.length === 1 && n.l.v[0]!.toLowerCase() === prop.toLowerCase() && n.r.k === 'lit' && typeof n.r.v === 'string') return n.r.v;
    if (n.r.k === 'path' && n.r.v.length === 1 && n.r.v[0]!.toLowerCase() === prop.toLowerCase() && n.l.k === 'lit' && typeof n.l.v === 'string') return n.l.v;
  }
  if (n.k === 'and') return findEq(n.l, prop) ?? findEq(n.r, prop);
  return null;
}

/**
 * The string values a filter allows `prop` to take, when it pins the property down (`prop eq 'x'`,
 * `prop in ('x', 'y')`, either side of an `and`); null when it does not. A superset is fine: the
 * caller narrows its pool with it (case-insensitively) and still evaluates the whole filter.
 */
export function findValues(n: Node, prop: string): string[] | null {
  if (n.k === 'cmp') {
    const one = findEq(n, prop);
    return one === null ? null : [one];
  }
  if (n.k === 'in' && n.l.k === 'path' && n.l.v.length === 1 && n.l.v[0]!.toLowerCase() === prop.toLowerCase() && n.list.every((x) => x.k === 'lit' && typeof x.v === 'string')) {
    return n.list.map((x) => (x as { v: string }).v);
  }
  if (n.k === 'and') return findValues(n.l, prop) ?? findValues(n.r, prop);
  return null;
}

/** $select=a,b,c -> ['a','b','c'] or null */
export function parseSelect(v: string | null): string[] | null {
  if (v === null) return null;
  const parts = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return parts.length ? parts : null;
}

export function encodeSkipToken(offset: number): string {
  return Buffer.from(`off:${offset}`).toString('base64url');
}

export function decodeSkipToken(tok: string): number {
  const s = Buffer.from(tok, 'base64url').toString('utf8');
  const m = /^off:(\d+)$/.exec(s);
  if (!m) throw new ODataError('invalid $skiptoken');
  return Number(m[1]);
}
