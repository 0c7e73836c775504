/** Equality of two lists of names as sets, case-insensitively (SharePoint compares names so). Pure. */
/** Equality of two lists of names as sets, case-insensitively. */
export function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return false;
  const x = new Set(a.map((s) => String(s).toLowerCase()));
  const y = new Set(b.map((s) => String(s).toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
}
