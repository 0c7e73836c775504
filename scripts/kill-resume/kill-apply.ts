/**
 * One apply killed with SIGKILL at a point chosen from its own progress: the plan it prints
 * says what this run will create, and its journal says what it has in flight, so the kill lands
 * where it is aimed (before the first change, with work in flight, mid-create of a site, a list
 * or a team) instead of at a random time that may fall before or after the run. After the kill,
 * the journal is read again to prove where the kill landed.
 */
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { applyEntry, emptyRun, followJournal, readRuns, type JournalEntry, type RunState } from './journal-watch.ts';

const root = resolve(import.meta.dirname, '../..');

/** In the order a round aims them: the kinds of work are created in this order, the general mid-run kill last. */
export const KILL_POINTS = ['before-first-change', 'mid-site', 'mid-list', 'mid-team', 'work-in-flight'] as const;
/** Where a kill is aimed. */
export type KillPoint = (typeof KILL_POINTS)[number];

/** What a change address creates, for aiming: a site (its group), a list, a team, or other. */
export type Kind = 'site' | 'list' | 'team' | 'other';

export function kindOf(address: string): Kind {
  if (/^site\[[^\]]*\]$/.test(address)) return 'site';
  if (/\/list\[[^\]]*\]$/.test(address)) return 'list';
  if (/\/team$/.test(address)) return 'team';
  return 'other';
}

/** The changes a run's printed plan announces (`  + team site[/sites/x]/team`). */
export interface PlannedChanges {
  /** Every change address of the plan. */
  addresses: string[];
  /** The addresses the plan creates. */
  createAddresses: string[];
  /** The creates, by kind. */
  creates: Record<Kind, number>;
}

/** Parses apply's printed plan; undefined until its closing `Plan: …` line has been printed. */
export function plannedChanges(stdout: string): PlannedChanges | undefined {
  if (!/^Plan: \d+ to add/m.test(stdout) && !/^No changes/m.test(stdout)) return undefined;
  const creates: Record<Kind, number> = { site: 0, list: 0, team: 0, other: 0 };
  const addresses: string[] = [];
  const createAddresses: string[] = [];
  for (const m of stdout.matchAll(/^ {2}(\S{1,3}) [A-Za-z]+ (site\[\S+)$/gm)) {
    addresses.push(m[2]!);
    if (m[1] !== '+') continue;
    creates[kindOf(m[2]!)]++;
    createAddresses.push(m[2]!);
  }
  return { addresses, createAddresses, creates };
}

/** Where one kill landed, from the journal read after the process was gone. */
export interface KillOutcome {
  aimed: KillPoint;
  /** The point actually used (the aimed one, or the next one this run's plan allows). */
  point?: KillPoint;
  run?: string;
  /** The apply was killed before it ended. */
  killed: boolean;
  /** The journal shows the run began and has no end record: the kill landed inside an apply. */
  landed: boolean;
  /** The work the point aims at was in flight when the process died (see `why`). */
  onTarget: boolean;
  /** Open intents (sent, no outcome) when the process died. */
  inFlight: string[];
  /** Changes finished by the run before it died, and changes its plan had. */
  outcomes: number;
  planned: number;
  /** The addresses this run's plan created (what the ledger must own once it converged). */
  plannedCreates: string[];
  why: string;
  /** The apply had nothing to do (its plan was empty): no run to kill. */
  nothingToDo?: boolean;
  ms: number;
}

/** A deterministic random source (a failing sequence can be replayed from its seed). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 2 ** 31) / 2 ** 31;
}

function pick(random: () => number, from: number, to: number): number {
  return from + Math.floor(random() * (to - from + 1));
}

/** The first point, from `aimed` on in KILL_POINTS' order, that this run's plan can reach. */
function reachable(aimed: KillPoint, plan: PlannedChanges): KillPoint | undefined {
  const start = KILL_POINTS.indexOf(aimed);
  for (let i = 0; i < KILL_POINTS.length; i++) {
    const p = KILL_POINTS[(start + i) % KILL_POINTS.length]!;
    if (p === 'before-first-change' && plan.addresses.length > 0) return p;
    if (p === 'work-in-flight' && plan.addresses.length >= 2) return p;
    if (p === 'mid-site' && plan.creates.site > 0) return p;
    if (p === 'mid-list' && plan.creates.list > 0) return p;
    if (p === 'mid-team' && plan.creates.team > 0) return p;
  }
  return undefined;
}

/**
 * Runs `provision apply <blueprint> --yes` in `cwd` and kills it at `aimed` (or the next point
 * its plan allows); the local tenant must be served by another process, so that it outlives
 * the kill.
 */
export function applyAndKill(cwd: string, blueprint: string, aimed: KillPoint, random: () => number): Promise<KillOutcome> {
  const journalFile = join(cwd, '.provision', 'journal.jsonl');
  const started = Date.now();
  return new Promise((done) => {
    let stdout = '';
    let state: RunState | undefined;
    let point: KillPoint | undefined;
    let trigger: ((s: RunState, e: JournalEntry) => boolean) | undefined;
    let kindSeen = 0;
    let killed = false;
    let planned = 0;
    let plannedCreates: string[] = [];
    const early: JournalEntry[] = [];
    const child = spawn(process.execPath, [join(root, 'bin/provision.js'), 'apply', blueprint, '--yes'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const kill = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    /** Chooses the point once both the run record and the whole printed plan are there. */
    const aim = () => {
      if (point || !state) return;
      const plan = plannedChanges(stdout);
      if (!plan) return;
      planned = plan.addresses.length;
      plannedCreates = plan.createAddresses;
      point = reachable(aimed, plan);
      if (!point) return; // nothing reachable: let it run to its end
      if (point === 'before-first-change') trigger = () => true;
      else if (point === 'work-in-flight') {
        const after = pick(random, 1, Math.max(1, Math.floor(planned / 2)));
        trigger = (s) => s.outcomes >= after && s.open.size > 0;
      } else {
        const kind: Kind = point === 'mid-site' ? 'site' : point === 'mid-list' ? 'list' : 'team';
        const nth = pick(random, 1, plan.creates[kind]);
        trigger = (_s, e) => e.t === 'intent' && kindOf(e.address ?? '') === kind && ++kindSeen === nth;
      }
      // Entries that arrived before the plan was parsed are replayed, in order.
      for (const e of early.splice(0)) if (trigger(state, e)) return kill();
      if (point === 'before-first-change') kill();
    };
    const follower = followJournal(journalFile, (e) => {
      if (killed) return;
      if (e.t === 'run' && !state && e.run) {
        state = emptyRun(e.run);
        aim();
        return;
      }
      if (!state || e.run !== state.run) return;
      applyEntry(state, e);
      if (!trigger) early.push(e);
      else if (trigger(state, e)) kill();
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      aim();
    });
    child.on('exit', () => {
      follower.stop();
      const ms = Date.now() - started;
      const after = state ? readRuns(journalFile).find((r) => r.run === state!.run) : undefined;
      if (!state || !after) {
        const nothingToDo = /^No changes/m.test(stdout);
        done({ aimed, killed, landed: false, onTarget: false, inFlight: [], outcomes: 0, planned, plannedCreates, ms, ...(nothingToDo ? { nothingToDo } : {}), why: nothingToDo ? 'the plan was empty' : 'no run began before the process ended' });
        return;
      }
      const inFlight = [...after.open.keys()];
      const landed = killed && !after.ended;
      const onTarget = landed && targetHeld(point, after);
      const why = !killed
        ? `the apply ended before its kill point (${point ?? 'none reachable'})`
        : after.ended
          ? 'the journal has an end record: the kill came after the run'
          : onTarget
            ? `killed ${point} with ${inFlight.length} change(s) in flight after ${after.outcomes} outcome(s)`
            : `killed inside the run, but the ${point} work was no longer in flight (in flight: ${inFlight.join(', ') || 'nothing'})`;
      done({ aimed, ...(point ? { point } : {}), run: state.run, killed, landed, onTarget, inFlight, outcomes: after.outcomes, planned, plannedCreates, why, ms });
    });
  });
}

/** The post-kill journal shows the aimed work in flight. */
function targetHeld(point: KillPoint | undefined, run: RunState): boolean {
  const kinds = [...run.open.keys()].map(kindOf);
  if (point === 'before-first-change') return run.outcomes === 0;
  if (point === 'work-in-flight') return run.outcomes > 0 && run.open.size > 0;
  if (point === 'mid-site') return kinds.includes('site');
  if (point === 'mid-list') return kinds.includes('list');
  if (point === 'mid-team') return kinds.includes('team');
  return false;
}
