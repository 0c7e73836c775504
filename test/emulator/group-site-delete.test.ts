/**
 * What CLI for Microsoft 365's `entra m365group remove` calls, from the client's side: the
 * group's drive (`GET /groups/{id}/drive`, whose webUrl leads to the group's site) and
 * `POST _api/GroupSiteManager/Delete` on the admin host, which deletes the site with its group.
 */
import { describe, expect, it } from 'vitest';
import { certificateToken, groupSite, newGroup, tenantPerTest } from './helpers.ts';

const tenant = tenantPerTest();

describe('group drive and GroupSiteManager/Delete', () => {
  it("GET /groups/{id}/drive is the group site's Documents library; $select applies", async () => {
    const { c } = await tenant();
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const d = await c.graph('GET', `/groups/${g.id}/drive`);
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ driveType: 'documentLibrary', name: 'Documents', webUrl: `${site.webUrl}/Shared%20Documents`, owner: { group: { id: g.id } } });
    expect(d.json.id).toMatch(/^b![A-Za-z0-9_-]{64}$/);
    const sel = await c.graph('GET', `/groups/${g.id}/drive?$select=webUrl`);
    expect(Object.keys(sel.json).filter((k) => !k.startsWith('@'))).toEqual(['webUrl']);
    expect((await c.graph('GET', '/groups/00000000-0000-0000-0000-000000000001/drive')).status).toBe(404);
  });

  it('GroupSiteManager/Delete on the admin host deletes the site and its group; a site without a group is refused', async () => {
    const { t, c } = await tenant();
    const g = await newGroup(c);
    const site = await groupSite(c, g.id);
    const token = (await certificateToken(t, `https://${t.sharepointHost.replace('.sharepoint.com', '-admin.sharepoint.com')}/.default`)).json.access_token as string;
    const admin = (siteUrl: string) =>
      fetch(`${t.url}/_api/GroupSiteManager/Delete?siteUrl='${encodeURIComponent(siteUrl)}'`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json;odata=nometadata', 'x-forwarded-host': t.sharepointHost.replace('.sharepoint.com', '-admin.sharepoint.com') },
      });
    const r = await admin(site.webUrl);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ 'odata.null': true });
    expect((await c.graph('GET', `/groups/${g.id}`)).status).toBe(404);
    expect((await c.graph('GET', `/directory/deletedItems/${g.id}`)).json.mailNickname).toBe(g.mailNickname);
    expect((await c.sp('GET', `${site.path}/_api/web`)).status).toBe(404);
    const root = await admin(`https://${t.sharepointHost}`);
    expect(root.status).toBe(400);
    expect(((await root.json()) as { 'odata.error': { code: string } })['odata.error'].code).toContain('ArgumentException');
  });
});
