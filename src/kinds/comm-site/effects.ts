/**
 * The effects of a communication site. Created through SharePoint REST (`_api/SPSiteManager/create`,
 * then `status` until it is ready), read through Graph (`/sites/{host}:{path}`) and SharePoint
 * REST (`_api/site` GroupId: a group's site at the URL is not a communication site; `_api/web`
 * Language when the blueprint states one), title and description written through SharePoint
 * REST (`_api/web`).
 */
import type { ObservedState } from '../../model/observed.ts';
import { TenantError } from '../../model/tenant-error.ts';
import type { KindEffects } from '../kind-effects.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { recycledAtUrls, recycledReason } from '../shared/recycle-bin.ts';
import { waitUntil } from '../shared/wait-until.ts';
import { siteGroupId } from '../shared/site-group.ts';
import { rememberSiteTitle } from '../shared/own-site-groups.ts';

interface GraphSite {
  id: string;
  webUrl: string;
  displayName: string;
  description?: string | null;
}
/** SPSiteManager's answer: SiteStatus 0 not found, 1 provisioning, 2 ready, 3 error. */
interface SiteManagerStatus {
  SiteId?: string;
  SiteStatus: number;
  SiteUrl?: string;
}

/** The language of a site's root web (SharePoint `_api/web` Language, an LCID). */
async function webLanguage(tenant: TenantClient, webUrl: string): Promise<number | undefined> {
  const { Language } = await tenant.sp.web(webUrl).web.select('Language')<{ Language?: number }>();
  return typeof Language === 'number' ? Language : undefined;
}

export const commSiteEffects: KindEffects<'commSite'> = {
  async delete(_address, _before, _id, ids, { tenant }) {
    // Graph site ids are `<host>,<site collection id>,<web id>`; SPSiteManager wants the collection id.
    const siteId = ids.siteId?.split(',')[1];
    if (!siteId) throw new Error('the site id is not known');
    await tenant.sp.post('_api/SPSiteManager/delete', { siteId });
  },

  async read(resource, { tenant, memo }): Promise<ObservedState<'commSite'>> {
    const site = await tenant.graph.find<GraphSite>(`/sites/${tenant.sharepointHost}:${resource.props.url}?$select=id,webUrl,displayName,description`);
    if (!site) {
      // A site deleted from the URL keeps it while in the recycle bin: a create would be refused.
      const recycled = await (await recycledAtUrls(memo, tenant, false)).find(resource.props.url);
      return recycled ? { status: 'unknown', reason: recycledReason(resource.props.url, recycled) } : { status: 'absent' };
    }
    rememberSiteTitle(memo, site.webUrl, resource.props.title);
    // A group's site at this URL is a team site (its group owns who gets in, and SPSiteManager
    // does not delete it): not the blueprint's communication site. Graph's site does not say.
    // Its language is read beside the group, and only when the blueprint states one.
    const [groupId, lcid] = await Promise.all([siteGroupId(tenant, site.webUrl), resource.props.lcid === undefined ? undefined : webLanguage(tenant, site.webUrl)]);
    if (groupId) {
      return { status: 'unknown', reason: `the site at ${resource.props.url} is the site of Microsoft 365 group ${groupId} (a team site), not a communication site: declare it as type: team, or give the communication site another url` };
    }
    return {
      status: 'present',
      id: site.id,
      ids: { siteId: site.id, webUrl: site.webUrl },
      props: { url: resource.props.url, title: site.displayName, description: site.description ?? '', ...(lcid !== undefined ? { lcid } : {}) },
    };
  },

  async create(resource, { tenant, progress }) {
    const p = resource.props;
    if (!p.owner) throw new Error('a communication site is created with its owner: add owner: (its owner\'s user principal name) to the site (SharePoint creates none without one for an app-only token)');
    const siteUrl = `${tenant.sp.origin}${p.url}`;
    const started = await tenant.sp.post<SiteManagerStatus>('_api/SPSiteManager/create', {
      request: {
        Title: p.title,
        Url: siteUrl,
        Lcid: p.lcid ?? 1033,
        ShareByEmailEnabled: false,
        Description: p.description ?? '',
        WebTemplate: 'SITEPAGEPUBLISHING#0',
        Owner: p.owner,
      },
    });
    if (started.SiteStatus === 3 || started.SiteStatus === 4) {
      // 3 (or 4 in newer reports): the URL is taken, perhaps by our own earlier create.
      throw new TenantError(409, 'siteAlreadyExists', `SharePoint did not create ${siteUrl}: the URL already exists or is being deleted (SiteStatus ${started.SiteStatus}); a site deleted from it stays in the tenant's recycle bin for 93 days and keeps the URL until it is restored or removed there (SharePoint admin center, Deleted sites)`, false);
    }
    if (started.SiteStatus !== 2) {
      progress('site is provisioning');
      await waitUntil(`site ${siteUrl} to be provisioned`, async () => {
        const status = await tenant.sp.get<SiteManagerStatus>(`_api/SPSiteManager/status?url='${encodeURIComponent(siteUrl)}'`);
        if (status.SiteStatus === 3) throw new Error(`SharePoint could not create ${siteUrl} (SiteStatus 3)`);
        return status.SiteStatus === 2 ? status : undefined;
      });
    }
    const site = await waitUntil(`site ${siteUrl} to be visible in Graph`, () =>
      tenant.graph.find<GraphSite>(`/sites/${tenant.sharepointHost}:${p.url}?$select=id,webUrl`),
    );
    return { id: site.id, ids: { siteId: site.id, webUrl: site.webUrl } };
  },

  async update(resource, _id, ids, changed, { tenant }) {
    const p = resource.props;
    const patch: Record<string, unknown> = {};
    if (changed.includes('title')) patch.Title = p.title;
    if (changed.includes('description')) patch.Description = p.description;
    if (Object.keys(patch).length === 0) return;
    const webUrl = ids.webUrl;
    if (!webUrl) throw new Error('the site has no known web URL');
    await tenant.sp.web(webUrl).web.update(patch);
  },
};
