/**
 * One apply run, independent of any command line (the CLI parses flags, prompts and renders;
 * tests and scripts call this too): check the source (a saved plan's tenant, the users a
 * blueprint names), take the state folder's lock and the tenant lease (waiting up to
 * `lockTimeoutMs`), make the plan under them, check consent and what the credential can do,
 * confirm, report an interrupted previous run and torn journal lines and settle the ownership
 * records it left as intents (also when the plan is empty), open the audit log, journal the run,
 * apply (each change audited before it is sent, every event to the journal,
 * the audit log and the caller), and release. A run refused before `applied` changes nothing in
 * the tenant.
 */
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { applyPlan, refusedChanges } from '../apply/apply-plan.ts';
import { AuditLog } from '../apply/audit-log.ts';
import type { ApplyEvent, ApplyResult } from '../apply/events.ts';
import { Journal, type InterruptedRun, type TornLine } from '../apply/journal.ts';
import { settleInterrupted } from '../apply/settle-interrupted.ts';
import { OwnershipLedger } from '../ownership/ledger.ts';
import { knownUserEntries, type KnownUsers } from '../kinds/shared/teams-common.ts';
import type { Change, DestructiveFlag } from '../model/change.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Plan } from '../model/plan.ts';
import { isEmptyPlan } from '../plan/build-plan.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { checkSource, ownerOfSource, planOfSource, vetPlan, type ApplySource, type SourceRefusal } from './apply-source.ts';
import { thisHolder, tryLockStateFolder, type LockHolder } from './apply-lock.ts';
import { tryTakeLease, type LeaseAttempt, type TenantLease } from './apply-lease.ts';

/** In-flight changes of an interrupted run listed by name; the rest are counted. */
const IN_FLIGHT_LISTED = 20;

/** How long a tenant lease lasts unless renewed (renewed every third of it while apply runs). */
export const DEFAULT_LEASE_TTL_MS = 120_000;

export interface RunApplyOptions {
  tenant: TenantClient;
  /** The target's name, as recorded in the journal and the audit log. */
  tenantName: string;
  /** The state folder (`.provision/`): lock, journal, audit log. */
  stateDir: string;
  /** What to apply (apply-source.ts); the tenant lease is per blueprint owner. */
  source: ApplySource;
  concurrency: number;
  /** Consent given for destructive changes; default none. */
  allow?: ReadonlySet<DestructiveFlag>;
  /** Consent to allow custom script on the sites of changes that need it (see ApplyOptions). */
  allowCustomScript?: boolean;
  /** How long to wait for a lock or lease held by another run; 0 refuses at once. */
  lockTimeoutMs?: number;
  leaseTtlMs?: number;
  /** The checks of the blueprint against the tenant (missing users), errors and warnings. */
  onDiagnostics?(diagnostics: Diagnostic[]): void;
  /** Shown the plan before anything else happens (the CLI prints it). */
  showPlan?(plan: Plan): void;
  /** Asked after the plan is shown, when given (a terminal prompt); absent means consent is given (--yes). */
  confirm?(): Promise<{ ok: true } | { ok: false; why: string }>;
  /** Lines for the user: waiting for a lock, an interrupted run, torn journal lines. */
  notice?(line: string): void;
  /** Called when changes are about to start (e.g. to start a live display). */
  onStart?(plan: Plan): void;
  onEvent?(event: ApplyEvent): void;
  /**
   * When aborted (the CLI's first Ctrl-C or SIGTERM), no further change starts: the changes in
   * flight finish and are recorded, ownership is flushed, the lease and the lock are released, and
   * the result counts what was not started (`ApplyResult.notStarted`).
   */
  interrupt?: AbortSignal;
  /**
   * Told how to release the lock and the lease as soon as they are held (e.g. so that an exit at
   * once on a signal releases them first); the returned function is called once they are released.
   */
  whileHeld?(release: () => Promise<void>): () => void;
}

/** How a run ended. Only `applied` changed the tenant. */
export type RunApplyOutcome =
  | SourceRefusal
  | { status: 'locked'; where: 'state folder' | 'tenant'; holder: LockHolder; file?: string }
  /** The release handed out by `whileHeld` ran before the lease was held (an exit at once): nothing was planned or changed. */
  | { status: 'released' }
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
  const checked = await checkSource(options.source, options.tenant, options.onDiagnostics ?? (() => {}));
  if (checked.status !== 'checked') return checked;
  const owner = ownerOfSource(options.source);

  const lock = await waitFor(deadline, () => tryLockStateFolder(options.stateDir, me), (h) => notice(`Waiting for the apply running in this folder (host ${h.host}, pid ${h.pid}, since ${h.since}) ...`));
  if (!lock.ok) return { status: 'locked', where: 'state folder', holder: lock.holder, file: lock.file };
  // The last lease attempt: what the run holds is what it took. A release waits for it, even one
  // that comes while it is answered (a signal in that window), since the service may take the lease
  // for this run even then, and lets go of what it took; a lease left behind would block other
  // machines until it expired.
  let taking: Promise<LeaseAttempt> | undefined;
  let released: Promise<void> | undefined;
  const release = (): Promise<void> =>
    (released ??= (async () => {
      try {
        const held = await taking?.then((t) => (t.ok ? t.lease : undefined), () => undefined);
        await held?.release();
      } finally {
        lock.release();
      }
    })());
  const done = options.whileHeld?.(release);
  try {
    const taken = await waitFor(
      deadline,
      () => (taking = tryTakeLease(options.tenant.graph, owner, me, options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS)),
      (h) => notice(`Waiting for the apply of '${owner}' that holds the tenant lease (host ${h.host}, pid ${h.pid}, expires ${h.expires}) ...`),
      () => released !== undefined,
    );
    // Released while the lease was being taken: what was taken is let go by the release.
    if (released) return { status: 'released' };
    if (!taken.ok) return { status: 'locked', where: 'tenant', holder: taken.holder };
    return await underLock(options, run, taken.lease, checked.users);
  } finally {
    await release();
    done?.();
  }
}

async function underLock(options: RunApplyOptions, run: string, lease: TenantLease, users: KnownUsers): Promise<RunApplyOutcome> {
  const made = await planOfSource(options.source, options.tenant, options.tenantName, users);
  if (!made.ok) return { status: 'no-plan', why: made.why };
  const plan = made.plan;
  options.showPlan?.(plan);
  // The ledger of this run, shared with apply: the intents an interrupted run left are settled
  // in it first (settle-interrupted.ts).
  const ledger = new OwnershipLedger(options.tenant.graph, plan.owner);
  if (isEmptyPlan(plan)) {
    // Nothing to change, but what an interrupted run created may still be recorded as intents.
    // The journal is read under the lock (a run still going holds it); once settled, the run is
    // closed in the journal, so that the next apply neither reports nor settles it again.
    const journal = new Journal(join(options.stateDir, 'journal.jsonl'), run);
    const { interrupted } = journal.lastRunEnded() ? { interrupted: undefined } : journal.read();
    if (interrupted) {
      reportInterrupted(interrupted, options.notice);
      if (await settleAfter(interrupted, plan, options.tenantName, ledger, options.notice)) {
        journal.begin(options.tenantName, plan.blueprint);
        journal.end();
      }
    }
    return { status: 'no-changes', plan };
  }
  const allow = options.allow ?? new Set<DestructiveFlag>();
  const refused = refusedChanges(plan, allow);
  if (refused.length > 0) return { status: 'consent-refused', plan, refused };
  const vetoed = vetPlan(plan, options.tenant, options.allowCustomScript === true);
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
  let opened: Journal | undefined;
  try {
    const journal = (opened = new Journal(join(options.stateDir, 'journal.jsonl'), run));
    // Read under the lock: a run still going holds it, so what never ended here was interrupted.
    const { interrupted, torn, tornNotListed } = journal.read();
    for (const t of torn) options.notice?.(`${t.file}:${t.line}: a torn journal line (a run killed while writing it) was skipped`);
    if (tornNotListed > 0) options.notice?.(`… and ${tornNotListed} more torn journal line(s) in that run, skipped too`);
    if (interrupted) {
      reportInterrupted(interrupted, options.notice);
      // Before this run's header: a kill while settling leaves the interrupted run the journal's last.
      await settleAfter(interrupted, plan, options.tenantName, ledger, options.notice);
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
      allow: new Set(allow),
      allowCustomScript: options.allowCustomScript === true,
      beforeChange: audit.intend,
      ledger,
      known: knownUserEntries(users),
      signal: options.interrupt ? AbortSignal.any([lease.lost, options.interrupt]) : lease.lost,
    });
    journal.end();
    return { status: 'applied', plan, result, ms: Date.now() - started, ...(interrupted ? { interrupted } : {}), torn };
  } finally {
    opened?.close();
    audit.close();
  }
}

/** Says that the previous apply was interrupted, and what it had in flight. */
function reportInterrupted(interrupted: InterruptedRun, notice: ((line: string) => void) | undefined): void {
  notice?.(
    `The previous apply (started ${interrupted.startedAt}) was interrupted with ${interrupted.inFlight.length} change(s) in flight; this plan was made from a fresh read, and creates adopt what those made.`,
  );
  // A run killed at 2,000 changes in flight would print 2,000 lines: the first few say enough.
  for (const address of interrupted.inFlight.slice(0, IN_FLIGHT_LISTED)) notice?.(`  in flight: ${address}`);
  if (interrupted.inFlight.length > IN_FLIGHT_LISTED) notice?.(`  … and ${interrupted.inFlight.length - IN_FLIGHT_LISTED} more`);
}

/**
 * Records the ids of what the interrupted run created whose ownership records are still intents
 * (settle-interrupted.ts), and says so; false when the records could not be written (a later
 * write of the same ledger, or the next apply, tries again) or the run was not this blueprint's
 * on this tenant.
 */
async function settleAfter(interrupted: InterruptedRun, plan: Plan, tenantName: string, ledger: OwnershipLedger, notice: ((line: string) => void) | undefined): Promise<boolean> {
  // Another blueprint's run, or another tenant's (one state folder, two targets): its records are
  // not this ledger's, and it is left for the apply of its own blueprint.
  // (paths as given, so `./bp.yaml` and `bp.yaml` are one blueprint)
  if (interrupted.tenant !== tenantName || resolve(interrupted.blueprint) !== resolve(plan.blueprint)) return false;
  const { settled, unwritten } = await settleInterrupted(plan, interrupted.creates, ledger);
  if (settled.length > 0) notice?.(`Recorded the ownership of ${settled.length} object(s) the interrupted apply created (their records were still intents: the creates had landed, their outcomes had not been written).`);
  if (unwritten) notice?.(`The ownership records the interrupted apply left as intents could not be written yet (${unwritten}); they are written again later.`);
  return unwritten === undefined;
}

/**
 * Tries until it succeeds or the deadline passes, reporting the holder once. Once `stopped()`, no
 * further attempt starts (the last one's result is given back).
 */
async function waitFor<T extends { ok: boolean; holder?: LockHolder }>(deadline: number, attempt: () => T | Promise<T>, waiting: (holder: LockHolder) => void, stopped: () => boolean = () => false): Promise<T> {
  let told = false;
  for (;;) {
    const result = await attempt();
    if (result.ok || Date.now() >= deadline || stopped()) return result;
    if (!told && result.holder) waiting(result.holder);
    told = true;
    await new Promise((done) => setTimeout(done, Math.min(1000, Math.max(50, deadline - Date.now()))));
    if (stopped()) return result;
  }
}
