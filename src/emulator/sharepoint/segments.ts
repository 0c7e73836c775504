/**
 * The SharePoint face's path segments: an `_api/...` path split into OData segments (quotes and
 * parentheses kept together: `lists/getbytitle('a/b')/fields`), each with its argument decoded
 * as routes see it (`SpSeg`, route-context.ts).
 */
import type { Req } from '../http.ts';
import type { SpSeg } from './route-context.ts';

/** A segment as written: `getbytitle('a/b')` is `{ name: 'getbytitle', arg: "'a/b'" }`; arg null without parentheses. */
export interface RawSeg {
  name: string;
  arg: string | null;
}

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

/** The segment as routes see it (route-context.ts `SpSeg`). */
export function spSeg(req: Req, seg: RawSeg): SpSeg {
  return { name: seg.name, arg: decodeArg(req, seg.arg), raw: seg.arg };
}

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding. */
export function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
