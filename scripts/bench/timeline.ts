/**
 * The run's SharePoint spending minute by minute (simulated), beside the work the engine could
 * have had: the team sites it had found by then (a site's workspace then has its SharePoint
 * work, about the minimal cost, to do), and the probes of group sites made that minute with the
 * share of them that missed (a probe finds one site at most: probes less sites newly found).
 * The groups made by then show how fast a rollout's sites can come at all. Shows the ramp-up
 * (the first minutes, while group sites provision), the tail, where the spending falls short of
 * the minute budget, and where probes spend the budget for nothing.
 */

/** One sample of the local tenant's SharePoint spending, and the sites the engine had found. */
export interface TimelineSample {
  /** simulated ms since the first team site's create started */
  simMs: number;
  /** SharePoint RU spent since then */
  ru: number;
  /** team sites found (their create succeeded) by then */
  sites: number;
  /** probes of group sites (`GET /groups/{id}/sites/root`, alone or in `$batch`) made since then */
  probes: number;
  /** `POST /groups` requests the local tenant took since then (each a group made, but for a refused one) */
  groups: number;
  /** the engine's process CPU (user + system) and real time since then, ms (absent: not measured) */
  cpuMs?: number;
  realMs?: number;
}

/** One simulated minute of the timeline. */
export interface TimelineMinute {
  minute: number;
  /** SharePoint RU spent that minute */
  ru: number;
  /** team sites found by the minute's end */
  sites: number;
  /** groups created by the minute's end */
  groups: number;
  /** probes of group sites made that minute */
  probes: number;
  /** probes that found nothing: probes less sites newly found that minute, never below 0 */
  missed: number;
  /** the engine's CPU that minute as a share of one core (its CPU over the real time), when measured */
  cpuShare?: number;
}

/** Samples taken about once a simulated minute → one row per simulated minute. */
export function perMinute(samples: readonly TimelineSample[]): TimelineMinute[] {
  const rows: TimelineMinute[] = [];
  let prev: TimelineSample = { simMs: 0, ru: 0, sites: 0, probes: 0, groups: 0, cpuMs: 0, realMs: 0 };
  for (const s of samples) {
    const minute = Math.round(s.simMs / 60_000);
    if (minute <= (rows.at(-1)?.minute ?? 0)) continue;
    const probes = s.probes - prev.probes;
    const row: TimelineMinute = { minute, ru: s.ru - prev.ru, sites: s.sites, groups: s.groups, probes, missed: Math.max(0, probes - (s.sites - prev.sites)) };
    if (s.cpuMs !== undefined && s.realMs !== undefined && prev.cpuMs !== undefined && prev.realMs !== undefined && s.realMs > prev.realMs)
      row.cpuShare = (s.cpuMs - prev.cpuMs) / (s.realMs - prev.realMs);
    rows.push(row);
    prev = s;
  }
  return rows;
}

/** The first `head` and last `tail` minutes as text: RU spent that minute (share of the budget), sites found by its end. */
export function formatTimeline(samples: readonly TimelineSample[], budgetPerMinute: number, head = 8, tail = 3): string[] {
  const rows = perMinute(samples);
  const shown = rows.length <= head + tail ? rows : [...rows.slice(0, head), undefined, ...rows.slice(-tail)];
  return shown.map((r) =>
    r
      ? `  minute ${String(r.minute).padStart(3)}: ${String(Math.round(r.ru)).padStart(5)} RU (${((100 * r.ru) / budgetPerMinute).toFixed(0).padStart(3)} % of the budget), ${String(r.groups).padStart(5)} groups made, ${String(r.sites).padStart(5)} sites found, ${String(r.probes).padStart(4)} probes (${String(r.missed).padStart(4)} missed)${r.cpuShare !== undefined ? `, engine CPU ${(100 * r.cpuShare).toFixed(0).padStart(3)} % of a core` : ''}`
      : '  ...',
  );
}
