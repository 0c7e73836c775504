/**
 * One round of the kill-resume test: a fresh working folder and a fresh local tenant served by
 * `provision emulator start` in its own process (so it outlives every kill -9 of an apply), a
 * series of applies each killed at a point aimed by its journal (kill-apply.ts), then one apply
 * to the end, a plan that must be empty, and the tenant checked (tenant-check.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startEmulatorProcess } from '../bench/emulator-process.ts';
import { FIXTURE, nicknames, writeFixture } from './fixture.ts';
import { applyAndKill, KILL_POINTS, plannedChanges, type KillOutcome, type KillPoint } from './kill-apply.ts';
import { checkTenant, countGroups, type TenantFindings } from './tenant-check.ts';

const root = resolve(import.meta.dirname, '../..');

export interface RoundOptions {
  /** Workspaces (team site + library + team) in the blueprint. */
  workspaces: number;
  /** Applies killed in this round, aimed in turn at each of `points`. */
  kills: number;
  points?: readonly KillPoint[];
  random: () => number;
  /** Keep the working folder (for a failing round). */
  keep?: boolean;
}

export interface RoundResult {
  cwd: string;
  kills: KillOutcome[];
  /** Applies after a killed one that reported the interrupted run. */
  interruptedReported: number;
  finalExit: number;
  finalOutput: string;
  /** `plan --detailed-exitcode` after the final apply: 0 = converged. */
  planExit: number;
  /**
   * Unowned objects that the final (unkilled) apply created itself. Zero while others are
   * unowned means ownership is lost only for what killed runs created.
   */
  unownedFromFinal: number;
  findings: TenantFindings;
  ms: number;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function provision(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(root, 'bin/provision.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

export async function runRound(options: RoundOptions): Promise<RoundResult> {
  const started = Date.now();
  const points = options.points ?? KILL_POINTS;
  const cwd = await mkdtemp(join(tmpdir(), 'kill-resume-'));
  await writeFixture(cwd, options.workspaces);
  const tenant = await startEmulatorProcess(cwd, []);
  let ok = false;
  try {
    const groupsBefore = await countGroups(cwd);
    const kills: KillOutcome[] = [];
    const created = new Set<string>();
    for (let i = 0; i < options.kills; i++) {
      const outcome = await applyAndKill(cwd, FIXTURE.file, points[i % points.length]!, options.random);
      for (const a of outcome.plannedCreates) created.add(a);
      if (outcome.nothingToDo) break;
      kills.push(outcome);
    }
    const final = await provision(cwd, 'apply', FIXTURE.file, '--yes');
    const plan = await provision(cwd, 'plan', FIXTURE.file, '--detailed-exitcode');
    // Every killed run is reported by the next apply; the final one reports the last kill.
    const interruptedReported = /was interrupted with/.test(final.stderr) ? 1 : 0;
    const findings = await checkTenant(cwd, nicknames(options.workspaces), groupsBefore, created);
    const finalCreates = new Set(plannedChanges(final.stdout)?.createAddresses ?? []);
    const result: RoundResult = {
      cwd,
      kills,
      interruptedReported,
      finalExit: final.code,
      finalOutput: (final.stdout + final.stderr).split('\n').slice(-12).join('\n'),
      planExit: plan.code,
      unownedFromFinal: findings.unowned.filter((a) => finalCreates.has(a)).length,
      findings,
      ms: Date.now() - started,
    };
    ok = roundPassed(result);
    return result;
  } finally {
    await tenant.stop();
    if (ok && !options.keep) await rm(cwd, { recursive: true, force: true });
  }
}

/** Every kill landed on its target, the final apply and the plan say converged, nothing wrong in the tenant. */
export function roundPassed(r: RoundResult): boolean {
  return (
    r.kills.every((k) => k.landed && k.onTarget) &&
    r.finalExit === 0 &&
    r.planExit === 0 &&
    r.findings.duplicates.length === 0 &&
    r.findings.missing.length === 0 &&
    r.findings.unowned.length === 0 &&
    r.findings.unsettled.length === 0
  );
}
