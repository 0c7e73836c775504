/**
 * The Graph face's route table: how an entry is declared and how a path finds its entry. The table
 * itself (the entries in their order of precedence) is routes.ts; each resource's file exports its
 * entries. Matching is in one place (`RouteTable.find`), in the order the entries are listed.
 */
import type { Res } from '../http.ts';
import type { GraphCtx } from './route-context.ts';
import { shadowedEntries } from '../shadowed-entries.ts';

/** An HTTP method a Graph route answers, or '*' for any (fallback entries). */
export type RouteMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | '*';

/**
 * One Graph route. `pattern` is the path without the version (`/groups/{id}/members/$ref`):
 * - a literal segment matches case-insensitively, except `$count` and `$ref`, which match exactly;
 * - `{name}` matches one segment, bound in `c.params[name]`; when `name` has a resolver in the
 *   table (`ParamResolvers`: `site`, `list`, `team`...), the resolver runs on it before the
 *   route's `op` is recorded (a missing site is 404 without an operation name, as it always was);
 * - a last `{...}` matches the remaining segments, none included (`c.rest`).
 * `op` is the operation name recorded for the request (`req.op = '<METHOD> <op>'`: the stats,
 * docs/local-tenant.md), set after the resolvers and before the handler; null when the handler
 * names the operation itself (`c.op(...)`).
 */
export interface GraphRoute {
  method: RouteMethod;
  pattern: string;
  op: string | null;
  handler: (c: GraphCtx) => Res;
  /** set by `mount`: how op names are renamed below the prefix, and the prefix's length in segments */
  mounted?: { rename: (op: string) => string; depth: number };
}

/** Resolvers of named path parameters: each finds its record (setting it on the context) or throws. */
export type ParamResolvers = Record<string, (c: GraphCtx, value: string) => void>;

type Seg = { lit: string; exact: boolean } | { param: string };

interface Compiled {
  route: GraphRoute;
  segs: Seg[];
  tail: boolean;
}

/** A matched route: its entry, the bound parameters (in path order) and the tail. */
export interface RouteMatch {
  route: GraphRoute;
  params: [string, string][];
  rest: string[];
}

const EXACT = new Set(['$count', '$ref']);

function compile(route: GraphRoute): Compiled {
  const parts = route.pattern.split('/').filter(Boolean);
  const tail = parts[parts.length - 1] === '{...}';
  if (tail) parts.pop();
  const segs = parts.map((p): Seg => {
    const m = /^\{(\w+)\}$/.exec(p);
    if (m) return { param: m[1]! };
    if (p.includes('{')) throw new Error(`Graph route ${route.method} ${route.pattern}: '${p}' is not a segment pattern`);
    return EXACT.has(p) ? { lit: p, exact: true } : { lit: p.toLowerCase(), exact: false };
  });
  return { route, segs, tail };
}

function matchOne(c: Compiled, method: string, segs: string[]): RouteMatch | undefined {
  if (c.route.method !== '*' && c.route.method !== method) return undefined;
  if (c.tail ? segs.length < c.segs.length : segs.length !== c.segs.length) return undefined;
  const params: [string, string][] = [];
  for (let i = 0; i < c.segs.length; i++) {
    const p = c.segs[i]!;
    const s = segs[i]!;
    if ('param' in p) params.push([p.param, s]);
    else if (p.exact ? s !== p.lit : s.toLowerCase() !== p.lit) return undefined;
  }
  return { route: c.route, params, rest: segs.slice(c.segs.length) };
}

/** Whether every request `b` matches, `a` matches too. */
function covers(a: Compiled, b: Compiled): boolean {
  if (a.route.method !== '*' && a.route.method !== b.route.method) return false;
  if (a.segs.length > b.segs.length || (a.segs.length < b.segs.length && !a.tail) || (b.tail && !a.tail)) return false;
  return a.segs.every((p, i) => {
    const q = b.segs[i]!;
    if ('param' in p) return true;
    return 'lit' in q && q.lit === p.lit && q.exact === p.exact;
  });
}

/** The compiled table: entries indexed by their first literal segment, precedence kept. */
export class RouteTable {
  private readonly byFirst = new Map<string, Compiled[]>();
  /** entries whose first segment is not a literal: the table's last entries, tried after the indexed ones */
  private readonly open: Compiled[] = [];

  /** the entries as compiled, in order (for the shadowing check) */
  private readonly entries: Compiled[] = [];

  constructor(
    routes: readonly GraphRoute[],
    readonly resolvers: ParamResolvers,
  ) {
    for (const r of routes) {
      const c = compile(r);
      this.entries.push(c);
      const first = c.segs[0];
      if (first && 'lit' in first) {
        // entries are tried bucket first: an entry whose first segment is open must not precede one
        if (this.open.length) throw new Error(`Graph route ${r.method} ${r.pattern} comes after ${this.open[0]!.route.pattern}, which matches any first segment`);
        const list = this.byFirst.get(first.lit) ?? [];
        list.push(c);
        this.byFirst.set(first.lit, list);
      } else this.open.push(c);
    }
  }

  /** The first entry, in the table's order, that matches the method and the segments. */
  find(method: string, segs: string[]): RouteMatch | undefined {
    const first = segs[0];
    const indexed = first === undefined ? undefined : this.byFirst.get(EXACT.has(first) ? first : first.toLowerCase());
    for (const c of indexed ?? []) {
      const m = matchOne(c, method, segs);
      if (m) return m;
    }
    for (const c of this.open) {
      const m = matchOne(c, method, segs);
      if (m) return m;
    }
    return undefined;
  }

  /**
   * Entries no path can reach: an entry whose every request an earlier entry serves (its method
   * the earlier one's or the earlier one's '*', each segment a `{param}` or the same literal).
   * The table's test expects none.
   */
  shadowed(): { route: GraphRoute; by: GraphRoute }[] {
    return shadowedEntries(this.entries, covers, (e) => e.route);
  }

  /** Runs a match: binds parameters, runs their resolvers in path order, records the op, calls the handler. */
  run(m: RouteMatch, c: GraphCtx): Res {
    c.rest = m.rest;
    const mounted = m.route.mounted;
    if (mounted) {
      const outer = c.op;
      c.op = (name) => outer(mounted.rename(name));
      c.below = c.segs.slice(mounted.depth);
    }
    for (const [name, value] of m.params) {
      c.params[name] = value;
      this.resolvers[name]?.(c, value);
    }
    if (m.route.op !== null) c.op(m.route.op);
    return m.route.handler(c);
  }
}

/**
 * Routes declared relative to a prefix, mounted under it: `pattern` prefixed, `op` renamed (also
 * the names the resolvers and the handler record themselves), `c.below` the segments below the
 * prefix (a renamed op is renamed again when recorded: `rename` must leave it as it is). The
 * site routes are mounted under `/sites/{site}` and `/groups/{rootgroup}/sites/root`.
 */
export function mount(prefix: string, routes: readonly GraphRoute[], rename: (op: string) => string): GraphRoute[] {
  const depth = prefix.split('/').filter(Boolean).length;
  return routes.map((r) => ({ ...r, pattern: `${prefix}${r.pattern}`, op: r.op === null ? null : rename(r.op), mounted: { rename, depth } }));
}
