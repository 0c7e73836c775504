/**
 * Directory eventual consistency, from a client's side: with the lag on, a group just created is
 * missing from `$filter` lookups and lists, answers 404 by id for a shorter while, and refuses
 * `$ref` adds (404 while unknown by id, then the documented 400) until each delay has passed on
 * the simulated clock. Its mailNickname is taken at once. Off under `instant` unless set; on
 * under `realistic`; a restart finds every group replicated.
 */
import { expect, test } from 'vitest';
import { resolveConfig } from '../../src/emulator/config.ts';
import { newGroup, start, tempDir, tenantPerTest, uniq } from './helpers.ts';

const startTenant = tenantPerTest();
const ADMIN = 'https://graph.microsoft.com/v1.0/directoryObjects/c0ffe515-403b-58b7-835b-bb7f6a61c163';
const fixed = (ms: number) => ({ medianMs: ms, sigma: 0, maxMs: ms });
const lag = { query: fixed(60_000), byId: fixed(10_000), refs: fixed(30_000) };

test('a new group is missing from lookups, then readable by id, then accepts $ref adds, then is found, as simulated time passes', async () => {
  const { t, c } = await startTenant({ directoryLag: lag });
  const nick = uniq('lag');
  const g = await newGroup(c, nick);
  const lookup = async () => (await c.graph('GET', `/groups?$filter=mailNickname eq '${nick}'&$select=id`)).json.value as { id: string }[];
  const listed = async () => ((await c.graph('GET', '/groups?$top=999&$select=id')).json.value as { id: string }[]).some((x) => x.id === g.id);
  const addMember = () => c.graph('POST', `/groups/${g.id}/members/$ref`, { '@odata.id': ADMIN });

  // 0 s: nowhere yet.
  expect(await lookup()).toEqual([]);
  expect(await listed()).toBe(false);
  const byId = await c.graph('GET', `/groups/${g.id}`);
  expect(byId.status).toBe(404);
  expect(byId.json.error.code).toBe('Request_ResourceNotFound');
  const early = await addMember();
  expect(early.status).toBe(404);
  expect(early.json.error.code).toBe('Request_ResourceNotFound');
  // The name is taken at once: a second create is refused, never a duplicate.
  const again = await c.graph('POST', '/groups', { displayName: 'Again', mailNickname: nick, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
  expect(again.status).toBe(400);
  expect(again.json.error.message).toMatch(/mailNickname already exists/);

  // 10 s: readable by id; $ref adds refused with the documented answer; still not found by $filter.
  t.advanceClock(10_000);
  expect((await c.graph('GET', `/groups/${g.id}?$select=id`)).status).toBe(200);
  const refused = await addMember();
  expect(refused.status).toBe(400);
  expect(refused.json.error.message).toBe('The source resource object or one of the objects being referenced do not exist.');
  const bind = await c.graph('PATCH', `/groups/${g.id}`, { 'members@odata.bind': [ADMIN] });
  expect(bind.status).toBe(400);
  expect(await lookup()).toEqual([]);

  // 30 s: the $ref add succeeds; the lookup still misses.
  t.advanceClock(20_000);
  expect((await addMember()).status).toBe(204);
  expect(await lookup()).toEqual([]);

  // 60 s: found by $filter and in the list.
  t.advanceClock(30_000);
  expect(await lookup()).toEqual([{ id: g.id }]);
  expect(await listed()).toBe(true);
  const members = (await c.graph('GET', `/groups/${g.id}/members?$select=id`)).json.value as { id: string }[];
  expect(members.map((m) => m.id)).toContain('c0ffe515-403b-58b7-835b-bb7f6a61c163');

  // The stats show every kind of answer the lag changed.
  const s = t.stats().directoryLag!;
  expect(s.enabled).toBe(true);
  expect(s.hiddenFromQueries).toBeGreaterThanOrEqual(4);
  expect(s.notFoundById).toBe(2);
  expect(s.refsRefused).toBe(2);
});

test('instant has no lag unless asked; realistic has it; a restart finds every group replicated', async () => {
  expect(resolveConfig({}, 121).directoryLag.enabled).toBe(false);
  expect(resolveConfig({ profile: 'realistic' }, 121).directoryLag.enabled).toBe(true);
  expect(resolveConfig({ directoryLag: 5_000 }, 121).directoryLag.query.medianMs).toBe(5_000);
  expect(() => resolveConfig({ directoryLag: { query: { medianMs: -1 } } }, 121)).toThrow(/directoryLag\.query\.medianMs/);

  const { c } = await startTenant();
  const nick = uniq('nolag');
  const g = await newGroup(c, nick);
  expect((await c.graph('GET', `/groups?$filter=mailNickname eq '${nick}'&$select=id`)).json.value).toEqual([{ id: g.id }]);

  const dir = tempDir();
  const first = await start(dir, { directoryLag: lag });
  const kept = await newGroup(first.c, uniq('kept'));
  expect((await first.c.graph('GET', `/groups?$filter=mailNickname eq '${kept.mailNickname}'`)).json.value).toEqual([]);
  await first.t.close();
  const second = await start(dir, { directoryLag: lag });
  try {
    expect((await second.c.graph('GET', `/groups?$filter=mailNickname eq '${kept.mailNickname}'&$select=id`)).json.value).toEqual([{ id: kept.id }]);
  } finally {
    await second.t.close();
  }
});
