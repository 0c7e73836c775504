/**
 * Teams content on the local tenant's Graph face, over real HTTP: channels (General with the
 * team, standard, private with its own site, shared), channel members, tabs and team members,
 * the team's last owner kept, a member removed from the group gone from the private channels, a
 * deleted channel's name held for 30 days,
 * with the shapes of the documented examples (../shared/reference/graph-examples: channel-post,
 * channel-get, channel-list, channel-patch, channel-delete, channel-post-tabs, team-post-members),
 * and a restart that keeps them (journal replay).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { client, start, type Client } from './helpers.ts';

const REF = new URL('../fixtures/reference/graph-examples', import.meta.url).pathname;
function example(name: string, i = 0): { request: { bodyParsed?: Record<string, unknown> }; response: { status: number; bodyParsed?: Record<string, unknown> } } {
  const d = JSON.parse(readFileSync(`${REF}/${name}.json`, 'utf8'));
  return d.examples?.[i] ?? d;
}
const U = (upn: string) => `https://graph.microsoft.com/v1.0/users('${upn}@contoso.onmicrosoft.com')`;

let t: LocalTenant;
let c: Client;
let dir: string;
let teamId: string;
beforeAll(async () => {
  ({ t, c, dir } = await start());
  const g = await c.graph('POST', '/groups', {
    displayName: 'Kanaler',
    mailNickname: 'kanaler',
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ['Unified'],
    'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/anna.andersson@contoso.onmicrosoft.com'],
    'members@odata.bind': ['anna.andersson', 'erik.johansson'].map((u) => `https://graph.microsoft.com/v1.0/users/${u}@contoso.onmicrosoft.com`),
  });
  expect(g.status).toBe(201);
  teamId = g.json.id;
  const put = await c.graph('PUT', `/groups/${teamId}/team`, {});
  expect(put.status).toBe(201);
});
afterAll(async () => t?.close());

test('General exists with the team and cannot be deleted; primaryChannel is General', async () => {
  const list = await c.graph('GET', `/teams/${teamId}/channels`);
  expect(list.status).toBe(200);
  expect(list.json.value.map((x: { displayName: string }) => x.displayName)).toEqual(['General']);
  const general = list.json.value[0];
  expect(Object.keys(general)).toEqual(expect.arrayContaining(Object.keys(example('channel-get').response.bodyParsed!)));
  expect((await c.graph('GET', `/teams/${teamId}/primaryChannel`)).json.id).toBe(general.id);
  expect((await c.graph('DELETE', `/teams/${teamId}/channels/${encodeURIComponent(general.id)}`)).status).toBe(400);
  expect((await c.graph('PATCH', `/teams/${teamId}/channels/${encodeURIComponent(general.id)}`, { description: 'Allmänt' })).status).toBe(204);
  expect((await c.graph('GET', `/teams/${teamId}/channels/${encodeURIComponent(general.id)}`)).json.description).toBe('Allmänt');
});

test('a standard channel: created as documented, patched, filtered, deleted', async () => {
  const ex = example('channel-post', 0);
  const r = await c.graph('POST', `/teams/${teamId}/channels`, ex.request.bodyParsed);
  expect(r.status).toBe(ex.response.status);
  expect(r.json).toMatchObject(ex.response.bodyParsed!.id ? { displayName: ex.request.bodyParsed!.displayName, description: ex.request.bodyParsed!.description } : {});
  expect(r.json.id).toMatch(/^19:[0-9a-f]{32}@thread\.tacv2$/);
  expect((await c.graph('POST', `/teams/${teamId}/channels`, ex.request.bodyParsed)).status).toBe(400); // name taken
  const id = encodeURIComponent(r.json.id);
  expect((await c.graph('PATCH', `/teams/${teamId}/channels/${id}`, { membershipType: 'private' })).status).toBe(400);
  expect((await c.graph('PATCH', `/teams/${teamId}/channels/${id}`, { description: 'Ändrad' })).status).toBe(example('channel-patch').response.status);
  const std = await c.graph('GET', `/teams/${teamId}/channels?$filter=membershipType eq 'standard'&$select=displayName,description`);
  expect(std.json.value).toContainEqual({ displayName: ex.request.bodyParsed!.displayName, description: 'Ändrad' });
  // a name channel does not declare is the OData layer's 400, not an empty answer
  const typo = await c.graph('GET', `/teams/${teamId}/channels?$filter=${encodeURIComponent("membershiptyp eq 'standard'")}`);
  expect(typo.status).toBe(400);
  expect(typo.json.error.message).toBe("Could not find a property named 'membershiptyp' on type 'microsoft.graph.channel'.");
  // a lambda's variable is bound, not a property: the team's owners
  const owners = await c.graph('GET', `/teams/${teamId}/members?$filter=${encodeURIComponent("roles/any(r: r eq 'owner')")}`);
  expect(owners.status).toBe(200);
  expect(owners.json.value.length).toBeGreaterThan(0);
  expect((await c.graph('GET', `/teams/${teamId}/members?$filter=${encodeURIComponent("role eq 'owner'")}`)).status).toBe(400);
  // a member found by its user through the derived type's cast ("List members of team"), not an empty answer
  const someone = owners.json.value[0] as { userId: string; displayName: string };
  const byUser = await c.graph('GET', `/teams/${teamId}/members?$filter=${encodeURIComponent(`(microsoft.graph.aadUserConversationMember/userId eq '${someone.userId}')`)}`);
  expect(byUser.status).toBe(200);
  expect(byUser.json.value.map((m: { displayName: string }) => m.displayName)).toEqual([someone.displayName]);
  expect((await c.graph('GET', `/teams/${teamId}/members?$filter=${encodeURIComponent("microsoft.graph.aadUserConversationMember/usrId eq 'x'")}`)).status).toBe(400);
  expect((await c.graph('GET', `/teams/${teamId}/channels?$filter=${encodeURIComponent("microsoft.graph.channel/displayName eq 'x'")}`)).status).toBe(400);
  expect((await c.graph('DELETE', `/teams/${teamId}/channels/${id}`)).status).toBe(example('channel-delete').response.status);
  expect((await c.graph('GET', `/teams/${teamId}/channels/${id}`)).status).toBe(404);
});

test('a private channel needs an owner, gets its own site, and has its own members', async () => {
  const ex = example('channel-post', 3);
  expect((await c.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Utan ägare', membershipType: 'private' })).status).toBe(400);
  const body = { ...ex.request.bodyParsed, displayName: 'Ledning', members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': U('anna.andersson'), roles: ['owner'] }] };
  const r = await c.graph('POST', `/teams/${teamId}/channels`, body);
  expect(r.status).toBe(201);
  expect(r.json).toMatchObject({ displayName: 'Ledning', membershipType: 'private', email: '' });
  const site = await c.graph('GET', '/sites/contoso.sharepoint.com:/sites/kanaler-Ledning');
  expect(site.status).toBe(200);
  const id = encodeURIComponent(r.json.id);
  const add = await c.graph('POST', `/teams/${teamId}/channels/${id}/members`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': U('erik.johansson') });
  expect(add.status).toBe(201);
  // not a team member: refused for a private channel
  expect((await c.graph('POST', `/teams/${teamId}/channels/${id}/members`, { roles: [], 'user@odata.bind': U('maria.karlsson') })).status).toBe(400);
  const members = (await c.graph('GET', `/teams/${teamId}/channels/${id}/members`)).json.value;
  expect(members.map((m: { email: string; roles: string[] }) => `${m.email}:${m.roles.join()}`).sort()).toEqual([
    'anna.andersson@contoso.onmicrosoft.com:owner',
    'erik.johansson@contoso.onmicrosoft.com:',
  ]);
  // deleting the channel deletes its site
  expect((await c.graph('DELETE', `/teams/${teamId}/channels/${id}`)).status).toBe(204);
  expect((await c.graph('GET', '/sites/contoso.sharepoint.com:/sites/kanaler-Ledning')).status).toBe(404);
});

test("a shared channel is created with one owner: two in its create is 400 (channel-post); the second is added after", async () => {
  const owner = (upn: string) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': U(upn), roles: ['owner'] });
  const two = await c.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Delad', membershipType: 'shared', members: [owner('anna.andersson'), owner('erik.johansson')] });
  expect(two.status).toBe(400);
  expect(two.json.error.message).toBe('A shared channel can be created with only one owner; add the other owners once it exists.');
  expect((await c.graph('GET', `/teams/${teamId}/channels`)).json.value.map((x: { displayName: string }) => x.displayName)).not.toContain('Delad');
  const one = await c.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Delad', membershipType: 'shared', members: [owner('anna.andersson')] });
  expect(one.status).toBe(201);
  const id = encodeURIComponent(one.json.id);
  expect((await c.graph('POST', `/teams/${teamId}/channels/${id}/members`, owner('erik.johansson'))).status).toBe(201);
  const members = (await c.graph('GET', `/teams/${teamId}/channels/${id}/members`)).json.value;
  expect(members.map((m: { email: string; roles: string[] }) => `${m.email}:${m.roles.join()}`).sort()).toEqual(['anna.andersson@contoso.onmicrosoft.com:owner', 'erik.johansson@contoso.onmicrosoft.com:owner']);
  expect((await c.graph('DELETE', `/teams/${teamId}/channels/${id}`)).status).toBe(204);
});

test('tabs: website and library tabs as documented, read with $expand=teamsApp, configuration patched', async () => {
  const general = (await c.graph('GET', `/teams/${teamId}/primaryChannel`)).json;
  const base = `/teams/${teamId}/channels/${encodeURIComponent(general.id)}/tabs`;
  const ex = example('channel-post-tabs');
  expect((await c.graph('POST', base, ex.request.bodyParsed)).status).toBe(404); // that app is not installed here
  const web = await c.graph('POST', base, { ...ex.request.bodyParsed, 'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web' });
  expect(web.status).toBe(ex.response.status);
  expect(Object.keys(web.json)).toEqual(expect.arrayContaining(Object.keys(ex.response.bodyParsed!)));
  expect(web.json.configuration).toEqual(ex.response.bodyParsed!.configuration);
  const lib = await c.graph('POST', base, {
    displayName: 'Dokument',
    'teamsApp@odata.bind': "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps('com.microsoft.teamspace.tab.files.sharepoint')",
    configuration: { entityId: '', contentUrl: 'https://contoso.sharepoint.com/sites/kanaler/Shared%20Documents', websiteUrl: null, removeUrl: null },
  });
  expect(lib.status).toBe(201);
  const patched = await c.graph('PATCH', `${base}/${web.json.id}`, { configuration: { contentUrl: 'https://example.org/b' } });
  expect(patched.status).toBe(200);
  expect(patched.json.configuration.contentUrl).toBe('https://example.org/b');
  expect(patched.json.configuration.websiteUrl).toBe(ex.response.bodyParsed!.configuration && (ex.response.bodyParsed!.configuration as { websiteUrl: string }).websiteUrl);
  const listed = (await c.graph('GET', `${base}?$expand=teamsApp`)).json.value;
  expect(listed.map((x: { displayName: string; teamsApp: { id: string } }) => `${x.displayName}:${x.teamsApp.id}`)).toEqual([
    'My Contoso Tab:com.microsoft.teamspace.tab.web',
    'Dokument:com.microsoft.teamspace.tab.files.sharepoint',
  ]);
  // the expanded app cut to its nested $select, as the property names it
  const named = (await c.graph('GET', `${base}?$expand=${encodeURIComponent('teamsApp($select=displayName)')}`)).json.value as { teamsApp: unknown }[];
  expect(named.map((x) => x.teamsApp)).toEqual(listed.map((x: { teamsApp: { displayName: string } }) => ({ displayName: x.teamsApp.displayName })));
  expect((await c.graph('DELETE', `${base}/${lib.json.id}`)).status).toBe(204);
});

test('team members: added as documented (by id or UPN), role changed, removed; they are the group owners and members', async () => {
  const ex = example('team-post-members', 1);
  const body = { ...ex.request.bodyParsed, 'user@odata.bind': U('maria.karlsson') };
  const r = await c.graph('POST', `/teams/${teamId}/members`, body);
  expect(r.status).toBe(ex.response.status);
  expect(Object.keys(r.json)).toEqual(expect.arrayContaining(Object.keys(example('team-post-members', 0).response.bodyParsed!)));
  expect(r.json.roles).toEqual(['owner']);
  const owners = (await c.graph('GET', `/groups/${teamId}/owners?$select=userPrincipalName`)).json.value.map((o: { userPrincipalName: string }) => o.userPrincipalName);
  expect(owners).toContain('maria.karlsson@contoso.onmicrosoft.com');
  expect((await c.graph('PATCH', `/teams/${teamId}/members/${encodeURIComponent(r.json.id)}`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [] })).json.roles).toEqual([]);
  expect((await c.graph('DELETE', `/teams/${teamId}/members/${encodeURIComponent(r.json.id)}`)).status).toBe(204);
  const all = (await c.graph('GET', `/teams/${teamId}/members`)).json.value.map((m: { email: string; roles: string[] }) => `${m.email}:${m.roles.join()}`).sort();
  expect(all).toEqual(['anna.andersson@contoso.onmicrosoft.com:owner', 'erik.johansson@contoso.onmicrosoft.com:']);
});

test("the team's last owner is kept (Teams route and group route); a member removed from the group leaves the private channels", async () => {
  const roster = (await c.graph('GET', `/teams/${teamId}/members`)).json.value as { id: string; email: string; roles: string[] }[];
  const anna = roster.find((m) => m.email.startsWith('anna.andersson'))!;
  expect(anna.roles).toEqual(['owner']);
  // the last owner: neither removed nor demoted, on either route
  const del = await c.graph('DELETE', `/teams/${teamId}/members/${encodeURIComponent(anna.id)}`);
  expect(del.status).toBe(400);
  const demote = await c.graph('PATCH', `/teams/${teamId}/members/${encodeURIComponent(anna.id)}`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [] });
  expect(demote.status).toBe(400);
  const annaId = (await c.graph('GET', '/users/anna.andersson@contoso.onmicrosoft.com?$select=id')).json.id;
  const ref = await c.graph('DELETE', `/groups/${teamId}/owners/${annaId}/$ref`);
  expect(ref.status).toBe(400);
  expect(ref.json.error.message).toMatch(/at least one owner/);
  expect((await c.graph('GET', `/teams/${teamId}/members`)).json.value.find((m: { email: string }) => m.email.startsWith('anna.andersson')).roles).toEqual(['owner']);

  // erik in a private channel, then removed from the group: gone from the team and the channel
  const ch = await c.graph('POST', `/teams/${teamId}/channels`, {
    displayName: 'Styrgrupp',
    membershipType: 'private',
    members: [
      { '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': U('anna.andersson'), roles: ['owner'] },
      { '@odata.type': '#microsoft.graph.aadUserConversationMember', 'user@odata.bind': U('erik.johansson'), roles: [] },
    ],
  });
  expect(ch.status).toBe(201);
  const chId = encodeURIComponent(ch.json.id);
  const emails = async (path: string) => ((await c.graph('GET', path)).json.value as { email: string }[]).map((m) => m.email.replace(/@.*/, '')).sort();
  expect(await emails(`/teams/${teamId}/channels/${chId}/members`)).toEqual(['anna.andersson', 'erik.johansson']);
  const erikId = (await c.graph('GET', '/users/erik.johansson@contoso.onmicrosoft.com?$select=id')).json.id;
  expect((await c.graph('DELETE', `/groups/${teamId}/members/${erikId}/$ref`)).status).toBe(204);
  expect(await emails(`/teams/${teamId}/members`)).toEqual(['anna.andersson']);
  expect(await emails(`/teams/${teamId}/channels/${chId}/members`)).toEqual(['anna.andersson']);
  // put back as it was for the tests after this one
  expect((await c.graph('DELETE', `/teams/${teamId}/channels/${chId}`)).status).toBe(204);
  expect((await c.graph('POST', `/groups/${teamId}/members/$ref`, { '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${erikId}` })).status).toBe(204);
});

test('channels and tabs survive a restart (journal replay)', async () => {
  await c.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Varaktig', description: 'kvar' });
  await t.close();
  ({ t } = await start(dir));
  c = await client(t);
  const names = (await c.graph('GET', `/teams/${teamId}/channels`)).json.value.map((x: { displayName: string }) => x.displayName);
  expect(names).toEqual(['General', 'Varaktig']);
  const general = (await c.graph('GET', `/teams/${teamId}/primaryChannel`)).json;
  expect(general.description).toBe('Allmänt');
  expect((await c.graph('GET', `/teams/${teamId}/channels/${encodeURIComponent(general.id)}/tabs`)).json.value).toHaveLength(1);
});

test('a deleted channel holds its name in the team for 30 days (NameAlreadyExists), across a restart; then it is free', async () => {
  // the standard channel of the test above was deleted before the restart
  const name = example('channel-post', 0).request.bodyParsed!.displayName as string;
  const held = await c.graph('POST', `/teams/${teamId}/channels`, { displayName: name.toUpperCase() });
  expect(held.status).toBe(400);
  expect(held.json.error).toMatchObject({ code: 'NameAlreadyExists', message: 'Channel name already existed, please use other name' });
  t.advanceClock(31 * 24 * 3600_000);
  expect((await c.graph('POST', `/teams/${teamId}/channels`, { displayName: name })).status).toBe(201);
});

test("the Teams route keeps a team's group at 100 owners: the 101st owner is refused, a member is not", async () => {
  const users = ((await c.graph('GET', '/users?$select=id&$top=102')).json.value as { id: string }[]).map((u) => u.id);
  const g = await c.graph('POST', '/groups', {
    displayName: 'Hundra',
    mailNickname: 'hundra',
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ['Unified'],
    'owners@odata.bind': users.slice(0, 20).map((id) => `https://graph.microsoft.com/v1.0/users/${id}`),
  });
  expect(g.status).toBe(201);
  expect((await c.graph('PUT', `/groups/${g.json.id}/team`, {})).status).toBe(201);
  const add = (id: string, roles: string[]) => c.graph('POST', `/teams/${g.json.id}/members`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles, 'user@odata.bind': `https://graph.microsoft.com/v1.0/users('${id}')` });
  for (const id of users.slice(20, 100)) expect((await add(id, ['owner'])).status).toBe(201);
  const refused = await add(users[100]!, ['owner']);
  expect(refused.status).toBe(400);
  expect(refused.json.error).toMatchObject({ code: 'BadRequest', message: 'A group can have at most 100 owners; this change would give it 101.' });
  expect((await add(users[101]!, [])).status).toBe(201);
  expect((await c.graph('GET', `/groups/${g.json.id}/owners?$select=id&$top=999`)).json.value).toHaveLength(100);
});
