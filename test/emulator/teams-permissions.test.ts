/**
 * The Teams routes' permissions (src/emulator/teams-permissions.ts), over real HTTP: a team with a
 * private channel and a tab is made with the default app, then the same tenant (restarted on its
 * state) is called by apps that hold only one API's permission each. What Microsoft's pages
 * list for an API lets the call through; the permission of a neighbouring API does not (reading
 * a team is not reading its channels; Group.ReadWrite.All does not cover a channel's members).
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { client, start, type Client } from './helpers.ts';
import { delegatedToken } from '../support/delegated-token.ts';
import type { LocalTenant } from '../../src/emulator/index.ts';

const U = (upn: string) => `https://graph.microsoft.com/v1.0/users('${upn}@contoso.onmicrosoft.com')`;
const member = (upn: string, owner = false) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': U(upn), roles: owner ? ['owner'] : [] });

let dir: string;
let teamId: string;
let privateId: string;
let generalId: string;
let tabId: string;
let open: LocalTenant | undefined;

beforeAll(async () => {
  const s = await start();
  dir = s.dir;
  const c = s.c;
  const g = await c.graph('POST', '/groups', {
    displayName: 'Behörighet',
    mailNickname: 'behorighet',
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ['Unified'],
    'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/anna.andersson@contoso.onmicrosoft.com'],
    'members@odata.bind': ['anna.andersson', 'erik.johansson', 'maria.karlsson'].map((u) => `https://graph.microsoft.com/v1.0/users/${u}@contoso.onmicrosoft.com`),
  });
  expect(g.status).toBe(201);
  teamId = g.json.id;
  expect((await c.graph('PUT', `/groups/${teamId}/team`, {})).status).toBe(201);
  const p = await c.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Ledning', membershipType: 'private', members: [member('anna.andersson', true)] });
  expect(p.status).toBe(201);
  privateId = encodeURIComponent(p.json.id);
  generalId = encodeURIComponent((await c.graph('GET', `/teams/${teamId}/primaryChannel`)).json.id);
  const tab = await c.graph('POST', `/teams/${teamId}/channels/${generalId}/tabs`, {
    displayName: 'Webb',
    'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web',
    configuration: { contentUrl: 'https://example.org/a', websiteUrl: 'https://example.org/a' },
  });
  expect(tab.status).toBe(201);
  tabId = tab.json.id;
  await s.t.close();
});
afterAll(async () => open?.close());

/** The same tenant, called by an app that holds `graph` only (and no SharePoint permission). */
async function appWith(graph: string[]): Promise<Client> {
  await open?.close();
  open = (await start(dir, { appRoles: { graph, sharepoint: [] } })).t;
  return client(open);
}

test('reading a team is not reading its channels: Team.ReadBasic.All reads the team, channels need a channel permission', async () => {
  const c = await appWith(['Team.ReadBasic.All']);
  expect((await c.graph('GET', `/teams/${teamId}`)).status).toBe(200);
  const list = await c.graph('GET', `/teams/${teamId}/channels`);
  expect(list.status).toBe(403);
  expect(list.json.error.message).toContain('Channel.ReadBasic.All');
  const reader = await appWith(['Channel.ReadBasic.All']);
  expect((await reader.graph('GET', `/teams/${teamId}/channels`)).status).toBe(200);
  expect((await reader.graph('GET', `/teams/${teamId}/primaryChannel`)).status).toBe(200);
  expect((await reader.graph('GET', `/teams/${teamId}`)).status).toBe(403);
});

test("a channel's create, settings and delete each need their own permission", async () => {
  const creator = await appWith(['Channel.Create']);
  expect((await creator.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Ny' })).status).toBe(201);
  const id = encodeURIComponent((await (await appWith(['Channel.ReadBasic.All'])).graph('GET', `/teams/${teamId}/channels?$filter=displayName eq 'Ny'`)).json.value[0].id);
  const c = await appWith(['Channel.Create']);
  expect((await c.graph('PATCH', `/teams/${teamId}/channels/${id}`, { description: 'x' })).status).toBe(403);
  expect((await c.graph('DELETE', `/teams/${teamId}/channels/${id}`)).status).toBe(403);
  const settings = await appWith(['ChannelSettings.ReadWrite.All']);
  expect((await settings.graph('PATCH', `/teams/${teamId}/channels/${id}`, { description: 'x' })).status).toBe(204);
  expect((await settings.graph('DELETE', `/teams/${teamId}/channels/${id}`)).status).toBe(403);
  const deleter = await appWith(['Channel.Delete.All']);
  expect((await deleter.graph('DELETE', `/teams/${teamId}/channels/${id}`)).status).toBe(204);
});

test("a private channel's members need ChannelMember permissions: an app's Group.ReadWrite.All is not enough", async () => {
  const c = await appWith(['Group.ReadWrite.All', 'User.Read.All']);
  expect((await c.graph('GET', `/teams/${teamId}/channels/${privateId}`)).status).toBe(200);
  const list = await c.graph('GET', `/teams/${teamId}/channels/${privateId}/members`);
  expect(list.status).toBe(403);
  expect(list.json.error.message).toContain('ChannelMember.Read.All');
  expect((await c.graph('POST', `/teams/${teamId}/channels/${privateId}/members`, member('erik.johansson'))).status).toBe(403);
  const reader = await appWith(['ChannelMember.Read.All']);
  expect((await reader.graph('GET', `/teams/${teamId}/channels/${privateId}/members`)).json.value).toHaveLength(1);
  expect((await reader.graph('POST', `/teams/${teamId}/channels/${privateId}/members`, member('erik.johansson'))).status).toBe(403);
  const writer = await appWith(['ChannelMember.ReadWrite.All']);
  expect((await writer.graph('POST', `/teams/${teamId}/channels/${privateId}/members`, member('erik.johansson'))).status).toBe(201);
  expect((await writer.graph('GET', `/teams/${teamId}/channels/${privateId}/members`)).json.value).toHaveLength(2);
});

test('a tab is created with TeamsTab.Create, but changed or removed only with TeamsTab.ReadWrite(ForTeam).All', async () => {
  const base = `/teams/${teamId}/channels/${generalId}/tabs`;
  const c = await appWith(['TeamsTab.Create']);
  const made = await c.graph('POST', base, { displayName: 'Till', 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web', configuration: { contentUrl: 'https://example.org/b' } });
  expect(made.status).toBe(201);
  expect((await c.graph('PATCH', `${base}/${tabId}`, { displayName: 'Annat' })).status).toBe(403);
  expect((await c.graph('DELETE', `${base}/${made.json.id}`)).status).toBe(403);
  expect((await c.graph('GET', base)).status).toBe(403);
  const rw = await appWith(['TeamsTab.ReadWriteForTeam.All']);
  expect((await rw.graph('PATCH', `${base}/${tabId}`, { displayName: 'Annat' })).status).toBe(200);
  expect((await rw.graph('DELETE', `${base}/${made.json.id}`)).status).toBe(204);
  expect((await rw.graph('GET', base)).json.value.map((t: { displayName: string }) => t.displayName)).toEqual(['Annat']);
});

test("TeamMember.ReadWriteNonOwnerRole.All adds and removes members, but not owners; TeamMember.ReadWrite.All does both", async () => {
  const c = await appWith(['TeamMember.ReadWriteNonOwnerRole.All', 'TeamMember.Read.All']);
  const added = await c.graph('POST', `/teams/${teamId}/members`, member('emma.nilsson'));
  expect(added.status).toBe(201);
  const owner = await c.graph('POST', `/teams/${teamId}/members`, member('elin.holm', true));
  expect(owner.status).toBe(403);
  expect(owner.json.error.message).toContain('TeamMember.ReadWrite.All');
  expect((await c.graph('PATCH', `/teams/${teamId}/members/${encodeURIComponent(added.json.id)}`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'] })).status).toBe(403);
  const roster = (await c.graph('GET', `/teams/${teamId}/members`)).json.value as { id: string; email: string; roles: string[] }[];
  expect(roster.map((m) => `${m.email.split('@')[0]}:${m.roles.join()}`).sort()).toEqual(['anna.andersson:owner', 'emma.nilsson:', 'erik.johansson:', 'maria.karlsson:']);
  const anna = roster.find((m) => m.email.startsWith('anna'))!;
  expect((await c.graph('DELETE', `/teams/${teamId}/members/${encodeURIComponent(anna.id)}`)).status).toBe(403);
  expect((await c.graph('DELETE', `/teams/${teamId}/members/${encodeURIComponent(added.json.id)}`)).status).toBe(204);
  const full = await appWith(['TeamMember.ReadWrite.All']);
  expect((await full.graph('POST', `/teams/${teamId}/members`, member('elin.holm', true))).status).toBe(201);
});

test('a team is made from a group with Group.ReadWrite.All, not Team.Create (team-put-teams); a channel\'s files folder needs a files or sites permission', async () => {
  const c = await appWith(['Team.Create']);
  expect((await c.graph('PUT', `/groups/${teamId}/team`, {})).status).toBe(403);
  // allowed, the PUT reaches the group, which has its team already
  expect((await (await appWith(['Group.ReadWrite.All'])).graph('PUT', `/groups/${teamId}/team`, {})).status).not.toBe(403);
  const reader = await appWith(['Channel.ReadBasic.All']);
  expect((await reader.graph('GET', `/teams/${teamId}/channels/${generalId}/filesFolder`)).status).toBe(403);
  expect((await (await appWith(['Files.Read.All'])).graph('GET', `/teams/${teamId}/channels/${generalId}/filesFolder`)).status).toBe(200);
});

test("a signed-in user may read a private channel's members with Group.Read.All, which an app may not", async () => {
  const c = await appWith(['Group.Read.All']);
  expect((await c.graph('GET', `/teams/${teamId}/channels/${privateId}/members`)).status).toBe(403);
  const user = (scp: string) => c.graph('GET', `/teams/${teamId}/channels/${privateId}/members`, undefined, { authorization: `Bearer ${delegatedToken(dir, 'https://graph.microsoft.com', scp)}` });
  expect((await user('Group.Read.All')).status).toBe(200);
  expect((await user('Channel.ReadBasic.All')).status).toBe(403);
});
