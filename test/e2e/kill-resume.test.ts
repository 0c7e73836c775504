/**
 * An apply killed with SIGKILL in the middle of its work, again and again, converges on the next
 * run with nothing made twice and everything owned. The kills are placed by the apply's own
 * journal (scripts/kill-resume/): before its first change, mid-create of a site (its group), of
 * a list and of a team, and with work in flight, each proven to have landed inside a run that
 * began, had that work in flight and never wrote its end record. The local tenant runs in its
 * own process (`provision emulator start`), so it outlives every kill. Afterwards the tenant
 * holds one group per mailNickname, one site per URL, one list per URL, one team per group, no
 * stray group; a fresh plan is empty; and the ownership ledger owns everything the runs created,
 * each record holding the object's id (a kill between a create and its outcome left an intent,
 * which the next apply settled: src/apply/settle-interrupted.ts).
 * `scripts/kill-resume.ts --kills 100` is the long form.
 */
import { expect, test } from 'vitest';
import { KILL_POINTS, seeded } from '../../scripts/kill-resume/kill-apply.ts';
import { runRound } from '../../scripts/kill-resume/round.ts';

test('applies killed before the first change, mid-site, mid-list, mid-team and with work in flight: each kill lands, then converged, nothing twice, all owned', async () => {
  const round = await runRound({ workspaces: 3, kills: KILL_POINTS.length, random: seeded(20261202) });

  // Each kill landed inside an apply, on the work it was aimed at.
  expect(round.kills.map((k) => k.aimed)).toEqual([...KILL_POINTS]);
  for (const kill of round.kills) {
    expect(kill.killed, kill.why).toBe(true);
    expect(kill.landed, kill.why).toBe(true);
    expect(kill.onTarget, kill.why).toBe(true);
    expect(kill.inFlight.length + (kill.point === 'before-first-change' ? 1 : 0), kill.why).toBeGreaterThan(0);
  }
  // At least the first three reached their own point (the fixture has work of each kind left).
  expect(round.kills.slice(0, 3).map((k) => k.point)).toEqual(KILL_POINTS.slice(0, 3));
  expect(round.interruptedReported).toBe(1);

  expect(round.finalExit, round.finalOutput).toBe(0);
  expect(round.planExit).toBe(0);
  expect(round.findings.duplicates).toEqual([]);
  expect(round.findings.missing).toEqual([]);
  expect(round.findings.ledgerChecked).toBeGreaterThan(0);
  // What the final, unkilled apply created is owned; what the killed runs created must be too.
  expect(round.unownedFromFinal).toBe(0);
  expect(round.findings.unowned).toEqual([]);
  // Every record holds its create's outcome: what a kill left an intent, the next apply settled.
  expect(round.findings.unsettled).toEqual([]);
}, 240_000);
