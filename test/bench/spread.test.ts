/**
 * The planning benchmark's repeated figures (scripts/bench/spread.ts): median and range of the
 * runs, as bench-plan.ts prints them with `--runs N`.
 */
import { expect, test } from 'vitest';
import { formatSpread, spreadOf } from '../../scripts/bench/spread.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(2);

test('an odd number of runs: the middle one, whatever order they came in', () => {
  expect(spreadOf([27_120, 24_770, 26_630])).toEqual({ median: 26_630, min: 24_770, max: 27_120, runs: 3 });
});

test('an even number of runs: the mean of the middle two', () => {
  expect(spreadOf([8_000, 7_000, 9_000, 7_500])).toEqual({ median: 7_750, min: 7_000, max: 9_000, runs: 4 });
});

test('one run is printed as one figure; several with their range and count', () => {
  expect(formatSpread(spreadOf([7_172]), seconds, ' s')).toBe('7.17 s');
  expect(formatSpread(spreadOf([8_220, 7_172, 8_368]), seconds, ' s')).toBe('8.22 s (7.17-8.37 s, 3 runs)');
  expect(formatSpread(spreadOf([474.3, 476.9]), (v) => v.toFixed(0))).toBe('476 (474-477, 2 runs)');
});

test('no runs, or a figure that is not a number, is an error that says so', () => {
  expect(() => spreadOf([])).toThrow('no values');
  expect(() => spreadOf([1, Number.NaN])).toThrow('NaN is not a finite number');
});
