/**
 * applyPlan: runs each change of a plan once the changes it depends on have succeeded, at most
 * `concurrency` at a time. Failures skip their dependants; independent work goes on. A create
 * whose outcome is ambiguous (no answer or a 5xx: the service may have committed) is followed by
 * a read by natural key, and an object found there is adopted, never created a second time.
 * Ownership is recorded with each create: an intent durable in the tenant before it is sent,
 * its outcome after, so that a kill at any point never loses what was made.
 */
import { siteOfAddress, type Address } from '../model/address.ts';
import type { Change, DestructiveFlag } from '../model/change.ts';
import { OwnershipLedger } from '../ownership/ledger.ts';
import { scopeOf, type LedgerScope } from '../ownership/ledger-scope.ts';
import type { Plan } from '../model/plan.ts';
import type { AnyDesiredResource } from '../model/resources.ts';
import { NotReadyError } from '../model/not-ready.ts';
import { MadeOtherwiseError } from '../model/made-otherwise.ts';
import { isAmbiguous, isNotFound, TenantError } from '../model/tenant-error.ts';
import type { Facts } from '../model/facts.ts';
import type { ResourceIds } from '../model/found.ts';
import type { WriteContext } from '../kinds/kind-effects.ts';
import { anyKind } from '../kinds/registry.ts';
import type { TenantClient } from '../tenant/tenant-client.ts';
import { createOnce } from './create-once.ts';
import { finishAdopted } from './finish-adopted.ts';
import { ALLOW_CUSTOM_SCRIPT_FLAG, allowCustomScriptFor } from './custom-script.ts';
import type { ApplyEvent, ApplyResult } from './events.ts';
import { publishApplying } from './apply-channel.ts';
import { schedule, type Outcome, type Slot } from './schedule.ts';
import { PROBES_AT_ONCE, SiteProbeWindow } from './site-probe-window.ts';

export interface ApplyOptions {
  /** Changes in flight at once (each may make several requests; the HTTP pool has its own bound). */
  concurrency: number;
  onEvent?(event: ApplyEvent): void;
  /** Consent given for destructive changes; a destructive change without its flag is refused. */
  allow?: ReadonlySet<DestructiveFlag>;
  /**
   * Consent to allow custom script (DenyAddAndCustomizePages off) on the sites of changes that
   * need it (`Change.customScript`), through the tenant admin API right before each; without it
   * such a change is refused (the CLI refuses the whole plan before changing anything).
   */
  allowCustomScript?: boolean;
  /**
   * Where ownership of created resources is recorded: an intent, durable in the tenant, before
   * each create is sent, and its outcome after (forgotten on delete). Default: the tenant's
   * ledger for the plan's owner.
   */
  ledger?: OwnershipLedger;
  /**
   * Called synchronously right before a change is sent (after its consent check), e.g. to
   * write the audit log's intent record. When it throws, the change is not made and fails with
   * that reason.
   */
  beforeChange?(change: Change): void;
  /** When aborted (an interrupt, the apply's lease lost), no further change is started; those in flight finish. */
  signal?: AbortSignal;
  /**
   * Answers the command already has, by the run's memo key (`WriteContext.run`): the users its
   * principal check found (`knownUserEntries`), which the run's changes then look up no more.
   */
  known?: ReadonlyMap<string, unknown>;
  /** The window of probes for new sites (default: a new one), e.g. to read its stats. */
  siteProbes?: SiteProbeWindow;
  /**
   * Requests waiting for SharePoint's budget from which no more changes that do not go first
   * start (default SHAREPOINT_WAITING_AT_MOST; `Infinity`: they start as soon as they are ready
   * and a slot is free). `roomStats`, when given, counts the times the scheduler was told to hold
   * them (once a look: when a change settles, and each ROOM_POLL_MS while they are held).
   */
  sharePointWaitingAtMost?: number;
  roomStats?: { held: number };
}

/** The destructive changes of a plan that the given consent does not cover. */
export function refusedChanges(plan: Plan, allow: ReadonlySet<DestructiveFlag>): Change[] {
  return plan.changes.filter((c) => c.destructive && !allow.has(c.destructive.flag));
}


/**
 * Requests waiting for SharePoint's budget (the pacer's queue) from which no more changes that
 * do not go first start (schedule.ts `room`): about fifteen seconds of that budget's work on a
 * real tenant, a second at the benchmark's 20x, against a poll of ROOM_POLL_MS. The benchmark's
 * 2,000-workspace apply had 1,500 requests waiting there on average without it, about 415 with
 * it. A bound of 100 saved a little more CPU but left SharePoint's budget half idle for minutes
 * of a 5,000-workspace run: the probes for new sites, which it does not hold, then made up the
 * queue (docs/performance.md, issue 12, fifteenth pass).
 */
export const SHAREPOINT_WAITING_AT_MOST = 300;

/**
 * Applies the plan's changes (the module's comment says how) and resolves with what became of
 * each. While it runs, the process is told that changes are being applied (apply-channel.ts).
 */
export async function applyPlan(plan: Plan, tenant: TenantClient, options: ApplyOptions): Promise<ApplyResult> {
  publishApplying(true);
  try {
    return await applyChanges(plan, tenant, options);
  } finally {
    publishApplying(false);
  }
}

async function applyChanges(plan: Plan, tenant: TenantClient, options: ApplyOptions): Promise<ApplyResult> {
  const emit = options.onEvent ?? (() => {});
  const ledger = options.ledger ?? new OwnershipLedger(tenant.graph, plan.owner);
  const resources = new Map(plan.resources.map((r) => [r.address, r]));
  const result: ApplyResult = { succeeded: [], failed: [], skipped: [], pending: [], unchanged: 0 };
  // Facts shared by this run's changes (WriteContext.run), e.g. a site's group ids.
  const shared = new Map<string, unknown>([...(options.known ?? [])].map(([key, value]) => [key, Promise.resolve(value)]));
  // A URL that spends SharePoint's budget (a probe's), to ask the transport how many requests
  // wait for that budget: the window of probes for the sites the service is making for new groups
  // gives no turn while more wait than its own probes could be (a probe would spend a unit that
  // waiting work would have spent), and the scheduler's `room` below starts no more changes.
  const sharePointBudget = tenant.graph.url('/groups/{id}/sites/root');
  const waitingAtMost = options.sharePointWaitingAtMost ?? SHAREPOINT_WAITING_AT_MOST;
  const probeWindow = options.siteProbes ?? new SiteProbeWindow(PROBES_AT_ONCE, () => tenant.transport.waiting(sharePointBudget) > PROBES_AT_ONCE);

  const execute = async (change: Change, resource: AnyDesiredResource, parentIds: ResourceIds, parentFacts: Facts, slot: Slot): Promise<Outcome> => {
    const provider = anyKind(resource.kind);
    const ctx: WriteContext = { tenant, parentIds, parentFacts, run: shared, progress: (message) => emit({ type: 'progress', address: change.address, message }) };
    // Any create may wait for a site the service makes (a group's); only those that do use it.
    if (change.action === 'create' || change.action === 'replace') ctx.siteProbes = probeWindow.probesFor(slot);
    const started = Date.now();
    emit({ type: 'started', address: change.address, action: change.action });
    const scope = scopeOf(ledger.blueprint, change.address, parentIds.siteId);
    scopeOfGroup.set(groupOf(change.address), scope);
    let intended = false;
    try {
      refuseWithoutConsent(change);
      gate(change);
      if (change.customScript) await allowCustomScriptFor(change, 'ids' in change ? { ...parentIds, ...change.ids } : parentIds, tenant, ctx.progress);
      let ids: ResourceIds;
      let facts: Facts | undefined;
      let adopted = false;
      // An update's stated props the plan marked as not applied (Change.notApplied): not written.
      let unwritten: string[] = [];
      if (change.action === 'create') {
        await intend(scope, change.address);
        intended = true;
        let id: string;
        let found: Record<string, unknown> | undefined;
        ({ ids, facts, id, adopted, found } = await createOnce(provider, resource, ctx));
        ledger.settle(scope, change.address, id);
        if (adopted && provider.completeAdopted) ids = await provider.completeAdopted(resource, id, ids, ctx);
        if (found) await finishAdopted(provider, resource, id, ids, found, ctx);
        // A site made just now has no ledger list yet: it is created without a lookup first.
        if (!adopted && ids.siteId && ids.siteId !== parentIds.siteId) ledger.markNewSite(ids.siteId);
      } else if (change.action === 'update') {
        const names = change.changes.map((d) => d.name);
        unwritten = names.filter((name) => change.notApplied?.props.includes(name));
        const written = names.filter((name) => !unwritten.includes(name));
        if (written.length > 0) await provider.update(resource, change.id, { ...parentIds, ...change.ids }, written, ctx);
        ids = change.ids;
        facts = change.facts;
      } else if (change.action === 'replace') {
        if (!provider.delete) throw new Error(`${change.kind} cannot be deleted, so it cannot be replaced: ${change.reason}`);
        ctx.progress(`replacing: ${change.reason}`);
        await intend(scope, change.address);
        intended = true;
        await provider.delete(change.address, change.before, change.id, { ...parentIds, ...change.ids }, ctx);
        let id: string;
        let found: Record<string, unknown> | undefined;
        ({ ids, facts, id, adopted, found } = await createOnce(provider, resource, ctx));
        ledger.settle(scope, change.address, id);
        if (adopted && provider.completeAdopted) ids = await provider.completeAdopted(resource, id, ids, ctx);
        if (found) await finishAdopted(provider, resource, id, ids, found, ctx);
      } else {
        throw new Error(`action ${change.action} is not supported by this version`);
      }
      result.succeeded.push(change.address);
      const notWritten = unwritten.length === 0 ? {} : { notApplied: unwritten, ...(change.action === 'update' && unwritten.length === change.changes.length ? { nothingWritten: true as const } : {}) };
      emit({ type: 'succeeded', address: change.address, action: change.action, ms: Date.now() - started, ...(adopted ? { adopted } : {}), ...notWritten });
      return { ok: true, ids, ...(facts ? { facts } : {}) };
    } catch (error) {
      if (error instanceof NotReadyError) {
        // Created, not ready yet: pending; its intent stays recorded, so it is ours.
        result.pending.push({ address: change.address, waitingFor: error.message });
        emit({ type: 'pending', address: change.address, action: change.action, waitingFor: error.message });
        return { ok: false, why: 'is pending (the service has not finished it)', waiting: true };
      }
      // Refused for certain: nothing was made, so the intent goes. After no answer it stays
      // (the create may have been committed and appear later).
      if (intended && error instanceof TenantError && !isAmbiguous(error)) ledger.abandon(scope, change.address);
      // Made, but not as declared: the outcome is recorded all the same.
      if (intended && error instanceof MadeOtherwiseError) ledger.settle(scope, change.address, error.id);
      const message = describe(error);
      result.failed.push({ address: change.address, error: message });
      emit({ type: 'failed', address: change.address, action: change.action, error: message });
      return { ok: false, why: 'failed' };
    }
  };

  // The plan's creates by ledger item: a site's objects share the site's item, sites and
  // tenant-level objects their root item. One intent write records a whole group.
  const groupOf = (address: Address): string => {
    const site = siteOfAddress(address);
    return site && site !== address ? `in ${site}` : scopeOf(ledger.blueprint, address, undefined).item;
  };
  const groups = new Map<string, Address[]>();
  for (const c of plan.changes) {
    if (c.action !== 'create' && c.action !== 'replace') continue;
    const key = groupOf(c.address);
    let members = groups.get(key);
    if (!members) groups.set(key, (members = []));
    members.push(c.address);
  }
  // When a group's last create has finished, its item's outcomes are written at once, so that
  // the ledger's writes spread over the run instead of coming all at its end (issue 12).
  const unfinished = new Map([...groups].map(([key, members]) => [key, members.length]));
  const scopeOfGroup = new Map<string, LedgerScope>();
  const earlyFlushes: Promise<void>[] = [];
  const finished = (change: Change): void => {
    if (change.action !== 'create' && change.action !== 'replace') return;
    const key = groupOf(change.address);
    const left = (unfinished.get(key) ?? 1) - 1;
    unfinished.set(key, left);
    const scope = scopeOfGroup.get(key);
    // A failed write stays dirty and is tried again by the flush at the end.
    if (left === 0 && scope) earlyFlushes.push(ledger.flushScope(scope).catch(() => {}));
  };

  const intend = async (scope: LedgerScope, address: Address): Promise<void> => {
    try {
      await ledger.intend(scope, address, groups.get(groupOf(address)) ?? []);
    } catch (error) {
      throw new Error(`not created: its ownership could not be recorded first (${describe(error)})`);
    }
  };

  // The stop signal is the scheduler's (no change starts after it); a started change reaches
  // this in the tick it started in, so the signal cannot have come between.
  const gate = (change: Change): void => {
    options.beforeChange?.(change);
  };

  const refuseWithoutConsent = (change: Change): void => {
    if (change.destructive && !options.allow?.has(change.destructive.flag)) {
      throw new Error(`refused: ${change.destructive.reason}; pass --${change.destructive.flag} to allow it`);
    }
    if (change.customScript && !options.allowCustomScript) {
      throw new Error(`refused: ${change.customScript.reason}; pass --${ALLOW_CUSTOM_SCRIPT_FLAG} to allow custom script on ${change.customScript.site}`);
    }
  };

  const executeDelete = async (change: Extract<Change, { action: 'delete' }>): Promise<Outcome> => {
    const provider = anyKind(change.kind);
    const ctx: WriteContext = { tenant, parentIds: change.ids, run: shared, progress: (message) => emit({ type: 'progress', address: change.address, message }) };
    const started = Date.now();
    emit({ type: 'started', address: change.address, action: 'delete' });
    try {
      refuseWithoutConsent(change);
      gate(change);
      if (!provider.delete) throw new Error(`${change.kind} cannot be deleted by this version`);
      try {
        await provider.delete(change.address, change.before, change.id, change.ids, ctx);
      } catch (error) {
        if (!isNotFound(error)) throw error;
        ctx.progress('already gone');
      }
      ledger.forget(scopeOf(ledger.blueprint, change.address, change.ids.siteId), change.address);
      result.succeeded.push(change.address);
      emit({ type: 'succeeded', address: change.address, action: 'delete', ms: Date.now() - started });
      return { ok: true, ids: change.ids, ...(change.facts ? { facts: change.facts } : {}) };
    } catch (error) {
      const message = describe(error);
      result.failed.push({ address: change.address, error: message });
      emit({ type: 'failed', address: change.address, action: 'delete', error: message });
      return { ok: false, why: 'failed' };
    }
  };

  const end = await schedule(plan.changes, {
    concurrency: options.concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
    parentOf: (change) => resources.get(change.address)?.parent,
    // Work that never waits for SharePoint's budget goes first (KindEffects.writesOutsideSharePoint),
    // in at most half the slots: thousands of teams waiting for Teams' windows (a minute's polls
    // each, 30 calls a second) held all 2,000 of them for ten minutes of a 5,000-workspace run,
    // while SharePoint's budget went unspent (issue 12).
    first: (change) => anyKind(change.kind).writesOutsideSharePoint === true,
    firstAtMost: Math.max(1, Math.floor(options.concurrency / 2)),
    // The others start while SharePoint's budget has few requests waiting for it: enough to keep
    // it busy, and the rest wait as entries of the ready queue, not as requests in the pacer.
    room: (startedNow) => {
      const held = tenant.transport.waiting(sharePointBudget) + startedNow >= waitingAtMost;
      if (held && options.roomStats) options.roomStats.held++;
      return !held;
    },
    atOnce: (change) => {
      if (change.action === 'noop') {
        result.unchanged++;
        return { ok: true, ids: change.ids, ...(change.facts ? { facts: change.facts } : {}) };
      }
      if (change.action !== 'unknown') return undefined;
      // A prune the service would refuse now says so itself ("prune will not act on it: …").
      const because = change.pruneRefused ? change.reason : `could not be read (${change.reason})`;
      result.skipped.push({ address: change.address, because });
      emit({ type: 'skipped', address: change.address, because });
      return { ok: false, why: change.pruneRefused ? 'was not pruned' : 'could not be read' };
    },
    skip: (change, dep, outcome) => {
      const because = `${dep} ${outcome.why}`;
      const waiting = outcome.waiting === true;
      result.skipped.push({ address: change.address, because, ...(waiting ? { waiting } : {}) });
      emit({ type: 'skipped', address: change.address, because });
      return { ok: false, why: waiting ? 'waits for pending work' : 'was skipped', waiting };
    },
    run: (change, parent, slot) => {
      if (change.action === 'delete') return executeDelete(change);
      const resource = resources.get(change.address);
      if (!resource) throw new Error(`the plan has no resource for ${change.address}`);
      return execute(change, resource, parent.ids, parent.facts ?? {}, slot);
    },
    settled: finished,
  });
  if (end.notStarted > 0) result.notStarted = { count: end.notStarted, because: String(options.signal?.reason ?? 'the apply was stopped') };
  await Promise.all(earlyFlushes);
  try {
    await ledger.flush();
  } catch (error) {
    result.failed.push({ address: '(ownership ledger)', error: `could not record ownership: ${describe(error)}` });
  }
  return result;
}

function describe(error: unknown): string {
  if (error instanceof TenantError) return `${error.status || 'no answer'} ${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
