/**
 * The decisions of the young groups' listing (src/kinds/team-site/group-site-sightings.ts), with
 * an in-memory listing in place of the tenant admin's (the e2e test,
 * test/e2e/group-site-sightings.test.ts, drives the real one through an apply): when a probe is
 * skipped, how many pages a listing may read, and when no listing is asked (too few young groups,
 * refused, failed a moment ago, given up with as many young groups or at PAGES_AT_MOST, the budget
 * contended).
 */
import { expect, test } from 'vitest';
import { GroupSiteSightings, PAGES_AT_MOST, PROBES_A_PAGE, REFRESH_MS } from '../../src/kinds/team-site/group-site-sightings.ts';

type Listing = { groups: Set<string>; complete: boolean } | undefined;

/** A listing whose every call is recorded: the pages it was allowed, and what it answers. */
function listing(answer: (call: number) => Listing | Error, pages = 1) {
  const calls: { allowed: number }[] = [];
  const list = async (more: (pagesRead: number) => boolean) => {
    let allowed = 0;
    while (allowed < 1_000 && more(allowed)) allowed++;
    calls.push({ allowed });
    const a = answer(calls.length);
    if (a instanceof Error) throw a;
    if (a && pages > allowed) return { groups: a.groups, complete: false };
    return a;
  };
  return { list, calls };
}

const YOUNG_MS = 60_000;
const now = 1_000_000;
/** A clock the test moves (the engine's time scale is 1 in unit tests: engine ms are real ms). */
function clock() {
  let t = now;
  return { at: () => t, pass: (ms: number) => void (t += ms) };
}

test('a young group whose site a complete listing does not list is not probed; one it lists is; one listing answers all', async () => {
  const { list, calls } = listing(() => ({ groups: new Set(['g1']), complete: true }));
  const s = new GroupSiteSightings({ list, now: clock().at }, YOUNG_MS);
  const waits = ['G1', 'g2', 'g3', 'g4', 'g5', 'g6'].map((g) => s.watch(g, now));
  const skips = await Promise.all(waits.map((w) => w.skipProbe()));
  // ids compared in lower case: G1 is listed
  expect(skips).toEqual([false, true, true, true, true, true]);
  expect(calls.length).toBe(1);
  // six young groups: at most two pages (a page costs what PROBES_A_PAGE probes cost)
  expect(calls[0]!.allowed).toBe(6 / PROBES_A_PAGE);
  expect(s.stats).toEqual({ listings: 1, refused: 0, spared: 5 });
});

test('an old group is probed without a listing; too few young groups ask for none', async () => {
  const { list, calls } = listing(() => ({ groups: new Set(), complete: true }));
  const s = new GroupSiteSightings({ list, now: clock().at }, YOUNG_MS);
  expect(await s.watch('old', now - YOUNG_MS - 1).skipProbe()).toBe(false);
  const few = Array.from({ length: PROBES_A_PAGE - 1 }, (_, i) => s.watch(`g${i}`, now));
  for (const w of few) expect(await w.skipProbe()).toBe(false);
  expect(calls.length).toBe(0);
  // a group whose wait ended no longer counts as young
  const more = s.watch('g-last', now);
  more.done();
  expect(await few[0]!.skipProbe()).toBe(false);
  expect(calls.length).toBe(0);
});

test('a listing given up before its end (more pages than the young groups are worth) spares nothing; the next is asked only once more young groups wait than its pages could hold', async () => {
  // the tenant holds 3 pages of group sites
  const { list, calls } = listing(() => ({ groups: new Set(), complete: true }), 3);
  const time = clock();
  const s = new GroupSiteSightings({ list, now: time.at }, YOUNG_MS);
  const first = Array.from({ length: 2 * PROBES_A_PAGE }, (_, i) => s.watch(`a${i}`, now));
  expect(await first[0]!.skipProbe()).toBe(false);
  expect(calls).toEqual([{ allowed: 2 }]);
  // past its freshness, with as many young groups: no listing (it would be given up again)
  time.pass(REFRESH_MS + 1);
  expect(await first[1]!.skipProbe()).toBe(false);
  expect(calls.length).toBe(1);
  // once more young groups wait than its two pages could hold, another is asked, and read to its end
  const later = Array.from({ length: PROBES_A_PAGE }, (_, i) => s.watch(`b${i}`, now));
  expect(await later[0]!.skipProbe()).toBe(true);
  expect(calls).toEqual([{ allowed: 2 }, { allowed: 3 }]);
  expect(s.stats.spared).toBe(1);
});

test('a listing answers for REFRESH_MS; past it the next probe asks a new one', async () => {
  let listed = new Set<string>();
  const { list, calls } = listing(() => ({ groups: listed, complete: true }));
  const time = clock();
  const s = new GroupSiteSightings({ list, now: time.at }, YOUNG_MS);
  const waits = Array.from({ length: 6 }, (_, i) => s.watch(`g${i}`, now));
  expect(await waits[0]!.skipProbe()).toBe(true);
  listed = new Set(['g0']);
  time.pass(REFRESH_MS);
  expect(await waits[0]!.skipProbe()).toBe(true);
  expect(calls.length).toBe(1);
  time.pass(1);
  expect(await waits[0]!.skipProbe()).toBe(false);
  expect(calls.length).toBe(2);
  // past its youth a group is probed whatever the listing says
  time.pass(YOUNG_MS);
  expect(await waits[1]!.skipProbe()).toBe(false);
  expect(calls.length).toBe(2);
});

test('a refused listing is not asked again; a failed one not again at once', async () => {
  const refused = listing(() => undefined);
  const r = new GroupSiteSightings({ list: refused.list, now: clock().at }, YOUNG_MS);
  const rs = Array.from({ length: 6 }, (_, i) => r.watch(`g${i}`, now));
  for (const w of rs) expect(await w.skipProbe()).toBe(false);
  expect(refused.calls.length).toBe(1);
  expect(r.stats.refused).toBe(1);

  const failing = listing((call) => (call === 1 ? new Error('503') : { groups: new Set(), complete: true }));
  const time = clock();
  const f = new GroupSiteSightings({ list: failing.list, now: time.at }, YOUNG_MS);
  const fs = Array.from({ length: 6 }, (_, i) => f.watch(`g${i}`, now));
  for (const w of fs) expect(await w.skipProbe()).toBe(false);
  expect(failing.calls.length).toBe(1);
  // after REFRESH_MS the next is asked (and answers)
  time.pass(REFRESH_MS);
  expect(await fs[0]!.skipProbe()).toBe(true);
  expect(failing.calls.length).toBe(2);
});

test('a listing reads at most PAGES_AT_MOST pages however many young groups wait; given up there, none is asked again', async () => {
  // the tenant holds more pages of group sites than a listing may read
  const { list, calls } = listing(() => ({ groups: new Set(), complete: true }), PAGES_AT_MOST + 1);
  const time = clock();
  const s = new GroupSiteSightings({ list, now: time.at }, YOUNG_MS);
  const many = Array.from({ length: 100 * PROBES_A_PAGE }, (_, i) => s.watch(`g${i}`, now));
  expect(await many[0]!.skipProbe()).toBe(false);
  expect(calls).toEqual([{ allowed: PAGES_AT_MOST }]);
  const more = Array.from({ length: 100 * PROBES_A_PAGE }, (_, i) => s.watch(`h${i}`, now));
  time.pass(REFRESH_MS + 1);
  expect(await more[0]!.skipProbe()).toBe(false);
  expect(calls.length).toBe(1);
});

test('no listing while the budget is contended; once it is free, one', async () => {
  const { list, calls } = listing(() => ({ groups: new Set(), complete: true }));
  let contended = true;
  const s = new GroupSiteSightings({ list, contended: () => contended, now: clock().at }, YOUNG_MS);
  const waits = Array.from({ length: 6 }, (_, i) => s.watch(`g${i}`, now));
  expect(await waits[0]!.skipProbe()).toBe(false);
  expect(calls.length).toBe(0);
  contended = false;
  expect(await waits[0]!.skipProbe()).toBe(true);
  expect(calls.length).toBe(1);
});
