/**
 * A plan of many new team sites looks their URLs up in one listing of the tenant's sites (tenant
 * admin CSOM, src/kinds/team-site/sites-at-urls.ts), not one Graph read each (issue 12's RU a
 * workspace): past the first DIRECT_FIRST URLs, a URL another site holds is still `?` naming the
 * holder (a communication site, another group's site), a free one is a create, and the apply of
 * the free ones converges. A caller the tenant admin API refuses (an app without
 * Sites.FullControl.All) plans the same from one read of each URL, the recycle bin unread. The
 * recycle bin is looked up the same way: its URLs one each for the first few, then one listing
 * a page at a time.
 * The local tenant's counters show which way each plan went.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { planDesired } from '../../src/engine/plan-blueprint.ts';
import type { Target } from '../../src/tenant/target.ts';
import { DIRECT_FIRST } from '../../src/kinds/shared/url-lookups.ts';
import { LISTED_PAGE } from '../../src/emulator/sharepoint/csom-tenant-sites.ts';
import { DELETED_PAGE } from '../../src/emulator/sharepoint/csom-tenant.ts';
import { openLocalTarget, withLocalTarget } from '../support/apply-run.ts';
import { desiredOf, engineSteps } from '../support/engine-steps.ts';

const anna = 'anna.andersson@contoso.onmicrosoft.com';
/** A Graph read of a URL where no site is (one found is counted as a read by id). */
const URL_READ = 'GET /sites/{hostname}:/{path}';
/** A site's group read from SharePoint (../../src/kinds/shared/site-group.ts). */
const SITE_GROUP_READ = 'SP GET site';

const teams = (name: string, urls: string[]) => `version: 1
name: ${name}
sites:
${urls.map((u) => `  - url: ${u}\n    type: team\n    title: Team ${u.slice(7)}\n    owners: [${anna}]\n`).join('')}`;

const countOf = (t: Target, op: string): number => {
  const s = t.localTenant!.stats();
  return (s.byOperation[op] ?? 0) + (s.batchedByOperation[op] ?? 0);
};
const csomCount = (t: Target): number => {
  const ops = t.localTenant!.stats().byOperation;
  return Object.entries(ops).reduce((n, [op, count]) => n + (/ProcessQuery|client\.svc/i.test(op) ? count : 0), 0);
};

let target: Target;
beforeAll(async () => {
  ({ target } = await openLocalTarget('url-listing'));
});
afterAll(async () => {
  await target?.close();
});

test("past the first few, a plan's new team sites are looked up in one listing of the tenant's sites: held URLs are ? naming the holder, free ones created", async () => {
  const sp = target.client.sp;
  // nine communication sites where team sites will be declared, more than DIRECT_FIRST: at least
  // one of them is found through the listing whatever order the reads take
  const comm = Array.from({ length: DIRECT_FIRST + 1 }, (_, i) => `/sites/lst-c${i}`);
  for (const url of comm) await sp.post('_api/SPSiteManager/create', { request: { Title: `Comm ${url.slice(7)}`, Url: `${sp.origin}${url}`, Lcid: 1033, WebTemplate: 'SITEPAGEPUBLISHING#0', Owner: anna } });
  // another group's site at a declared URL: its group's mailNickname changed since
  await engineSteps(() => target, 'other.yaml').applyAndConverge(teams('lst-other', ['/sites/lst-g']));
  const [group] = (await target.client.graph.get<{ value: { id: string }[] }>("/groups?$filter=mailNickname eq 'lst-g'&$select=id")).value;
  await target.client.graph.patch(`/groups/${group!.id}`, { mailNickname: 'lst-g-old' });

  const free = ['/sites/lst-f0', '/sites/lst-f1'];
  const declared = teams('lst-many', [...comm, '/sites/lst-g', ...free]);
  const groupReadsBefore = countOf(target, SITE_GROUP_READ);
  const csomBefore = csomCount(target);
  const plan = await planDesired(await desiredOf(declared, 'many.yaml'), target.client, target.name);

  for (const url of comm) {
    expect(plan.changes.find((c) => c.address === `site[${url}]`)).toMatchObject({
      action: 'unknown',
      reason: expect.stringMatching(new RegExp(`^${url} is held by a site 'Comm ${url.slice(7)}' that belongs to no Microsoft 365 group .*would get its site at another URL`)),
    });
  }
  expect(plan.changes.find((c) => c.address === 'site[/sites/lst-g]')).toMatchObject({
    action: 'unknown',
    reason: expect.stringContaining(`/sites/lst-g is held by the site 'Team lst-g' of another Microsoft 365 group (${group!.id}, mailNickname 'lst-g-old')`),
  });
  expect(plan.changes.filter((c) => c.action === 'create').map((c) => c.address).sort()).toEqual(free.map((u) => `site[${u}]`));
  // DIRECT_FIRST URLs read one each (a site found so is asked for its group, SharePoint
  // `_api/site`), the rest from the listing (which says the group): ten held, at most eight asked;
  // the listing is a CSOM request on the tenant admin host (a page here), and so is the recycle
  // bin's read of each of the two URLs no live site holds
  expect(countOf(target, SITE_GROUP_READ) - groupReadsBefore).toBeLessThanOrEqual(DIRECT_FIRST);
  expect(csomCount(target) - csomBefore).toBe(1 + 2);

  // the free ones, declared alone, are made and converge
  await engineSteps(() => target, 'many.yaml').applyAndConverge(teams('lst-many', free));
}, 180_000);

test('a caller the tenant admin API refuses plans from one read of each URL, the recycle bin unread', async () => {
  await withLocalTarget('url-listing-refused', async (limited) => {
    const urls = Array.from({ length: DIRECT_FIRST + 3 }, (_, i) => `/sites/lst-r${i}`);
    const readsBefore = countOf(limited, URL_READ);
    const plan = await planDesired(await desiredOf(teams('lst-refused', urls), 'refused.yaml'), limited.client, limited.name);
    expect(plan.changes.filter((c) => c.action === 'create').map((c) => c.address).sort()).toEqual(urls.map((u) => `site[${u}]`).sort());
    expect(plan.summary.unknown).toBe(0);
    expect(countOf(limited, URL_READ) - readsBefore).toBe(urls.length);
  }, { appRoles: { sharepoint: ['Sites.ReadWrite.All'] } });
}, 120_000);

test('a tenant of more sites than a plan asks URLs about: the listing stops after as many pages as URLs asked, and the rest are read one each', async () => {
  await withLocalTarget('url-listing-big', async (big) => {
    const sp = big.client.sp;
    // more pages of sites than the plan has URLs to look up
    const urls = Array.from({ length: DIRECT_FIRST + 2 }, (_, i) => `/sites/lst-b${i}`);
    for (let i = 0; i < LISTED_PAGE * (urls.length + 1); i++) {
      await sp.post('_api/SPSiteManager/create', { request: { Title: `Filler ${i}`, Url: `${sp.origin}/sites/filler-${i}`, Lcid: 1033, WebTemplate: 'SITEPAGEPUBLISHING#0', Owner: anna } });
    }
    const readsBefore = countOf(big, URL_READ);
    const csomBefore = csomCount(big);
    const plan = await planDesired(await desiredOf(teams('lst-big', urls), 'big.yaml'), big.client, big.name);
    expect(plan.changes.filter((c) => c.action === 'create').map((c) => c.address).sort()).toEqual(urls.map((u) => `site[${u}]`).sort());
    // every URL read one each in the end; the listing read fewer pages than URLs were asked; the
    // recycle bin: DIRECT_FIRST URLs read one each, then its listing (one page: it is empty)
    expect(countOf(big, URL_READ) - readsBefore).toBe(urls.length);
    const pages = csomCount(big) - csomBefore - (DIRECT_FIRST + 1);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(urls.length);
  });
}, 180_000);

test("past the first few, a plan's new team sites are looked up in the recycle bin's listing too (a page at a time): URLs deleted sites hold are ? with how to free them", async () => {
  await withLocalTarget('url-listing-recycled', async (bin) => {
    const sp = bin.client.sp;
    // more deleted sites than a page holds; the declared URLs' deleted sites last, on the second page
    const held = ['/sites/lst-d0', '/sites/lst-d1', '/sites/lst-d2'];
    const gone = [...Array.from({ length: DELETED_PAGE - 1 }, (_, i) => `/sites/lst-gone-${i}`), ...held];
    for (const url of gone) {
      const made = await sp.post<{ SiteId: string }>('_api/SPSiteManager/create', { request: { Title: url.slice(7), Url: `${sp.origin}${url}`, Lcid: 1033, WebTemplate: 'SITEPAGEPUBLISHING#0', Owner: anna } });
      await sp.post('_api/SPSiteManager/delete', { siteId: made.SiteId.replace(/[{}]/g, '') });
    }
    const free = Array.from({ length: DIRECT_FIRST + 4 }, (_, i) => `/sites/lst-e${i}`);
    const csomBefore = csomCount(bin);
    const plan = await planDesired(await desiredOf(teams('lst-bin', [...free, ...held]), 'bin.yaml'), bin.client, bin.name);
    for (const url of held) {
      expect(plan.changes.find((c) => c.address === `site[${url}]`)).toMatchObject({
        action: 'unknown',
        reason: expect.stringMatching(new RegExp(`^a site deleted from ${url} is in the tenant's recycle bin .*restored.*removed from there`)),
      });
    }
    expect(plan.changes.filter((c) => c.action === 'create').map((c) => c.address).sort()).toEqual(free.map((u) => `site[${u}]`).sort());
    // fifteen URLs free of live sites: DIRECT_FIRST read one each in the bin, the other seven from
    // its listing (two pages; one read each would have been seven), and the live sites' listing (one page)
    expect(csomCount(bin) - csomBefore).toBe(DIRECT_FIRST + 2 + 1);
  });
}, 180_000);

test('communication sites the same: past the first few not found, the recycle bin is listed once; a refused listing fails their reads, as their admin host is needed', async () => {
  const comms = (name: string, urls: string[]) => `version: 1
name: ${name}
sites:
${urls.map((u) => `  - url: ${u}\n    type: communication\n    title: Comm ${u.slice(7)}\n    owner: ${anna}\n`).join('')}`;
  const urls = Array.from({ length: DIRECT_FIRST + 4 }, (_, i) => `/sites/lst-k${i}`);
  const held = urls.slice(-2);
  await withLocalTarget('url-listing-comm', async (t) => {
    const sp = t.client.sp;
    for (const url of held) {
      const made = await sp.post<{ SiteId: string }>('_api/SPSiteManager/create', { request: { Title: url.slice(7), Url: `${sp.origin}${url}`, Lcid: 1033, WebTemplate: 'SITEPAGEPUBLISHING#0', Owner: anna } });
      await sp.post('_api/SPSiteManager/delete', { siteId: made.SiteId.replace(/[{}]/g, '') });
    }
    const csomBefore = csomCount(t);
    const plan = await planDesired(await desiredOf(comms('lst-comm', urls), 'comm.yaml'), t.client, t.name);
    for (const url of held) expect(plan.changes.find((c) => c.address === `site[${url}]`)).toMatchObject({ action: 'unknown', reason: expect.stringMatching(/is in the tenant's recycle bin/) });
    expect(plan.changes.filter((c) => c.action === 'create')).toHaveLength(urls.length - held.length);
    // DIRECT_FIRST read one each in the bin, the other four from its listing (one page)
    expect(csomCount(t) - csomBefore).toBe(DIRECT_FIRST + 1);
  });
  await withLocalTarget('url-listing-comm-refused', async (t) => {
    const plan = await planDesired(await desiredOf(comms('lst-comm', urls), 'comm.yaml'), t.client, t.name);
    for (const url of urls) expect(plan.changes.find((c) => c.address === `site[${url}]`)).toMatchObject({ action: 'unknown', reason: expect.stringMatching(/403/) });
  }, { appRoles: { sharepoint: ['Sites.ReadWrite.All'] } });
}, 180_000);
