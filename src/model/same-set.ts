/** Comparisons of names as SharePoint compares them: case-insensitively. Pure. */

/** Equality of two lists of names as sets, case-insensitively. */
export function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const x = new Set(a.map((s) => String(s).toLowerCase()));
  const y = new Set(b.map((s) => String(s).toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}

/** Every name of `want` is in `have`, case-insensitively. */
export function includesAll(want: unknown, have: unknown): boolean {
  if (!Array.isArray(want)) return false;
  const y = new Set((Array.isArray(have) ? have : []).map((s) => String(s).toLowerCase()));
  return want.every((s) => y.has(String(s).toLowerCase()));
}

/** Two names are one, case-insensitively. */
export function sameText(a: unknown, b: unknown): boolean {
  return typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
}
