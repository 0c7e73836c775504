/**
 * Time, async work, soft delete, faults and auth, from the client's side: team operations that go
 * notStarted -> inProgress -> succeeded, PUT team 404 while the group is young, a group site that
 * appears later, SPSiteManager status 1 -> 2, deleted names that stay taken, every fault kind
 * (commit-then-lose included) from a plan and a file, client assertions and missing roles.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { newGroup, tempDir, tenantPerTest, uniq, type Client } from './helpers.ts';

const tenant = tenantPerTest();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fixed = (medianMs: number) => ({ medianMs, sigma: 0, maxMs: medianMs });
const teamBody = (name: string, extra: Record<string, unknown> = {}) => ({
  'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')",
  displayName: name,
  description: 'd',
  members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': "https://graph.microsoft.com/v1.0/users('admin@contoso.onmicrosoft.com')" }],
  ...extra,
});

describe('Teams: asynchronous creation', () => {
  it('POST /teams answers 202 + Location; the operation goes notStarted -> inProgress -> succeeded; the team 404s briefly after', async () => {
    // simulated 20 s + 40 s + 60 s at 100x: 200 ms, 400 ms, 600 ms
    const { c } = await tenant({ timeScale: 100, async: { teamStart: fixed(20_000), teamRun: fixed(40_000), teamVisibleAfter: fixed(60_000) } });
    const r = await c.graph('POST', '/teams', teamBody(uniq('Async team')));
    expect(r.status).toBe(202);
    const loc = r.headers.get('location')!;
    expect(loc).toMatch(/^\/teams\('[0-9a-f-]{36}'\)\/operations\('[0-9a-f-]{36}'\)$/);
    expect(r.headers.get('content-location')).toMatch(/^\/teams\('/);
    expect(r.text).toBe('');
    const teamId = /teams\('([^']+)'\)/.exec(loc)![1]!;
    const poll = async () => (await c.graph('GET', loc)).json as { status: string; targetResourceId: string; operationType: string };
    expect((await poll()).status).toBe('notStarted');
    await sleep(300);
    expect((await poll()).status).toBe('inProgress');
    await sleep(400);
    const done = await poll();
    expect(done).toMatchObject({ status: 'succeeded', targetResourceId: teamId, operationType: 'createTeam' });
    expect((await c.graph('GET', `/teams/${teamId}`)).status).toBe(404);
    await sleep(650);
    const team = await c.graph('GET', `/teams/${teamId}`);
    expect(team.status).toBe(200);
    expect(team.json).toMatchObject({ id: teamId, isArchived: false, memberSettings: { allowCreateUpdateChannels: true } });
    expect((await c.graph('GET', `/groups/${teamId}`)).json.resourceProvisioningOptions).toEqual(['Team']);
  });

  it('POST /teams with group@odata.bind teamifies an existing group; a failed operation leaves no team', async () => {
    const { c } = await tenant({ async: { teamFailRate: 1 } });
    const g = await newGroup(c);
    const r = await c.graph('POST', '/teams', { 'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')", 'group@odata.bind': `https://graph.microsoft.com/v1.0/groups('${g.id}')` });
    expect(r.status).toBe(202);
    const op = await c.graph('GET', r.headers.get('location')!);
    expect(op.json).toMatchObject({ status: 'failed', operationType: 'teamifyGroup' });
    expect(op.json.error).toMatchObject({ code: expect.any(String) });
    expect((await c.graph('GET', `/teams/${g.id}`)).status).toBe(404);
  });

  it('a group without an owner gets no team (PUT /groups/{id}/team, POST /teams with group@odata.bind): 400, as the service answers', async () => {
    const { c } = await tenant({});
    const g = await newGroup(c, uniq('noowner'), { 'owners@odata.bind': [] });
    expect((await c.graph('GET', `/groups/${g.id}/owners`)).json.value).toEqual([]);
    const put = await c.graph('PUT', `/groups/${g.id}/team`, {});
    expect(put.status).toBe(400);
    expect(put.json.error.message).toBe(`Team owner not found for group ${g.id}.`);
    const post = await c.graph('POST', '/teams', { 'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')", 'group@odata.bind': `https://graph.microsoft.com/v1.0/groups('${g.id}')` });
    expect(post.status).toBe(400);
    expect((await c.graph('GET', `/teams/${g.id}`)).status).toBe(404);
  });

  it('PUT /groups/{id}/team answers 404 while the group is young, then 201; a second PUT is 409', async () => {
    const { c } = await tenant({ async: { groupReplication: fixed(300) } });
    const g = await newGroup(c);
    const young = await c.graph('PUT', `/groups/${g.id}/team`, { memberSettings: { allowCreatePrivateChannels: false } });
    expect(young.status).toBe(404);
    expect(young.json.error.code).toBe('NotFound');
    await sleep(350);
    const ok = await c.graph('PUT', `/groups/${g.id}/team`, { memberSettings: { allowCreatePrivateChannels: false } });
    expect(ok.status).toBe(201);
    expect(ok.json.memberSettings.allowCreatePrivateChannels).toBe(false);
    expect((await c.graph('PUT', `/groups/${g.id}/team`, {})).status).toBe(409);
    expect((await c.graph('PATCH', `/teams/${g.id}`, { funSettings: { allowGiphy: false } })).status).toBe(204);
    expect((await c.graph('GET', `/groups/${g.id}/team`)).json.funSettings.allowGiphy).toBe(false);
  });
});

describe('eventual consistency of sites', () => {
  it("a new group's site appears only after a delay", async () => {
    const { t, c } = await tenant({ timeScale: 100, async: { groupSite: fixed(30_000) } });
    const g = await newGroup(c);
    expect((await c.graph('GET', `/groups/${g.id}/sites/root`)).status).toBe(404);
    expect((await c.sp('GET', `/sites/${g.mailNickname}/_api/web`)).status).toBe(404);
    await sleep(350);
    expect((await c.graph('GET', `/groups/${g.id}/sites/root`)).status).toBe(200);
    expect(t.stats().simulatedElapsedMs).toBeGreaterThan(30_000);
  });

  it('SPSiteManager/create may answer SiteStatus 1; /status gives 2 once the site is ready', async () => {
    const { c } = await tenant({ async: { siteCreateAsyncRate: 1, siteCreate: fixed(300) } });
    const url = `https://contoso.sharepoint.com/sites/${uniq('later')}`;
    const r = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'Later', Url: url, Owner: 'admin@contoso.onmicrosoft.com', WebTemplate: 'SITEPAGEPUBLISHING#0' } });
    expect(r.json.SiteStatus).toBe(1);
    const status = async () => (await c.sp('GET', `/_api/SPSiteManager/status?url='${encodeURIComponent(url)}'`)).json.SiteStatus as number;
    expect(await status()).toBe(1);
    await sleep(350);
    expect(await status()).toBe(2);
  });
});

describe('soft delete', () => {
  it('a deleted group keeps its name until purged; restore brings it back with its site', async () => {
    const { c } = await tenant({});
    const nick = uniq('soft');
    const g = await newGroup(c, nick);
    expect((await c.graph('DELETE', `/groups/${g.id}`)).status).toBe(204);
    expect((await c.graph('GET', `/groups/${g.id}`)).status).toBe(404);
    expect((await c.graph('GET', `/groups?$filter=mailNickname eq '${nick}'`)).json.value).toHaveLength(0);
    expect((await c.graph('GET', `/groups/${g.id}/sites/root`)).status).toBe(404);
    const again = await c.graph('POST', '/groups', { displayName: 'again', mailNickname: nick, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'] });
    expect(again.status).toBe(400);
    expect(again.json.error.message).toBe('Another object with the same value for property mailNickname already exists.');
    const del = await c.graph('GET', `/directory/deletedItems/${g.id}`);
    expect(del.status).toBe(200);
    expect(del.json.deletedDateTime).toMatch(/Z$/);
    expect((await c.graph('GET', '/directory/deletedItems/microsoft.graph.group')).json.value.some((x: { id: string }) => x.id === g.id)).toBe(true);
    // the site URL stays taken too
    const sm = await c.sp('POST', '/_api/SPSiteManager/create', { request: { Title: 'x', Url: `https://contoso.sharepoint.com/sites/${nick}`, Owner: 'admin@contoso.onmicrosoft.com' } });
    expect(sm.json.SiteStatus).toBe(3);
    const restored = await c.graph('POST', `/directory/deletedItems/${g.id}/restore`);
    expect(restored.status).toBe(200);
    expect((await c.graph('GET', `/groups/${g.id}/sites/root`)).status).toBe(200);
    expect((await c.graph('DELETE', `/groups/${g.id}`)).status).toBe(204);
    expect((await c.graph('DELETE', `/directory/deletedItems/${g.id}`)).status).toBe(204);
    expect((await c.graph('GET', `/directory/deletedItems/${g.id}`)).status).toBe(404);
    const fresh = await c.graph('POST', '/groups', { displayName: 'fresh', mailNickname: nick, mailEnabled: true, securityEnabled: false, groupTypes: ['Unified'], 'owners@odata.bind': ['https://graph.microsoft.com/v1.0/users/admin@contoso.onmicrosoft.com'] });
    expect(fresh.status).toBe(201);
  });
});

describe('faults', () => {
  const groupBody = (nick: string) => ({ displayName: nick, mailNickname: nick, mailEnabled: false, securityEnabled: true });
  const exists = async (c: Client, nick: string) => ((await c.graph('GET', `/groups?$filter=mailNickname eq '${nick}'`)).json.value as unknown[]).length === 1;

  it('a scripted plan: the 3rd POST /groups commits and then resets; the next one commits and answers 504', async () => {
    const { t, c } = await tenant({ faults: { plan: [{ request: 'POST /groups', nth: 3, fault: 'commit-then-reset' }, { request: 'POST /groups', nth: 4, fault: 'commit-then-504' }] } });
    const n = [uniq('f1'), uniq('f2'), uniq('f3'), uniq('f4'), uniq('f5')];
    expect((await c.graph('POST', '/groups', groupBody(n[0]!))).status).toBe(201);
    expect((await c.graph('POST', '/groups', groupBody(n[1]!))).status).toBe(201);
    await expect(c.graph('POST', '/groups', groupBody(n[2]!))).rejects.toThrow();
    expect(await exists(c, n[2]!)).toBe(true); // committed although the client saw a reset
    const lost = await c.graph('POST', '/groups', groupBody(n[3]!));
    expect(lost.status).toBe(504);
    expect(await exists(c, n[3]!)).toBe(true);
    expect((await c.graph('POST', '/groups', groupBody(n[4]!))).status).toBe(201);
    expect(t.stats().faults.byKind).toEqual({ 'commit-then-reset': 1, 'commit-then-504': 1 });
  });

  it('faults before the request: 503 and 504 with and without Retry-After, 429, reset; nothing commits', async () => {
    const kinds = ['503', '503-retry-after', '504', '504-retry-after', '429', 'reset'] as const;
    const { t, c } = await tenant({ faults: { plan: kinds.map((fault, i) => ({ request: 'POST /groups', nth: i + 1, fault, retryAfter: 3 })) } });
    for (const k of kinds) {
      const nick = uniq('pre');
      if (k === 'reset') await expect(c.graph('POST', '/groups', groupBody(nick))).rejects.toThrow();
      else {
        const r = await c.graph('POST', '/groups', groupBody(nick));
        expect(r.status).toBe(Number(k.slice(0, 3)));
        expect(r.headers.get('retry-after')).toBe(k.includes('retry-after') || k === '429' ? '3' : null);
      }
      expect(await exists(c, nick)).toBe(false);
    }
    expect(t.stats().faults.total).toBe(6);
  });

  it('rates, from a YAML faults file, restricted to some requests; and at run time', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'faults.yaml');
    fs.writeFileSync(file, 'rates:\n  "503": 1\nratesFor:\n  - GET /users/**\n');
    const { t, c } = await tenant({ faults: file });
    expect((await c.graph('GET', '/users/admin@contoso.onmicrosoft.com')).status).toBe(503);
    expect((await c.graph('GET', '/groups?$top=1')).status).toBe(200);
    t.injectFault({ request: 'GET /groups', fault: '504' });
    expect((await c.graph('GET', '/groups')).status).toBe(504);
    expect((await c.graph('GET', '/groups')).status).toBe(200);
    expect(t.stats().faults.byKind).toEqual({ '503': 1, '504': 1 });
  });

  it('the stats endpoint on the emulator origin reports the same object', async () => {
    const { t, c } = await tenant({ profile: 'realistic', timeScale: 1000 });
    await c.graph('GET', '/users?$top=1');
    expect((await fetch(`${t.url}/_emulator/stats`)).status).toBe(401);
    const s = (await (await fetch(`${t.url}/_emulator/stats`, { headers: { authorization: `Bearer ${t.controlKey}` } })).json()) as ReturnType<LocalTenant['stats']>;
    expect(s.profile).toBe('realistic');
    expect(s.timeScale).toBe(1000);
    expect(s.byOperation['GET /users']).toBe(1);
    expect(s.resourceUnits.spent['entra.10s']).toBeGreaterThan(0);
    expect(s.latency.draws).toBeGreaterThan(0);
    expect(Object.keys(t.stats())).toEqual(Object.keys(s));
  });
});

describe('auth: client assertions and app roles', () => {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  function assertion(key: Parameters<typeof sign>[2], claims: Record<string, unknown>): string {
    const head = b64({ alg: 'RS256', typ: 'JWT' });
    const body = b64(claims);
    return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
  }
  async function tokenWith(t: LocalTenant, form: Record<string, string>) {
    const r = await fetch(`${t.url}/${t.tenantId}/oauth2/v2.0/token`, { method: 'POST', headers: { 'x-forwarded-host': 'login.microsoftonline.com', 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form) });
    return { status: r.status, json: (await r.json()) as Record<string, unknown> };
  }

  it('accepts a certificate-signed client assertion and rejects a wrong key', async () => {
    const good = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const bad = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { t } = await tenant({ clientCertificates: [good.publicKey.export({ type: 'spki', format: 'pem' }).toString()] });
    const now = Math.floor(Date.now() / 1000);
    const claims = { aud: `https://login.microsoftonline.com/${t.tenantId}/oauth2/v2.0/token`, iss: t.clientId, sub: t.clientId, jti: uniq('j'), nbf: now, exp: now + 600 };
    const form = (key: typeof good.privateKey) => ({ grant_type: 'client_credentials', client_id: t.clientId, scope: 'https://graph.microsoft.com/.default', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion(key, claims) });
    const ok = await tokenWith(t, form(good.privateKey));
    expect(ok.status).toBe(200);
    expect(typeof ok.json.access_token).toBe('string');
    const ko = await tokenWith(t, form(bad.privateKey));
    expect(ko.status).toBe(401);
    expect(String(ko.json.error_description)).toMatch(/^AADSTS700027/);
  });

  it('accepts a federated assertion from a configured issuer and subject', async () => {
    const idp = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { t } = await tenant({ federatedCredentials: [{ issuer: 'https://token.actions.githubusercontent.com', subject: 'repo:org/repo:ref:refs/heads/main', publicKeys: [idp.publicKey.export({ type: 'spki', format: 'pem' }).toString()] }] });
    const now = Math.floor(Date.now() / 1000);
    const mk = (sub: string) => assertion(idp.privateKey, { iss: 'https://token.actions.githubusercontent.com', sub, aud: 'api://AzureADTokenExchange', nbf: now, exp: now + 300 });
    const form = (a: string) => ({ grant_type: 'client_credentials', client_id: t.clientId, scope: `https://${t.sharepointHost}/.default`, client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: a });
    expect((await tokenWith(t, form(mk('repo:org/repo:ref:refs/heads/main')))).status).toBe(200);
    const wrong = await tokenWith(t, form(mk('repo:org/other:ref:refs/heads/main')));
    expect(wrong.status).toBe(401);
    expect(String(wrong.json.error_description)).toMatch(/^AADSTS70021/);
  });

  it('a token without the needed role gets the service 403', async () => {
    const { c } = await tenant({ appRoles: { graph: ['User.Read.All'], sharepoint: ['Sites.Read.All'] } });
    expect((await c.graph('GET', '/users?$top=1')).status).toBe(200);
    const g = await c.graph('GET', '/groups');
    expect(g.status).toBe(403);
    expect(g.json.error).toMatchObject({ code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' });
    expect((await c.graph('POST', '/teams', teamBody('x'))).json.error.code).toBe('Forbidden');
    expect((await c.sp('GET', '/_api/web')).status).toBe(200);
    const w = await c.sp('POST', '/_api/web/lists', { Title: 'No', BaseTemplate: 100 });
    expect(w.status).toBe(403);
    expect(w.json['odata.error'].code).toBe('-2147024891, System.UnauthorizedAccessException');
  });
});
