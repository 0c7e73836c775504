import * as crypto from 'node:crypto';
import type { ObservedState } from '../model/observed.ts';
import { stableJson } from '../model/stable-json.ts';

/**
 * SHA-256 of a string, hex. Node's one-shot `crypto.hash` (20.12 on) where there is one: about a
 * third of `createHash` for the short strings a plan digests, one per observed resource.
 */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** The digest of `{ status: 'absent' }`, the state of every resource an apply creates. */
const ABSENT_DIGEST = sha256Hex(stableJson({ status: 'absent' })).slice(0, 16);

/** A short digest of one observed state: equal states give equal digests. */
export function observedDigest(state: ObservedState): string {
  if (state.status === 'absent' && Object.keys(state).length === 1) return ABSENT_DIGEST;
  return sha256Hex(stableJson(state)).slice(0, 16);
}

/** A digest over many addresses' digests, in address order. */
export function fingerprintOf(digests: Iterable<[string, string]>): string {
  const sorted = [...digests].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Pairs of strings: JSON.stringify writes them as stableJson does, without walking them.
  return sha256Hex(JSON.stringify(sorted)).slice(0, 32);
}
