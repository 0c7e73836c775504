/**
 * Bounds on a YAML text beyond its size: nesting depth (checked on the text before parsing, as
 * deep flow nesting makes the parser slow and the walkers recurse), and a walk over every scalar
 * (iterative) for the characters no blueprint text may hold. Also the NFC form of every string
 * value, the form in which the service stores and compares names.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import { badTextChar, type BadChar } from '../blueprint-core/names.ts';

/** The deepest nesting of mappings and lists a blueprint may have. */
export const MAX_DEPTH = 64;

/**
 * Offset where flow nesting (`[` and `{` outside quotes and comments) first goes deeper than
 * `max`, or -1. A cheap linear scan, run before the parser.
 */
export function flowTooDeep(text: string, max = MAX_DEPTH): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      else if (c === '\n' && depth === 0) quote = undefined;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if ((c === '"' || c === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]!))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return -1;
}

/** The first node nested deeper than `max` (mappings and sequences), or undefined; iterative. */
export function nodeTooDeep(doc: Document, max = MAX_DEPTH): Node | undefined {
  const stack: [unknown, number][] = [[doc.contents, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (isMap(n) || isSeq(n)) {
      if (d + 1 > max) return n;
      for (const item of n.items) {
        if (isPair(item)) {
          stack.push([item.key, d + 1], [item.value, d + 1]);
        } else stack.push([item, d + 1]);
      }
    }
  }
  return undefined;
}

/** Calls `found` for every scalar (key or value) holding a character no text may have; iterative. */
export function eachBadScalar(doc: Document, found: (node: Node, bad: BadChar) => void): void {
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const n = stack.pop();
    if (isScalar(n)) {
      if (typeof n.value === 'string') {
        const bad = badTextChar(n.value);
        if (bad) found(n, bad);
      }
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (isPair(item)) stack.push(item.key, item.value);
        else stack.push(item);
      }
    } else if (isAlias(n)) continue;
  }
}

/** Every string value (not key) of a parsed value in NFC, in place; returns the value. */
export function nfcValues<T>(value: T): T {
  const seen = new Set<object>();
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        if (typeof x === 'string') v[i] = x.normalize('NFC');
        else stack.push(x);
      });
    } else {
      const o = v as Record<string, unknown>;
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (typeof x === 'string') o[k] = x.normalize('NFC');
        else stack.push(x);
      }
    }
  }
  return value;
}
