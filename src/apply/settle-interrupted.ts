/**
 * The ownership records an interrupted apply left as intents, settled by the next apply.
 *
 * A create's intent (`creating`) is durable in the ledger before the create is sent; its outcome
 * (the id) is written with its scope's next write, a scope at a time or at the run's end
 * (src/ownership/). A run killed in between leaves `creating` for objects that exist, and the next
 * plan finds them (noop): nothing wrote their outcome, ever. Prune still takes them as owned, but
 * an intent says nothing against another object found at the address later (ledger-record.ts:
 * ours deleted by hand, another made with its name), which a recorded id does.
 *
 * So the apply after an interrupted one, before its own first change, reads the ledger scopes of
 * what the journal says that run set out to create, and for each intent there whose address its
 * fresh plan found present with an id (noop, update, replace: the object the create made, or the
 * one a later create adopted) records that id. One read a scope (a site's item; SCOPES_AT_ONCE at
 * a time), only after a crash. A scope that cannot be read is left as it is.
 */
import pLimit from 'p-limit';
import { siteOfAddress, type Address } from '../model/address.ts';
import type { Change } from '../model/change.ts';
import type { Plan } from '../model/plan.ts';
import type { OwnershipLedger } from '../ownership/ledger.ts';
import { CREATING } from '../ownership/ledger-record.ts';
import { scopeOf, type LedgerScope } from '../ownership/ledger-scope.ts';

/** Ledger scopes read at once. */
const SCOPES_AT_ONCE = 16;

/** What settling found: the records it wrote the id of, and those it could not look at. */
export interface Settled {
  /** Addresses whose intent now records the id the plan read. */
  settled: Address[];
  /** Why the ledger could not be written, when it could not (the records stay intents). */
  unwritten?: string;
}

/** Present in the plan with an id: what the interrupted create made, found by its natural key. */
function foundId(change: Change | undefined): string | undefined {
  if (!change) return undefined;
  if (change.action === 'noop' || change.action === 'update' || change.action === 'replace') return change.id || undefined;
  return undefined;
}

/**
 * Settles the intents in the ledger scopes of `created` (the addresses an interrupted run started
 * a create or replace of) whose objects `plan` found present, in `ledger` (the apply's own, so
 * that its cache is shared). Every intent of those scopes is looked at, not only those of
 * `created`: an intent is written for a create's mates too (a site's objects with the site, so
 * that a wave of creates costs one write), and a mate the service made with its parent (a team's
 * owner, bound by the group's create) is never created by a later run. Settling an intent only
 * narrows what prune takes at its address (any object, then that one).
 */
export async function settleInterrupted(plan: Plan, created: readonly Address[], ledger: OwnershipLedger): Promise<Settled> {
  if (created.length === 0) return { settled: [] };
  const changeOf = new Map<Address, Change>(plan.changes.map((c) => [c.address, c]));
  const scopes = new Map<string, LedgerScope>();
  for (const address of created) {
    const site = siteOfAddress(address);
    const siteChange = site ? changeOf.get(site) : undefined;
    const scope = scopeOf(ledger.blueprint, address, siteChange && 'ids' in siteChange ? siteChange.ids.siteId : undefined);
    scopes.set(`${scope.siteId}|${scope.item}`, scope);
  }

  const limit = pLimit(SCOPES_AT_ONCE);
  const settled: Address[] = [];
  await Promise.all(
    [...scopes.values()].map((scope) =>
      limit(async () => {
        let records: ReadonlyMap<Address, string>;
        try {
          records = await ledger.records(scope);
        } catch {
          return; // unreadable: left as it is, as prune leaves it
        }
        for (const [address, recorded] of records) {
          if (recorded !== CREATING) continue;
          const id = foundId(changeOf.get(address));
          if (!id) continue;
          ledger.settle(scope, address, id);
          settled.push(address);
        }
      }),
    ),
  );
  if (settled.length === 0) return { settled };
  try {
    await ledger.flush();
  } catch (error) {
    return { settled: [], unwritten: error instanceof Error ? error.message : String(error) };
  }
  return { settled };
}
