/**
 * The local tenant's statistics by operation stay bounded whatever a client sends: an operation
 * name is built from the request (SharePoint's path segments, the X-HTTP-Method override), so a
 * client that varies them must not grow the stats without limit. And the bytes it answers are
 * counted as the client reads them.
 */
import { expect, it } from 'vitest';
import { MAX_OPERATION_NAMES, OTHER_OPERATIONS } from '../../src/emulator/operation-names.ts';
import { groupSite, newGroup, tenantPerTest, uniq } from './helpers.ts';

const tenant = tenantPerTest();

it('distinct crafted SharePoint paths and method overrides do not grow the operation stats without limit', async () => {
  const { t, c } = await tenant({ throttle: { sharepoint: { perMinute: 1_000_000 } } });
  const site = await groupSite(c, (await newGroup(c, uniq('ops'))).id);
  for (let i = 0; i < 1200; i++) {
    if (i % 2 === 0) await c.sp('GET', `${site.path}/_api/web/nosuch${i}`);
    else await c.sp('POST', `${site.path}/_api/web`, undefined, { 'x-http-method': `M${i}` });
  }
  const stats = t.stats();
  // On the old code: 1,203 names in each, one per crafted request.
  expect(Object.keys(stats.byOperation).length).toBe(MAX_OPERATION_NAMES);
  expect(Object.keys(stats.resourceUnits.sharepointByOperation).length).toBe(MAX_OPERATION_NAMES);
  // Nothing is lost: every request is still counted, the ones past the bound together.
  expect(Object.values(stats.byOperation).reduce((a, n) => a + n, 0)).toBe(stats.requests);
  expect(stats.byOperation[OTHER_OPERATIONS]).toBeGreaterThan(600);
  const ru = Object.values(stats.resourceUnits.sharepointByOperation).reduce((a, v) => a + v.ru, 0);
  expect(ru).toBe(stats.resourceUnits.spent['sharepoint.minute']);
}, 120_000);

it("counts the bytes of the answers' bodies it sends, a $batch answer whole", async () => {
  const { t, c } = await tenant();
  const site = await groupSite(c, (await newGroup(c, uniq('bytes'))).id);
  let before = t.stats().responseBytes;
  const columns = await c.graph('GET', `/sites/${site.id}/columns`);
  expect(columns.status).toBe(200);
  expect(t.stats().responseBytes - before).toBe(Buffer.byteLength(columns.text));
  before = t.stats().responseBytes;
  const batch = await c.graph('POST', '/$batch', { requests: [{ id: '1', method: 'GET', url: `/sites/${site.id}/columns` }, { id: '2', method: 'GET', url: `/sites/${site.id}/lists` }] });
  expect(batch.status).toBe(200);
  expect(batch.json.responses).toHaveLength(2);
  expect(t.stats().responseBytes - before).toBe(Buffer.byteLength(batch.text));
});
