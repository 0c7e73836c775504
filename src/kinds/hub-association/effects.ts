/**
 * The effects of a hub association. SharePoint REST: read `_api/site` HubSiteId and the hub's URL from `_api/HubSites`; write
 * `_api/site/JoinHubSite('<hub id>')`; delete (leave) = JoinHubSite with the empty GUID. The
 * hub must exist first: the resource depends on the hub's `hubSite` when the blueprint declares it.
 */
import '@pnp/sp/sites/index.js';
import '@pnp/sp/hubsites/index.js';
import type { ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { readSiteHub } from '../hub-site/effects.ts';
import type { KindEffects } from '../kind-effects.ts';
import { hubAssociationAddress } from './model.ts';
import { serverRelativePath } from '../shared/server-relative.ts';

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

interface SpHub {
  ID: string;
  SiteUrl: string;
}

async function hubs(tenant: TenantClient, webUrl: string): Promise<SpHub[]> {
  return (await tenant.sp.web(webUrl).hubSites.select('ID', 'SiteUrl')()) as SpHub[];
}


export const hubAssociationEffects: KindEffects<'hubAssociation'> = {
  async read(resource, { tenant, parentIds, memo }): Promise<ObservedState<'hubAssociation'>> {
    const webUrl = parentIds.webUrl;
    if (!webUrl) return { status: 'unknown', reason: 'the site is not provisioned yet' };
    const site = await readSiteHub(tenant, webUrl);
    if (!site.HubSiteId || site.HubSiteId === EMPTY_GUID || site.IsHubSite) return { status: 'absent' };
    const all = await memo('hubsites', () => hubs(tenant, webUrl));
    const hub = all.find((h) => h.ID.toLowerCase() === site.HubSiteId.toLowerCase());
    return {
      status: 'present',
      // the association's id is its hub's: what a create records, so prune knows its own
      id: site.HubSiteId,
      ids: { ...parentIds, hubSiteId: site.HubSiteId },
      props: { siteUrl: resource.props.siteUrl, hubUrl: hub ? serverRelativePath(hub.SiteUrl) : `(hub ${site.HubSiteId})` },
    };
  },

  async create(resource, ctx) {
    const webUrl = requireWeb(ctx.parentIds);
    const hubId = await join(ctx.tenant, webUrl, resource.props.hubUrl);
    return { id: hubId, ids: { ...ctx.parentIds, hubSiteId: hubId } };
  },

  async update(resource, _id, ids, _changed, { tenant }) {
    await join(tenant, requireWeb(ids), resource.props.hubUrl);
  },

  async listExisting(parent, parentIds, { tenant }) {
    if (!parentIds.webUrl) return [];
    const site = await readSiteHub(tenant, parentIds.webUrl);
    if (!site.HubSiteId || site.HubSiteId === EMPTY_GUID || site.IsHubSite) return [];
    return [{ address: hubAssociationAddress(parent), id: site.HubSiteId, ids: { ...parentIds, hubSiteId: site.HubSiteId }, props: {} }];
  },

  async delete(_address, _before, _id, ids, { tenant }) {
    const webUrl = requireWeb(ids);
    await tenant.sp.web(webUrl).site.joinHubSite(EMPTY_GUID);
  },
};

async function join(tenant: TenantClient, webUrl: string, hubUrl: string): Promise<string> {
  const hub = (await hubs(tenant, webUrl)).find((h) => serverRelativePath(h.SiteUrl).toLowerCase() === hubUrl.toLowerCase());
  if (!hub) throw new Error(`${hubUrl} is not a hub site`);
  await tenant.sp.web(webUrl).site.joinHubSite(hub.ID);
  return hub.ID;
}

function requireWeb(ids: ResourceIds): string {
  if (!ids.webUrl) throw new Error('the site has no known web URL');
  return ids.webUrl;
}
