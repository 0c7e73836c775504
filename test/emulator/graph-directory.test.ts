import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { graphPath, newGroup, start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

describe('users', () => {
  it('seeds the 121 directory users with their ids', async () => {
    const r = await c.graph('GET', '/users?$top=999&$select=id,userPrincipalName');
    expect(r.status).toBe(200);
    expect(r.json.value).toHaveLength(121);
    expect(r.json.value).toContainEqual({ id: 'c0ffe515-403b-58b7-835b-bb7f6a61c163', userPrincipalName: 'admin@contoso.onmicrosoft.com' });
  });

  it('gets a user by id and by UPN, with $select', async () => {
    const a = await c.graph('GET', '/users/c0ffe515-403b-58b7-835b-bb7f6a61c163');
    expect(a.status).toBe(200);
    expect(a.json['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#users/$entity');
    expect(a.json.userPrincipalName).toBe('admin@contoso.onmicrosoft.com');
    const b = await c.graph('GET', '/users/anna.andersson@contoso.onmicrosoft.com?$select=displayName');
    expect(b.json).toEqual({ '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(displayName)/$entity', displayName: 'Anna Andersson' });
    const n = await c.graph('GET', '/users/nobody@contoso.onmicrosoft.com');
    expect(n.status).toBe(404);
    expect(n.json.error.code).toBe('Request_ResourceNotFound');
  });

  it('filters and pages users', async () => {
    const f = await c.graph('GET', `/users?$filter=${encodeURIComponent("startswith(displayName,'Anna')")}&$select=displayName`);
    expect(f.json.value.length).toBeGreaterThan(0);
    expect(f.json.value.every((u: { displayName: string }) => u.displayName.startsWith('Anna'))).toBe(true);
    const p1 = await c.graph('GET', '/users?$top=50');
    expect(p1.json.value).toHaveLength(50);
    expect(p1.json['@odata.nextLink']).toMatch(/^https:\/\/graph\.microsoft\.com\/v1\.0\/users\?/);
    const ids = new Set<string>();
    let next: string | undefined = '/users?$top=50';
    while (next) {
      const r = await c.graph('GET', graphPath(next));
      for (const u of r.json.value) ids.add(u.id);
      next = r.json['@odata.nextLink'];
    }
    expect(ids.size).toBe(121);
  });
});

describe('groups', () => {
  it('creates a Unified group with owners and members bound by id or UPN', async () => {
    const nick = uniq('lib');
    const r = await c.graph('POST', '/groups', {
      description: 'Self help community for library',
      displayName: 'Library Assist',
      groupTypes: ['Unified'],
      mailEnabled: true,
      mailNickname: nick,
      securityEnabled: false,
      visibility: 'Private',
      'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/c0ffe515-403b-58b7-835b-bb7f6a61c163'],
      'members@odata.bind': ['https://graph.microsoft.com/v1.0/users/anna.andersson@contoso.onmicrosoft.com'],
    });
    expect(r.status).toBe(201);
    expect(r.json['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#groups/$entity');
    expect(r.json).toMatchObject({ displayName: 'Library Assist', mailNickname: nick, visibility: 'Private', groupTypes: ['Unified'], mail: `${nick}@contoso.onmicrosoft.com` });
    const owners = await c.graph('GET', `/groups/${r.json.id}/owners`);
    expect(owners.json.value).toHaveLength(1);
    expect(owners.json.value[0]).toMatchObject({ '@odata.type': '#microsoft.graph.user', id: 'c0ffe515-403b-58b7-835b-bb7f6a61c163' });
    const members = await c.graph('GET', `/groups/${r.json.id}/members?$select=id,displayName`);
    expect(members.json.value).toEqual([{ '@odata.type': '#microsoft.graph.user', id: 'f83bc7ba-4a9d-59cf-ba68-415a62163c28', displayName: 'Anna Andersson' }]);
  });

  it('refuses a duplicate mailNickname and a bound user that does not exist', async () => {
    const g = await newGroup(c);
    const dup = await c.graph('POST', '/groups', { displayName: 'x', mailNickname: g.mailNickname, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
    expect(dup.status).toBe(400);
    expect(dup.json.error.code).toBe('Request_BadRequest');
    expect(dup.json.error.message).toBe('Another object with the same value for property mailNickname already exists.');
    expect(dup.json.error.innerError).toMatchObject({ 'request-id': expect.any(String), date: expect.any(String) });
    const bad = await c.graph('POST', '/groups', {
      displayName: 'x',
      mailNickname: uniq('bad'),
      mailEnabled: true,
      securityEnabled: false,
      groupTypes: ['Unified'],
      'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/00000000-0000-0000-0000-00000000dead'],
    });
    expect(bad.status).toBe(400);
    const missing = await c.graph('POST', '/groups', { displayName: 'x', mailEnabled: true, securityEnabled: false });
    expect(missing.status).toBe(400);
  });

  it('changes at most 20 links a request, owners and members together (a user bound as both is two)', async () => {
    const users = ((await c.graph('GET', '/users?$select=id&$top=21')).json.value as { id: string }[]).map((u) => `https://graph.microsoft.com/v1.0/users/${u.id}`);
    const body = (owners: string[], members: string[]) => ({ displayName: 'Links', mailNickname: uniq('links'), mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], 'owners@odata.bind': owners, 'members@odata.bind': members });
    const refused = await c.graph('POST', '/groups', body(users.slice(0, 11), users.slice(0, 10)));
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'Request_BadRequest', message: 'A resource cannot contain more than 20 link changes.' });
    expect((await c.graph('POST', '/groups', body([users[0]!], users.slice(1, 21)))).status).toBe(400);
    const made = await c.graph('POST', '/groups', body(users.slice(0, 10), users.slice(0, 10)));
    expect(made.status).toBe(201);
    const patched = await c.graph('PATCH', `/groups/${made.json.id}`, { 'owners@odata.bind': users.slice(10, 21), 'members@odata.bind': users.slice(10, 20) });
    expect(patched.status).toBe(400);
    expect(patched.json.error.message).toBe('A resource cannot contain more than 20 link changes.');
  });

  it('keeps a group at 100 owners: the 101st is refused by $ref and by PATCH', async () => {
    const users = ((await c.graph('GET', '/users?$select=id&$top=102')).json.value as { id: string }[]).map((u) => `https://graph.microsoft.com/v1.0/users/${u.id}`);
    const g = (await c.graph('POST', '/groups', { displayName: 'Owners', mailNickname: uniq('owners'), mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], 'owners@odata.bind': users.slice(0, 20) })).json;
    for (const u of users.slice(20, 100)) expect((await c.graph('POST', `/groups/${g.id}/owners/$ref`, { '@odata.id': u })).status).toBe(204);
    const refused = await c.graph('POST', `/groups/${g.id}/owners/$ref`, { '@odata.id': users[100] });
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe('A group can have at most 100 owners; this change would give it 101.');
    expect((await c.graph('PATCH', `/groups/${g.id}`, { 'owners@odata.bind': [users[101]] })).status).toBe(400);
    expect((await c.graph('GET', `/groups/${g.id}/owners?$select=id&$top=999`)).json.value).toHaveLength(100);
  });

  it('gets a group with $select and 404s an unknown one', async () => {
    const g = await newGroup(c);
    const r = await c.graph('GET', `/groups/${g.id}?$select=displayName,mailNickname`);
    expect(r.json).toEqual({
      '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#groups(displayName,mailNickname)/$entity',
      id: g.id,
      displayName: g.displayName,
      mailNickname: g.mailNickname,
    });
    const n = await c.graph('GET', '/groups/00000000-0000-0000-0000-000000000000');
    expect(n.status).toBe(404);
    expect(n.json.error.code).toBe('Request_ResourceNotFound');
  });

  it('PATCHes displayName, description and visibility (204) and renames the team site', async () => {
    const g = await newGroup(c);
    const r = await c.graph('PATCH', `/groups/${g.id}`, { displayName: 'Renamed', description: 'New text', visibility: 'Private' });
    expect(r.status).toBe(204);
    const after = await c.graph('GET', `/groups/${g.id}`);
    expect(after.json).toMatchObject({ displayName: 'Renamed', description: 'New text', visibility: 'Private' });
    const site = await c.graph('GET', `/groups/${g.id}/sites/root`);
    expect(site.json.displayName).toBe('Renamed');
  });

  it('refuses a new mailNickname with a character a create refuses, and keeps the old one', async () => {
    const g = await newGroup(c);
    const r = await c.graph('PATCH', `/groups/${g.id}`, { mailNickname: 'ärende rum' });
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe("Invalid value specified for property 'mailNickname' of resource 'Group'.");
    expect((await c.graph('GET', `/groups/${g.id}?$select=mailNickname`)).json.mailNickname).toBe(g.mailNickname);
  });

  it('adds owners and members by $ref, refusing duplicates', async () => {
    const g = await newGroup(c);
    const add = await c.graph('POST', `/groups/${g.id}/members/$ref`, { '@odata.id': 'https://graph.microsoft.com/v1.0/users/620902dd-32ca-5323-a70f-851759b98649' });
    expect(add.status).toBe(204);
    const again = await c.graph('POST', `/groups/${g.id}/members/$ref`, { '@odata.id': 'https://graph.microsoft.com/v1.0/users/620902dd-32ca-5323-a70f-851759b98649' });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toMatch(/One or more added object references already exist/);
    const owner = await c.graph('POST', `/groups/${g.id}/owners/$ref`, { '@odata.id': 'https://graph.microsoft.com/v1.0/users/maria.karlsson@contoso.onmicrosoft.com' });
    expect(owner.status).toBe(204);
    const unknown = await c.graph('POST', `/groups/${g.id}/owners/$ref`, { '@odata.id': 'https://graph.microsoft.com/v1.0/users/00000000-0000-0000-0000-00000000beef' });
    expect(unknown.status).toBe(404);
    const owners = await c.graph('GET', `/groups/${g.id}/owners?$select=userPrincipalName`);
    expect(owners.json.value.map((o: { userPrincipalName: string }) => o.userPrincipalName).sort()).toEqual(['admin@contoso.onmicrosoft.com', 'maria.karlsson@contoso.onmicrosoft.com']);
    const del = await c.graph('DELETE', `/groups/${g.id}/owners/aa8aad09-2370-5712-a8c4-72b61767c150/$ref`);
    expect(del.status).toBe(204);
  });
});

describe('group queries', () => {
  const prefix = uniq('q');
  const made: { id: string; mailNickname: string; displayName: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      made.push(await newGroup(c, `${prefix}${String(i).padStart(2, '0')}`, { displayName: i % 2 ? `Odd ${prefix} ${i}` : `Even ${prefix} ${i}`, visibility: i % 3 === 0 ? 'Private' : 'Public' }));
    }
    // a security group that is not Unified
    const r = await c.graph('POST', '/groups', { displayName: `Sec ${prefix}`, mailNickname: `${prefix}sec`, mailEnabled: false, securityEnabled: true });
    expect(r.status).toBe(201);
  });

  const q = (filter: string, rest = '', headers: Record<string, string> = {}) => c.graph('GET', `/groups?$filter=${encodeURIComponent(filter)}${rest}`, undefined, headers);
  // ne and not are advanced queries: ConsistencyLevel: eventual and $count=true
  const advanced = { consistencylevel: 'eventual' };

  it('eq on mailNickname (the natural key)', async () => {
    const r = await q(`mailNickname eq '${prefix}07'`);
    expect(r.json.value).toHaveLength(1);
    expect(r.json.value[0].id).toBe(made[7]!.id);
    expect((await q(`mailNickname eq '${prefix}nope'`)).json.value).toEqual([]);
  });

  it('startswith, ne, and/or, groupTypes/any', async () => {
    expect((await q(`startswith(mailNickname,'${prefix}')`, '&$top=999')).json.value).toHaveLength(26);
    expect((await q(`startswith(mailNickname,'${prefix}') and groupTypes/any(c:c eq 'Unified')`, '&$top=999')).json.value).toHaveLength(25);
    expect((await q(`startswith(mailNickname,'${prefix}') and not(groupTypes/any(c:c eq 'Unified'))`, '&$count=true', advanced)).json.value).toHaveLength(1);
    expect((await q(`startswith(mailNickname,'${prefix}') and visibility ne 'Public' and groupTypes/any(c:c eq 'Unified')`, '&$count=true', advanced)).json.value).toHaveLength(9);
    expect((await q(`mailNickname eq '${prefix}01' or mailNickname eq '${prefix}02'`)).json.value).toHaveLength(2);
    expect((await q(`startswith(displayName,'odd ${prefix}')`)).json.value).toHaveLength(12);
  });

  it('string literals with doubled quotes', async () => {
    const g = await newGroup(c, uniq('quote'), { displayName: "O'Brien's team" });
    const r = await q(`displayName eq 'O''Brien''s team'`);
    expect(r.json.value.map((x: { id: string }) => x.id)).toEqual([g.id]);
  });

  it('$select, $top, nextLink paging with $skiptoken, $count', async () => {
    const r = await q(`startswith(mailNickname,'${prefix}')`, '&$select=id,mailNickname&$top=10&$count=true', advanced);
    expect(r.json['@odata.context']).toBe('https://graph.microsoft.com/v1.0/$metadata#groups(id,mailNickname)');
    expect(r.json['@odata.count']).toBe(26);
    expect(r.json.value).toHaveLength(10);
    expect(Object.keys(r.json.value[0]).sort()).toEqual(['id', 'mailNickname']);
    const seen = new Set<string>(r.json.value.map((g: { id: string }) => g.id));
    let next: string | undefined = r.json['@odata.nextLink'];
    expect(next).toMatch(/\$skiptoken=/);
    let pages = 1;
    while (next) {
      const p = await c.graph('GET', graphPath(next));
      expect(p.status).toBe(200);
      for (const g of p.json.value) seen.add(g.id);
      next = p.json['@odata.nextLink'];
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen.size).toBe(26);
  });

  it('default page is 100 and $top above 999 is refused', async () => {
    for (let i = 0; i < 80; i++) await newGroup(c);
    const r = await c.graph('GET', '/groups');
    expect(r.json.value).toHaveLength(100);
    expect(r.json['@odata.nextLink']).toBeTruthy();
    expect((await c.graph('GET', '/groups?$top=1000')).status).toBe(400);
  });

  it('refuses a malformed filter with 400', async () => {
    const r = await q(`mailNickname eq 'unterminated`);
    expect(r.status).toBe(400);
  });
});
