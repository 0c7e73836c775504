/**
 * The Microsoft 365 group a site belongs to, read from SharePoint (`_api/site?$select=GroupId`:
 * Graph's site resource does not say): undefined for a site of no group (the empty GUID).
 */
import '@pnp/sp/sites/index.js';
import type { TenantClient } from '../../tenant/tenant-client.ts';

const NO_GROUP = '00000000-0000-0000-0000-000000000000';

export async function siteGroupId(tenant: TenantClient, webUrl: string): Promise<string | undefined> {
  const { GroupId } = await tenant.sp.query(webUrl, '_api/site').select('GroupId')<{ GroupId?: string }>();
  return GroupId && GroupId !== NO_GROUP ? GroupId : undefined;
}
