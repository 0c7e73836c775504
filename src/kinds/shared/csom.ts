/**
 * CSOM over `<web>/_vti_bin/client.svc/ProcessQuery`: what SharePoint REST cannot write (the web
 * property bag, regional settings), sent as PnP sends it. A CSOM error comes back as HTTP 200
 * with `ErrorInfo` in the first element of the answer; it is turned into a TenantError by the one
 * parser of service errors (src/tenant/service-error.ts).
 */
import { spPost, type ISPQueryable } from '@pnp/sp';
import { csomError } from '../../tenant/service-error.ts';
import { markReadOnly } from '../../tenant/read-only-post.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';

/** SP.RequestContext.Current: the root of every object path. */
const REQUEST_CONTEXT = '{3747adcd-a3c3-41b9-bfab-4a64dd2f1e0a}';

export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** How a caller words a refusal: what the access denied means for its objects. */
export interface CsomOptions {
  /** appended to the service's access-denied message (default: the property bag's condition) */
  deniedHint?: string;
  /**
   * The request's actions only read (queries of objects; a property set for the query's session,
   * such as the term store's `WorkingLanguage`, is not kept): it is sent again after a passing
   * failure or a lost answer, as a GET is (src/tenant/read-only-post.ts). Never for a write.
   */
  readOnly?: boolean;
}

/**
 * One CSOM request. `actions` and `paths` are the inner XML of `<Actions>` and `<ObjectPaths>`;
 * object path ids 1 (context), 2 (web) and 3 (site) are predeclared.
 */
export async function processQuery(tenant: TenantClient, webUrl: string, actions: string, paths: string, opts: CsomOptions = {}): Promise<unknown[]> {
  return processQueryAt(tenant.sp.query(webUrl, '_vti_bin/client.svc/ProcessQuery'), actions, paths, opts);
}

/**
 * One CSOM request to the tenant admin host (`<tenant>-admin.sharepoint.com`), whose `Tenant`
 * object answers what concerns every site (its recycle bin), with the admin host's token.
 */
export async function processAdminQuery(tenant: TenantClient, actions: string, paths: string, opts: CsomOptions = {}): Promise<unknown[]> {
  return processQueryAt(tenant.sp.admin.query('_vti_bin/client.svc/ProcessQuery'), actions, paths, opts);
}

async function processQueryAt(q: ISPQueryable, actions: string, paths: string, opts: CsomOptions): Promise<unknown[]> {
  const xml =
    '<Request AddExpandoFieldTypeSuffix="true" SchemaVersion="15.0.0.0" LibraryVersion="16.0.0.0" ApplicationName="m365-provision" xmlns="http://schemas.microsoft.com/sharepoint/clientquery/2009">' +
    `<Actions>${actions}</Actions>` +
    `<ObjectPaths><StaticProperty Id="1" TypeId="${REQUEST_CONTEXT}" Name="Current" /><Property Id="2" ParentId="1" Name="Web" /><Property Id="3" ParentId="1" Name="Site" />${paths}</ObjectPaths>` +
    '</Request>';
  // after PnPjs's default headers (application/json): CSOM takes XML
  q.on.pre(async (url, init, result) => {
    init.headers = { ...(init.headers as Record<string, string>), 'Content-Type': 'text/xml' };
    return [url, init, result];
  });
  const answer = (await spPost(q, opts.readOnly ? markReadOnly({ body: xml }) : { body: xml })) as unknown;
  const refused = csomError(answer, opts.deniedHint ?? 'a property bag write needs custom scripts allowed on the site: DenyAddAndCustomizePages off');
  if (refused) throw refused;
  return Array.isArray(answer) ? answer : [];
}
