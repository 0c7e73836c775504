import { describe, expect, it } from 'vitest';
import { headerReaderOf } from '../../src/tenant/header-reader.ts';

describe('headerReaderOf', () => {
  it('answers as a Headers built from the same object answers', () => {
    const record = { 'Retry-After': '7', 'RateLimit-Remaining': '12', 'Content-Type': 'application/json' };
    const reader = headerReaderOf(record);
    const headers = new Headers(record);
    for (const name of ['retry-after', 'ratelimit-remaining', 'ratelimit-limit', 'content-type', 'RATELIMIT-REMAINING']) {
      expect(reader.get(name)).toBe(headers.get(name));
      expect(reader.has(name)).toBe(headers.has(name));
    }
  });

  it('reads nothing from a sub-answer without headers', () => {
    for (const record of [undefined, {}]) {
      expect(headerReaderOf(record).get('retry-after')).toBeNull();
      expect(headerReaderOf(record).has('ratelimit-remaining')).toBe(false);
    }
  });
});
