/**
 * Custom domains verified in the local tenant (`provision emulator start --domain`): users can be
 * created with them as the organisation names its staff, the organization resource lists them
 * with the quota they bring (300,000 objects instead of 50,000: Microsoft Entra service limits), a
 * sign-in may name the tenant by one, they last across restarts, and a name that is not a domain
 * one can verify is refused at start with the name in the error.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULT_APP_ROLES } from '../../src/emulator/auth.ts';
import { startLocalTenant } from '../../src/emulator/index.ts';
import { client, start, tempDir } from './helpers.ts';

const roles = { graph: [...DEFAULT_APP_ROLES.graph, 'User.ReadWrite.All'] };
const user = (upn: string) => ({
  accountEnabled: true,
  displayName: upn.split('@')[0],
  mailNickname: upn.split('@')[0]!.replace(/\./g, ''),
  userPrincipalName: upn,
  passwordProfile: { password: 'xWwvJ]6NMw+bWH-d' },
});

it('users are created on a verified custom domain, which the organization lists with its quota and which lasts across restarts', async () => {
  const dir = tempDir();
  let { t, c } = await start(dir, { appRoles: roles, verifiedDomains: ['Botkyrka.se'] });
  try {
    expect(t.customDomains).toEqual(['botkyrka.se']);
    const created = await c.graph('POST', '/users', user('anna.andersson@botkyrka.se'));
    expect(created.status).toBe(201);
    expect((await c.graph('GET', '/users/Anna.Andersson@Botkyrka.se?$select=userPrincipalName')).json.userPrincipalName).toBe('anna.andersson@botkyrka.se');
    // a domain the tenant has not verified is still refused
    const other = await c.graph('POST', '/users', user('erik@fabrikam.com'));
    expect(other.status).toBe(400);
    expect(other.json.error.message).toBe('The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.');
    const org = (await c.graph('GET', '/organization')).json.value[0];
    expect(org.verifiedDomains.map((d: { name: string; isDefault: boolean; isInitial: boolean }) => [d.name, d.isDefault, d.isInitial])).toEqual([
      ['contoso.onmicrosoft.com', true, true],
      ['botkyrka.se', false, false],
    ]);
    expect(org.directorySizeQuota.total).toBe(300_000);
    // a token request may name the tenant by its verified domain, not by another
    const tokenAt = (tenant: string) =>
      fetch(`${t.url}/${tenant}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: t.clientId, client_secret: t.clientSecret, scope: 'https://graph.microsoft.com/.default' }),
      });
    expect((await tokenAt('botkyrka.se')).status).toBe(200);
    const unknown = await tokenAt('fabrikam.com');
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: string }).error).toBe('invalid_tenant');
  } finally {
    await t.close();
  }
  // kept in the state folder: a start without the option still has it
  expect(JSON.parse(readFileSync(join(dir, 'tenant.json'), 'utf8')).verifiedDomains).toEqual(['botkyrka.se']);
  ({ t } = await start(dir, { appRoles: roles }));
  try {
    c = await client(t);
    expect(t.customDomains).toEqual(['botkyrka.se']);
    expect((await c.graph('POST', '/users', user('erik.johansson@botkyrka.se'))).status).toBe(201);
    expect((await c.graph('GET', '/users/anna.andersson@botkyrka.se?$select=id')).status).toBe(200);
  } finally {
    await t.close();
  }
});

it('an internationalised top-level domain is verified; a name given twice or in another case is kept once', async () => {
  const { t } = await start(tempDir(), { verifiedDomains: ['kommun.xn--p1ai', 'Botkyrka.se', 'botkyrka.se'] });
  expect(t.customDomains).toEqual(['kommun.xn--p1ai', 'botkyrka.se']);
  await t.close();
});

it('a tenant without a custom domain reports the quota of 50,000 objects its user creates are held to', async () => {
  const { t, c } = await start();
  try {
    const org = (await c.graph('GET', '/organization')).json.value[0];
    expect(org.verifiedDomains.map((d: { name: string }) => d.name)).toEqual(['contoso.onmicrosoft.com']);
    expect(org.directorySizeQuota.total).toBe(50_000);
    expect(org.directorySizeQuota.used).toBeGreaterThan(100);
  } finally {
    await t.close();
  }
});

it.each([
  ['botkyrka', 'it is not a DNS name'],
  ['botkyrka..se', 'it is not a DNS name'],
  ['-botkyrka.se', 'it is not a DNS name'],
  ['botkyrka.s3', 'its top-level label is not a top-level domain'],
  ['fabrikam.onmicrosoft.com', 'onmicrosoft.com names are initial domains'],
])("'%s' is refused at start with the name and why, and the tenant is not started", async (name, why) => {
  const dir = tempDir();
  await expect(startLocalTenant({ stateDir: dir, verifiedDomains: [name] })).rejects.toThrow(`domain '${name}' cannot be verified in the local tenant: ${why}`);
  // nothing holds the state folder: a start without it works
  const { t } = await start(dir);
  expect(t.customDomains).toEqual([]);
  await t.close();
});
