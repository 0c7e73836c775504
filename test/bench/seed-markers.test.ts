/**
 * The planning benchmark's seeded chunks (scripts/bench/seed-applied-tenant.ts): rows a marker
 * covers are not applied again, whichever size the marker was written for.
 */
import { expect, test } from 'vitest';
import { appliedAlready } from '../../scripts/bench/seed-applied-tenant.ts';

const seeded = ['.applied-1-1000', '.applied-1001-2000', 'plan-1000.yaml', '.applied-x-y'];

test('rows inside a marked chunk are applied already, whatever chunk asks', () => {
  expect(appliedAlready(seeded, 1, 100)).toBe(true);
  expect(appliedAlready(seeded, 1001, 2000)).toBe(true);
  expect(appliedAlready(seeded, 1500, 1600)).toBe(true);
});

test('rows past the marks, or across two marks, are applied (again) by the chunk that asks', () => {
  expect(appliedAlready(seeded, 2001, 3000)).toBe(false);
  expect(appliedAlready(seeded, 900, 1100)).toBe(false);
  expect(appliedAlready([], 1, 100)).toBe(false);
});
