/**
 * Throttling as documented by Microsoft, seen from the client over HTTP: SharePoint resource units
 * by licence band, RateLimit-* headers from 80 %, 429 + Retry-After (seconds, decimals, HTTP date),
 * longer waits and a block for callers that ignore Retry-After, Entra and Teams limits, throttled
 * $batch sub-requests, and the compressed clock.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig, sharePointBand } from '../../src/emulator/config.ts';
import type { LocalTenantOptions } from '../../src/emulator/index.ts';
import { groupSite, newGroup, tenantPerTest, uniq } from './helpers.ts';

const tenant = tenantPerTest();

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A tenant with the throttle on and a SharePoint minute budget of `perMinute` RU; a group site to read. */
async function spTenant(perMinute: number, extra: Omit<LocalTenantOptions, 'stateDir'> = {}) {
  const { t, c } = await tenant({ throttle: { sharepoint: { perMinute } }, ...extra });
  const g = await newGroup(c, uniq('thr'));
  const site = await groupSite(c, g.id); // 1 RU
  return { t, c, site };
}

describe('SharePoint resource units', () => {
  it('budgets follow the licence bands', () => {
    expect(sharePointBand(500)).toEqual({ perMinute: 1_250, perDay: 1_200_000, tenantPer5Min: 18_750 });
    expect(sharePointBand(3_000)).toEqual({ perMinute: 2_500, perDay: 2_400_000, tenantPer5Min: 37_500 });
    expect(sharePointBand(10_000)).toEqual({ perMinute: 3_750, perDay: 3_600_000, tenantPer5Min: 56_250 });
    expect(sharePointBand(20_000)).toEqual({ perMinute: 5_000, perDay: 4_800_000, tenantPer5Min: 75_000 });
    expect(sharePointBand(60_000)).toEqual({ perMinute: 6_250, perDay: 6_000_000, tenantPer5Min: 93_750 });
    const cfg = resolveConfig({ profile: 'realistic', licences: 12_000 }, 121);
    expect(cfg.throttle.enabled).toBe(true);
    expect(cfg.throttle.sharepoint.perMinute).toBe(3_750);
    expect(cfg.throttle.entra.per10s).toBe(5_000); // 121 users: a medium tenant
    expect(resolveConfig({}, 121).throttle.enabled).toBe(false); // instant by default
  });

  it('a band is enforced over HTTP: the app gets 429 once its minute budget is spent', async () => {
    const { t, c } = await tenant({ licences: 500 });
    // instant profile: no throttle even far beyond the budget
    expect(t.config.throttle.enabled).toBe(false);
    const { t: t2 } = await tenant({ profile: 'realistic', latency: false, licences: 500, async: { groupSite: { medianMs: 0 } } });
    expect(t2.config.throttle.sharepoint.perMinute).toBe(1_250);
    void c;
  });

  it('charges 1 RU per single-item read and 2 per list or write; RateLimit headers from 80 %; then 429 with Retry-After', async () => {
    const { t, c, site } = await spTenant(20);
    for (let i = 0; i < 14; i++) {
      const r = await c.graph('GET', `/sites/${site.id}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('ratelimit-limit')).toBeNull();
    }
    // 15 RU used; a list read costs 2 -> 17 RU = 85 %
    const r = await c.graph('GET', `/sites/${site.id}/lists`);
    expect(r.status).toBe(200);
    expect(r.headers.get('ratelimit-limit')).toBe('20');
    expect(r.headers.get('ratelimit-remaining')).toBe('3');
    expect(Number(r.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    // a write costs 2 -> 19; a SharePoint REST write costs 3 -> 22: over
    expect((await c.graph('PATCH', `/sites/${site.id}/lists/Documents`, { description: 'x' })).status).toBe(200);
    const over = await c.sp('POST', `${site.path}/_api/web/lists`, { Title: 'Over', BaseTemplate: 100 });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.headers.get('ratelimit-remaining')).toBe('0');
    const s = t.stats();
    expect(s.throttled.byScope.sharepoint).toBe(1);
    expect(s.resourceUnits.spent['sharepoint.minute']).toBe(22);
    // the throttled write did not happen
    expect((await c.sp('GET', `${site.path}/_api/web/lists/getbytitle('Over')`)).status).not.toBe(200);
  });

  it('Retry-After can be seconds, decimals or an HTTP date', async () => {
    for (const fmt of ['seconds', 'decimal', 'http-date'] as const) {
      const { c, site } = await spTenant(2, { retryAfterFormat: fmt, timeScale: 100 });
      await c.graph('GET', `/sites/${site.id}`);
      const r = await c.graph('GET', `/sites/${site.id}`);
      expect(r.status).toBe(429);
      expect(r.json.error.code).toBe('activityLimitReached');
      const ra = r.headers.get('retry-after')!;
      // Whole simulated seconds, announced as the real time they last (at 100x, 60 s is 0.6).
      if (fmt === 'seconds') expect(Number.isInteger(Math.round(Number(ra) * 100 * 1000) / 1000) && Number(ra) >= 0.01).toBe(true);
      if (fmt === 'decimal') {
        expect(ra).toMatch(/^\d+(\.\d+)?$/);
        expect(Number(ra)).toBeLessThanOrEqual(0.6); // a simulated minute at 100x
      }
      if (fmt === 'http-date') {
        expect(ra).toMatch(/GMT$/);
        expect(Date.parse(ra)).toBeGreaterThan(Date.now() - 1000);
      }
    }
  });

  it('the compressed clock shortens every wait: after the announced Retry-After the app may call again', async () => {
    const { t, c, site } = await spTenant(3, { retryAfterFormat: 'decimal', timeScale: 200 });
    await c.graph('GET', `/sites/${site.id}`);
    await c.graph('GET', `/sites/${site.id}`);
    const r = await c.graph('GET', `/sites/${site.id}`);
    expect(r.status).toBe(429);
    const wait = Number(r.headers.get('retry-after'));
    expect(wait).toBeLessThanOrEqual(0.3); // 60 simulated s / 200
    await sleep(wait * 1000 + 20);
    expect((await c.graph('GET', `/sites/${site.id}`)).status).toBe(200);
    const s = t.stats();
    expect(s.retryAfterViolations).toBe(0);
    expect(s.simulatedElapsedMs).toBeGreaterThan(s.realElapsedMs * 100);
  });

  it('callers that ignore Retry-After get longer waits, then are blocked (503 for every call)', async () => {
    const { t, c, site } = await spTenant(2, { throttle: { sharepoint: { perMinute: 2 }, blockAfterViolations: 3, blockMs: 120_000 }, retryAfterFormat: 'decimal', timeScale: 10 });
    await c.graph('GET', `/sites/${site.id}`);
    const first = await c.graph('GET', `/sites/${site.id}`);
    expect(first.status).toBe(429);
    const w1 = Number(first.headers.get('retry-after'));
    await sleep(80); // past the grace for requests already on the wire, long before Retry-After
    const second = await c.graph('GET', `/sites/${site.id}`);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(w1);
    await sleep(80);
    expect((await c.graph('GET', `/sites/${site.id}`)).status).toBe(429);
    await sleep(80);
    const blocked = await c.graph('GET', `/sites/${site.id}/lists`);
    expect(blocked.status).toBe(503);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(11); // 120 s simulated at 10x
    expect((await c.sp('GET', `${site.path}/_api/web`)).status).toBe(503);
    // Entra is another scope: not blocked
    expect((await c.graph('GET', '/users?$top=1')).status).toBe(200);
    const s = t.stats();
    expect(s.retryAfterViolations).toBe(3);
    expect(s.blocked.periods).toBe(1);
    expect(s.blocked.responses).toBeGreaterThanOrEqual(2);
  });
});

describe('Entra ID and Teams limits', () => {
  it('Entra: resource units per 10 s and writes per 150 s per app, with x-ms-* headers', async () => {
    const { t, c } = await tenant({ throttle: { entra: { per10s: 6, writesPer150s: 2 }, sharepoint: { perMinute: 10_000 } } });
    const a = await c.graph('POST', '/groups', { displayName: 'A', mailNickname: uniq('ea'), mailEnabled: false, securityEnabled: true });
    expect(a.status).toBe(201);
    expect(a.headers.get('x-ms-resource-unit')).toBe('1');
    expect((await c.graph('POST', '/groups', { displayName: 'B', mailNickname: uniq('eb'), mailEnabled: false, securityEnabled: true })).status).toBe(201);
    const w = await c.graph('POST', '/groups', { displayName: 'C', mailNickname: uniq('ec'), mailEnabled: false, securityEnabled: true });
    expect(w.status).toBe(429);
    expect(w.headers.get('x-ms-throttle-information')).toBe('WriteLimitExceeded');
    expect(w.headers.get('x-ms-throttle-scope')).toMatch(/^Tenant_Application\/Write\//);
    expect(w.json.error.code).toBe('Request_ThrottledTemporarily');
    expect(Number(w.headers.get('retry-after'))).toBeGreaterThan(100); // the 150 s window
    expect(t.stats().throttled.byScope.entra).toBe(1);
  });

  it('Entra: a GET /users costs 2 RU (1 with $select), the 10 s budget runs out', async () => {
    const { c } = await tenant({ throttle: { entra: { per10s: 5 } } });
    const r1 = await c.graph('GET', '/users');
    expect(r1.headers.get('x-ms-resource-unit')).toBe('2');
    const r2 = await c.graph('GET', '/users?$select=id');
    expect(r2.headers.get('x-ms-resource-unit')).toBe('1');
    expect((await c.graph('GET', '/users')).status).toBe(200); // 5
    const r4 = await c.graph('GET', '/users/admin@contoso.onmicrosoft.com'); // 6 > 5
    expect(r4.status).toBe(429);
    expect(r4.headers.get('x-ms-throttle-information')).toBe('ResourceUnitLimitExceeded');
  });

  // Two tests, two tenants: after a 429 the app must wait out its Retry-After before its next
  // Teams request (or it is a violation, 429 again), so the second window is not tested behind the first.
  it('Teams: POST /teams per second, per app per tenant', async () => {
    const { t, c } = await tenant({ throttle: { teams: { createPerSecond: 2, putTeamPerSecond: 1 } } });
    const body = (n: string) => ({
      'template@odata.bind': "https://graph.microsoft.com/v1.0/teamsTemplates('standard')",
      displayName: n,
      members: [{ '@odata.type': '#microsoft.graph.aadUserConversationMember', roles: ['owner'], 'user@odata.bind': "https://graph.microsoft.com/v1.0/users('admin@contoso.onmicrosoft.com')" }],
    });
    expect((await c.graph('POST', '/teams', body(uniq('T')))).status).toBe(202);
    expect((await c.graph('POST', '/teams', body(uniq('T')))).status).toBe(202);
    const third = await c.graph('POST', '/teams', body(uniq('T')));
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('TooManyRequests');
    expect(t.stats().throttled.byScope.teams).toBe(1);
  });

  it('Teams: PUT /groups/{id}/team per second, per app per tenant', async () => {
    const { t, c } = await tenant({ throttle: { teams: { createPerSecond: 2, putTeamPerSecond: 1 } } });
    const g1 = await newGroup(c);
    const g2 = await newGroup(c);
    expect((await c.graph('PUT', `/groups/${g1.id}/team`, {})).status).toBe(201);
    const second = await c.graph('PUT', `/groups/${g2.id}/team`, {});
    expect(second.status).toBe(429);
    expect(second.json.error.code).toBe('TooManyRequests');
    expect(t.stats().throttled.byScope.teams).toBe(1);
  });

  it("Teams: listing a team's channels or members has a window of its own (60/s documented), other GETs theirs", async () => {
    const { t, c } = await tenant({ throttle: { teams: { listPerSecond: 2, otherPerSecond: 1, perTeamPerSecond: 100 } } });
    const g = await newGroup(c);
    expect((await c.graph('PUT', `/groups/${g.id}/team`, {})).status).toBe(201);
    expect((await c.graph('GET', `/teams/${g.id}`)).status).toBe(200); // the other calls' 1
    // the listings' own 2, though the other calls' window is full
    expect((await c.graph('GET', `/teams/${g.id}/channels?$select=id`)).status).toBe(200);
    expect((await c.graph('GET', `/teams/${g.id}/members`)).status).toBe(200);
    const third = await c.graph('GET', `/teams/${g.id}/channels`);
    expect(third.status).toBe(429);
    expect(third.json.error.code).toBe('TooManyRequests');
    expect(t.stats().throttled.byScope.teams).toBe(1);
  });

  it('Teams: a read of one channel is no listing: it spends the other calls\' window', async () => {
    const { c } = await tenant({ throttle: { teams: { listPerSecond: 5, otherPerSecond: 1, perTeamPerSecond: 100 } } });
    const g = await newGroup(c);
    expect((await c.graph('PUT', `/groups/${g.id}/team`, {})).status).toBe(201);
    expect((await c.graph('GET', `/teams/${g.id}/primaryChannel`)).status).toBe(200);
    expect((await c.graph('GET', `/teams/${g.id}`)).status).toBe(429);
  });

  it('Teams: at most 4 requests per second on one team', async () => {
    const { c } = await tenant({ throttle: { teams: { perTeamPerSecond: 4 } } });
    const g = await newGroup(c);
    expect((await c.graph('PUT', `/groups/${g.id}/team`, {})).status).toBe(201); // 1
    for (let i = 0; i < 3; i++) expect((await c.graph('GET', `/teams/${g.id}`)).status).toBe(200);
    expect((await c.graph('GET', `/teams/${g.id}`)).status).toBe(429);
  });
});

describe('JSON $batch', () => {
  it('each sub-request is throttled on its own: a 429 inside a 200', async () => {
    const { t, c, site } = await spTenant(4);
    const requests = Array.from({ length: 5 }, (_, i) => ({ id: String(i + 1), method: 'GET', url: `/sites/${site.id}` }));
    const r = await c.graph('POST', '/$batch', { requests });
    expect(r.status).toBe(200);
    const byId = Object.fromEntries((r.json.responses as { id: string; status: number; headers: Record<string, string> }[]).map((x) => [x.id, x]));
    expect(byId['1']!.status).toBe(200);
    expect(byId['3']!.status).toBe(200);
    expect(byId['3']!.headers['RateLimit-Remaining']).toBe('0');
    expect(byId['4']!.status).toBe(429);
    expect(Number(byId['4']!.headers['Retry-After'])).toBeGreaterThan(0);
    expect(t.stats().throttled.byScope.sharepoint).toBe(2);
  });

  it('the stats book SharePoint RU by operation: each sub-request under its own, a throttled one as throttled, Entra and Teams not at all', async () => {
    const { t, c, site } = await spTenant(6); // 1 RU: GET /groups/{id}/sites/root
    const requests = [
      { id: '1', method: 'GET', url: `/sites/${site.id}` }, // 1
      { id: '2', method: 'GET', url: `/sites/${site.id}/lists` }, // 2
      { id: '3', method: 'GET', url: '/users?$top=1' }, // Entra
    ];
    expect((await c.graph('POST', '/$batch', { requests })).status).toBe(200);
    expect((await c.sp('GET', `${site.path}/_api/web/sitegroups`)).status).toBe(200); // 2: 6 of 6
    expect((await c.sp('GET', `${site.path}/_api/web/sitegroups`)).status).toBe(429); // 2, charged
    const by = t.stats().resourceUnits.sharepointByOperation;
    expect(by).toEqual({
      'GET /groups/{id}/sites/root': { requests: 1, ru: 1 },
      'GET /sites/{id}': { requests: 1, ru: 1 },
      'GET /sites/{id}/lists': { requests: 1, ru: 2 },
      'SP GET web/sitegroups': { requests: 1, ru: 2 },
      'GET (throttled)': { requests: 1, ru: 2 },
    });
    const total = Object.values(by).reduce((a, v) => a + v.ru, 0);
    expect(total).toBe(t.stats().resourceUnits.spent['sharepoint.minute']);
  });

  it('at most 20 requests, unique ids, dependsOn with 424 for dependents', async () => {
    const { c } = await tenant({});
    const many = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: '/users?$top=1' }));
    expect((await c.graph('POST', '/$batch', { requests: many })).status).toBe(400);
    const dup = [{ id: '1', method: 'GET', url: '/users?$top=1' }, { id: '1', method: 'GET', url: '/users?$top=1' }];
    expect((await c.graph('POST', '/$batch', { requests: dup })).status).toBe(400);
    const nick = uniq('dep');
    const r = await c.graph('POST', '/$batch', {
      requests: [
        { id: '1', method: 'GET', url: '/groups/00000000-0000-0000-0000-000000000000' },
        { id: '2', method: 'POST', url: '/groups', dependsOn: ['1'], headers: { 'Content-Type': 'application/json' }, body: { displayName: 'x', mailNickname: nick, mailEnabled: false, securityEnabled: true } },
        { id: '3', method: 'GET', url: '/users?$top=1' },
        { id: '4', method: 'GET', url: '/users?$top=1', dependsOn: ['2'] },
      ],
    });
    expect(r.status).toBe(200);
    const st = Object.fromEntries((r.json.responses as { id: string; status: number }[]).map((x) => [x.id, x.status]));
    expect(st).toEqual({ '1': 404, '2': 424, '3': 200, '4': 424 });
    expect((await c.graph('GET', `/groups?$filter=mailNickname eq '${nick}'`)).json.value).toHaveLength(0);
  });
});

describe('latency', () => {
  it('reads and writes take their configured time (simulated, then compressed)', async () => {
    const { c } = await tenant({ latency: { read: { medianMs: 400, sigma: 0 }, write: { medianMs: 800, sigma: 0 } }, timeScale: 4 });
    let t0 = Date.now();
    expect((await c.graph('GET', '/users?$top=1')).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(90);
    t0 = Date.now();
    await newGroup(c);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190);
  });
});

describe('SharePoint minute windows in the stats', () => {
  it('each closed window is kept with what it counted and the pause before the next one opened', async () => {
    // 1,000x: a simulated minute lasts 60 ms
    const { t, c, site } = await spTenant(1_000, { timeScale: 1_000 });
    for (let i = 0; i < 3; i++) expect((await c.graph('GET', `/sites/${site.id}`)).status).toBe(200);
    await sleep(150); // the window closes; the next read opens the next one after a pause
    expect((await c.graph('GET', `/sites/${site.id}`)).status).toBe(200);
    const windows = t.stats().resourceUnits.sharepointMinuteWindows;
    expect(windows).toHaveLength(1);
    // the group site read and the three reads: 1 RU each
    expect(windows[0]!.used).toBe(4);
    expect(windows[0]!.idleAfterMs).toBeGreaterThan(30_000);
    expect(t.stats().resourceUnits.buckets['sharepoint.minute']!.used).toBe(1);
  });
});
