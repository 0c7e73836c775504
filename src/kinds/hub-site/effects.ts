/**
 * The effects of a hub registration. SharePoint REST: read
 * `_api/site` (IsHubSite, Id) and `_api/HubSites/GetById?hubSiteId='…'`; create
 * `_api/site/RegisterHubSite` (tenant admin rights), then the stated title, logo and description
 * by MERGE on `_api/HubSites/GetById`; delete `_api/site/UnRegisterHubSite` (associated sites
 * leave the hub). The hub's navigation is the hub site's top navigation bar: `navigationNode`
 * resources under `site[…]/navigation[topNavigation]`.
 */
import '@pnp/sp/sites/index.js';
import '@pnp/sp/hubsites/index.js';
import { body } from '@pnp/queryable';
import { SPQueryable, spPostMerge } from '@pnp/sp';
import type { ResourceIds } from '../../model/found.ts';
import type { ObservedState } from '../../model/observed.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import type { KindEffects } from '../kind-effects.ts';
import { hubSiteAddress, type HubSiteProps } from './model.ts';

interface SpSiteHub {
  Id: string;
  IsHubSite: boolean;
  HubSiteId: string;
}

interface SpHub {
  ID: string;
  Title: string;
  LogoUrl: string | null;
  Description: string | null;
  SiteUrl: string;
}

export async function readSiteHub(tenant: TenantClient, webUrl: string): Promise<SpSiteHub> {
  return (await tenant.sp.query(webUrl, '_api/site').select('Id', 'IsHubSite', 'HubSiteId')()) as SpSiteHub;
}

function hubQueryable(tenant: TenantClient, webUrl: string, id: string) {
  return SPQueryable([tenant.sp.web(webUrl).web, webUrl], `_api/HubSites/GetById?hubSiteId='${id}'`);
}

async function readHub(tenant: TenantClient, webUrl: string, id: string): Promise<SpHub> {
  return (await hubQueryable(tenant, webUrl, id)()) as SpHub;
}

function patchOf(p: HubSiteProps, names: string[]): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (names.includes('title') && p.title !== undefined) patch.Title = p.title;
  if (names.includes('logoUrl') && p.logoUrl !== undefined) patch.LogoUrl = p.logoUrl;
  if (names.includes('description') && p.description !== undefined) patch.Description = p.description;
  return patch;
}

export const hubSiteEffects: KindEffects<'hubSite'> = {
  // A site is registered as a hub once: the service refuses a second registration ("This site is
  // already a HubSite."), and `_api/site` shows one at once, so a registration that got no clear
  // answer and is not found is sent again (src/apply/create-once.ts).
  uniqueKey: true,
  async read(resource, { tenant, parentIds }): Promise<ObservedState<'hubSite'>> {
    const webUrl = parentIds.webUrl;
    if (!webUrl) return { status: 'unknown', reason: 'the site is not provisioned yet' };
    const site = await readSiteHub(tenant, webUrl);
    if (!site.IsHubSite) return { status: 'absent' };
    const hub = await readHub(tenant, webUrl, site.Id);
    return {
      status: 'present',
      id: hub.ID,
      ids: { ...parentIds, hubSiteId: hub.ID },
      props: { siteUrl: resource.props.siteUrl, title: hub.Title, logoUrl: hub.LogoUrl ?? '', description: hub.Description ?? '' },
    };
  },

  async create(resource, { tenant, parentIds }) {
    const webUrl = requireWeb(parentIds);
    await tenant.sp.web(webUrl).site.registerHubSite();
    const site = await readSiteHub(tenant, webUrl);
    const patch = patchOf(resource.props, ['title', 'logoUrl', 'description']);
    if (Object.keys(patch).length) await spPostMerge(hubQueryable(tenant, webUrl, site.Id), body(patch));
    return { id: site.Id, ids: { ...parentIds, hubSiteId: site.Id } };
  },

  async update(resource, id, ids, changed, { tenant }) {
    const patch = patchOf(resource.props, changed);
    if (Object.keys(patch).length) await spPostMerge(hubQueryable(tenant, requireWeb(ids), id), body(patch));
  },

  async listExisting(parent, parentIds, { tenant }) {
    if (!parentIds.webUrl) return [];
    const site = await readSiteHub(tenant, parentIds.webUrl);
    if (!site.IsHubSite) return [];
    return [{ address: hubSiteAddress(parent), id: site.Id, ids: { ...parentIds, hubSiteId: site.Id }, props: {} }];
  },

  async delete(_address, _before, _id, ids, { tenant }) {
    const webUrl = requireWeb(ids);
    await tenant.sp.web(webUrl).site.unRegisterHubSite();
  },
};

function requireWeb(ids: ResourceIds): string {
  if (!ids.webUrl) throw new Error('the site has no known web URL');
  return ids.webUrl;
}
