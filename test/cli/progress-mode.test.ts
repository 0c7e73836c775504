/** How apply's progress is printed (src/cli/progress.ts): a live line on a terminal; in a pipeline log, a line a change below 2,000 changes, else a status line every interval. */
import { expect, test } from 'vitest';
import { PERIODIC_FROM_CHANGES, progressModeOf } from '../../src/cli/progress.ts';

test('auto: live on a terminal, lines for a small apply in a log, periodic for a large one; an explicit mode wins', () => {
  expect(progressModeOf('auto', true, 200_000)).toBe('live');
  expect(progressModeOf('auto', false, PERIODIC_FROM_CHANGES - 1)).toBe('lines');
  expect(progressModeOf('auto', false, PERIODIC_FROM_CHANGES)).toBe('periodic');
  expect(progressModeOf('lines', false, 200_000)).toBe('lines');
  expect(progressModeOf('periodic', true, 3)).toBe('periodic');
});
