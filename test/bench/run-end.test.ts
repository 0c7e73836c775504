/**
 * The benchmark's account of a run's end (scripts/bench/run-end.ts): how long the apply ran
 * after the last change of a kind that writes SharePoint, and the longest-running change after it.
 * Fed in-memory events at given real times, at a time scale of 20.
 */
import { expect, test } from 'vitest';
import { formatRunEnd, RunEnd } from '../../scripts/bench/run-end.ts';
import type { ResourceKind } from '../../src/model/resources.ts';

const kinds: Record<string, ResourceKind> = {
  'site[/sites/a]': 'teamSite',
  'site[/sites/a]/list[Beslut]': 'list',
  'site[/sites/a]/team': 'team',
  'site[/sites/a]/team/channel[Projekt]': 'channel',
};

test('the time after the last SharePoint change, and the longest change after it', () => {
  const end = new RunEnd((a) => kinds[a], 20);
  end.onEvent({ type: 'succeeded', address: 'site[/sites/a]', action: 'create', ms: 6_000 }, 1_000);
  end.onEvent({ type: 'succeeded', address: 'site[/sites/a]/list[Beslut]', action: 'create', ms: 300 }, 2_000);
  end.onEvent({ type: 'started', address: 'site[/sites/a]/team', action: 'create' }, 2_100);
  end.onEvent({ type: 'succeeded', address: 'site[/sites/a]/team', action: 'create', ms: 27_000 }, 29_000);
  end.onEvent({ type: 'succeeded', address: 'site[/sites/a]/team/channel[Projekt]', action: 'create', ms: 500 }, 29_600);
  const f = end.figures(30_000);
  // 28 real seconds after the list, at 20x
  expect(f.afterSharePointMs).toBe(560_000);
  expect(f.waitedFor).toEqual({ address: 'site[/sites/a]/team', action: 'create', tookMs: 540_000 });
  expect(formatRunEnd(f)).toBe("Engine's end: the apply ran 9.3 simulated min after its last SharePoint change finished; the longest change after it: create site[/sites/a]/team, which ran 9.0 simulated min");
  // a SharePoint change after it starts the account again
  end.onEvent({ type: 'succeeded', address: 'site[/sites/a]/list[Beslut]', action: 'update', ms: 100 }, 30_000);
  expect(end.figures(30_000)).toEqual({ afterSharePointMs: 0 });
});
