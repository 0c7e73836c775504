/**
 * Advanced queries on directory objects, from a client's side: without `ConsistencyLevel:
 * eventual` (and `$count=true` where the service needs it) the local tenant answers the
 * service's 400s; with them, `$search`, `$count` and `$orderby` work ("Advanced query
 * capabilities on Microsoft Entra ID objects").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { newGroup, start, uniq, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
const EVENTUAL = { ConsistencyLevel: 'eventual' };
const prefix = uniq('aq');
const get = (p: string, headers: Record<string, string> = {}) => c.graph('GET', p, undefined, headers);
const f = (s: string) => encodeURIComponent(s);

beforeAll(async () => {
  ({ t, c } = await start());
  await newGroup(c, `${prefix}a`, { displayName: `${prefix} VideoProduction team`, description: 'Makes films' });
  await newGroup(c, `${prefix}b`, { displayName: `${prefix} Finance`, description: 'Video budget approvals' });
  await newGroup(c, `${prefix}c`, { displayName: `${prefix} Legal` });
});
afterAll(async () => {
  await t?.close();
});

function unsupported(r: { status: number; json: { error: { code: string; message: string } } }, message: string): void {
  expect(r.status).toBe(400);
  expect(r.json.error.code).toBe('Request_UnsupportedQuery');
  expect(r.json.error.message).toBe(message);
}

const operatorMessage = (op: string) =>
  `Operator '${op}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`;

describe('without the advanced query parameters', () => {
  it('the $count segment is refused on /groups and /users', async () => {
    for (const p of ['/groups/$count', '/users/$count']) {
      const r = await get(p);
      expect(r.status).toBe(400);
      expect(r.json.error).toMatchObject({ code: 'Request_BadRequest', message: '$count is not currently supported.' });
    }
  });

  it('?$count=true is ignored: no @odata.count', async () => {
    const r = await get(`/groups?$count=true&$filter=${f(`startswith(mailNickname,'${prefix}')`)}`);
    expect(r.status).toBe(200);
    expect(r.json.value).toHaveLength(3);
    expect(r.json['@odata.count']).toBeUndefined();
  });

  it('$search is refused', async () => {
    unsupported(await get(`/groups?$search=${f('"displayName:Video"')}`), "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'");
  });

  it('endsWith, ne and not are refused, also with the header but without $count=true', async () => {
    unsupported(await get(`/users?$filter=${f("endsWith(mail,'@contoso.onmicrosoft.com')")}`), operatorMessage('endsWith'));
    unsupported(await get(`/groups?$filter=${f("visibility ne 'Public'")}`), operatorMessage('ne'));
    unsupported(await get(`/groups?$filter=${f("not(groupTypes/any(c:c eq 'Unified'))")}`), operatorMessage('not'));
    unsupported(await get(`/groups?$filter=${f("visibility ne 'Public'")}`, EVENTUAL), operatorMessage('ne'));
  });

  it('$filter with $orderby is refused', async () => {
    unsupported(await get(`/groups?$filter=${f(`startswith(mailNickname,'${prefix}')`)}&$orderby=displayName`), 'Sorting not supported for current query.');
  });

  it('$orderby alone on displayName is served by default', async () => {
    const r = await get('/users?$orderby=displayName desc&$top=3&$select=displayName');
    expect(r.status).toBe(200);
    const names = r.json.value.map((u: { displayName: string }) => u.displayName.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });
});

describe('with ConsistencyLevel: eventual', () => {
  it('$search matches tokens of displayName and description, with OR', async () => {
    const r = await get(`/groups?$search=${f('"displayName:video"')}&$select=displayName`, EVENTUAL);
    expect(r.status).toBe(200);
    // "VideoProduction" is two tokens: Video, Production
    expect(r.json.value.map((g: { displayName: string }) => g.displayName)).toEqual([`${prefix} VideoProduction team`]);
    const both = await get(`/groups?$search=${f(`"displayName:${prefix}" AND "description:video"`)}&$select=displayName`, EVENTUAL);
    expect(both.json.value.map((g: { displayName: string }) => g.displayName)).toEqual([`${prefix} Finance`]);
    const either = await get(`/groups?$search=${f(`"displayName:production" OR "description:budget"`)}&$count=true`, EVENTUAL);
    expect(either.json['@odata.count']).toBe(2);
    const none = await get(`/groups?$search=${f('"displayName:ideo"')}`, EVENTUAL);
    expect(none.json.value).toEqual([]);
  });

  it('$search clauses must be quoted and name a searchable property', async () => {
    const r = await get(`/groups?$search=${f('displayName:video')}`, EVENTUAL);
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe('Request_BadRequest');
    const p = await get(`/groups?$search=${f('"visibility:Public"')}`, EVENTUAL);
    expect(p.status).toBe(400);
    expect(p.json.error.code).toBe('Request_UnsupportedQuery');
  });

  it('?$count=true gives @odata.count of all matches, not of the page', async () => {
    const r = await get(`/groups?$count=true&$top=1&$filter=${f(`startswith(mailNickname,'${prefix}')`)}`, EVENTUAL);
    expect(r.json['@odata.count']).toBe(3);
    expect(r.json.value).toHaveLength(1);
  });

  it('/groups/$count answers the count as text/plain, filtered', async () => {
    const r = await get(`/groups/$count?$filter=${f(`startswith(mailNickname,'${prefix}')`)}`, EVENTUAL);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(r.text).toBe('3');
    const users = await get('/users/$count', EVENTUAL);
    expect(Number(users.text)).toBe(121);
  });

  it('ne, not, endsWith and $filter with $orderby work with $count=true', async () => {
    const ne = await get(`/groups?$count=true&$filter=${f(`startswith(mailNickname,'${prefix}') and mailNickname ne '${prefix}a'`)}`, EVENTUAL);
    expect(ne.json.value).toHaveLength(2);
    const not = await get(`/groups?$count=true&$filter=${f(`startswith(mailNickname,'${prefix}') and not(mailNickname eq '${prefix}a')`)}`, EVENTUAL);
    expect(not.json['@odata.count']).toBe(2);
    const ends = await get(`/users?$count=true&$filter=${f("endsWith(userPrincipalName,'admin@contoso.onmicrosoft.com')")}`, EVENTUAL);
    expect(ends.json.value.map((u: { userPrincipalName: string }) => u.userPrincipalName)).toEqual(['admin@contoso.onmicrosoft.com']);
    const sorted = await get(`/groups?$count=true&$orderby=displayName desc&$filter=${f(`startswith(mailNickname,'${prefix}')`)}&$select=displayName`, EVENTUAL);
    expect(sorted.json.value.map((g: { displayName: string }) => g.displayName)).toEqual([`${prefix} VideoProduction team`, `${prefix} Legal`, `${prefix} Finance`]);
  });

  it('endsWith on a property the service does not index for it is refused even in an advanced query', async () => {
    unsupported(await get(`/groups?$count=true&$filter=${f("endsWith(displayName,'team')")}`, EVENTUAL), "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'Group'.");
  });
});
