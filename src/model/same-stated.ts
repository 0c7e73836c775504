/**
 * Equality of a partial map (key -> value): the stated entries compared one by one, keys
 * case-insensitively (language tags), unstated keys ignored. Pure.
 */
export function sameStated(desired: unknown, observed: unknown): boolean {
  const want = (desired ?? {}) as Record<string, string>;
  const have = (observed ?? {}) as Record<string, string>;
  const lower = new Map(Object.entries(have).map(([k, v]) => [k.toLowerCase(), v]));
  return Object.entries(want).every(([k, v]) => lower.get(k.toLowerCase()) === v);
}
