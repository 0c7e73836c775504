/**
 * The tenant half of "one apply at a time" (architecture decision 13): a lease per blueprint,
 * an item `<blueprint> lease` of the ownership ledger list in the tenant's root site, so that
 * two pipelines on two machines cannot apply one blueprint at once. The lease holds its holder
 * (host, pid, run, since) and an expiry; it is taken and renewed only with the eTag last read
 * (`If-Match`: a 412 means another run wrote it first), renewed while apply runs and released at
 * the end. An expired or released lease may be taken over, and so may one whose process is dead
 * on this host (a killed apply: its pid and host are in the lease). When two runs create the item at the
 * same moment, the one with the lower item id wins and the other deletes its own.
 */
import { OwnershipLedger } from '../ownership/ledger.ts';
import type { LedgerItem } from '../ownership/ledger-scope.ts';
import { isPreconditionFailed, TenantError } from '../model/tenant-error.ts';
import { LEDGER_LIST } from '../ownership/ledger-scope.ts';
import { isPassingFailure } from '../tenant/write-again.ts';
import { pause } from '../time/engine-time.ts';
import type { GraphFace } from '../tenant/graph-client.ts';
import { isStale, type LockHolder } from './apply-lock.ts';

/** What the lease item's `Owned` field holds. */
interface LeaseRecord extends LockHolder {
  lease: true;
  expires: string;
  released?: boolean;
}

export type LeaseAttempt = { ok: true; lease: TenantLease } | { ok: false; holder: LockHolder };

/** A held lease: renewed on a timer until released; `lost` is set when a renewal finds it taken. */
export interface TenantLease {
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/** Looks at the lease item, and writes it, at most this many times in one attempt to take it. */
const ATTEMPTS = 5;

/**
 * The lease could not be taken for a reason other than another run holding it: said as such, and
 * a refusal with what to do (an app without a write permission on sites got a bare "Access
 * denied" before any change).
 */
function leaseError(blueprint: string, error: unknown): Error {
  const denied = error instanceof TenantError && (error.status === 401 || error.status === 403);
  const hint = denied
    ? ` (apply keeps its lease, and a record of what it creates, in a hidden list of the root site, '${LEDGER_LIST}', written through Graph: the credential may not write lists there; 'provision doctor <blueprint>' names the permissions it lacks)`
    : '';
  return new Error(`could not take the apply lease '${leaseTitle(blueprint)}' in the tenant's root site: ${error instanceof Error ? error.message : String(error)}${hint}`, { cause: error });
}

export function leaseTitle(blueprint: string): string {
  return `${blueprint} lease`;
}

/** One attempt to take the blueprint's lease; never waits. `ttlMs`: how long it lasts unless renewed. */
export async function tryTakeLease(graph: GraphFace, blueprint: string, me: LockHolder, ttlMs: number): Promise<LeaseAttempt> {
  try {
    return await takeLease(graph, blueprint, me, ttlMs);
  } catch (error) {
    throw leaseError(blueprint, error);
  }
}

async function takeLease(graph: GraphFace, blueprint: string, me: LockHolder, ttlMs: number): Promise<LeaseAttempt> {
  const ledger = new OwnershipLedger(graph, blueprint);
  const root = (await graph.get<{ id: string }>('/sites/root?$select=id')).id;
  const { listId } = await ledger.ensureList(root);
  const items = `/sites/${root}/lists/${listId}/items`;
  const record = (): LeaseRecord => ({ lease: true, ...me, expires: new Date(Date.now() + ttlMs).toISOString() });

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await leaseItems(graph, items, blueprint);
    let winner = found[0];
    if (!winner) {
      let made: { id: string };
      try {
        made = await graph.post<{ id: string }>(items, { fields: { Title: leaseTitle(blueprint), Owned: JSON.stringify(record()) } });
      } catch (error) {
        // No clear answer, or a passing refusal: look again (an item the lost answer made is
        // found next time and taken as this run's, as a second run's would be).
        if (!isPassingFailure(error) || attempt === ATTEMPTS - 1) throw error;
        await pause(500 * 2 ** attempt);
        continue;
      }
      const now = await leaseItems(graph, items, blueprint);
      if (now[0]?.id === made.id) return { ok: true, lease: holdLease(graph, `${items}/${made.id}`, now[0].eTag, me, record) };
      // Another run created its item first: ours goes, and theirs decides.
      await graph.delete(`${items}/${made.id}`).catch(() => {});
      winner = now[0];
      if (!winner) continue;
    }
    const held = parseLease(winner.fields.Owned);
    // Held unless released, run out, or its process is dead on this host (a killed apply).
    if (held && !held.released && Date.parse(held.expires) > Date.now() && held.run !== me.run && !isStale(held)) {
      return { ok: false, holder: { host: held.host, pid: held.pid, since: held.since, expires: held.expires, run: held.run } };
    }
    // Free (released, expired or unreadable): taken with the eTag just read.
    try {
      const answer = await graph.patch<{ '@odata.etag'?: string }>(`${items}/${winner.id}/fields`, { Owned: JSON.stringify(record()) }, { 'If-Match': winner.eTag ?? '*' });
      return { ok: true, lease: holdLease(graph, `${items}/${winner.id}`, answer?.['@odata.etag'], me, record) };
    } catch (error) {
      if (isPreconditionFailed(error)) continue; // another run took it first: look again
      throw error;
    }
  }
  throw new Error('it changed under every attempt');
}

async function leaseItems(graph: GraphFace, items: string, blueprint: string): Promise<LedgerItem[]> {
  const all = await graph.list<LedgerItem>(`${items}?$expand=fields`);
  return all.filter((i) => i.fields.Title === leaseTitle(blueprint)).sort((a, b) => Number(a.id) - Number(b.id));
}

function parseLease(text: string | undefined): LeaseRecord | undefined {
  try {
    const v = JSON.parse(text ?? '') as Partial<LeaseRecord>;
    if (v && v.lease === true && typeof v.host === 'string' && typeof v.pid === 'number' && typeof v.expires === 'string' && typeof v.since === 'string' && typeof v.run === 'string') return v as LeaseRecord;
  } catch {
    /* unreadable: treated as free (it guards nothing a run could read) */
  }
  return undefined;
}

function holdLease(graph: GraphFace, item: string, eTag: string | undefined, me: LockHolder, record: () => LeaseRecord): TenantLease {
  const controller = new AbortController();
  let tag = eTag;
  const ttl = Date.parse(record().expires) - Date.now();
  const write = async (value: LeaseRecord): Promise<void> => {
    const answer = await graph.patch<{ '@odata.etag'?: string }>(`${item}/fields`, { Owned: JSON.stringify(value) }, { 'If-Match': tag ?? '*' });
    tag = answer?.['@odata.etag'] ?? tag;
  };
  // One renewal at a time: a renewal started while the last one is still answering (a busy
  // tenant, a long queue of requests) would send the eTag that one is replacing, get a 412 and
  // take this run's own write for another run's.
  let renewing = false;
  const timer = setInterval(() => {
    if (renewing) return;
    renewing = true;
    write(record())
      .catch((error: unknown) => {
        if (isPreconditionFailed(error)) {
          clearInterval(timer);
          controller.abort(`the apply lease was taken by another run (it was not renewed in time); no further change is started`);
        }
        // Other failures: the next renewal tries again before the lease runs out.
      })
      .finally(() => (renewing = false));
  }, Math.max(1000, Math.floor(ttl / 3)));
  timer.unref();
  return {
    lost: controller.signal,
    async release() {
      clearInterval(timer);
      if (controller.signal.aborted) return;
      await write({ ...record(), released: true, expires: new Date().toISOString() }).catch(() => {});
    },
  };
}

/** Fields of the holder, for messages. */
export function describeHolder(h: LockHolder): string {
  return `host ${h.host}, pid ${h.pid}, since ${h.since}${h.expires ? `, expires ${h.expires}` : ''} (run ${h.run})`;
}

export { type LockHolder };
