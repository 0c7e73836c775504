/**
 * The tenant admin host's site properties (SharePoint REST, `https://<tenant>-admin.sharepoint.com`):
 *
 *   _api/SPO.Tenant/sites('<site id>')   GET, PATCH {SharingCapability, SensitivityLabel2 (site-ia-labels.ts), DenyAddAndCustomizePages (custom-script.ts)}
 *
 * Every property of a PATCH is validated before anything is written. The sharing capability is
 * kept in the site's security record (security-state.ts).
 */
import { emptyRes, type Res } from '../http.ts';
import { isGuid, normGuid } from '../store.ts';
import type { SiteRec } from '../types.ts';
import { webAbs, type SpEntity } from './project.ts';
import { SpError, type SpRouteCtx } from './route-context.ts';
import type { SpRoute } from './route-table.ts';
import { siteLabelPatch, siteLabelProps } from './site-ia-labels.ts';
import { siteCustomScriptPatch, siteCustomScriptProps } from './custom-script.ts';
import { SP_TENANT_SITE_PROPERTIES } from './body-types.ts';

const SHARING_CAPABILITIES = [0, 1, 2, 3];

function sitePropertiesEntity(ctx: SpRouteCtx, site: SiteRec): SpEntity {
  const rec = ctx.store.sec.of(site);
  const path = `SPO.Tenant/sites('${site.id}')`;
  const adminBase = `https://${ctx.store.spHost.replace(/\.sharepoint\.com$/, '-admin.sharepoint.com')}/_api`;
  return {
    type: 'Microsoft.Online.SharePoint.TenantAdministration.SiteProperties',
    id: `${adminBase}/${path}`,
    editLink: path,
    props: {
      SiteId: site.id,
      Url: webAbs(ctx.store, site),
      Title: site.title,
      Template: `${site.webTemplate}#${site.configuration}`,
      GroupId: site.groupId ?? '00000000-0000-0000-0000-000000000000',
      Lcid: site.lcid,
      LockState: 'Unlock',
      SharingCapability: rec.sharingCapability,
      SiteDefinedSharingCapability: rec.sharingCapability,
      ShareByEmailEnabled: site.shareByEmailEnabled,
      Status: 'Active',
      ...siteLabelProps(ctx.store, site),
      ...siteCustomScriptProps(ctx.store, site),
    },
  };
}

/** `SPO.Tenant/sites('<site id>')` on the admin host: GET, PATCH/MERGE (the site looked up before the method). */
function tenantSiteRoute(ctx: SpRouteCtx): Res {
  ctx.req.op = `SP ${ctx.method} SPO.Tenant/sites()`;
  const id = ctx.args.siteid!.arg ?? '';
  const site = isGuid(id) ? ctx.store.getSite(normGuid(id)) : undefined;
  if (!site) throw new SpError(404, '-2147024809, System.ArgumentException', `Cannot get site ${id}.`);
  if (ctx.method === 'GET') return ctx.entity(sitePropertiesEntity(ctx, site), 'SPO.Tenant.sites');
  if (ctx.method === 'PATCH' || ctx.method === 'MERGE') {
    const body = ctx.body({ entity: SP_TENANT_SITE_PROPERTIES });
    const label = siteLabelPatch(ctx.store, site, body); // validated before anything is written
    const customScript = siteCustomScriptPatch(ctx.store, site, body);
    if (body.SharingCapability !== undefined) {
      const cap = Number(body.SharingCapability);
      if (!SHARING_CAPABILITIES.includes(cap)) throw new SpError(400, '-2147024809, System.ArgumentException', `The value ${String(body.SharingCapability)} is not a valid SharingCapabilities.`);
      const rec = structuredClone(ctx.store.sec.of(site));
      rec.sharingCapability = cap;
      ctx.store.commit({ k: 'sec', v: rec });
    }
    label?.();
    customScript?.();
    return emptyRes(204);
  }
  throw new SpError(405, '-1, Microsoft.SharePoint.Client.InvalidClientQueryException', `The HTTP method '${ctx.method}' cannot be used for this resource.`);
}

/** The admin host's entries (routes.ts `SP_ADMIN_ROUTES`). */
export const TENANT_SITE_ROUTES: SpRoute[] = [{ method: '*', pattern: 'spo.tenant(*)/sites({siteid?})', handler: tenantSiteRoute }];
