/**
 * How full the local tenant's SharePoint minute windows were (its stats keep the app's last day
 * of closed windows): where the last percent of the ceiling goes. A window opens with the first
 * request after the previous one closed, so the budget of a run is lost two ways: windows that
 * close under their limit (pacing, or too little ready work), and pauses between one window's
 * end and the next one's first request (waiting for a reset that was announced late, or nothing
 * to send). The steady state is the windows from the first to the last one filled to 80 %.
 */

/** A closed window, as the local tenant's stats give it. */
export interface ClosedMinuteWindow {
  start: number;
  used: number;
  idleAfterMs: number;
}

export interface WindowSummary {
  windows: number;
  steady: number;
  /** Mean share of the limit used by the steady windows. */
  meanFill: number;
  /** The lowest and the median share. */
  minFill: number;
  medianFill: number;
  /** Simulated ms of pauses between steady windows, and their share of the steady span. */
  idleMs: number;
  idleShare: number;
  /** The steady span's RU against its limit had every minute of it been a full window. */
  budgetShare: number;
  /** Simulated ms from the first steady window's start to the last one's end (pauses between them included). */
  spanMs: number;
  /** RU the steady windows counted. */
  usedRu: number;
}

export function summarizeWindows(closed: readonly ClosedMinuteWindow[], limit: number, windowMs = 60_000): WindowSummary | undefined {
  const first = closed.findIndex((w) => w.used >= 0.8 * limit);
  const last = closed.findLastIndex((w) => w.used >= 0.8 * limit);
  if (first < 0 || last <= first) return undefined;
  const steady = closed.slice(first, last + 1);
  const fills = steady.map((w) => w.used / limit).sort((a, b) => a - b);
  // pauses between steady windows (not the one after the last)
  const idleMs = steady.slice(0, -1).reduce((sum, w) => sum + w.idleAfterMs, 0);
  const spanMs = steady.length * windowMs + idleMs;
  const used = steady.reduce((sum, w) => sum + w.used, 0);
  return {
    windows: closed.length,
    steady: steady.length,
    meanFill: fills.reduce((a, b) => a + b, 0) / fills.length,
    minFill: fills[0]!,
    medianFill: fills[Math.floor(fills.length / 2)]!,
    idleMs,
    idleShare: idleMs / spanMs,
    budgetShare: used / ((spanMs / windowMs) * limit),
    spanMs,
    usedRu: used,
  };
}

export function formatWindows(s: WindowSummary | undefined): string[] {
  if (!s) return ['SharePoint minute windows: fewer than two filled to 80 % (no steady state)'];
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  return [
    `SharePoint minute windows (the local tenant's): ${s.steady} steady of ${s.windows}; filled ${pct(s.meanFill)} on average (lowest ${pct(s.minFill)}, median ${pct(s.medianFill)});` +
      ` pauses between them ${(s.idleMs / 1000).toFixed(1)} s simulated (${pct(s.idleShare)} of the span); the steady span used ${pct(s.budgetShare)} of its budget`,
  ];
}
