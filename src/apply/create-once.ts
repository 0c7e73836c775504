/**
 * Never create twice (architecture decision 9). A create is sent once. When its outcome is
 * ambiguous (no answer within its deadline, a broken connection, or a 5xx after which the
 * service may have committed) or the service says the object already exists (a lost response
 * followed by a retry elsewhere, or a run killed after the create), the object is read back by
 * its natural key and adopted. An ambiguous create whose object is not found is not sent again
 * either (a request that timed out may still be executed later): it fails, and the next apply,
 * planning from a fresh read, creates or adopts it. Whether a failure is ambiguous or a conflict
 * is decided once, where the service's answer is parsed (src/tenant/service-error.ts).
 */
import type { AnyDesiredResource } from '../model/resources.ts';
import { isAmbiguous, isConflict, TenantError } from '../model/tenant-error.ts';
import type { Provider, ResourceIds, WriteContext } from '../providers/provider.ts';

export async function createOnce(
  provider: Provider<AnyDesiredResource['kind']>,
  resource: AnyDesiredResource,
  ctx: WriteContext,
): Promise<{ id: string; ids: ResourceIds; adopted: boolean }> {
  try {
    const created = await provider.create(resource as never, ctx);
    return { id: created.id, ids: created.ids, adopted: false };
  } catch (error) {
    // The faces throw TenantError; anything else is the engine's own refusal.
    if (!(error instanceof TenantError) || !(isAmbiguous(error) || isConflict(error))) throw error;
    ctx.progress(`create answered ${error.status || 'nothing'} (${error.code}); looking it up by its natural key`);
    const memo = <T>(_key: string, load: () => Promise<T>) => load();
    const state = await provider.read(resource as never, { tenant: ctx.tenant, parentIds: ctx.parentIds, memo });
    if (state.status === 'present') return { id: state.id ?? '', ids: { ...ctx.parentIds, ...(state.ids ?? {}) }, adopted: true };
    if (!isAmbiguous(error)) throw error;
    throw new TenantError(error.status, error.code, `${error.message}; not found by its natural key afterwards, so it is not sent again: the next apply looks again`, error.retryable, true);
  }
}
