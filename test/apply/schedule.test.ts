/**
 * The scheduler apply runs a plan with (src/apply/schedule.ts): dependants run only after their
 * dependencies succeeded and get their parent's ids, no more than `concurrency` run at once, and
 * a change is skipped at the first of its dependencies (in order) that did not succeed.
 */
import { expect, test } from 'vitest';
import type { Change } from '../../src/model/change.ts';
import { schedule, type Outcome, type ScheduleSteps } from '../../src/apply/schedule.ts';

const change = (address: string, dependsOn: string[] = [], action = 'create'): Change => ({ address, dependsOn, action }) as unknown as Change;

/** Steps where teams (`team` in the address) go first: nothing at once, a skip says so, no parents. */
const teamsFirst = (concurrency: number, run: ScheduleSteps['run'], firstAtMost?: number): ScheduleSteps => ({
  concurrency,
  ...(firstAtMost !== undefined ? { firstAtMost } : {}),
  parentOf: () => undefined,
  first: (c) => c.address.includes('team'),
  atOnce: () => undefined,
  skip: () => ({ ok: false, why: 'skipped' }),
  run,
  settled: () => {},
});

test('dependants run after their dependencies with their parent ids, never more than the concurrency at once', async () => {
  const sites = Array.from({ length: 30 }, (_, i) => change(`site[${i}]`));
  const lists = sites.flatMap((s) => [change(`${s.address}/list[a]`, [s.address]), change(`${s.address}/list[b]`, ['outside-the-plan', s.address])]);
  const done = new Set<string>();
  const parentIdsSeen = new Map<string, string | undefined>();
  let running = 0;
  let most = 0;
  await schedule([...lists, ...sites], {
    concurrency: 4,
    parentOf: (c) => (c.address.includes('/') ? c.address.split('/')[0] : undefined),
    atOnce: () => undefined,
    skip: () => ({ ok: false, why: 'skipped' }),
    run: async (c, parent) => {
      running++;
      most = Math.max(most, running);
      for (const dep of c.dependsOn) if (dep.startsWith('site')) expect(done.has(dep)).toBe(true);
      parentIdsSeen.set(c.address, parent.ids.siteId);
      await new Promise((r) => setTimeout(r, 1));
      running--;
      done.add(c.address);
      return { ok: true, ids: { siteId: `id of ${c.address}` } };
    },
    settled: () => {},
  });
  expect(done.size).toBe(90);
  expect(most).toBe(4);
  expect(parentIdsSeen.get('site[7]/list[b]')).toBe('id of site[7]');
  expect(parentIdsSeen.get('site[7]')).toBeUndefined();
});

test('a change is skipped at the first dependency that did not succeed, and its dependants after it', async () => {
  const plan = [change('a'), change('b'), change('c', ['a', 'b']), change('d', ['c']), change('e', ['a']), change('n', [], 'noop'), change('m', ['n'])];
  const skipped: string[] = [];
  const ran: string[] = [];
  const settled: string[] = [];
  await schedule(plan, {
    concurrency: 10,
    parentOf: () => undefined,
    atOnce: (c) => ((c.action as string) === 'noop' ? { ok: true, ids: {} } : undefined),
    skip: (c, dep, because) => {
      skipped.push(`${c.address} because ${dep} ${because.why}`);
      return { ok: false, why: 'was skipped', ...(because.waiting ? { waiting: true } : {}) };
    },
    run: async (c): Promise<Outcome> => {
      ran.push(c.address);
      if (c.address === 'a') return { ok: false, why: 'is pending', waiting: true };
      if (c.address === 'b') return { ok: false, why: 'failed' };
      return { ok: true, ids: {} };
    },
    settled: (c) => settled.push(c.address),
  });
  expect(ran.sort()).toEqual(['a', 'b', 'm']);
  expect(skipped.sort()).toEqual(['c because a is pending', 'd because c was skipped', 'e because a is pending']);
  expect(settled.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'm', 'n']);
});

test('a step that throws stops the run: nothing starts after it, and it rejects once the changes in flight have settled', async () => {
  for (const how of ['throws', 'rejects'] as const) {
    const plan = [change('a'), change('bad'), change('c'), change('d'), change('e')];
    const started: string[] = [];
    const settled: string[] = [];
    const run = schedule(plan, {
      concurrency: 2,
      parentOf: () => undefined,
      atOnce: () => undefined,
      skip: () => ({ ok: false, why: 'skipped' }),
      run: (c): Promise<Outcome> => {
        started.push(c.address);
        if (c.address === 'bad') {
          if (how === 'throws') throw new Error('the journal cannot be written');
          return Promise.reject(new Error('the journal cannot be written'));
        }
        return new Promise((r) => setTimeout(() => r({ ok: true, ids: {} }), 30));
      },
      settled: (c) => void settled.push(c.address),
    });
    await expect(run, how).rejects.toThrow('the journal cannot be written');
    // `a` was in flight when `bad` broke the run: the rejection waited for it.
    expect(settled, how).toEqual(['a']);
    await new Promise((r) => setTimeout(r, 60));
    expect(started, how).toEqual(['a', 'bad']);
  }
});

test('a concurrency below 1 is refused instead of never starting anything', async () => {
  const steps = { parentOf: () => undefined, atOnce: () => undefined, skip: () => ({ ok: false as const, why: '' }), run: async (): Promise<Outcome> => ({ ok: true, ids: {} }), settled: () => {} };
  await expect(schedule([change('a')], { ...steps, concurrency: 0 })).rejects.toThrow(RangeError);
});

test('a parked change lends its slot: the next ready change runs meanwhile, and the parked one finishes on a slot of its own', async () => {
  const order: string[] = [];
  let wake!: () => void;
  const woken = new Promise<void>((r) => (wake = r));
  let inFlight = 0;
  let most = 0;
  await schedule([change('site[a]'), change('site[b]'), change('site[c]')], {
    concurrency: 1,
    parentOf: () => undefined,
    atOnce: () => undefined,
    skip: () => ({ ok: false, why: 'skipped' }),
    run: async (c, _parent, slot) => {
      order.push(`start ${c.address}`);
      if (c.address === 'site[a]') {
        slot.park();
        await woken;
        slot.resume();
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
      } else {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        // a's wait ends while b holds the only slot: a must not wait for it
        if (c.address === 'site[b]') wake();
      }
      order.push(`end ${c.address}`);
      return { ok: true, ids: {} };
    },
    settled: () => {},
  });
  expect(order.slice(0, 2)).toEqual(['start site[a]', 'start site[b]']);
  expect(order).toHaveLength(6);
  // resumed beside b: two on slots at once for a moment, never more
  expect(most).toBeLessThanOrEqual(2);
});

test('ready changes marked first run ahead of those ready before them, each in the order it became ready', async () => {
  // One slot: a site, then its six children ready at once; the team's and then its channels
  // (ready only after the team) go ahead of the lists that were ready long before.
  const plan = [
    change('site'),
    ...['list[1]', 'list[2]', 'list[3]'].map((l) => change(`site/${l}`, ['site'])),
    change('site/team', ['site']),
    change('site/team/channel[a]', ['site/team']),
    change('site/team/channel[b]', ['site/team']),
    change('site/list[4]', ['site']),
  ];
  const order: string[] = [];
  await schedule(
    plan,
    teamsFirst(1, async (c) => {
      order.push(c.address);
      await new Promise((r) => setTimeout(r, 1));
      return { ok: true, ids: {} };
    }),
  );
  expect(order).toEqual(['site', 'site/team', 'site/team/channel[a]', 'site/team/channel[b]', 'site/list[1]', 'site/list[2]', 'site/list[3]', 'site/list[4]']);
});

test('changes that go first hold at most firstAtMost slots: the others run beside them however many are ready first', async () => {
  // Twelve teams ready first, each waiting long for a budget of its own (a Teams window); four
  // lists ready after them. Four slots, teams at most two of them: the lists run while the teams
  // wait, not after them. Without the bound the teams took every slot and the lists waited.
  const plan = [...Array.from({ length: 12 }, (_, i) => change(`team[${i}]`)), ...Array.from({ length: 4 }, (_, i) => change(`list[${i}]`))];
  const run = async (firstAtMost: number | undefined) => {
    const started: string[] = [];
    let teamsNow = 0;
    // the teams at once while a list was still to run
    let teamsMost = 0;
    let listsLeft = 4;
    let listsDoneWhileTeamsLeft = 0;
    let teamsLeft = 12;
    // The teams that may run at once end together, on one timer (a wave each): when the slots they
    // free are taken is then the scheduler's doing, not how the machine's timers happen to fire
    // (separate timers for the last wave's teams fired apart under load and let a list finish
    // between them).
    const wave = firstAtMost ?? 4;
    const waves = new Map<number, Promise<unknown>>();
    const waveEnd = (i: number) => {
      const k = Math.floor(i / wave);
      if (!waves.has(k)) waves.set(k, new Promise((r) => setTimeout(r, 20)));
      return waves.get(k)!;
    };
    const step: ScheduleSteps['run'] = async (c) => {
      started.push(c.address);
      const team = c.address.startsWith('team');
      if (team && ++teamsNow && listsLeft > 0) teamsMost = Math.max(teamsMost, teamsNow);
      await (team ? waveEnd(Number(/\d+/.exec(c.address)![0])) : new Promise((r) => setTimeout(r, 1)));
      if (team) {
        teamsNow--;
        teamsLeft--;
      } else {
        listsLeft--;
        if (teamsLeft > 0) listsDoneWhileTeamsLeft++;
      }
      return { ok: true, ids: {} };
    };
    await schedule(plan, teamsFirst(4, step, firstAtMost));
    return { teamsMost, listsDoneWhileTeamsLeft, started };
  };
  const bounded = await run(2);
  expect(bounded.teamsMost).toBe(2);
  expect(bounded.listsDoneWhileTeamsLeft).toBe(4);
  expect(bounded.started.slice(0, 2)).toEqual(['team[0]', 'team[1]']);
  const unbounded = await run(undefined);
  expect(unbounded.teamsMost).toBe(4);
  expect(unbounded.listsDoneWhileTeamsLeft).toBe(0);
  expect(unbounded.started.slice(0, 12).every((a) => a.startsWith('team'))).toBe(true);
});

test('once no other change is left, the changes that go first may take every slot', async () => {
  // A list, then eight teams: while the list is left, two teams at most; after it, four.
  const plan = [change('list'), ...Array.from({ length: 8 }, (_, i) => change(`team[${i}]`))];
  let teamsNow = 0;
  let mostWithList = 0;
  let mostAfter = 0;
  let listDone = false;
  const step: ScheduleSteps['run'] = async (c) => {
    const team = c.address.startsWith('team');
    if (team) {
      teamsNow++;
      if (listDone) mostAfter = Math.max(mostAfter, teamsNow);
      else mostWithList = Math.max(mostWithList, teamsNow);
    }
    await new Promise((r) => setTimeout(r, team ? 15 : 5));
    if (team) teamsNow--;
    else listDone = true;
    return { ok: true, ids: {} };
  };
  await schedule(plan, teamsFirst(4, step, 2));
  expect(mostWithList).toBe(2);
  expect(mostAfter).toBe(4);
});

test('while room says no, only the changes that go first start; the others start, in order, once it says yes, with no change settling to prompt it', async () => {
  // Room opens after 60 ms; until then the two teams run and wait for it, so no change settles
  // and only the timer's asking can start the lists.
  const plan = [change('list[1]'), change('list[2]'), change('list[3]'), change('team[1]'), change('team[2]')];
  const started: string[] = [];
  let askedNo = 0;
  let startedWhileNoRoom = 0;
  let open = false;
  const steps: ScheduleSteps = {
    ...teamsFirst(10, async (c) => {
      started.push(c.address);
      const other = !c.address.includes('team');
      if (other && !open) startedWhileNoRoom++;
      // The others finish at once; the teams last until the room opens, and a while after.
      if (other) await new Promise((r) => setTimeout(r, 1));
      else while (!open) await new Promise((r) => setTimeout(r, 5));
      return { ok: true, ids: {} };
    }),
    room: () => {
      const yes = open;
      if (!yes) askedNo++;
      return yes;
    },
  };
  setTimeout(() => (open = true), 60);
  await schedule(plan, steps);
  // The teams started at once, before any list, though the lists were ready first.
  expect(started.slice(0, 2)).toEqual(['team[1]', 'team[2]']);
  expect(started.slice(2)).toEqual(['list[1]', 'list[2]', 'list[3]']);
  expect(startedWhileNoRoom).toBe(0);
  // Asked again while it said no, though nothing settled in the meantime (the teams wait for it).
  expect(askedNo).toBeGreaterThan(1);
});

test('stopped from outside: the changes in flight finish, nothing starts after, and the rest is counted as not started', async () => {
  const sites = Array.from({ length: 6 }, (_, i) => change(`site[${i}]`));
  const lists = sites.map((s) => change(`${s.address}/list[a]`, [s.address]));
  const stop = new AbortController();
  const ran: string[] = [];
  const settled: string[] = [];
  const end = await schedule([...sites, ...lists], {
    ...teamsFirst(2, async (c) => {
      ran.push(c.address);
      // The second change to start is in flight when the run is stopped: it still finishes.
      if (ran.length === 2) stop.abort('interrupted');
      await new Promise((r) => setTimeout(r, 5));
      return { ok: true, ids: {} };
    }),
    settled: (c) => settled.push(c.address),
    signal: stop.signal,
  });
  expect(ran).toEqual(['site[0]', 'site[1]']);
  expect(settled.sort()).toEqual(['site[0]', 'site[1]']);
  expect(end).toEqual({ notStarted: 10 });
  // Stopped before it begins: nothing runs, all are counted.
  const none = await schedule([change('x'), change('y', ['x'])], { ...teamsFirst(2, async () => ({ ok: true, ids: {} })), signal: AbortSignal.abort('stopped') });
  expect(none).toEqual({ notStarted: 2 });
});
