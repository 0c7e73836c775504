/**
 * One figure measured several times (`scripts/bench-plan.ts --runs N`): its median and range, so
 * that a report shows how far one run can stray (a plan's CPU on a shared 2-core machine varies
 * by about ±5 % run to run: docs/performance.md) and a change smaller than the range claims nothing.
 */

/** The median of the runs (the mean of the middle two for an even count), their least and most. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
}

/** The spread of `values`; at least one value, each a finite number. */
export function spreadOf(values: readonly number[]): Spread {
  if (values.length === 0) throw new Error('spreadOf: no values');
  const bad = values.find((v) => !Number.isFinite(v));
  if (bad !== undefined) throw new Error(`spreadOf: ${bad} is not a finite number`);
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, runs: sorted.length };
}

/**
 * `12.34 s` for one run; `12.34 s (11.90-12.80 s, 3 runs)` for more: the median, then the range.
 * `show` formats one number (e.g. milliseconds as seconds), `unit` follows it (e.g. ` s`).
 */
export function formatSpread(s: Spread, show: (n: number) => string, unit = ''): string {
  const median = `${show(s.median)}${unit}`;
  return s.runs === 1 ? median : `${median} (${show(s.min)}-${show(s.max)}${unit}, ${s.runs} runs)`;
}
