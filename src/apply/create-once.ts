/**
 * Never create twice (architecture decision 9). A create is sent once. When its outcome is
 * ambiguous (no answer, or a 5xx after which the service may have committed) or the service
 * says the object already exists (a lost response followed by a retry elsewhere, or a run
 * killed after the create), the object is read back by its natural key and adopted.
 */
import type { AnyDesiredResource } from '../model/resources.ts';
import { TenantError } from '../model/tenant-error.ts';
import type { Provider, ResourceIds, WriteContext } from '../providers/provider.ts';

export async function createOnce(
  provider: Provider<AnyDesiredResource['kind']>,
  resource: AnyDesiredResource,
  ctx: WriteContext,
): Promise<{ ids: ResourceIds; adopted: boolean }> {
  try {
    const created = await provider.create(resource as never, ctx);
    return { ids: created.ids, adopted: false };
  } catch (error) {
    // The faces throw TenantError; anything else is the engine's own refusal.
    if (!(error instanceof TenantError) || !(isAmbiguous(error) || isConflict(error))) throw error;
    ctx.progress(`create answered ${error.status || 'nothing'} (${error.code}); looking it up by its natural key`);
    const memo = <T>(_key: string, load: () => Promise<T>) => load();
    const state = await provider.read(resource as never, { tenant: ctx.tenant, parentIds: ctx.parentIds, memo });
    if (state.status === 'present') return { ids: { ...ctx.parentIds, ...(state.ids ?? {}) }, adopted: true };
    throw error;
  }
}

/** No answer, or a server error after which the service may have committed the create. */
export function isAmbiguous(error: TenantError): boolean {
  return error.status === 0 || error.status >= 500;
}

/**
 * The service refused because the natural key is taken: Graph 409 `nameAlreadyExists`, Graph
 * 400 "Another object with the same value for property mailNickname already exists", SharePoint
 * "A list ... with the specified title already exists" / "A duplicate field name ... was found".
 */
export function isConflict(error: TenantError): boolean {
  return error.status === 409 || /already exists|duplicate/i.test(error.message);
}
