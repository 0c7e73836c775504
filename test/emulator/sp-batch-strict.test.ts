/**
 * SharePoint REST `$batch` as strict as the service ("Make batch requests with the REST APIs"):
 * the URLs inside must target the batch's own site (a part on another site is refused, not run),
 * at most 100 requests a batch; and a fault meets a part as it would the request alone (a reset
 * drops the batch's connection after the parts before it ran). The bodies are written here by
 * hand, not by the engine's batcher, so that a misreading shared by both sides cannot hide.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { LocalTenant } from '../../src/emulator/index.ts';
import { batchOf, groupSite, newGroup, start, statusesOf, type Client } from './helpers.ts';

let t: LocalTenant;
let c: Client;

beforeAll(async () => {
  ({ t, c } = await start());
});
afterAll(async () => {
  await t?.close();
});

async function listTitles(path: string): Promise<string[]> {
  const r = await c.sp('GET', `${path}/_api/web/lists?$select=Title`, undefined, { accept: 'application/json;odata=nometadata' });
  return (r.json.value as { Title: string }[]).map((l) => l.Title);
}

it("a part on another site than the batch's is refused and not run; the batch's own part runs", async () => {
  const g = await newGroup(c);
  const site = await groupSite(c, g.id);
  const host = `https://${t.sharepointHost}`;
  const { body, contentType } = batchOf([
    ['POST', `${host}/_api/web/lists`, { Title: 'Batch own', BaseTemplate: 100 }],
    ['POST', `${host}${site.path}/_api/web/lists`, { Title: 'Batch other', BaseTemplate: 100 }],
  ]);
  const r = await c.sp('POST', '/_api/$batch', body, { 'content-type': contentType });
  expect(r.status).toBe(200);
  expect(statusesOf(r.text)).toEqual([201, 400]);
  expect(r.text).toContain('must target the same site');
  expect(await listTitles('')).toContain('Batch own');
  expect(await listTitles(site.path)).not.toContain('Batch other');
});

it('a batch of more than 100 requests is refused whole, and none of it runs', async () => {
  const host = `https://${t.sharepointHost}`;
  const { body, contentType } = batchOf(Array.from({ length: 101 }, (_, i): [string, string, unknown] => ['POST', `${host}/_api/web/lists`, { Title: `Many ${i}`, BaseTemplate: 100 }]));
  const r = await c.sp('POST', '/_api/$batch', body, { 'content-type': contentType });
  expect(r.status).toBe(400);
  expect(r.text).toContain('at most 100');
  expect((await listTitles('')).filter((title) => title.startsWith('Many '))).toEqual([]);
});
