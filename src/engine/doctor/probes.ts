/**
 * Read-only probes of what a credential can do, each answering ok / missing / could not check
 * with the service's reason: a token for a resource (its claims, never the token), SharePoint
 * REST on the root site, the tenant admin host, and the term store through CSOM taxonomy (as
 * PnP reads it). None of them writes anything.
 */
import { TenantError } from '../../model/tenant-error.ts';
import { processQuery } from '../../kinds/shared/csom.ts';
import { normalizeTenantError } from '../../tenant/normalize-error.ts';
import type { TenantClient } from '../../tenant/tenant-client.ts';
import { readTokenClaims, type AccessTokenClaims } from '../../tenant/token-claims.ts';

export type ProbeResult = { ok: true; detail?: string } | { ok: false; status: number; code: string; message: string };

function failed(error: unknown): ProbeResult {
  const e = normalizeTenantError(error);
  return { ok: false, status: e.status, code: e.code, message: e.message };
}

/** The claims of the client's token for a resource, or why no token was issued. */
export async function tokenClaims(tenant: TenantClient, resource: string): Promise<{ claims?: AccessTokenClaims; error?: string }> {
  try {
    return { claims: readTokenClaims(await tenant.tokens.token(resource)) };
  } catch (error) {
    // @azure/identity's message names the tenant, the app and Entra's error code, never the secret.
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { error: message.slice(0, 400) };
  }
}

/** SharePoint REST answers with this credential: `GET <root>/_api/web?$select=Title`. */
export async function probeSharePoint(tenant: TenantClient): Promise<ProbeResult> {
  try {
    await tenant.sp.get('_api/web?$select=Title');
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}

/** The tenant admin host answers: `GET <tenant>-admin.sharepoint.com/_api/SPO.Tenant/sites('<root site id>')`. */
export async function probeAdminHost(tenant: TenantClient): Promise<ProbeResult> {
  try {
    const root = await tenant.graph.get<{ id: string }>('/sites/root?$select=id');
    const siteId = root.id.split(',')[1];
    if (!siteId) return { ok: false, status: 0, code: 'unexpectedAnswer', message: `Graph gave the root site id '${root.id}' without a site collection id` };
    await tenant.sp.admin.get(`_api/SPO.Tenant/sites('${siteId}')?$select=SharingCapability`);
    return { ok: true };
  } catch (error) {
    return failed(error);
  }
}

/** The taxonomy session's default term store answers through CSOM (read only). */
export async function probeTermStore(tenant: TenantClient): Promise<ProbeResult> {
  const actions =
    '<ObjectPath Id="11" ObjectPathId="10" /><Query Id="12" ObjectPathId="10"><Query SelectAllProperties="false"><Properties><Property Name="Name" ScalarProperty="true" /><Property Name="Id" ScalarProperty="true" /></Properties></Query></Query>';
  const paths =
    '<StaticMethod Id="9" Name="GetTaxonomySession" TypeId="{981cbc68-9edc-4f8d-872f-71146fcbb84f}" /><Method Id="10" ParentId="9" Name="GetDefaultSiteCollectionTermStore" />';
  try {
    const answer = await processQuery(tenant, tenant.sp.origin, actions, paths, { readOnly: true });
    const store = answer.find((x): x is { Name?: string } => typeof x === 'object' && x !== null && 'Name' in x);
    return { ok: true, ...(store?.Name ? { detail: `term store '${store.Name}'` } : {}) };
  } catch (error) {
    // csom.ts words a denial for property bag writes; here it is the term store's.
    if (error instanceof TenantError) return { ok: false, status: error.status, code: error.code, message: error.message.replace(/ \(a property bag write[^)]*\)$/, '') };
    return failed(error);
  }
}
