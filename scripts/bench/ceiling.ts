/**
 * The throttle-budget ceiling: for every budget the run spent from, how many workspaces per
 * hour that budget allows at the resource units each workspace actually cost; the lowest binds.
 * Windows: SharePoint per app per minute and per 24 h, tenant per 5 minutes; Entra per 10 s and
 * writes per 150 s; Teams creation, channel creation, listings of channels and members, and other Teams calls per second.
 */
import type { EmulatorStats } from './emulator-process.ts';

const WINDOW_S: Record<string, number> = {
  'sharepoint.minute': 60,
  'sharepoint.tenant5min': 300,
  'entra.10s': 10,
  'entra.writes150s': 150,
  'entra.tenantWrites5min': 300,
  'teams.create': 1,
  'teams.channel': 1,
  'teams.list': 1,
  'teams.other': 1,
};

export interface Ceiling {
  /** Workspaces per hour the binding budget allows, and its name. */
  perHour: number;
  binding: string;
  /** Per budget: RU per workspace and the workspaces per hour it allows. */
  byBudget: { budget: string; perWorkspace: number; perHour: number }[];
  /** Workspaces per hour over a whole day (the 24 h SharePoint budget). */
  sustainedPerHour: number;
}

export function ceilingOf(stats: EmulatorStats, workspaces: number): Ceiling {
  const byBudget: Ceiling['byBudget'] = [];
  for (const [budget, windowS] of Object.entries(WINDOW_S)) {
    const spent = stats.resourceUnits.spent[budget] ?? 0;
    const limit = stats.resourceUnits.buckets[budget]?.limit;
    if (!spent || !limit) continue;
    const perWorkspace = spent / workspaces;
    byBudget.push({ budget, perWorkspace, perHour: (limit / perWorkspace) * (3600 / windowS) });
  }
  const binding = byBudget.reduce((a, b) => (b.perHour < a.perHour ? b : a));
  const daySpent = stats.resourceUnits.spent['sharepoint.day'] ?? 0;
  const dayLimit = stats.resourceUnits.buckets['sharepoint.day']?.limit ?? 0;
  return {
    perHour: binding.perHour,
    binding: binding.budget,
    byBudget,
    sustainedPerHour: daySpent ? (dayLimit / (daySpent / workspaces)) / 24 : 0,
  };
}
