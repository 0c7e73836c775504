/**
 * `POST /users` (Microsoft's "Create user"): refused to an app without User.ReadWrite.All (the
 * local tenant's default app, like the engine's, holds only User.Read.All); with it, a user is
 * created as the doc's example creates one and validated as the directory validates before
 * anything is created (a taken name, a domain the tenant has not verified, a weak password, a
 * missing property, a character a user principal name may not hold, a name or password past its
 * bounds, a directory at its 50,000-object quota); created users last across a
 * restart.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { DEFAULT_APP_ROLES } from '../../src/emulator/auth.ts';
import { DIRECTORY_QUOTA } from '../../src/emulator/verified-domains.ts';
import { client, start, tempDir, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let dir: string;

const roles = { graph: [...DEFAULT_APP_ROLES.graph, 'User.ReadWrite.All'] };
const user = (alias: string, extra: Record<string, unknown> = {}) => ({
  accountEnabled: true,
  displayName: `Adele ${alias}`,
  mailNickname: alias,
  userPrincipalName: `${alias}@contoso.onmicrosoft.com`,
  passwordProfile: { forceChangePasswordNextSignIn: true, password: 'xWwvJ]6NMw+bWH-d' },
  ...extra,
});

beforeAll(async () => {
  ({ t, c, dir } = await start(tempDir(), { appRoles: roles }));
});
afterAll(async () => {
  await t?.close();
});

it('an app without User.ReadWrite.All is refused and nothing is created', async () => {
  const plain = await start();
  try {
    const r = await plain.c.graph('POST', '/users', user('refused'));
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('Authorization_RequestDenied');
    expect((await plain.c.graph('GET', '/users/refused@contoso.onmicrosoft.com')).status).toBe(404);
  } finally {
    await plain.t.close();
  }
});

it('a user is created as documented, found by its name and id, and its name is then taken', async () => {
  const r = await c.graph('POST', '/users', user('adelev', { givenName: 'Adele', surname: 'Vance' }));
  expect(r.status).toBe(201);
  expect(r.json).toMatchObject({ displayName: 'Adele adelev', userPrincipalName: 'adelev@contoso.onmicrosoft.com', givenName: 'Adele', surname: 'Vance', mail: null });
  expect(r.json.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(r.json.passwordProfile).toBeUndefined();
  expect((await c.graph('GET', '/users/AdeleV@contoso.onmicrosoft.com?$select=id')).json.id).toBe(r.json.id);
  expect((await c.graph('GET', `/users/${r.json.id}?$select=userPrincipalName`)).json.userPrincipalName).toBe('adelev@contoso.onmicrosoft.com');
  const again = await c.graph('POST', '/users', user('ADELEV'));
  expect(again.status).toBe(400);
  expect(again.json.error.message).toBe('Another object with the same value for property userPrincipalName already exists.');
});

it.each([
  ['a domain the tenant has not verified', user('other', { userPrincipalName: 'other@fabrikam.com' }), 'The domain portion of the userPrincipalName property is invalid. You must use one of the verified domain names in your organization.'],
  ['a weak password', user('weak', { passwordProfile: { password: 'password' } }), 'The specified password does not comply with password complexity requirements. Please provide a different password.'],
  ['no password profile', user('nopass', { passwordProfile: undefined }), "Invalid value specified for property 'passwordProfile' of resource 'User'."],
  ['an accented character in the name', user('asa', { userPrincipalName: 'åsa@contoso.onmicrosoft.com' }), "Invalid value specified for property 'userPrincipalName' of resource 'User'."],
  ['no accountEnabled', user('noflag', { accountEnabled: undefined }), "Invalid value specified for property 'accountEnabled' of resource 'User'."],
  ['a display name of 257 characters', user('longname', { displayName: 'A'.repeat(257) }), "Invalid value specified for property 'displayName' of resource 'User'."],
  ['a password of 7 characters of four kinds', user('short', { passwordProfile: { password: 'aB3$xY9' } }), 'The specified password does not comply with password complexity requirements. Please provide a different password.'],
  ['a password of 257 characters', user('toolong', { passwordProfile: { password: `aB3$${'x'.repeat(253)}` } }), 'The specified password does not comply with password complexity requirements. Please provide a different password.'],
])('%s is refused before anything is created', async (_what, body, message) => {
  const r = await c.graph('POST', '/users', body);
  expect(r.status).toBe(400);
  expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message });
  const upn = String((body as { userPrincipalName: string }).userPrincipalName);
  expect((await c.graph('GET', `/users/${encodeURIComponent(upn)}`)).status).toBe(404);
});

it('the bounds themselves are accepted: a display name of 256 characters, passwords of 8 and 256', async () => {
  expect((await c.graph('POST', '/users', user('bound1', { displayName: 'B'.repeat(256) }))).status).toBe(201);
  expect((await c.graph('POST', '/users', user('bound2', { passwordProfile: { password: 'aB3$xY9z' } }))).status).toBe(201);
  expect((await c.graph('POST', '/users', user('bound3', { passwordProfile: { password: `aB3$${'x'.repeat(252)}` } }))).status).toBe(201);
});

it('a directory holding its quota of 50,000 objects refuses another user, group and team', async () => {
  // a tenant whose state holds 50,000 more users (written to its op log while it is stopped:
  // 50,000 creates over HTTP would take minutes)
  const fullDir = tempDir();
  await (await start(fullDir)).t.close();
  const fillers = Array.from({ length: DIRECTORY_QUOTA }, (_, i) =>
    JSON.stringify({ k: 'user', v: { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, displayName: `Filler ${i}`, userPrincipalName: `filler${i}@contoso.onmicrosoft.com`, givenName: null, surname: null, mail: null } }),
  );
  appendFileSync(join(fullDir, 'oplog.jsonl'), fillers.join('\n') + '\n');
  const full = await start(fullDir, { appRoles: roles });
  try {
    expect((await full.c.graph('GET', '/users/filler49999@contoso.onmicrosoft.com?$select=displayName')).json.displayName).toBe('Filler 49999');
    const r = await full.c.graph('POST', '/users', user('onemore'));
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'Directory_QuotaExceeded' });
    expect((await full.c.graph('GET', '/users/onemore@contoso.onmicrosoft.com')).status).toBe(404);
    // a group is a directory object too
    const group = await full.c.graph('POST', '/groups', { displayName: 'One more', mailNickname: 'onemore', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
    expect(group.status).toBe(400);
    expect(group.json.error).toMatchObject({ code: 'Directory_QuotaExceeded' });
    // so is a team made from scratch, whose group is new
    const team = await full.c.graph('POST', '/teams', {
      'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')",
      displayName: 'One more team',
      members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': "https://graph.microsoft.com/v1.0/users('admin@contoso.onmicrosoft.com')" }],
    });
    expect(team.status).toBe(400);
    expect(team.json.error).toMatchObject({ code: 'Directory_QuotaExceeded' });
    expect((await full.c.graph('GET', "/groups?$filter=displayName eq 'One more team'")).json.value).toEqual([]);
  } finally {
    await full.t.close();
  }
});

it('created users last across a restart (journal replay)', async () => {
  expect((await c.graph('POST', '/users', user('bestaende'))).status).toBe(201);
  await t.close();
  ({ t } = await start(dir, { appRoles: roles }));
  c = await client(t);
  expect((await c.graph('GET', '/users/bestaende@contoso.onmicrosoft.com?$select=displayName')).json.displayName).toBe('Adele bestaende');
});
