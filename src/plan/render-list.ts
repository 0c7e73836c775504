/**
 * An ordered list's change for people, element by element (Terraform's list diff): a list of
 * objects named by `name` (a content type's columns) or of scalars (a view's fields) shows
 * `+ element` for one it gains, `- element` for one it loses, `~ old -> new` for a named
 * element whose other values change, a count of the elements that stay as they are, and the
 * whole new order when the lines say less (kept elements reordered, or one added before the
 * end). Elements are matched as the service compares names: case-insensitively. A short list
 * stays on one line (`[...] -> [...]`).
 */

/** How wide a one-line `old -> new` of a list may be before it is shown element by element. */
const ONE_LINE = 100;

export interface ListPaint {
  mark: (s: string) => string;
  add: (s: string) => string;
  remove: (s: string) => string;
  dim: (s: string) => string;
}

/**
 * Whether a list property's change reads better element by element than as one line. An
 * unordered one (`set`) only when its elements are objects: a set of names has its own lines.
 */
export function showsAsList(before: unknown, after: unknown, unordered = false): before is unknown[] {
  if (!Array.isArray(before) || !Array.isArray(after)) return false;
  if (unordered && !before.some(isObject) && !after.some(isObject)) return false;
  if (!before.every(isElement) || !after.every(isElement)) return false;
  // matched by name: a list that names an element twice stays on one line
  if (new Set(before.map(keyOf)).size !== before.length || new Set(after.map(keyOf)).size !== after.length) return false;
  return before.some(isObject) || after.some(isObject) || JSON.stringify(before).length + JSON.stringify(after).length > ONE_LINE;
}

/**
 * The lines of a list's change (`name = [` … `]`), indented as a block's properties; `ordered`
 * false for a list compared in any order (no order line).
 */
export function listLines(name: string, before: readonly unknown[], after: readonly unknown[], paint: ListPaint, ordered = true): string[] {
  const lines = [`      ${paint.mark('~')} ${name} = [`];
  const had = new Map<string, unknown>();
  for (const v of before) had.set(keyOf(v), v);
  const wanted = new Set(after.map(keyOf));
  let same = 0;
  for (const v of after) {
    const k = keyOf(v);
    if (!had.has(k)) lines.push(`          ${paint.add('+')} ${show(v)}`);
    else if (!alike(had.get(k), v)) lines.push(`          ${paint.mark('~')} ${show(had.get(k))} -> ${show(v)}`);
    else same++;
  }
  for (const v of before) if (!wanted.has(keyOf(v))) lines.push(`          ${paint.remove('-')} ${show(v)}`);
  if (same > 0) lines.push(paint.dim(`            # (${same} unchanged element${same === 1 ? '' : 's'} not shown)`));
  // where the order says something the lines above do not: kept ones reordered, or one added before the end
  const plain = [...before.filter((v) => wanted.has(keyOf(v))), ...after.filter((v) => !had.has(keyOf(v)))].map(keyOf);
  if (ordered && plain.join('\u0000') !== after.map(keyOf).join('\u0000')) lines.push(`          ${paint.mark('~')} in this order: ${after.map(label).join(', ')}`);
  lines.push('        ]');
  return lines;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An element the rendering can match: a scalar, or an object with a string `name`. */
function isElement(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || (isObject(v) && typeof v.name === 'string');
}

/** Two elements of the same name alike but for the name's case (the service compares names so). */
function alike(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (isObject(v) ? show({ ...v, name: keyOf(v) }) : keyOf(v));
  return norm(a) === norm(b);
}

function keyOf(v: unknown): string {
  return (isObject(v) ? String(v.name) : String(v)).toLowerCase();
}

function label(v: unknown): string {
  return isObject(v) ? String(v.name) : String(v);
}

function show(v: unknown): string {
  return JSON.stringify(v);
}
