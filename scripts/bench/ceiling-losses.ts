/**
 * Where the fixed ceiling went (issue 12): the engine's share of the fixed ceiling is the run's
 * SharePoint budget use times the minimal cost over the measured one, so what it lacks of 100 %
 * splits exactly into four parts, each in points of the fixed ceiling:
 * - outside the steady windows: the run's time before its first window filled to 80 % and after
 *   its last (the engine's start, the first minutes while the service makes the group sites, the
 *   last window's part, and a run long enough to spend the 24-hour budget's burst: then the
 *   engine goes at its sustained rate, day-budget.ts), less what was spent then;
 * - the reserve: the share of each steady window the engine leaves to others (`1 - share`);
 * - under the share: what the steady windows (and the pauses between them) left unspent of it;
 * - above the minimal: resource units spent beyond the workspace's fixed minimal cost (probes
 *   that found no site yet, retries), which buy nothing.
 * The four add up to 100 % less the ratio (test/bench/ceiling-losses.test.ts), so a run shows
 * which part a change moved, and which part no pacing can reach.
 */

/** What one run measured. */
export interface CeilingLossInput {
  /** Simulated ms of the run (the ratio's span). */
  runMs: number;
  /** SharePoint RU the run spent (the minute budget's), and its workspaces. */
  spentRu: number;
  workspaces: number;
  /** The minute budget, and the share of it the engine may spend. */
  minuteLimit: number;
  share: number;
  /** The workspace's fixed minimal cost (bench/minimal-cost.ts). */
  minimalRu: number;
  /** The steady windows (minute-windows.ts): their span and what they counted; absent when none. */
  steady?: { spanMs: number; usedRu: number };
}

/** The ratio to the fixed ceiling and its four losses, as shares (0-1) of the fixed ceiling. */
export interface CeilingLosses {
  ofFixed: number;
  outsideSteady: number;
  reserve: number;
  underShare: number;
  aboveMinimal: number;
}

export function ceilingLosses(x: CeilingLossInput): CeilingLosses {
  const minutes = x.runMs / 60_000;
  const budget = x.minuteLimit * minutes;
  const use = x.spentRu / budget;
  const measuredRu = x.spentRu / x.workspaces;
  const steadyMs = Math.min(x.steady?.spanMs ?? 0, x.runMs);
  const steadyPart = steadyMs / x.runMs;
  const steadyBudget = x.minuteLimit * (steadyMs / 60_000);
  const steadyUse = steadyBudget > 0 ? (x.steady?.usedRu ?? 0) / steadyBudget : 0;
  return {
    ofFixed: use * (x.minimalRu / measuredRu),
    outsideSteady: 1 - steadyPart - (x.spentRu - (steadyMs > 0 ? (x.steady?.usedRu ?? 0) : 0)) / budget,
    reserve: steadyPart * (1 - x.share),
    underShare: steadyPart * (x.share - steadyUse),
    aboveMinimal: use * (1 - x.minimalRu / measuredRu),
  };
}

export function formatCeilingLosses(l: CeilingLosses): string {
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  return (
    `Fixed ceiling: ${pct(l.ofFixed)} reached; lost ${pct(l.outsideSteady)} outside the steady windows (start, group sites still being made, last window, the 24-hour budget's sustained rate), ` +
    `${pct(l.reserve)} to the reserve, ${pct(l.underShare)} under the share in steady windows, ${pct(l.aboveMinimal)} to RU above the minimal`
  );
}
