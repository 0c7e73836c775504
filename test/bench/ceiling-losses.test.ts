/**
 * The fixed ceiling's losses (scripts/bench/ceiling-losses.ts), from in-memory figures: they add
 * up to what the ratio lacks of 100 %, and each moves with the figure it stands for.
 */
import { expect, test } from 'vitest';
import { ceilingLosses, type CeilingLossInput } from '../../scripts/bench/ceiling-losses.ts';

// 50 simulated minutes at 2,500 RU a minute; 2,000 workspaces at 59.7 RU against a minimal 59;
// 48 steady minutes filled to 97.3 %, the 2 others spent 1,000 RU.
const steadyUsed = 48 * 2500 * 0.973;
const run: CeilingLossInput = {
  runMs: 50 * 60_000,
  workspaces: 2000,
  spentRu: steadyUsed + 1000,
  minuteLimit: 2500,
  share: 0.98,
  minimalRu: 59,
  steady: { spanMs: 48 * 60_000, usedRu: steadyUsed },
};

const sum = (l: ReturnType<typeof ceilingLosses>) => l.ofFixed + l.outsideSteady + l.reserve + l.underShare + l.aboveMinimal;

test('the four losses and the ratio add up to the whole ceiling', () => {
  const l = ceilingLosses(run);
  expect(sum(l)).toBeCloseTo(1, 12);
  expect(l.reserve).toBeCloseTo((48 / 50) * 0.02, 12);
  expect(l.underShare).toBeCloseTo((48 / 50) * (0.98 - 0.973), 12);
  // the 2 minutes outside, less the 1,000 RU spent in them, of 50 minutes' budget
  expect(l.outsideSteady).toBeCloseTo(2 / 50 - 1000 / (50 * 2500), 12);
  // the ratio: workspaces a minute against what the budget pays for at the minimal cost
  expect(l.ofFixed).toBeCloseTo(2000 / 50 / (2500 / 59), 12);
});

test('spending at exactly the minimal cost loses nothing above it; more loses its share', () => {
  const atMinimal = ceilingLosses({ ...run, minimalRu: run.spentRu / run.workspaces });
  expect(atMinimal.aboveMinimal).toBeCloseTo(0, 12);
  expect(sum(atMinimal)).toBeCloseTo(1, 12);
  const higher = ceilingLosses({ ...run, minimalRu: 50 });
  expect(higher.aboveMinimal).toBeGreaterThan(0.1);
  expect(sum(higher)).toBeCloseTo(1, 12);
});

test('a run with no steady window loses all its unspent budget outside them', () => {
  const l = ceilingLosses({ ...run, steady: undefined, spentRu: 1000 });
  expect(l.reserve).toBe(0);
  expect(l.underShare).toBe(0);
  expect(l.outsideSteady).toBeCloseTo(1 - 1000 / (50 * 2500), 12);
  expect(sum(l)).toBeCloseTo(1, 12);
});
