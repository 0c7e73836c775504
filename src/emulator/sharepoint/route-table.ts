/**
 * The SharePoint face's route table: how an entry is declared and how a path finds its entry, in
 * the Graph face's style (../graph/route-table.ts). The tables themselves (the entries in their
 * order of precedence) are routes.ts; each resource's file exports its entries. Matching is in
 * one place (`SpRouteTable.dispatch`), in the order the entries are listed.
 */
import type { Res } from '../http.ts';
import { methodNotAllowed, notFoundSegment } from './errors.ts';
import type { SpRouteCtx, SpSeg } from './route-context.ts';
import { shadowedEntries } from '../shadowed-entries.ts';

/** An effective method (X-HTTP-Method honoured) a SharePoint route answers. */
export type SpMethod = 'GET' | 'POST' | 'MERGE' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * One SharePoint REST route: `pattern` is the path below `_api/` (`web/lists/getbytitle({listtitle})/fields`).
 * Segments are OData segments (`name` or `name(argument)`, split by segments.ts:
 * quotes and parentheses kept together); names match case-insensitively, as the service does:
 * - `name`: the segment without parentheses;
 * - `name(*)`: with or without an argument, which the route does not bind;
 * - `name({p})`: with an argument, bound in `c.args.p` (decoded: quotes, `guid'…'`, `@alias` and
 *   `decodedurl=` removed; `raw` as written); `name({p?})`: with or without one (`arg` null);
 *   `name({p:int})`: with an integer argument only (`sitegroups(3)`; `sitegroups(x)` is another path);
 * - a last `{...}`: the remaining segments, none included (`c.rest`).
 * When `p` has a resolver in the table (routes.ts: `list`, `field`, `ct`, `group`...), it runs
 * on the segment before the handler, in path order, and finds its record or throws its error.
 * `method` is one effective method, several, or '*' for any. `on: 'root'` serves the route on
 * the tenant's root site whatever site the URL addresses (SPSiteManager).
 */
export interface SpRoute {
  method: SpMethod | SpMethod[] | '*';
  pattern: string;
  handler: (c: SpRouteCtx) => Res;
  on?: 'root';
  /** set by `mount`: the prefix's length in segments (`c.below` is what follows it) */
  depth?: number;
}

/** Resolvers of named arguments: each finds its record (setting it on the context) or throws the service's error. */
export type SpResolvers = Record<string, (c: SpRouteCtx, seg: SpSeg) => void>;

type ArgShape = 'none' | 'any' | 'some' | 'maybe' | 'int';
type Seg = { name: string; arg: ArgShape; param?: string };

interface Compiled {
  route: SpRoute;
  segs: Seg[];
  tail: boolean;
}

/** A path matched (fully, or its first `k` segments) by an entry. */
interface Match {
  c: Compiled;
  k: number;
}

const INT = /^\s*-?\d+\s*$/;

function compileSeg(route: SpRoute, p: string): Seg {
  const m = /^([^(){}*]+)(?:\((\*|\{(\w+)(\?|:int)?\})\))?$/.exec(p);
  if (!m) throw new Error(`SharePoint route ${route.pattern}: '${p}' is not a segment pattern`);
  const name = m[1]!.toLowerCase();
  if (m[2] === undefined) return { name, arg: 'none' };
  if (m[2] === '*') return { name, arg: 'any' };
  return { name, arg: m[4] === '?' ? 'maybe' : m[4] === ':int' ? 'int' : 'some', param: m[3]! };
}

function compile(route: SpRoute): Compiled {
  const parts = route.pattern.split('/').filter(Boolean);
  const tail = parts[parts.length - 1] === '{...}';
  if (tail) parts.pop();
  return { route, segs: parts.map((p) => compileSeg(route, p)), tail };
}

function segMatches(p: Seg, s: SpSeg): boolean {
  if (s.name.toLowerCase() !== p.name) return false;
  switch (p.arg) {
    case 'none':
      return s.arg === null;
    case 'some':
      return s.arg !== null;
    case 'int':
      return s.arg !== null && INT.test(s.arg);
    default:
      return true;
  }
}

function methodMatches(r: SpRoute, method: string): boolean {
  return r.method === '*' || r.method === method || (Array.isArray(r.method) && (r.method as string[]).includes(method));
}

/** How many of the path's first segments the entry matches (its whole pattern: `Infinity` when the path is fully its). */
function matchLength(c: Compiled, segs: SpSeg[]): number {
  let k = 0;
  while (k < c.segs.length && k < segs.length && segMatches(c.segs[k]!, segs[k]!)) k++;
  if (k === c.segs.length && (c.tail || segs.length === k)) return Infinity;
  return k;
}

/** The compiled table: entries indexed by their first segment's name, precedence kept. */
/** Longest lookup key kept (10,000 keys of at most this size: a few MB at worst). */
const MAX_CACHED_KEY_CHARS = 512;

export class SpRouteTable {
  private readonly byFirst = new Map<string, Compiled[]>();
  /** entries whose first segment is open (`{...}`): tried after the indexed ones */
  private readonly open: Compiled[] = [];
  /** the entries as compiled, in order (for the shadowing check) */
  readonly entries: readonly Compiled[];
  /** `lookup`'s answers by method, names and argument shapes (null: no entry) */
  private readonly found = new Map<string, Compiled | null>();

  constructor(
    routes: readonly SpRoute[],
    readonly resolvers: SpResolvers,
  ) {
    const all: Compiled[] = [];
    for (const r of routes) {
      const c = compile(r);
      all.push(c);
      const first = c.segs[0];
      if (first) {
        if (this.open.length) throw new Error(`SharePoint route ${r.pattern} comes after ${this.open[0]!.route.pattern}, which matches any path`);
        const list = this.byFirst.get(first.name) ?? [];
        list.push(c);
        this.byFirst.set(first.name, list);
      } else this.open.push(c);
    }
    this.entries = all;
  }

  private candidates(segs: SpSeg[]): Compiled[] {
    const first = segs[0]?.name.toLowerCase();
    return [...(first === undefined ? [] : (this.byFirst.get(first) ?? [])), ...this.open];
  }

  /**
   * The first entry, in the table's order, whose method and pattern match. Whether an entry
   * matches depends only on the method, the segments' names and the shapes of their arguments
   * (none, an integer, another), so the answer is kept by that key (bounded).
   */
  private lookup(method: string, segs: SpSeg[]): Compiled | undefined {
    // JSON, not joined text: a segment's name may hold any character (`%00` decodes to one), so
    // only an escaped key keeps two paths of different segments apart
    const key = JSON.stringify([method, ...segs.map((s) => [s.name.toLowerCase(), s.arg === null ? 'n' : INT.test(s.arg) ? 'i' : 'a'])]);
    const hit = this.found.get(key);
    if (hit !== undefined) return hit ?? undefined;
    const c = this.candidates(segs).find((x) => methodMatches(x.route, method) && matchLength(x, segs) === Infinity);
    // bounded in bytes too: a long path (up to ~1 MB inside a $batch part) is looked up, not kept
    if (key.length > MAX_CACHED_KEY_CHARS) return c;
    if (this.found.size >= 10_000) this.found.clear();
    this.found.set(key, c ?? null);
    return c;
  }

  /** The first entry, in the table's order, whose method and pattern match (whether it is served on the root site). */
  find(method: string, segs: SpSeg[]): SpRoute | undefined {
    return this.lookup(method, segs)?.route;
  }

  /**
   * Serves the path: the first entry whose method and pattern match runs. Else, as the service
   * answers: a path some entry matches with another method is 405; a path that stands at a
   * resource (a prefix of a pattern) is 405; else the first segment no entry takes is 404. The
   * resolvers of the segments before the answer run first (a missing list is its 404, not 405).
   */
  dispatch(method: string, segs: SpSeg[], c: SpRouteCtx): Res {
    const full = this.lookup(method, segs);
    if (full) return this.run({ c: full, k: Infinity }, segs, c);
    const cands = this.candidates(segs);
    const other = cands.find((x) => matchLength(x, segs) === Infinity);
    if (other) {
      this.bind({ c: other, k: Infinity }, segs, c);
      throw methodNotAllowed(c.method);
    }
    let best: Match | undefined;
    for (const x of cands) {
      const k = matchLength(x, segs);
      if (!best || k > best.k) best = { c: x, k };
    }
    if (best) this.bind(best, segs, c);
    const k = best?.k ?? 0;
    if (k >= segs.length) throw methodNotAllowed(c.method);
    throw notFoundSegment(segs[k]!);
  }

  /** Binds the arguments of the matched segments and runs their resolvers, in path order. */
  private bind(m: Match, segs: SpSeg[], c: SpRouteCtx): void {
    const n = Math.min(m.k, m.c.segs.length);
    for (let i = 0; i < n; i++) {
      const p = m.c.segs[i]!;
      if (!p.param) continue;
      c.args[p.param] = segs[i]!;
      this.resolvers[p.param]?.(c, segs[i]!);
    }
  }

  private run(m: Match, segs: SpSeg[], c: SpRouteCtx): Res {
    c.rest = segs.slice(m.c.segs.length);
    c.below = segs.slice(m.c.route.depth ?? 0);
    this.bind(m, segs, c);
    return m.c.route.handler(c);
  }

  /**
   * Entries no path can reach: an entry whose every request an earlier entry serves (its method
   * among the earlier one's, each segment at least as wide). The table's test expects none.
   */
  shadowed(): { route: SpRoute; by: SpRoute }[] {
    return shadowedEntries(this.entries, covers, (e) => e.route);
  }
}

const WIDTH: Record<ArgShape, ArgShape[]> = {
  none: ['none'],
  int: ['int'],
  some: ['some', 'int'],
  maybe: ['maybe', 'any', 'none', 'some', 'int'],
  any: ['maybe', 'any', 'none', 'some', 'int'],
};

function methodsOf(r: SpRoute): Set<string> | '*' {
  return r.method === '*' ? '*' : new Set(Array.isArray(r.method) ? r.method : [r.method]);
}

/** Whether every request `b` matches, `a` matches too. */
function covers(a: Compiled, b: Compiled): boolean {
  const ma = methodsOf(a.route);
  const mb = methodsOf(b.route);
  if (ma !== '*' && (mb === '*' || [...mb].some((m) => !ma.has(m)))) return false;
  if (a.segs.length > b.segs.length) return false;
  if (a.segs.length < b.segs.length && !a.tail) return false;
  if (b.tail && !a.tail) return false;
  return a.segs.every((p, i) => p.name === b.segs[i]!.name && WIDTH[p.arg].includes(b.segs[i]!.arg));
}

/** Entries declared relative to a prefix (`web`, a list), served under it; `c.below` is what follows the prefix. */
export function mount(prefix: string, routes: readonly SpRoute[]): SpRoute[] {
  const depth = prefix.split('/').filter(Boolean).length;
  return routes.map((r) => ({ ...r, pattern: [prefix, r.pattern].filter(Boolean).join('/'), depth: depth + (r.depth ?? 0) }));
}

/** The same entries under every prefix, in the prefixes' order. */
export function mountAll(prefixes: readonly string[], routes: readonly SpRoute[]): SpRoute[] {
  return prefixes.flatMap((p) => mount(p, routes));
}

/** A '*' entry answering 405 for the methods the entries before it do not take, after `check` (a lookup the service makes first). */
export function otherMethods(pattern: string, check: (c: SpRouteCtx) => void = () => undefined): SpRoute {
  return {
    method: '*',
    pattern,
    handler: (c) => {
      check(c);
      throw methodNotAllowed(c.method);
    },
  };
}
