/**
 * Never create twice (architecture decision 9). A create is sent once. When its outcome is
 * ambiguous (no answer within its deadline, a broken connection, or a 5xx after which the
 * service may have committed) or the service says the object already exists (a lost response
 * followed by a retry elsewhere, or a run killed after the create), the object is read back by
 * its natural key and adopted. An ambiguous create whose object is not found is not sent again
 * (a request that timed out may still be executed later): it fails, and the next apply,
 * planning from a fresh read, creates or adopts it; except for a kind whose key the service
 * refuses twice and whose reads see a committed write at once (`KindEffects.uniqueKey`, without
 * `lookupLag`): its create did not take, or is still running at the service and then one of the
 * two is refused as taken and adopted, so it is sent again (at most SENT_AGAIN_AT_MOST times) and
 * the change finishes in this run. Whether a failure is ambiguous or a conflict is decided once,
 * where the service's answer is parsed (src/tenant/service-error.ts).
 *
 * After a create that got no clear answer, what the adopted object was found to be (`found`)
 * goes back with it: the create (of several steps: a group, then its members; a list's
 * inheritance, a setting found whenever its list is) may have stopped part-way, and apply
 * finishes it (finish-adopted.ts). Not after a refusal that the key is taken: that object may be
 * one made outside this run, changed only as a plan shows it; unless the refused create was sent
 * again, when what holds the key is this run's first send, committed late.
 *
 * A provider whose lookup lags behind the service's writes (`Provider.lookupLag`: a new group is
 * missing from the directory's `$filter` for a while) is looked up again, backing off, within its
 * bound: a short one after an ambiguous failure (the object may not exist at all), a longer one
 * after the service said the key is taken (it exists: it only has to become visible). A lookup
 * that finds the key held by something else (`unknown`: a deleted group holds the name) ends it
 * at once, with that as the failure's reason.
 */
import type { AnyDesiredResource } from '../model/resources.ts';
import { isAmbiguous, isConflict, TenantError } from '../model/tenant-error.ts';
import type { Facts } from '../model/facts.ts';
import type { ResourceIds } from '../model/found.ts';
import type { AnyKind, WriteContext } from '../kinds/kind-effects.ts';
import { retryWithin } from '../kinds/shared/directory-lag.ts';

/**
 * How many times a create of a `uniqueKey` kind is sent again after no clear answer and a lookup
 * that found nothing: twice, since the creates of one web share a `$batch` and its fate (a reset
 * meant for one part makes every part ambiguous, and the batch they are sent again in may meet
 * another).
 */
const SENT_AGAIN_AT_MOST = 2;

export async function createOnce(
  provider: AnyKind,
  resource: AnyDesiredResource,
  ctx: WriteContext,
  sentAgain = 0,
): Promise<{ id: string; ids: ResourceIds; facts?: Facts; adopted: boolean; found?: Record<string, unknown> }> {
  try {
    const created = await provider.create(resource as never, ctx);
    return { id: created.id, ids: created.ids, ...(created.facts ? { facts: created.facts } : {}), adopted: false };
  } catch (error) {
    // The faces throw TenantError; anything else is the engine's own refusal.
    if (!(error instanceof TenantError) || !(isAmbiguous(error) || isConflict(error))) throw error;
    ctx.progress(`create answered ${error.status || 'nothing'} (${error.code}); looking it up by its natural key`);
    const memo = <T>(_key: string, load: () => Promise<T>) => load();
    // A read that finds the key held by an object this blueprint did not make (another id: a
    // built-in column, a content type made elsewhere) says so as `unknown`: never adopted, and its
    // reason is the create's failure.
    let heldBy: string | undefined;
    const lookUp = async () => {
      const state = await provider.read(resource as never, { tenant: ctx.tenant, parentIds: ctx.parentIds, ...(ctx.parentFacts ? { parentFacts: ctx.parentFacts } : {}), memo });
      heldBy = state.status === 'unknown' ? state.reason : undefined; // the last look decides
      return state.status === 'present' ? state : undefined;
    };
    const refuseHeld = () => {
      if (heldBy !== undefined) throw new TenantError(error.status, error.code, `${error.message}; ${heldBy}`, error.retryable, error.ambiguous);
    };
    const bound = provider.lookupLag ? (isAmbiguous(error) ? provider.lookupLag.afterAmbiguousMs : provider.lookupLag.afterConflictMs) : 0;
    // Looked up until a definite answer: the object found, or the key held by another (`unknown`,
    // with why: a deleted group keeps its name), which is not waited out.
    const answer = await retryWithin(
      bound,
      async () => {
        const found = await lookUp();
        return found ? { state: found } : heldBy !== undefined ? { state: undefined } : undefined;
      },
      (ms) => ctx.progress(`not found by its natural key yet (the service's lookups lag behind its writes); looking again in ${Math.round(ms / 1000)} s`),
    );
    const state = answer?.state;
    if (state) return { id: state.id ?? '', ids: { ...ctx.parentIds, ...(state.ids ?? {}) }, ...(state.facts ? { facts: state.facts } : {}), adopted: true, ...((isAmbiguous(error) && !isConflict(error)) || sentAgain > 0 ? { found: state.props as Record<string, unknown> } : {}) };
    refuseHeld();
    const after = bound > 0 ? ` within ${Math.round(bound / 1000)} s` : '';
    if (!isAmbiguous(error)) throw new TenantError(error.status, error.code, `${error.message}; not found by its natural key${after} afterwards`, error.retryable, error.ambiguous);
    if (provider.uniqueKey && !provider.lookupLag && sentAgain < SENT_AGAIN_AT_MOST) {
      ctx.progress('not found by its natural key, so the create did not take: sending it once more (the service refuses a second one under this key)');
      return createOnce(provider, resource, ctx, sentAgain + 1);
    }
    throw new TenantError(error.status, error.code, `${error.message}; not found by its natural key${after} afterwards, so it is not sent again: the next apply looks again`, error.retryable, true);
  }
}
