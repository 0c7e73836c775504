/**
 * An app-only Graph token from a local tenant with its app's client secret, over plain HTTP to
 * the tenant's own address (the token endpoint's real host in `x-forwarded-host`), as any tool
 * outside the engine takes one: `emulator users import`, and the tests that create users.
 */
import type { LocalTenantAccess } from '../emulator/index.ts';

export async function localAppToken(tenant: Pick<LocalTenantAccess, 'url' | 'tenantId' | 'clientId' | 'clientSecret'>): Promise<string> {
  const answer = await fetch(`${tenant.url}/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: tenant.clientId, client_secret: tenant.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await answer.json()) as { access_token?: string; error_description?: string };
  if (!answer.ok || !body.access_token) throw new Error(`the local tenant gave no token: ${answer.status} ${body.error_description ?? ''}`.trim());
  return body.access_token;
}
