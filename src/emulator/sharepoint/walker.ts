/**
 * The SharePoint face's segment walker: splits an `_api/...` path into segments and walks them
 * through the route files (`SpRoutes`, routes-api.ts) in their order. At a scope (root, web, site,
 * list) each file's `enter` is offered the segment; a file's state takes the next segments by
 * `step` (which may hand the walk back to a scope with `SpAt`); the request goes to that file's
 * `execute` on the final state, or to each file's `executeAt` on a final scope. A segment no file
 * takes is the service's 404; a method no file takes is its 405.
 */
import type { Req, Res } from '../http.ts';
import { methodNotAllowed, notFoundSegment } from './errors.ts';
import { SpAt, type SpRouteCtx, type SpRoutes, type SpScope, type SpSeg } from './routes-api.ts';

/** A segment as written: `getbytitle('a/b')` is `{ name: 'getbytitle', arg: "'a/b'" }`; arg null without parentheses. */
export interface RawSeg {
  name: string;
  arg: string | null;
}

type Node = { k: 'at'; at: SpScope } | { k: 'ext'; routes: SpRoutes; state: unknown };

/** Split an _api path into segments, honouring quotes and parentheses: lists/getbytitle('a/b')/fields */
export function splitSegments(api: string): RawSeg[] {
  const out: RawSeg[] = [];
  let cur = '';
  let depth = 0;
  let inQ = false;
  const flush = () => {
    if (!cur) return;
    const p = cur.indexOf('(');
    if (p >= 0 && cur.endsWith(')')) out.push({ name: cur.slice(0, p), arg: cur.slice(p + 1, -1) });
    else out.push({ name: cur, arg: null });
    cur = '';
  };
  for (let i = 0; i < api.length; i++) {
    const c = api[i]!;
    if (inQ) {
      cur += c;
      if (c === "'") {
        if (api[i + 1] === "'") {
          cur += "'";
          i++;
        } else inQ = false;
      }
      continue;
    }
    if (c === "'") inQ = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === '/' && depth === 0) {
      flush();
      continue;
    }
    cur += c;
  }
  flush();
  return out;
}

/** A segment's argument decoded: `decodedurl='…'` named, `@alias` from the query, `guid'…'` and quotes removed. */
function decodeArg(req: Req, raw: string | null): string | null {
  if (raw === null) return null;
  let s = raw.trim();
  const named = /^[A-Za-z]+\s*=\s*(.*)$/.exec(s); // decodedurl='...'
  if (named && !s.startsWith("'")) s = named[1]!.trim();
  if (s.startsWith('@')) s = req.query.get(s) ?? '';
  const g = /^guid'(.*)'$/i.exec(s);
  if (g) return g[1]!;
  const q = /^'(.*)'$/s.exec(s);
  if (q) return q[1]!.replace(/''/g, "'");
  return s;
}

/** The segment as route files see it (routes-api.ts `SpSeg`). */
export function spSeg(req: Req, seg: RawSeg): SpSeg {
  return { name: seg.name, arg: decodeArg(req, seg.arg), raw: seg.arg };
}

function landed(routes: SpRoutes, state: unknown): Node {
  return state instanceof SpAt ? { k: 'at', at: state.scope } : { k: 'ext', routes, state };
}

/** Walks `segs` from the root through `routes` (in their order) and runs the request where it ends. */
export function walkAndExecute(routes: readonly SpRoutes[], segs: RawSeg[], ctx: SpRouteCtx): Res {
  let node: Node = { k: 'at', at: { k: 'root' } };
  for (const raw of segs) {
    const seg = spSeg(ctx.req, raw);
    if (node.k === 'ext') {
      const state: unknown = node.routes.step(node.state, seg, ctx);
      if (state === undefined) throw notFoundSegment(seg);
      node = landed(node.routes, state);
      continue;
    }
    let next: Node | undefined;
    for (const r of routes) {
      const state = r.enter(node.at, seg, ctx);
      if (state !== undefined) {
        next = landed(r, state);
        break;
      }
    }
    if (!next) throw notFoundSegment(seg);
    node = next;
  }
  if (node.k === 'ext') {
    const res = node.routes.execute(node.state, ctx);
    if (res) return res;
  } else {
    for (const r of routes) {
      const res = r.executeAt?.(node.at, ctx);
      if (res) return res;
    }
  }
  throw methodNotAllowed(ctx.method);
}

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
