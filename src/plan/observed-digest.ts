import { createHash } from 'node:crypto';
import type { ObservedState } from '../model/observed.ts';
import { stableJson } from '../model/stable-json.ts';

/** A short digest of one observed state: equal states give equal digests. */
export function observedDigest(state: ObservedState): string {
  return createHash('sha256').update(stableJson(state)).digest('hex').slice(0, 16);
}

/** A digest over many addresses' digests, in address order. */
export function fingerprintOf(digests: Iterable<[string, string]>): string {
  const sorted = [...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(stableJson(sorted)).digest('hex').slice(0, 32);
}
