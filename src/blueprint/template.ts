/** `{{ row.field }}` placeholders: finding them and stamping rows into a template. */
import type { Path } from '../blueprint-core/source.ts';

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

/**
 * Replaces the placeholders of every string with the row's values. A string that is exactly one
 * placeholder whose value is empty is dropped (the property is not stated; an array item is
 * left out), so that optional CSV columns can be left blank.
 */
export function stamp(value: unknown, row: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) {
      const v = row[whole[1]!] ?? '';
      return v === '' ? undefined : v;
    }
    return value.replace(PLACEHOLDER, (_, f: string) => row[f] ?? '');
  }
  if (Array.isArray(value)) return value.map((v) => stamp(v, row)).filter((v) => v !== undefined);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = stamp(v, row);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return value;
}
