/**
 * JSON with object keys sorted, so equal values always give equal text (for digests). Keys are
 * sorted by UTF-16 code units and keys whose value is undefined are left out; an undefined array
 * element is `null`, as in JSON. Built by appending to one string (a plan digests every observed
 * resource: 200,000 for 10,000 workspaces).
 */
export function stableJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stableJson(value[i]);
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(k)}:${stableJson(v)}`;
    first = false;
  }
  return out + '}';
}

/** Deep equality by value (arrays ordered, object keys unordered, undefined keys ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  // The common cases without serialising: one value (or one object) twice, two different strings.
  if (a === b) return true;
  if (typeof a === 'string' && typeof b === 'string') return false;
  return stableJson(a) === stableJson(b);
}
