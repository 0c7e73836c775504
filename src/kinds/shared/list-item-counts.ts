/**
 * How many items each list of a site holds, by lower-cased list id: what deleting a list, or a
 * column of one, would take with it. SharePoint REST (`_api/web/lists?$select=Id,ItemCount`:
 * Graph's list has no count), one read per site shared through the read memo by the lists' and
 * the columns' reads. Read only where a delete or a replace may follow, never on a plain plan.
 */
import type { ReadContext } from '../kind-effects.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';

export async function listItemCounts(tenant: TenantClient, web: string, siteId: string, memo: ReadContext['memo']): Promise<Map<string, number>> {
  const counts = await memo(`itemCounts:${siteId}`, () => tenant.sp.query(web, '_api/web/lists').select('Id', 'ItemCount')<{ Id: string; ItemCount: number }[]>());
  return new Map(counts.map((c) => [c.Id.toLowerCase(), c.ItemCount]));
}
