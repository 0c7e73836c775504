/**
 * Query options on the Graph face are read or refused, never ignored (graph/unread-options.ts),
 * over real HTTP: a route that does not serve `$expand` or `$select` answers 400 saying so, alone
 * and inside a `$batch`, where it used to drop them and answer 200 (an engine call the service
 * refuses would have passed here). The Teams routes now check `$select` and `$expand` against
 * their types (teams-schema.ts, from the v1.0 metadata) as the site routes do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { AAD_USER_CONVERSATION_MEMBER_TYPE, CHANNEL_TYPE, CONVERSATION_MEMBER_TYPE, TEAMS_APP_TYPE, TEAMS_TAB_TYPE } from '../../src/emulator/graph/teams-schema.ts';
import { declaredNames, referenceNames } from './conformance-helpers.ts';
import { groupSite, start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let teamId = '';
let siteId = '';
let channelId = '';
const U = (upn: string) => `https://graph.microsoft.com/v1.0/users/${upn}@contoso.onmicrosoft.com`;

beforeAll(async () => {
  ({ t, c } = await start());
  const g = await c.graph('POST', '/groups', {
    displayName: 'Tillval',
    mailNickname: 'tillval',
    mailEnabled: true,
    securityEnabled: false,
    groupTypes: ['Unified'],
    'owners@odata.bind': [U('anna.andersson')],
    'members@odata.bind': [U('anna.andersson'), U('erik.johansson')],
  });
  expect(g.status).toBe(201);
  teamId = g.json.id;
  expect((await c.graph('PUT', `/groups/${teamId}/team`, {})).status).toBe(201);
  siteId = (await groupSite(c, teamId)).id;
  const ch = await c.graph('POST', `/teams/${teamId}/channels`, { displayName: 'Projekt', description: 'Projektkanal' });
  expect(ch.status).toBe(201);
  channelId = encodeURIComponent(ch.json.id);
  const tab = await c.graph('POST', `/teams/${teamId}/channels/${channelId}/tabs`, {
    displayName: 'Webb',
    'teamsApp@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web',
    configuration: { contentUrl: 'https://example.org', websiteUrl: 'https://example.org' },
  });
  expect(tab.status).toBe(201);
});
afterAll(async () => t?.close());

/** The error message of a GET that must be refused with 400. */
async function refused(path: string): Promise<string> {
  const r = await c.graph('GET', path);
  expect(r.status, path).toBe(400);
  return r.json.error.message as string;
}

describe('an option a route does not read', () => {
  it('is refused, naming the option and the route, where it used to be dropped with a 200', async () => {
    const cases: [string, string][] = [
      [`/sites/${siteId}?$expand=zzBogus`, '$expand'],
      [`/groups/${teamId}/sites/root?$select=id&$expand=lists`, '$expand'],
      [`/users/anna.andersson@contoso.onmicrosoft.com?$expand=manager`, '$expand'],
      [`/teams/${teamId}/channels/${channelId}/filesFolder?$select=id`, '$select'],
      [`/teams/${teamId}/channels?$orderby=displayName`, '$orderby'],
      ['/security/dataSecurityAndGovernance/sensitivityLabels?$top=1', '$top'],
    ];
    for (const [path, option] of cases) expect(await refused(path), path).toMatch(new RegExp(`^The query option '\\${option}' is not served by the local tenant on GET /`));
    // without the option, each is answered
    for (const [path] of cases) expect((await c.graph('GET', path.split('?')[0]!)).status, path).toBe(200);
  });

  it('is refused inside a $batch too, item by item', async () => {
    const r = await c.graph('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: `/sites/${siteId}?$select=id&$expand=zzBogus` },
        { id: '2', method: 'GET', url: `/sites/${siteId}?$select=id` },
      ],
    });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries((r.json.responses as { id: string; status: number; body: { error?: { message: string } } }[]).map((x) => [x.id, x]));
    expect(byId['1']!.status).toBe(400);
    expect(byId['1']!.body.error?.message).toMatch(/^The query option '\$expand' is not served by the local tenant on GET \/sites\/\{id\}/);
    expect(byId['2']!.status).toBe(200);
  });
});

it("deleted items take the directory's options as /groups does: filtered, cut, checked (they were all answered whole)", async () => {
  for (const nick of ['borta-ett', 'annat-tva']) {
    const g = await c.graph('POST', '/groups', { displayName: nick, mailNickname: nick, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
    expect(g.status).toBe(201);
    expect((await c.graph('DELETE', `/groups/${g.json.id}`)).status).toBe(204);
  }
  const r = await c.graph('GET', `/directory/deletedItems/microsoft.graph.group?$filter=${encodeURIComponent("startswith(mailNickname,'borta')")}&$select=id,mailNickname`);
  expect(r.status).toBe(200);
  expect(r.json.value.map((g: Record<string, unknown>) => [g.mailNickname, Object.keys(g).filter((k) => !k.startsWith('@')).sort()])).toEqual([['borta-ett', ['id', 'mailNickname']]]);
  expect(await refused('/directory/deletedItems/microsoft.graph.group?$select=colour')).toBe("Property 'colour' does not exist as a declared property or extension property.");
});

it("a write's body name the type does not declare is the OData layer's 400, before anything changes (it was ignored)", async () => {
  const odata = (name: string, type: string) => `The property '${name}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`;
  const cases: [string, string, Record<string, unknown>, string, string][] = [
    ['POST', `/teams/${teamId}/channels`, { displayName: 'Ny', descripton: 'misspelt' }, 'descripton', 'microsoft.graph.channel'],
    ['PATCH', `/teams/${teamId}/channels/${channelId}`, { displayName: 'Projekt', isFavourite: true }, 'isFavourite', 'microsoft.graph.channel'],
    ['POST', `/teams/${teamId}/members`, { '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: [], 'user@odata.bind': U('maria.karlsson'), visibleHistory: 'all' }, 'visibleHistory', 'microsoft.graph.aadUserConversationMember'],
    ['POST', `/teams/${teamId}/channels/${channelId}/tabs`, { displayName: 'X', 'app@odata.bind': 'https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/com.microsoft.teamspace.tab.web' }, 'app', 'microsoft.graph.teamsTab'],
    ['POST', `/sites/${siteId}/lists`, { displayName: 'Ny lista', list: { template: 'genericList' }, template: 'genericList' }, 'template', 'microsoft.graph.list'],
    ['POST', `/sites/${siteId}/columns`, { name: 'NyKolumn', text: {}, maxLength: 10 }, 'maxLength', 'microsoft.graph.columnDefinition'],
    ['POST', `/sites/${siteId}/contentTypes`, { name: 'Ny typ', parent: '0x0101' }, 'parent', 'microsoft.graph.contentType'],
    // names compare exactly, as Graph's JSON reader compares them
    ['POST', `/teams/${teamId}/channels`, { DisplayName: 'Ny' }, 'DisplayName', 'microsoft.graph.channel'],
    ['PATCH', `/teams/${teamId}/channels/${channelId}`, { Description: 'x' }, 'Description', 'microsoft.graph.channel'],
  ];
  for (const [method, path, body, name, type] of cases) {
    const r = await c.graph(method, path, body);
    expect(r.status, `${method} ${path}`).toBe(400);
    expect(r.json.error.message, `${method} ${path}`).toBe(odata(name, type));
  }
  // nothing was made or changed
  const names = (await c.graph('GET', `/teams/${teamId}/channels?$select=displayName`)).json.value.map((x: { displayName: string }) => x.displayName);
  expect(names).not.toContain('Ny');
  expect((await c.graph('GET', `/sites/${siteId}/columns?$filter=${encodeURIComponent("name eq 'NyKolumn'")}`)).json.value).toEqual([]);
  expect((await c.graph('GET', `/teams/${teamId}/members`)).json.value).toHaveLength(2);
});

describe("the Teams routes' $select and $expand", () => {
  it("a name the type does not declare is the service's 400 on a team, its channels, members and tabs", async () => {
    const cases: [string, string, string][] = [
      [`/teams/${teamId}?$select=id,zzBogus`, 'zzBogus', 'microsoft.graph.team'],
      [`/teams/${teamId}/channels?$select=id,zzBogus`, 'zzBogus', 'microsoft.graph.channel'],
      [`/teams/${teamId}/primaryChannel?$select=zzBogus`, 'zzBogus', 'microsoft.graph.channel'],
      // `email` is the derived aadUserConversationMember's: the collection's type does not declare it
      [`/teams/${teamId}/members?$select=email`, 'email', 'microsoft.graph.conversationMember'],
      [`/teams/${teamId}/channels/${channelId}/tabs?$select=zzBogus`, 'zzBogus', 'microsoft.graph.teamsTab'],
      [`/teams/${teamId}/channels/${channelId}/tabs?$expand=zzBogus`, 'zzBogus', 'microsoft.graph.teamsTab'],
    ];
    for (const [path, name, type] of cases) expect(await refused(path), path).toBe(`Parsing OData Select and Expand failed: Could not find a property named '${name}' on type '${type}'.`);
  });

  it('declared names are answered, cut to what was asked; a tab expands its app', async () => {
    const team = await c.graph('GET', `/teams/${teamId}?$select=displayName`);
    expect(team.status).toBe(200);
    expect(Object.keys(team.json).filter((k) => !k.startsWith('@')).sort()).toEqual(['displayName', 'id']);
    const channels = await c.graph('GET', `/teams/${teamId}/channels?$select=displayName,membershipType`);
    expect(channels.json.value.map((x: Record<string, unknown>) => Object.keys(x).sort())).toEqual([
      ['displayName', 'membershipType'],
      ['displayName', 'membershipType'],
    ]);
    // `*` is every property (it was taken as a name and answered empty objects)
    const all = await c.graph('GET', `/teams/${teamId}/channels?$select=*`);
    expect(all.json.value.map((x: Record<string, unknown>) => Object.keys(x).sort())).toEqual((await c.graph('GET', `/teams/${teamId}/channels`)).json.value.map((x: Record<string, unknown>) => Object.keys(x).sort()));
    expect(all.json.value[0]).toHaveProperty('membershipType');
    const members = await c.graph('GET', `/teams/${teamId}/members?$select=roles`);
    expect(members.json.value).toHaveLength(2);
    const tabs = await c.graph('GET', `/teams/${teamId}/channels/${channelId}/tabs?$expand=teamsApp`);
    expect(tabs.json.value[0].teamsApp).toMatchObject({ id: 'com.microsoft.teamspace.tab.web' });
    expect((await c.graph('GET', `/teams/${teamId}/channels/${channelId}/tabs`)).json.value[0].teamsApp).toBeUndefined();
  });

  it("the tables are the v1.0 metadata's declared properties, inherited and navigation ones included", () => {
    expect(declaredNames(CHANNEL_TYPE), 'channel').toEqual(referenceNames('channel'));
    expect(declaredNames(CONVERSATION_MEMBER_TYPE), 'conversationMember').toEqual(referenceNames('conversationMember'));
    expect(declaredNames(AAD_USER_CONVERSATION_MEMBER_TYPE), 'aadUserConversationMember').toEqual(referenceNames('aadUserConversationMember'));
    expect(declaredNames(TEAMS_TAB_TYPE), 'teamsTab').toEqual(referenceNames('teamsTab'));
    expect(declaredNames(TEAMS_APP_TYPE), 'teamsApp').toEqual(referenceNames('teamsApp'));
  });
});
