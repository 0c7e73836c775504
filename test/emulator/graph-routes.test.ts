/**
 * The Graph face's route table where its patterns overlap: which route answers, what it answers
 * and under which operation name the stats count the request (`byOperation`, what users and the
 * benchmark read). Pins the order of precedence: `$count` before `{id}` (and `$count` exact),
 * a missing site, list or team answered 404 before a method no route serves is 400, the site
 * routes under a group named `/groups/{id}/sites/root/...`, literal segments before `{id}`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { RouteTable, type GraphRoute } from '../../src/emulator/graph/route-table.ts';
import { GRAPH_TABLE } from '../../src/emulator/graph/routes.ts';
import { groupSite, newGroup, start, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;
let groupId: string;
let listId: string;

beforeAll(async () => {
  ({ t, c } = await start());
  groupId = (await newGroup(c)).id;
  await groupSite(c, groupId);
  expect((await c.graph('PUT', `/groups/${groupId}/team`, {})).status).toBe(201);
  const list = await c.graph('POST', '/sites/root/lists', { displayName: 'Route table list' });
  expect(list.status).toBe(201);
  listId = list.json.id;
});
afterAll(async () => {
  await t?.close();
});

/** The request's answer and the one operation the stats counted it under. */
async function answer(method: string, path: string, body?: unknown): Promise<{ status: number; code?: string; message?: string; op: string }> {
  const before = t.stats().byOperation;
  const r = await c.graph(method, path, body);
  const after = t.stats().byOperation;
  const counted = Object.keys(after).filter((k) => after[k] !== before[k]);
  expect(counted).toHaveLength(1);
  const error = (r.json as { error?: { code: string; message: string } } | undefined)?.error;
  return { status: r.status, code: error?.code, message: error?.message, op: counted[0]! };
}

const missing = '11111111-2222-3333-4444-555555555555';

it('no entry of the table is shadowed by an earlier one (the check finds one that is)', () => {
  expect(GRAPH_TABLE.shadowed().map((s) => `${s.route.method} ${s.route.pattern} <- ${s.by.method} ${s.by.pattern}`)).toEqual([]);
  const ok = () => ({ status: 200, headers: {} });
  const routes: GraphRoute[] = [
    { method: 'GET', pattern: '/groups/{id}', op: null, handler: ok },
    { method: 'GET', pattern: '/groups/$count', op: null, handler: ok },
    { method: '*', pattern: '/users/{...}', op: null, handler: ok },
    { method: 'POST', pattern: '/USERS/{id}/memberOf', op: null, handler: ok },
    { method: 'GET', pattern: '/groups/{id}/owners', op: null, handler: ok },
  ];
  expect(new RouteTable(routes, {}).shadowed().map((s) => s.route.pattern)).toEqual(['/groups/$count', '/USERS/{id}/memberOf']);
});

it('$count is matched before {id}, and only as written', async () => {
  expect(await answer('GET', '/users/$count')).toMatchObject({ op: 'GET /users/$count' });
  expect(await answer('GET', '/users/$COUNT')).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', op: 'GET /users/{id}' });
  expect(await answer('GET', '/groups/$count')).toMatchObject({ op: 'GET /groups/$count' });
});

it('a missing list is 404 before the method is refused; a method no list route serves is 400', async () => {
  expect(await answer('GET', '/sites/root/lists/no-such-list/items')).toMatchObject({ status: 404, code: 'itemNotFound', op: 'GET (error)' });
  expect(await answer('DELETE', '/sites/root/lists/no-such-list')).toMatchObject({ status: 404, code: 'itemNotFound', op: 'DELETE (error)' });
  expect(await answer('DELETE', `/sites/root/lists/${listId}`)).toMatchObject({
    status: 400,
    code: 'invalidRequest',
    message: "Resource not found for the segment 'lists'.",
    op: 'DELETE /sites/{id}/(unknown)',
  });
  expect(await answer('GET', `/sites/root/lists/${listId}/items/999`)).toMatchObject({ status: 404, code: 'itemNotFound', op: 'GET (error)' });
  expect(await answer('GET', `/sites/root/lists/${listId}/columns/Title`)).toMatchObject({ status: 200, op: 'GET /sites/{id}/lists/{id}/columns/{id}' });
  // a content type collection takes GET (and POST on a site), nothing else: 400, never a crash
  expect(await answer('PATCH', '/sites/root/contentTypes', {})).toMatchObject({ status: 400, code: 'invalidRequest', op: 'PATCH /sites/{id}/contentTypes/(unknown)' });
  expect(await answer('GET', '/sites/root/contentTypes/0x0100FFFF/columns')).toMatchObject({ status: 404, op: 'GET /sites/{id}/contentTypes/{id}' });
});

it("the site routes through a group are named under the group's site", async () => {
  expect(await answer('GET', `/groups/${groupId}/sites/root/lists`)).toMatchObject({ status: 200, op: 'GET /groups/{id}/sites/root/lists' });
  expect(await answer('GET', `/groups/${groupId}/sites/root/lists/no-such-list`)).toMatchObject({ status: 404, op: 'GET /groups/{id}/sites/root/...' });
  expect(await answer('GET', `/groups/${missing}/sites/root`)).toMatchObject({ status: 404, code: 'Request_ResourceNotFound', op: 'GET /groups/{id}/sites/root' });
  expect(await answer('POST', `/groups/${groupId}/sites/root/nothing`)).toMatchObject({ status: 400, op: 'POST /groups/{id}/sites/root/(unknown)' });
});

it("a team's content: a missing team is 404 for any method; keys in the Location syntax; no 500 for a method no route serves", async () => {
  expect(await answer('GET', `/teams/${missing}/channels`)).toMatchObject({ status: 404, code: 'NotFound', op: 'GET /teams/{id}/channels' });
  expect(await answer('DELETE', `/teams/${missing}/primaryChannel`)).toMatchObject({ status: 404, code: 'NotFound', op: 'DELETE /teams/{id}/primarychannel' });
  expect(await answer('GET', `/teams('${groupId}')`)).toMatchObject({ status: 200, op: 'GET /teams/{id}' });
  expect(await answer('GET', `/teams/${groupId}/channels/no-such-channel/tabs`)).toMatchObject({ status: 404, op: 'GET /teams/{id}/channels/{id}' });
  expect(await answer('PATCH', `/teams/${groupId}/channels`, {})).toMatchObject({ status: 400, code: 'BadRequest', op: 'PATCH (unknown)' });
});

it('literal segments before {id}; read-only labels; unknown paths name their first segment', async () => {
  expect(await answer('GET', '/directory/deletedItems/microsoft.graph.group')).toMatchObject({ status: 200, op: 'GET /directory/deletedItems/microsoft.graph.group' });
  expect(await answer('DELETE', '/directory/deletedItems/microsoft.graph.group')).toMatchObject({ status: 404, op: 'DELETE /directory/deletedItems/{id}' });
  expect(await answer('POST', '/security/dataSecurityAndGovernance/sensitivityLabels', {})).toMatchObject({ status: 405, op: 'POST (error)' });
  expect(await answer('GET', '/nothingHere/x')).toMatchObject({ status: 400, message: "Resource not found for the segment 'nothingHere'.", op: 'GET (unknown)' });
});
