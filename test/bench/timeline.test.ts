/**
 * The benchmark's minute-by-minute timeline (scripts/bench/timeline.ts): pure, in-memory samples.
 */
import { describe, expect, it } from 'vitest';
import { formatTimeline, perMinute } from '../../scripts/bench/timeline.ts';

const sample = (minutes: number, ru: number, sites: number, probes: number, groups = 0) => ({ simMs: minutes * 60_000, ru, sites, probes, groups });

describe('perMinute', () => {
  it('turns cumulative samples into one row a minute, with the probes that found nothing', () => {
    const rows = perMinute([sample(0, 0, 0, 0), sample(1, 100, 0, 40), sample(2, 2600, 30, 70), sample(3, 5000, 80, 120)]);
    expect(rows).toEqual([
      { minute: 1, ru: 100, sites: 0, groups: 0, probes: 40, missed: 40 },
      { minute: 2, ru: 2500, sites: 30, groups: 0, probes: 30, missed: 0 },
      { minute: 3, ru: 2400, sites: 80, groups: 0, probes: 50, missed: 0 },
    ]);
  });

  it('counts a minute with more probes than sites found as misses, never below zero', () => {
    const rows = perMinute([sample(1, 10, 5, 5), sample(2, 20, 25, 12)]);
    expect(rows.map((r) => r.missed)).toEqual([0, 0]);
    expect(perMinute([sample(1, 10, 5, 20)])[0]!.missed).toBe(15);
  });

  it('keeps one sample a minute when the sampler ran twice in it', () => {
    const rows = perMinute([sample(1, 10, 1, 2), sample(1.2, 15, 1, 3), sample(2, 30, 2, 4)]);
    expect(rows.map((r) => r.minute)).toEqual([1, 2]);
    expect(rows[1]).toEqual({ minute: 2, ru: 20, sites: 2, groups: 0, probes: 2, missed: 1 });
  });
});

describe('formatTimeline', () => {
  it('prints the probes and misses beside the spending', () => {
    const [line] = formatTimeline([sample(1, 250, 3, 10, 400)], 2500);
    expect(line).toBe('  minute   1:   250 RU ( 10 % of the budget),   400 groups made,     3 sites found,   10 probes (   7 missed)');
  });

  it('prints the engine CPU of each minute as a share of a core when it was measured', () => {
    const samples = [
      { ...sample(1, 250, 3, 10, 400), cpuMs: 1000, realMs: 3000 },
      { ...sample(2, 2750, 40, 50, 2000), cpuMs: 3700, realMs: 6000 },
    ];
    expect(perMinute(samples).map((r) => r.cpuShare)).toEqual([1000 / 3000, 2700 / 3000]);
    expect(formatTimeline(samples, 2500)[1]).toMatch(/, engine CPU  90 % of a core$/);
  });
});
