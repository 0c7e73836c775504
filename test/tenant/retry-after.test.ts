import { expect, test } from 'vitest';
import { parseRetryAfter } from '../../src/tenant/retry-after.ts';

test('Retry-After in seconds, decimals and HTTP dates', () => {
  const now = Date.parse('2026-11-23T10:00:00Z');
  expect(parseRetryAfter('5', now)).toBe(5000);
  expect(parseRetryAfter('0.25', now)).toBe(250);
  expect(parseRetryAfter('Mon, 23 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
  expect(parseRetryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).toBe(0);
  expect(parseRetryAfter(null, now)).toBeUndefined();
  expect(parseRetryAfter('soon', now)).toBeUndefined();
});
