/**
 * The run's SharePoint spending minute by minute (simulated), beside the work the engine could
 * have had: the team sites it had found by then (a site's workspace then has its SharePoint
 * work, about the minimal cost, to do). Shows the ramp-up (the first minutes, while group sites
 * provision) and the tail, where the spending falls short of the minute budget.
 */

/** One sample of the local tenant's SharePoint spending, and the sites the engine had found. */
export interface TimelineSample {
  /** simulated ms since the first team site's create started */
  simMs: number;
  /** SharePoint RU spent since then */
  ru: number;
  /** team sites found (their create succeeded) by then */
  sites: number;
}

/** Samples taken about once a simulated minute → one row per simulated minute. */
export function perMinute(samples: readonly TimelineSample[]): { minute: number; ru: number; sites: number }[] {
  const rows: { minute: number; ru: number; sites: number }[] = [];
  let prev = { simMs: 0, ru: 0, sites: 0 };
  for (const s of samples) {
    const minute = Math.round(s.simMs / 60_000);
    if (minute <= (rows.at(-1)?.minute ?? 0)) continue;
    rows.push({ minute, ru: s.ru - prev.ru, sites: s.sites });
    prev = s;
  }
  return rows;
}

/** The first `head` and last `tail` minutes as text: RU spent that minute (share of the budget), sites found by its end. */
export function formatTimeline(samples: readonly TimelineSample[], budgetPerMinute: number, head = 8, tail = 3): string[] {
  const rows = perMinute(samples);
  const shown = rows.length <= head + tail ? rows : [...rows.slice(0, head), undefined, ...rows.slice(-tail)];
  return shown.map((r) =>
    r ? `  minute ${String(r.minute).padStart(3)}: ${String(Math.round(r.ru)).padStart(5)} RU (${((100 * r.ru) / budgetPerMinute).toFixed(0).padStart(3)} % of the budget), ${String(r.sites).padStart(5)} sites found` : '  ...',
  );
}
