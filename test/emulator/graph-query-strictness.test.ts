/**
 * Directory query options the service refuses or serves, from a client's side: properties the
 * type does not declare, `contains`, `$skip`, `$expand=owners,members` (at most 20 each), the
 * `in` operator; and `POST /groups` with an empty description.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { newGroup, start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
const f = (s: string) => encodeURIComponent(s);
const get = (p: string) => c.graph('GET', p);

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

describe('properties the type does not declare', () => {
  it('$filter on one is 400, not an empty result', async () => {
    const r = await get(`/groups?$filter=${f("colour eq 'blue'")}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Property 'colour' does not exist as a declared property or extension property." });
    expect((await get(`/users?$filter=${f("shoeSize eq 'x'")}`)).status).toBe(400);
  });

  it('$select of one is 400 on lists and on single objects', async () => {
    for (const p of ['/groups?$select=id,colour', `/users/admin@contoso.onmicrosoft.com?$select=colour`, '/users?$select=displayName,colour']) {
      const r = await get(p);
      expect(r.status, p).toBe(400);
      expect(r.json.error.message).toBe("Property 'colour' does not exist as a declared property or extension property.");
    }
    // a declared property that is only returned on $select is fine
    expect((await get('/users?$select=id,mailNickname&$top=1')).json.value[0]).toHaveProperty('mailNickname');
  });
});

it('contains() is refused on groups and users', async () => {
  for (const p of ['/groups', '/users']) {
    const r = await get(`${p}?$filter=${f("contains(displayName,'a')")}`);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: 'Unsupported Query.' });
  }
});

it('$skip is refused on directory objects', async () => {
  for (const p of ['/groups?$skip=1', '/users?$skip=10&$top=5']) {
    const r = await get(p);
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message: "'$skip' is not supported by the service." });
  }
});

it('$expand=owners,members expands the group, at most 20 objects each', async () => {
  const users = (await get('/users?$top=30&$select=id')).json.value.map((u: { id: string }) => `https://graph.microsoft.com/v1.0/users/${u.id}`);
  // The create binds an owner too: 19 members make its 20 links (the most a request may change).
  const g = await newGroup(c, uniq('exp'), { 'members@odata.bind': users.slice(0, 19) });
  for (const u of users.slice(19, 25)) expect((await c.graph('POST', `/groups/${g.id}/members/$ref`, { '@odata.id': u })).status).toBe(204);
  const r = await get(`/groups/${g.id}?$expand=owners,members($select=id,displayName)`);
  expect(r.status).toBe(200);
  expect(r.json.owners.map((o: { userPrincipalName: string }) => o.userPrincipalName)).toEqual(['admin@contoso.onmicrosoft.com']);
  expect(r.json.owners[0]['@odata.type']).toBe('#microsoft.graph.user');
  expect(r.json.members).toHaveLength(20);
  expect(Object.keys(r.json.members[0]).sort()).toEqual(['@odata.type', 'displayName', 'id']);
  const listed = await get(`/groups?$filter=${f(`mailNickname eq '${g.mailNickname}'`)}&$expand=owners`);
  expect(listed.json.value[0].owners).toHaveLength(1);
  const bad = await get(`/groups/${g.id}?$expand=colour`);
  expect(bad.status).toBe(400);
  expect(bad.json.error.message).toBe("Parsing OData Select and Expand failed: Could not find a property named 'colour' on type 'microsoft.graph.group'.");
  // a structural property: the OData layer's answer, as on the SharePoint routes
  const structural = await get(`/groups/${g.id}?$expand=displayName`);
  expect(structural.status).toBe(400);
  expect(structural.json.error.message).toBe("Parsing OData Select and Expand failed: Property 'displayName' on type 'microsoft.graph.group' is not a navigation property or complex property. Only navigation properties can be expanded.");
});

it('the in operator is accepted', async () => {
  const a = await newGroup(c, uniq('in-a'));
  const b = await newGroup(c, uniq('in-b'));
  const r = await get(`/groups?$filter=${f(`mailNickname in ('${a.mailNickname}', '${b.mailNickname}', 'nobody-here')`)}&$select=id`);
  expect(r.status).toBe(200);
  expect(r.json.value.map((g: { id: string }) => g.id).sort()).toEqual([a.id, b.id].sort());
});

it('a filter that names groups (displayName in, and another clause) still applies every clause and the same name comparison', async () => {
  const a = await newGroup(c, uniq('narrow-a'));
  const b = await newGroup(c, uniq('narrow-b'), { visibility: 'Private' });
  const names = `'${a.displayName.toUpperCase()}', '${b.displayName}'`;
  const ids = (r: { json: { value: { id: string }[] } }) => r.json.value.map((g) => g.id).sort();
  const both = await get(`/groups?$filter=${f(`displayName in (${names})`)}&$select=id`);
  // behind an `or` the names do not narrow the groups tested: every group is compared
  const everyGroup = await get(`/groups?$filter=${f(`displayName in (${names}) or mailNickname eq 'nobody-here'`)}&$select=id`);
  expect(both.status).toBe(200);
  expect(everyGroup.status).toBe(200);
  expect(ids(both)).toEqual(ids(everyGroup));
  expect(ids(both)).toContain(b.id);
  const onlyPublic = await get(`/groups?$filter=${f(`displayName in (${names}) and visibility eq 'Public'`)}&$select=id`);
  expect(onlyPublic.status).toBe(200);
  const publicAlso = await get(`/groups?$filter=${f(`(displayName in (${names}) and visibility eq 'Public') or mailNickname eq 'nobody-here'`)}&$select=id`);
  expect(ids(onlyPublic)).toEqual(ids(publicAlso));
  expect(ids(onlyPublic)).not.toContain(b.id);
  // a nickname named twice, or in any case, is one group
  const twice = await get(`/groups?$filter=${f(`mailNickname in ('${b.mailNickname}', '${b.mailNickname.toUpperCase()}')`)}&$select=id`);
  expect(ids(twice)).toEqual([b.id]);
});

it('the in operator takes 15 values, as the service does by default; 16 are refused', async () => {
  const a = await newGroup(c, uniq('in15'));
  const names = (n: number) => [a.mailNickname, ...Array.from({ length: n - 1 }, (_, i) => `nobody-${i}`)].map((x) => `'${x}'`).join(',');
  const fifteen = await get(`/groups?$filter=${f(`mailNickname in (${names(15)})`)}&$select=id`);
  expect(fifteen.status).toBe(200);
  expect(fifteen.json.value.map((g: { id: string }) => g.id)).toEqual([a.id]);
  const sixteen = await get(`/groups?$filter=${f(`mailNickname in (${names(16)})`)}&$select=id`);
  expect(sixteen.status).toBe(400);
  expect(sixteen.json.error).toMatchObject({ code: 'Request_UnsupportedQuery', message: "Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15." });
});

it('POST /groups with description "" is 400; without one or null it is created', async () => {
  const base = { displayName: 'Empty description', mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], 'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/admin@contoso.onmicrosoft.com'] };
  const nick = uniq('emptydesc');
  const r = await c.graph('POST', '/groups', { ...base, mailNickname: nick, description: '' });
  expect(r.status).toBe(400);
  expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message: "Invalid value specified for property 'description' of resource 'Group'." });
  // nothing was created
  expect((await get(`/groups?$filter=${f(`mailNickname eq '${nick}'`)}`)).json.value).toEqual([]);
  expect((await c.graph('POST', '/groups', { ...base, mailNickname: nick, description: null })).status).toBe(201);
  expect((await c.graph('POST', '/groups', { ...base, mailNickname: uniq('nodesc') })).status).toBe(201);
});
