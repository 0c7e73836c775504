/**
 * One apply run, independent of any command line (the CLI parses flags and renders; tests and
 * scripts call this): take the state folder's lock and the tenant lease (waiting up to
 * `lockTimeoutMs`), make the plan under them, check consent, confirm, report an interrupted
 * previous run and torn journal lines, open the audit log, journal the run, apply (each change
 * audited before it is sent), and release. A run refused by the lock, the lease, consent or an
 * unwritable audit log changes nothing in the tenant.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { applyPlan, refusedChanges } from '../apply/apply-plan.ts';
import { AuditLog } from '../apply/audit-log.ts';
import type { ApplyEvent, ApplyResult } from '../apply/events.ts';
import { Journal, type InterruptedRun, type TornLine } from '../apply/journal.ts';
import type { Change, DestructiveFlag } from '../model/change.ts';
import type { Plan } from '../model/plan.ts';
import { isEmptyPlan } from '../plan/build-plan.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { thisHolder, tryLockStateFolder, type LockHolder } from './apply-lock.ts';
import { tryTakeLease, type TenantLease } from './apply-lease.ts';

/** How long a tenant lease lasts unless renewed (renewed every third of it while apply runs). */
export const DEFAULT_LEASE_TTL_MS = 120_000;

export interface RunApplyOptions {
  tenant: TenantClient;
  /** The target's name, as recorded in the journal and the audit log. */
  tenantName: string;
  /** The state folder (`.provision/`): lock, journal, audit log. */
  stateDir: string;
  /** The blueprint's owner name (the plan's `owner`): the tenant lease is per blueprint. */
  owner: string;
  /** Makes the plan once the lock and lease are held, or says why there is none (e.g. a stale saved plan). */
  makePlan(): Promise<{ ok: true; plan: Plan } | { ok: false; why: string[] }>;
  /**
   * Refusals of the plan beyond consent (e.g. custom script without its flag, changes the
   * credential cannot make): lines saying why, or undefined to go on. Nothing is changed.
   */
  vetPlan?(plan: Plan): string[] | undefined;
  concurrency: number;
  allow: ReadonlySet<DestructiveFlag>;
  /** Consent to allow custom script on the sites of changes that need it (see ApplyOptions). */
  allowCustomScript?: boolean;
  /** How long to wait for a lock or lease held by another run; 0 refuses at once. */
  lockTimeoutMs?: number;
  leaseTtlMs?: number;
  /** Shown the plan before anything else happens (the CLI prints it). */
  showPlan?(plan: Plan): void;
  /** Asked after the plan is shown, when given (a terminal prompt); absent means consent is given (--yes). */
  confirm?(): Promise<{ ok: true } | { ok: false; why: string }>;
  /** Lines for the user: waiting for a lock, an interrupted run, torn journal lines. */
  notice?(line: string): void;
  /** Called when changes are about to start (e.g. to start a live display). */
  onStart?(plan: Plan): void;
  onEvent?(event: ApplyEvent): void;
}

/** How a run ended. Only `applied` changed the tenant. */
export type RunApplyOutcome =
  | { status: 'locked'; where: 'state folder' | 'tenant'; holder: LockHolder; file?: string }
  | { status: 'no-plan'; why: string[] }
  | { status: 'no-changes'; plan: Plan }
  | { status: 'consent-refused'; plan: Plan; refused: Change[] }
  | { status: 'vetoed'; plan: Plan; why: string[] }
  | { status: 'declined'; plan: Plan; why: string }
  | { status: 'audit-unwritable'; plan: Plan; why: string }
  | { status: 'applied'; plan: Plan; result: ApplyResult; ms: number; interrupted?: InterruptedRun; torn: TornLine[] };

export async function runApply(options: RunApplyOptions): Promise<RunApplyOutcome> {
  const run = randomUUID();
  const me = thisHolder(run);
  const deadline = Date.now() + (options.lockTimeoutMs ?? 0);
  const notice = options.notice ?? (() => {});

  const lock = await waitFor(deadline, () => tryLockStateFolder(options.stateDir, me), (h) => notice(`Waiting for the apply running in this folder (host ${h.host}, pid ${h.pid}, since ${h.since}) ...`));
  if (!lock.ok) return { status: 'locked', where: 'state folder', holder: lock.holder, file: lock.file };
  let lease: TenantLease | undefined;
  try {
    const taken = await waitFor(
      deadline,
      () => tryTakeLease(options.tenant.graph, options.owner, me, options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS),
      (h) => notice(`Waiting for the apply of '${options.owner}' that holds the tenant lease (host ${h.host}, pid ${h.pid}, expires ${h.expires}) ...`),
    );
    if (!taken.ok) return { status: 'locked', where: 'tenant', holder: taken.holder };
    lease = taken.lease;
    return await underLock(options, run, lease);
  } finally {
    await lease?.release();
    lock.release();
  }
}

async function underLock(options: RunApplyOptions, run: string, lease: TenantLease): Promise<RunApplyOutcome> {
  const made = await options.makePlan();
  if (!made.ok) return { status: 'no-plan', why: made.why };
  const plan = made.plan;
  options.showPlan?.(plan);
  if (isEmptyPlan(plan)) return { status: 'no-changes', plan };
  const refused = refusedChanges(plan, options.allow);
  if (refused.length > 0) return { status: 'consent-refused', plan, refused };
  const vetoed = options.vetPlan?.(plan);
  if (vetoed) return { status: 'vetoed', plan, why: vetoed };
  if (options.confirm) {
    const answer = await options.confirm();
    if (!answer.ok) return { status: 'declined', plan, why: answer.why };
  }

  const audit = new AuditLog(join(options.stateDir, 'audit.jsonl'), options.tenantName, run);
  try {
    audit.open();
  } catch (error) {
    return { status: 'audit-unwritable', plan, why: (error as Error).message };
  }
  const journal = new Journal(join(options.stateDir, 'journal.jsonl'), run);
  // Read under the lock: a run still going holds it, so what never ended here was interrupted.
  const { interrupted, torn } = journal.read();
  for (const t of torn) options.notice?.(`${t.file}:${t.line}: a torn journal line (a run killed while writing it) was skipped`);
  if (interrupted) {
    options.notice?.(
      `The previous apply (started ${interrupted.startedAt}) was interrupted with ${interrupted.inFlight.length} change(s) in flight; this plan was made from a fresh read, and creates adopt what those made.`,
    );
    for (const address of interrupted.inFlight) options.notice?.(`  in flight: ${address}`);
  }
  journal.begin(options.tenantName, plan.blueprint);
  options.onStart?.(plan);
  const onEvent = (event: ApplyEvent) => {
    journal.onEvent(event);
    audit.onEvent(event);
    options.onEvent?.(event);
  };
  const started = Date.now();
  const result = await applyPlan(plan, options.tenant, {
    concurrency: options.concurrency,
    onEvent,
    allow: new Set(options.allow),
    allowCustomScript: options.allowCustomScript === true,
    beforeChange: audit.intend,
    signal: lease.lost,
  });
  journal.end();
  return { status: 'applied', plan, result, ms: Date.now() - started, ...(interrupted ? { interrupted } : {}), torn };
}

/** Tries until it succeeds or the deadline passes, reporting the holder once. */
async function waitFor<T extends { ok: boolean; holder?: LockHolder }>(deadline: number, attempt: () => T | Promise<T>, waiting: (holder: LockHolder) => void): Promise<T> {
  let told = false;
  for (;;) {
    const result = await attempt();
    if (result.ok || Date.now() >= deadline) return result;
    if (!told && result.holder) waiting(result.holder);
    told = true;
    await new Promise((done) => setTimeout(done, Math.min(1000, Math.max(50, deadline - Date.now()))));
  }
}
