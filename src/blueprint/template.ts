/** `{{ row.field }}` placeholders: finding them and stamping rows into a template. */
import type { Path } from '../blueprint-core/source.ts';
import { deepFreeze } from '../blueprint-core/shared-props.ts';

export const PLACEHOLDER = /\{\{\s*row\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*row\.([A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$/;

export interface PlaceholderUse {
  path: Path;
  field: string;
}

/** Visits every string of a JSON value with its path. */
export function eachString(value: unknown, path: Path, fn: (s: string, path: Path) => void): void {
  if (typeof value === 'string') fn(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => eachString(v, [...path, i], fn));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) eachString(v, [...path, k], fn);
}

/** `{{` or `}}` that is not part of a well-formed placeholder, or undefined when the string is fine. */
export function malformedPlaceholder(s: string): string | undefined {
  const rest = s.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) {
    const m = /\{\{[^}]*\}?\}?/.exec(rest);
    return m ? m[0] : rest.includes('{{') ? '{{' : '}}';
  }
  return undefined;
}

export function placeholdersIn(value: unknown, path: Path): PlaceholderUse[] {
  const out: PlaceholderUse[] = [];
  eachString(value, path, (s, p) => {
    for (const m of s.matchAll(PLACEHOLDER)) out.push({ path: p, field: m[1]! });
  });
  return out;
}

/** A template's values for one row (`compileStamp`). */
export type Stamp = (row: Record<string, string>) => unknown;

/**
 * Compiles a template once for all its rows: the returned function replaces the placeholders of
 * every string with the row's values. A string that is exactly one placeholder whose value is
 * empty is dropped (the property is not stated; an array item is left out), so that optional CSV
 * columns can be left blank. A part of the template without a placeholder is not copied: every
 * row gets that one value, frozen, so that no row's expansion can change another's (10,000 rows
 * copied every object and string of the template: a sixth of what validate allocated).
 */
export function compileStamp(template: unknown): Stamp {
  const compiled = compile(template);
  if (compiled) return compiled;
  const shared = deepFreeze(template);
  return () => shared;
}

/** A stamp for `value`, or null when it holds no placeholder (then it is shared, frozen). */
function compile(value: unknown): Stamp | null {
  if (typeof value === 'string') return compileString(value);
  if (Array.isArray(value)) {
    const items = value.map(compile);
    if (items.every((c) => c === null)) return null;
    const shared = value.map((v, i) => (items[i] ? undefined : deepFreeze(v)));
    return (row) => {
      const out: unknown[] = [];
      for (let i = 0; i < items.length; i++) {
        const v = items[i] ? items[i]!(row) : shared[i];
        if (v !== undefined) out.push(v);
      }
      return out;
    };
  }
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    const values = keys.map((k) => (value as Record<string, unknown>)[k]);
    const parts = values.map(compile);
    if (parts.every((c) => c === null)) return null;
    const shared = values.map((v, i) => (parts[i] ? undefined : deepFreeze(v)));
    return (row) => {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < keys.length; i++) {
        const v = parts[i] ? parts[i]!(row) : shared[i];
        if (v !== undefined) out[keys[i]!] = v;
      }
      return out;
    };
  }
  return null;
}

function compileString(value: string): Stamp | null {
  const whole = WHOLE.exec(value);
  if (whole) {
    const field = whole[1]!;
    return (row) => {
      const v = row[field] ?? '';
      return v === '' ? undefined : v;
    };
  }
  // literal, field, literal, field, ..., literal
  const pieces: string[] = [];
  let last = 0;
  for (const m of value.matchAll(PLACEHOLDER)) {
    pieces.push(value.slice(last, m.index), m[1]!);
    last = m.index + m[0].length;
  }
  if (pieces.length === 0) return null;
  pieces.push(value.slice(last));
  return (row) => {
    let out = pieces[0]!;
    for (let i = 1; i < pieces.length; i += 2) out += (row[pieces[i]!] ?? '') + pieces[i + 1]!;
    return out;
  };
}
