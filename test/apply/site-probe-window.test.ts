/**
 * The window of site probes (src/apply/site-probe-window.ts) with in-memory values: at most its
 * size out at once, the rest in arrival order, each waiting one lending its change's slot.
 */
import { expect, test } from 'vitest';
import { PROBES_AT_ONCE, SiteProbeWindow } from '../../src/apply/site-probe-window.ts';

/** Whether a turn was given by the time queued microtasks have run. */
async function given(turn: Promise<unknown>): Promise<boolean> {
  let done = false;
  void turn.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

test('at most PROBES_AT_ONCE out at once; an answer lets the first waiting one go', async () => {
  const window = new SiteProbeWindow();
  const answered = await Promise.all(Array.from({ length: PROBES_AT_ONCE }, () => window.probesFor().turn()));
  const first = window.probesFor().turn();
  const second = window.probesFor().turn();
  expect(await given(first)).toBe(false);
  answered[0]!();
  answered[0]!(); // once only: a second call frees nothing
  expect(await given(first)).toBe(true);
  expect(await given(second)).toBe(false);
  answered[1]!();
  expect(await given(second)).toBe(true);
  expect(window.stats.waited).toBe(2);
});

test('a probe waiting for its turn lends its slot, and takes one again when it goes', async () => {
  const window = new SiteProbeWindow(1);
  const calls: string[] = [];
  const answered = await window.probesFor({ park: () => calls.push('no'), resume: () => calls.push('no') }).turn();
  expect(calls).toEqual([]);
  const waiting = window.probesFor({ park: () => calls.push('park'), resume: () => calls.push('resume') }).turn();
  expect(await given(waiting)).toBe(false);
  expect(calls).toEqual(['park']);
  answered();
  expect(await given(waiting)).toBe(true);
  expect(calls).toEqual(['park', 'resume']);
});

test('one that comes while others wait goes after them, even if an answer came meanwhile', async () => {
  const window = new SiteProbeWindow(1);
  const answered = await window.probesFor().turn();
  const order: string[] = [];
  const a = window.probesFor().turn().then((end) => (order.push('a'), end));
  answered();
  const b = window.probesFor().turn().then((end) => (order.push('b'), end));
  (await a)();
  (await b)();
  expect(order).toEqual(['a', 'b']);
});

test('a probe waits for its turn no longer than its latest time, then goes without one; its turn passes on when it comes', async () => {
  const window = new SiteProbeWindow(1);
  const calls: string[] = [];
  const slot = { park: () => calls.push('park'), resume: () => calls.push('resume') };
  const first = await window.probesFor().turn();
  const started = Date.now();
  const late = await window.probesFor(slot).turn(Date.now() + 30);
  // went without a turn, about 30 ms later, its slot taken back
  expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  expect(calls).toEqual(['park', 'resume']);
  expect(window.stats.wentWithoutTurn).toBe(1);
  late();
  // a third waits behind it in the window; when the first is answered, the late one's turn passes on at once
  const third = window.probesFor().turn();
  first();
  const answer = await Promise.race([third, new Promise<string>((r) => setTimeout(() => r('still waiting'), 200))]);
  expect(typeof answer).toBe('function');
  expect(calls).toEqual(['park', 'resume']);
  // one whose latest time has passed goes at once, its slot never lent
  const past = await window.probesFor(slot).turn(Date.now() - 1);
  expect(calls).toEqual(['park', 'resume']);
  expect(window.stats.wentWithoutTurn).toBe(2);
  past();
});

test('while the budget is busy (work waits for it) no turn is given; one is once it is not, or at the latest time', async () => {
  let busy = true;
  const window = new SiteProbeWindow(5, () => busy);
  const calls: string[] = [];
  const slot = { park: () => calls.push('park'), resume: () => calls.push('resume') };
  const held = window.probesFor(slot).turn();
  expect(await given(held)).toBe(false);
  expect(calls).toEqual(['park']);
  // one with a latest time goes at it, busy or not
  const started = Date.now();
  const late = await window.probesFor().turn(Date.now() + 30);
  expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  late();
  expect(await given(held)).toBe(false);
  busy = false;
  // the held one goes at the next look (every ROOM_POLL_MS of engine time)
  const answer = await Promise.race([held, new Promise<string>((r) => setTimeout(() => r('still held'), 3_000))]);
  expect(typeof answer).toBe('function');
  expect(calls).toEqual(['park', 'resume']);
  expect(window.stats.heldForBudget).toBeGreaterThanOrEqual(1);
  // not busy: a turn at once
  expect(await given(window.probesFor().turn())).toBe(true);
});

test('a turn whose budget filled between its call and its turn is held like one that waited: slot lent, gone at its latest time', async () => {
  let looks = 0;
  // not busy when the turn is asked for, busy from the next look on
  const window = new SiteProbeWindow(5, () => looks++ > 0);
  const calls: string[] = [];
  const slot = { park: () => calls.push('park'), resume: () => calls.push('resume') };
  const started = Date.now();
  const end = await window.probesFor(slot).turn(Date.now() + 40);
  expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  expect(calls).toEqual(['park', 'resume']);
  expect(window.stats.heldForBudget).toBe(1);
  expect(window.stats.wentWithoutTurn).toBe(1);
  end();
});

test('a busy spell that ends is forgotten: the next one holds turns again', async () => {
  let busy = true;
  const window = new SiteProbeWindow(5, () => busy);
  const first = window.probesFor().turn();
  expect(await given(first)).toBe(false);
  busy = false;
  (await first)();
  busy = true;
  const second = window.probesFor().turn();
  // held again, not let through by the first spell's settled wait
  expect(await given(second)).toBe(false);
  busy = false;
  (await second)();
  expect(window.stats.heldForBudget).toBe(2);
});
